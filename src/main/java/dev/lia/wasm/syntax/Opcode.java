package dev.lia.wasm.syntax;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every instruction opcode of WebAssembly 2.0. {@link #code} is the byte for one-byte opcodes,
 * {@code 0xFC00 | sub} for the 0xFC prefix and {@code 0xFD000 | sub} for the SIMD prefix.
 * Simple instructions carry their type signature, which the validator and the compiler share;
 * instructions whose typing depends on context (control, variables, calls, references, tables)
 * have none and are handled one by one.
 */
public enum Opcode {
    UNREACHABLE(0x0, "unreachable", Imm.NONE, null, 0),
    NOP(0x1, "nop", Imm.NONE, null, 0),
    BLOCK(0x2, "block", Imm.BLOCK, null, 0),
    LOOP(0x3, "loop", Imm.BLOCK, null, 0),
    IF(0x4, "if", Imm.BLOCK, null, 0),
    ELSE(0x5, "else", Imm.NONE, null, 0),
    END(0xB, "end", Imm.NONE, null, 0),
    BR(0xC, "br", Imm.LABEL, null, 0),
    BR_IF(0xD, "br_if", Imm.LABEL, null, 0),
    BR_TABLE(0xE, "br_table", Imm.BR_TABLE, null, 0),
    RETURN(0xF, "return", Imm.NONE, null, 0),
    CALL(0x10, "call", Imm.FUNC, null, 0),
    CALL_INDIRECT(0x11, "call_indirect", Imm.CALL_INDIRECT, null, 0),
    DROP(0x1A, "drop", Imm.NONE, null, 0),
    SELECT(0x1B, "select", Imm.NONE, null, 0),
    SELECT_T(0x1C, "select", Imm.SELECT_T, null, 0),
    LOCAL_GET(0x20, "local.get", Imm.LOCAL, null, 0),
    LOCAL_SET(0x21, "local.set", Imm.LOCAL, null, 0),
    LOCAL_TEE(0x22, "local.tee", Imm.LOCAL, null, 0),
    GLOBAL_GET(0x23, "global.get", Imm.GLOBAL, null, 0),
    GLOBAL_SET(0x24, "global.set", Imm.GLOBAL, null, 0),
    TABLE_GET(0x25, "table.get", Imm.TABLE, null, 0),
    TABLE_SET(0x26, "table.set", Imm.TABLE, null, 0),
    I32_LOAD(0x28, "i32.load", Imm.MEMARG, "i>i", 4),
    I64_LOAD(0x29, "i64.load", Imm.MEMARG, "i>I", 8),
    F32_LOAD(0x2A, "f32.load", Imm.MEMARG, "i>f", 4),
    F64_LOAD(0x2B, "f64.load", Imm.MEMARG, "i>F", 8),
    I32_LOAD8_S(0x2C, "i32.load8_s", Imm.MEMARG, "i>i", 1),
    I32_LOAD8_U(0x2D, "i32.load8_u", Imm.MEMARG, "i>i", 1),
    I32_LOAD16_S(0x2E, "i32.load16_s", Imm.MEMARG, "i>i", 2),
    I32_LOAD16_U(0x2F, "i32.load16_u", Imm.MEMARG, "i>i", 2),
    I64_LOAD8_S(0x30, "i64.load8_s", Imm.MEMARG, "i>I", 1),
    I64_LOAD8_U(0x31, "i64.load8_u", Imm.MEMARG, "i>I", 1),
    I64_LOAD16_S(0x32, "i64.load16_s", Imm.MEMARG, "i>I", 2),
    I64_LOAD16_U(0x33, "i64.load16_u", Imm.MEMARG, "i>I", 2),
    I64_LOAD32_S(0x34, "i64.load32_s", Imm.MEMARG, "i>I", 4),
    I64_LOAD32_U(0x35, "i64.load32_u", Imm.MEMARG, "i>I", 4),
    I32_STORE(0x36, "i32.store", Imm.MEMARG, "ii>", 4),
    I64_STORE(0x37, "i64.store", Imm.MEMARG, "iI>", 8),
    F32_STORE(0x38, "f32.store", Imm.MEMARG, "if>", 4),
    F64_STORE(0x39, "f64.store", Imm.MEMARG, "iF>", 8),
    I32_STORE8(0x3A, "i32.store8", Imm.MEMARG, "ii>", 1),
    I32_STORE16(0x3B, "i32.store16", Imm.MEMARG, "ii>", 2),
    I64_STORE8(0x3C, "i64.store8", Imm.MEMARG, "iI>", 1),
    I64_STORE16(0x3D, "i64.store16", Imm.MEMARG, "iI>", 2),
    I64_STORE32(0x3E, "i64.store32", Imm.MEMARG, "iI>", 4),
    MEMORY_SIZE(0x3F, "memory.size", Imm.MEM, ">i", 0),
    MEMORY_GROW(0x40, "memory.grow", Imm.MEM, "i>i", 0),
    I32_CONST(0x41, "i32.const", Imm.I32, ">i", 0),
    I64_CONST(0x42, "i64.const", Imm.I64, ">I", 0),
    F32_CONST(0x43, "f32.const", Imm.F32, ">f", 0),
    F64_CONST(0x44, "f64.const", Imm.F64, ">F", 0),
    I32_EQZ(0x45, "i32.eqz", Imm.NONE, "i>i", 0),
    I32_EQ(0x46, "i32.eq", Imm.NONE, "ii>i", 0),
    I32_NE(0x47, "i32.ne", Imm.NONE, "ii>i", 0),
    I32_LT_S(0x48, "i32.lt_s", Imm.NONE, "ii>i", 0),
    I32_LT_U(0x49, "i32.lt_u", Imm.NONE, "ii>i", 0),
    I32_GT_S(0x4A, "i32.gt_s", Imm.NONE, "ii>i", 0),
    I32_GT_U(0x4B, "i32.gt_u", Imm.NONE, "ii>i", 0),
    I32_LE_S(0x4C, "i32.le_s", Imm.NONE, "ii>i", 0),
    I32_LE_U(0x4D, "i32.le_u", Imm.NONE, "ii>i", 0),
    I32_GE_S(0x4E, "i32.ge_s", Imm.NONE, "ii>i", 0),
    I32_GE_U(0x4F, "i32.ge_u", Imm.NONE, "ii>i", 0),
    I64_EQZ(0x50, "i64.eqz", Imm.NONE, "I>i", 0),
    I64_EQ(0x51, "i64.eq", Imm.NONE, "II>i", 0),
    I64_NE(0x52, "i64.ne", Imm.NONE, "II>i", 0),
    I64_LT_S(0x53, "i64.lt_s", Imm.NONE, "II>i", 0),
    I64_LT_U(0x54, "i64.lt_u", Imm.NONE, "II>i", 0),
    I64_GT_S(0x55, "i64.gt_s", Imm.NONE, "II>i", 0),
    I64_GT_U(0x56, "i64.gt_u", Imm.NONE, "II>i", 0),
    I64_LE_S(0x57, "i64.le_s", Imm.NONE, "II>i", 0),
    I64_LE_U(0x58, "i64.le_u", Imm.NONE, "II>i", 0),
    I64_GE_S(0x59, "i64.ge_s", Imm.NONE, "II>i", 0),
    I64_GE_U(0x5A, "i64.ge_u", Imm.NONE, "II>i", 0),
    F32_EQ(0x5B, "f32.eq", Imm.NONE, "ff>i", 0),
    F32_NE(0x5C, "f32.ne", Imm.NONE, "ff>i", 0),
    F32_LT(0x5D, "f32.lt", Imm.NONE, "ff>i", 0),
    F32_GT(0x5E, "f32.gt", Imm.NONE, "ff>i", 0),
    F32_LE(0x5F, "f32.le", Imm.NONE, "ff>i", 0),
    F32_GE(0x60, "f32.ge", Imm.NONE, "ff>i", 0),
    F64_EQ(0x61, "f64.eq", Imm.NONE, "FF>i", 0),
    F64_NE(0x62, "f64.ne", Imm.NONE, "FF>i", 0),
    F64_LT(0x63, "f64.lt", Imm.NONE, "FF>i", 0),
    F64_GT(0x64, "f64.gt", Imm.NONE, "FF>i", 0),
    F64_LE(0x65, "f64.le", Imm.NONE, "FF>i", 0),
    F64_GE(0x66, "f64.ge", Imm.NONE, "FF>i", 0),
    I32_CLZ(0x67, "i32.clz", Imm.NONE, "i>i", 0),
    I32_CTZ(0x68, "i32.ctz", Imm.NONE, "i>i", 0),
    I32_POPCNT(0x69, "i32.popcnt", Imm.NONE, "i>i", 0),
    I32_ADD(0x6A, "i32.add", Imm.NONE, "ii>i", 0),
    I32_SUB(0x6B, "i32.sub", Imm.NONE, "ii>i", 0),
    I32_MUL(0x6C, "i32.mul", Imm.NONE, "ii>i", 0),
    I32_DIV_S(0x6D, "i32.div_s", Imm.NONE, "ii>i", 0),
    I32_DIV_U(0x6E, "i32.div_u", Imm.NONE, "ii>i", 0),
    I32_REM_S(0x6F, "i32.rem_s", Imm.NONE, "ii>i", 0),
    I32_REM_U(0x70, "i32.rem_u", Imm.NONE, "ii>i", 0),
    I32_AND(0x71, "i32.and", Imm.NONE, "ii>i", 0),
    I32_OR(0x72, "i32.or", Imm.NONE, "ii>i", 0),
    I32_XOR(0x73, "i32.xor", Imm.NONE, "ii>i", 0),
    I32_SHL(0x74, "i32.shl", Imm.NONE, "ii>i", 0),
    I32_SHR_S(0x75, "i32.shr_s", Imm.NONE, "ii>i", 0),
    I32_SHR_U(0x76, "i32.shr_u", Imm.NONE, "ii>i", 0),
    I32_ROTL(0x77, "i32.rotl", Imm.NONE, "ii>i", 0),
    I32_ROTR(0x78, "i32.rotr", Imm.NONE, "ii>i", 0),
    I64_CLZ(0x79, "i64.clz", Imm.NONE, "I>I", 0),
    I64_CTZ(0x7A, "i64.ctz", Imm.NONE, "I>I", 0),
    I64_POPCNT(0x7B, "i64.popcnt", Imm.NONE, "I>I", 0),
    I64_ADD(0x7C, "i64.add", Imm.NONE, "II>I", 0),
    I64_SUB(0x7D, "i64.sub", Imm.NONE, "II>I", 0),
    I64_MUL(0x7E, "i64.mul", Imm.NONE, "II>I", 0),
    I64_DIV_S(0x7F, "i64.div_s", Imm.NONE, "II>I", 0),
    I64_DIV_U(0x80, "i64.div_u", Imm.NONE, "II>I", 0),
    I64_REM_S(0x81, "i64.rem_s", Imm.NONE, "II>I", 0),
    I64_REM_U(0x82, "i64.rem_u", Imm.NONE, "II>I", 0),
    I64_AND(0x83, "i64.and", Imm.NONE, "II>I", 0),
    I64_OR(0x84, "i64.or", Imm.NONE, "II>I", 0),
    I64_XOR(0x85, "i64.xor", Imm.NONE, "II>I", 0),
    I64_SHL(0x86, "i64.shl", Imm.NONE, "II>I", 0),
    I64_SHR_S(0x87, "i64.shr_s", Imm.NONE, "II>I", 0),
    I64_SHR_U(0x88, "i64.shr_u", Imm.NONE, "II>I", 0),
    I64_ROTL(0x89, "i64.rotl", Imm.NONE, "II>I", 0),
    I64_ROTR(0x8A, "i64.rotr", Imm.NONE, "II>I", 0),
    F32_ABS(0x8B, "f32.abs", Imm.NONE, "f>f", 0),
    F32_NEG(0x8C, "f32.neg", Imm.NONE, "f>f", 0),
    F32_CEIL(0x8D, "f32.ceil", Imm.NONE, "f>f", 0),
    F32_FLOOR(0x8E, "f32.floor", Imm.NONE, "f>f", 0),
    F32_TRUNC(0x8F, "f32.trunc", Imm.NONE, "f>f", 0),
    F32_NEAREST(0x90, "f32.nearest", Imm.NONE, "f>f", 0),
    F32_SQRT(0x91, "f32.sqrt", Imm.NONE, "f>f", 0),
    F32_ADD(0x92, "f32.add", Imm.NONE, "ff>f", 0),
    F32_SUB(0x93, "f32.sub", Imm.NONE, "ff>f", 0),
    F32_MUL(0x94, "f32.mul", Imm.NONE, "ff>f", 0),
    F32_DIV(0x95, "f32.div", Imm.NONE, "ff>f", 0),
    F32_MIN(0x96, "f32.min", Imm.NONE, "ff>f", 0),
    F32_MAX(0x97, "f32.max", Imm.NONE, "ff>f", 0),
    F32_COPYSIGN(0x98, "f32.copysign", Imm.NONE, "ff>f", 0),
    F64_ABS(0x99, "f64.abs", Imm.NONE, "F>F", 0),
    F64_NEG(0x9A, "f64.neg", Imm.NONE, "F>F", 0),
    F64_CEIL(0x9B, "f64.ceil", Imm.NONE, "F>F", 0),
    F64_FLOOR(0x9C, "f64.floor", Imm.NONE, "F>F", 0),
    F64_TRUNC(0x9D, "f64.trunc", Imm.NONE, "F>F", 0),
    F64_NEAREST(0x9E, "f64.nearest", Imm.NONE, "F>F", 0),
    F64_SQRT(0x9F, "f64.sqrt", Imm.NONE, "F>F", 0),
    F64_ADD(0xA0, "f64.add", Imm.NONE, "FF>F", 0),
    F64_SUB(0xA1, "f64.sub", Imm.NONE, "FF>F", 0),
    F64_MUL(0xA2, "f64.mul", Imm.NONE, "FF>F", 0),
    F64_DIV(0xA3, "f64.div", Imm.NONE, "FF>F", 0),
    F64_MIN(0xA4, "f64.min", Imm.NONE, "FF>F", 0),
    F64_MAX(0xA5, "f64.max", Imm.NONE, "FF>F", 0),
    F64_COPYSIGN(0xA6, "f64.copysign", Imm.NONE, "FF>F", 0),
    I32_WRAP_I64(0xA7, "i32.wrap_i64", Imm.NONE, "I>i", 0),
    I32_TRUNC_F32_S(0xA8, "i32.trunc_f32_s", Imm.NONE, "f>i", 0),
    I32_TRUNC_F32_U(0xA9, "i32.trunc_f32_u", Imm.NONE, "f>i", 0),
    I32_TRUNC_F64_S(0xAA, "i32.trunc_f64_s", Imm.NONE, "F>i", 0),
    I32_TRUNC_F64_U(0xAB, "i32.trunc_f64_u", Imm.NONE, "F>i", 0),
    I64_EXTEND_I32_S(0xAC, "i64.extend_i32_s", Imm.NONE, "i>I", 0),
    I64_EXTEND_I32_U(0xAD, "i64.extend_i32_u", Imm.NONE, "i>I", 0),
    I64_TRUNC_F32_S(0xAE, "i64.trunc_f32_s", Imm.NONE, "f>I", 0),
    I64_TRUNC_F32_U(0xAF, "i64.trunc_f32_u", Imm.NONE, "f>I", 0),
    I64_TRUNC_F64_S(0xB0, "i64.trunc_f64_s", Imm.NONE, "F>I", 0),
    I64_TRUNC_F64_U(0xB1, "i64.trunc_f64_u", Imm.NONE, "F>I", 0),
    F32_CONVERT_I32_S(0xB2, "f32.convert_i32_s", Imm.NONE, "i>f", 0),
    F32_CONVERT_I32_U(0xB3, "f32.convert_i32_u", Imm.NONE, "i>f", 0),
    F32_CONVERT_I64_S(0xB4, "f32.convert_i64_s", Imm.NONE, "I>f", 0),
    F32_CONVERT_I64_U(0xB5, "f32.convert_i64_u", Imm.NONE, "I>f", 0),
    F32_DEMOTE_F64(0xB6, "f32.demote_f64", Imm.NONE, "F>f", 0),
    F64_CONVERT_I32_S(0xB7, "f64.convert_i32_s", Imm.NONE, "i>F", 0),
    F64_CONVERT_I32_U(0xB8, "f64.convert_i32_u", Imm.NONE, "i>F", 0),
    F64_CONVERT_I64_S(0xB9, "f64.convert_i64_s", Imm.NONE, "I>F", 0),
    F64_CONVERT_I64_U(0xBA, "f64.convert_i64_u", Imm.NONE, "I>F", 0),
    F64_PROMOTE_F32(0xBB, "f64.promote_f32", Imm.NONE, "f>F", 0),
    I32_REINTERPRET_F32(0xBC, "i32.reinterpret_f32", Imm.NONE, "f>i", 0),
    I64_REINTERPRET_F64(0xBD, "i64.reinterpret_f64", Imm.NONE, "F>I", 0),
    F32_REINTERPRET_I32(0xBE, "f32.reinterpret_i32", Imm.NONE, "i>f", 0),
    F64_REINTERPRET_I64(0xBF, "f64.reinterpret_i64", Imm.NONE, "I>F", 0),
    I32_EXTEND8_S(0xC0, "i32.extend8_s", Imm.NONE, "i>i", 0),
    I32_EXTEND16_S(0xC1, "i32.extend16_s", Imm.NONE, "i>i", 0),
    I64_EXTEND8_S(0xC2, "i64.extend8_s", Imm.NONE, "I>I", 0),
    I64_EXTEND16_S(0xC3, "i64.extend16_s", Imm.NONE, "I>I", 0),
    I64_EXTEND32_S(0xC4, "i64.extend32_s", Imm.NONE, "I>I", 0),
    REF_NULL(0xD0, "ref.null", Imm.REF_TYPE, null, 0),
    REF_IS_NULL(0xD1, "ref.is_null", Imm.NONE, null, 0),
    REF_FUNC(0xD2, "ref.func", Imm.FUNC, null, 0),
    I32_TRUNC_SAT_F32_S(0xFC00, "i32.trunc_sat_f32_s", Imm.NONE, "f>i", 0),
    I32_TRUNC_SAT_F32_U(0xFC01, "i32.trunc_sat_f32_u", Imm.NONE, "f>i", 0),
    I32_TRUNC_SAT_F64_S(0xFC02, "i32.trunc_sat_f64_s", Imm.NONE, "F>i", 0),
    I32_TRUNC_SAT_F64_U(0xFC03, "i32.trunc_sat_f64_u", Imm.NONE, "F>i", 0),
    I64_TRUNC_SAT_F32_S(0xFC04, "i64.trunc_sat_f32_s", Imm.NONE, "f>I", 0),
    I64_TRUNC_SAT_F32_U(0xFC05, "i64.trunc_sat_f32_u", Imm.NONE, "f>I", 0),
    I64_TRUNC_SAT_F64_S(0xFC06, "i64.trunc_sat_f64_s", Imm.NONE, "F>I", 0),
    I64_TRUNC_SAT_F64_U(0xFC07, "i64.trunc_sat_f64_u", Imm.NONE, "F>I", 0),
    MEMORY_INIT(0xFC08, "memory.init", Imm.MEMORY_INIT, "iii>", 0),
    DATA_DROP(0xFC09, "data.drop", Imm.DATA, ">", 0),
    MEMORY_COPY(0xFC0A, "memory.copy", Imm.MEMORY_COPY, "iii>", 0),
    MEMORY_FILL(0xFC0B, "memory.fill", Imm.MEM, "iii>", 0),
    TABLE_INIT(0xFC0C, "table.init", Imm.TABLE_INIT, null, 0),
    ELEM_DROP(0xFC0D, "elem.drop", Imm.ELEM, null, 0),
    TABLE_COPY(0xFC0E, "table.copy", Imm.TABLE_COPY, null, 0),
    TABLE_GROW(0xFC0F, "table.grow", Imm.TABLE, null, 0),
    TABLE_SIZE(0xFC10, "table.size", Imm.TABLE, null, 0),
    TABLE_FILL(0xFC11, "table.fill", Imm.TABLE, null, 0),

    // ---- SIMD (0xFD prefix): decoded only, until SIMD execution lands ----
    // (entries are added by the SIMD decoding work)
    ;

    /** The kind of immediates an instruction carries (see {@link Instruction} for where they are stored). */
    public enum Imm {
        NONE, BLOCK, LABEL, BR_TABLE, FUNC, CALL_INDIRECT, LOCAL, GLOBAL, TABLE, MEMARG, MEM,
        I32, I64, F32, F64, SELECT_T, REF_TYPE, MEMORY_INIT, DATA, MEMORY_COPY, TABLE_INIT, ELEM, TABLE_COPY,
        V128, LANE, MEMARG_LANE, SHUFFLE
    }

    public static final int PREFIX_FC = 0xFC00;
    public static final int PREFIX_FD = 0xFD000;

    public final int code;
    public final String text;
    public final Imm imm;
    /** Operand types popped, for instructions with a fixed signature; null otherwise. */
    public final List<ValType> params;
    /** Result types pushed, for instructions with a fixed signature; null otherwise. */
    public final List<ValType> results;
    /** Bytes accessed by a memory load or store (its natural alignment), else 0. */
    public final int accessSize;

    Opcode(int code, String text, Imm imm, String signature, int accessSize) {
        this.code = code;
        this.text = text;
        this.imm = imm;
        this.accessSize = accessSize;
        if (signature == null) {
            this.params = null;
            this.results = null;
        } else {
            int arrow = signature.indexOf('>');
            this.params = types(signature.substring(0, arrow));
            this.results = types(signature.substring(arrow + 1));
        }
    }

    private static List<ValType> types(String letters) {
        ValType[] out = new ValType[letters.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (letters.charAt(i)) {
                case 'i' -> ValType.I32;
                case 'I' -> ValType.I64;
                case 'f' -> ValType.F32;
                case 'F' -> ValType.F64;
                case 'V' -> ValType.V128;
                default -> throw new IllegalArgumentException(letters);
            };
        }
        return List.of(out);
    }

    public boolean hasSignature() {
        return params != null;
    }

    /** True for SIMD instructions, which this engine decodes and validates but does not run yet. */
    public boolean isSimd() {
        return code >= PREFIX_FD;
    }

    private static final Map<Integer, Opcode> BY_CODE = new HashMap<>();
    private static final Map<String, Opcode> BY_TEXT = new HashMap<>();

    static {
        for (Opcode op : values()) {
            BY_CODE.put(op.code, op);
            if (op != SELECT_T) BY_TEXT.put(op.text, op);
        }
    }

    /** The opcode for a code as defined above, or null. */
    public static Opcode fromCode(int code) {
        return BY_CODE.get(code);
    }

    /** The opcode for an instruction's text name, or null (typed {@code select} answers {@link #SELECT}). */
    public static Opcode fromText(String text) {
        return BY_TEXT.get(text);
    }
}
