package dev.lia.script.compile;

import java.util.Locale;

/**
 * The operations of compiled Lia. The VM is a stack machine: operations pop their operands and
 * push their results; variables live in numbered slots of the current frame. Numeric operations
 * have wasm's names and semantics.
 */
public enum Code {
    // constants: a = raw bits (32-bit values sign-extended); octs.const: text = lowercase hex
    I32_CONST, I64_CONST, F32_CONST, F64_CONST, OCTS_CONST,
    // variables: a = slot
    LOCAL_GET, LOCAL_SET, DROP,
    // control: a = target op index
    BR, BR_IF, BR_UNLESS,
    /** Ends the frame: the script (Done) or an import handler (its results go back to wasm); types = value types. */
    RETURN,
    /** Pops an octs message: the run fails. */
    FAIL,
    // the module: text = export name, a = parameter count, types = parameters then results
    CALL,
    /** A request to the host: text = name, a = argument count, types = argument types then answer types. */
    EXT,
    GLOBAL_GET, GLOBAL_SET, // text = export name, types = [type]
    MEMORY_READ, MEMORY_WRITE, MEMORY_SIZE, MEMORY_GROW, // a = memory index
    TABLE_SIZE, // a = table index
    /**
     * Pops a module's bytes and instantiates it, linking its imports as text says (see
     * {@link ImportLinks}; a = their count); pushes the instance (its position in the store), then runs its start function.
     */
    INSTANTIATE,
    /** Calls an export of an instance: pops the arguments, then the instance; text = export name, a = argument count, types = arguments then results. */
    INSTANCE_CALL,
    // octs
    OCTS_LEN, OCTS_SLICE, OCTS_AT, OCTS_CONCAT, OCTS_EQ, OCTS_NE,
    OCTS_FROM32, OCTS_FROM64, // a number's little-endian bytes
    OCTS_TO32, OCTS_TO64,     // up to 4 (8) little-endian bytes, zero-extended
    // v128, held as its 16 bytes where octs are held: v128.const text = lowercase hex of the bytes;
    // v128.lane pops an i32 index and a v128, text = the shape; v128.from_octs traps unless the octs are 16 bytes
    V128_CONST, V128_LANE, V128_FROM_OCTS,
    // i32
    I32_EQZ, I32_ADD, I32_SUB, I32_MUL, I32_DIV_S, I32_DIV_U, I32_REM_S, I32_REM_U,
    I32_AND, I32_OR, I32_XOR, I32_SHL, I32_SHR_S, I32_SHR_U,
    I32_EQ, I32_NE, I32_LT_S, I32_LT_U, I32_LE_S, I32_LE_U, I32_GT_S, I32_GT_U, I32_GE_S, I32_GE_U,
    // i64
    I64_EQZ, I64_ADD, I64_SUB, I64_MUL, I64_DIV_S, I64_DIV_U, I64_REM_S, I64_REM_U,
    I64_AND, I64_OR, I64_XOR, I64_SHL, I64_SHR_S, I64_SHR_U,
    I64_EQ, I64_NE, I64_LT_S, I64_LT_U, I64_LE_S, I64_LE_U, I64_GT_S, I64_GT_U, I64_GE_S, I64_GE_U,
    // floats
    F32_ADD, F32_SUB, F32_MUL, F32_DIV, F32_NEG, F32_EQ, F32_NE, F32_LT, F32_LE, F32_GT, F32_GE,
    F64_ADD, F64_SUB, F64_MUL, F64_DIV, F64_NEG, F64_EQ, F64_NE, F64_LT, F64_LE, F64_GT, F64_GE,
    // conversions
    I32_WRAP_I64, I64_EXTEND_I32_S, I64_EXTEND_I32_U,
    I32_TRUNC_F32_S, I32_TRUNC_F32_U, I32_TRUNC_F64_S, I32_TRUNC_F64_U,
    I64_TRUNC_F32_S, I64_TRUNC_F32_U, I64_TRUNC_F64_S, I64_TRUNC_F64_U,
    F32_CONVERT_I32_S, F32_CONVERT_I64_S, F64_CONVERT_I32_S, F64_CONVERT_I64_S,
    F32_DEMOTE_F64, F64_PROMOTE_F32;

    /** The name printed by {@code lia ops}: wasm style, {@code i32.div_s}, {@code local.get}, {@code br_if}. */
    public final String mnemonic;

    Code() {
        String n = name().toLowerCase(Locale.ROOT);
        int u = n.indexOf('_');
        String prefix = u < 0 ? "" : n.substring(0, u);
        boolean dotted = switch (prefix) {
            case "i32", "i64", "f32", "f64", "v128", "octs", "local", "global", "memory", "table", "instance" -> true;
            default -> false;
        };
        this.mnemonic = dotted ? prefix + "." + n.substring(u + 1) : n;
    }

    public boolean isBranch() {
        return this == BR || this == BR_IF || this == BR_UNLESS;
    }

    public static Code byMnemonic(String m) {
        for (Code c : values()) if (c.mnemonic.equals(m)) return c;
        return null;
    }
}
