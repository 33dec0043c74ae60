package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.compile.Op;
import dev.lia.wasm.exec.RawMemOps;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The compiled tier's SIMD: each v128 instruction as bytecode on the two {@code long} JVM locals of
 * its slots (low half first, see {@link Op}). An instruction whose result halves each come from the
 * same half of its operands (lane-wise arithmetic, compares, bitwise ops, shifts by a scalar) is two
 * calls of a {@code long -> long} method of {@code exec.SimdLanes}; one whose halves mix (narrow,
 * swizzle, extend, extmul, bitmask, ...) calls methods that take what one result half needs, and
 * shuffle is shifts and masks inline (its lane indices are constants); nothing allocates. Both halves are computed onto the JVM stack before either is stored, as a
 * destination may be an operand's slot. v128 loads and stores on memory 0 with 32-bit addresses use
 * the scalar tier's own accesses (the bounds check covering the whole access comes first, so a trap
 * writes nothing, as in the interpreter); anything else (other memories, memory64) runs the
 * interpreter's code for the one instruction with only its operands written to the value stack.
 */
final class SimdEmitter implements Opcodes {
    private static final String LANES = "dev/lia/wasm/exec/SimdLanes";
    private static final String NUMERICS = FunctionEmitter.NUMERICS;
    private static final String GLOBAL = "dev/lia/wasm/runtime/GlobalInstance";

    /** What the emitter needs of the function's method (see {@link FunctionEmitter}). */
    interface Frame {
        MethodVisitor mv();

        /** Pushes slot {@code k} as a long. */
        void load(int k);

        /** Pushes slot {@code k}'s low 32 bits as an int. */
        void loadInt(int k);

        /** Pops a long into slot {@code k}. */
        void store(int k);

        /** Pushes the memory's bytes (memory 0). */
        void loadMemory();

        /** Pushes global {@code index}'s {@code GlobalInstance}. */
        void global(int index);

        /** Runs the interpreter's code for the instruction at {@code p}: slots {@code reads} written to the value stack first, {@code writes} read back after. */
        void interpret(int p, int[] reads, int[] writes);

        /** Whether memory 0 has 64-bit addresses. */
        boolean memory0Is64();
    }

    /** The syntax opcode of each internal SIMD opcode (null for the three of the internal code's own). */
    private static final Opcode[] SYNTAX = new Opcode[Op.SIMD_END + 1];

    static {
        for (Opcode op : Opcode.values()) if (op.isSimd()) SYNTAX[Op.simd(op)] = op;
    }

    private final Frame frame;
    private final MethodVisitor mv;
    private final int[] code;

    SimdEmitter(Frame frame, int[] code) {
        this.frame = frame;
        this.mv = frame.mv();
        this.code = code;
    }

    /** Whether internal opcode {@code op} may read or write memory 0 (the method must then take the memory's bytes). */
    static boolean accessesMemory(int op) {
        if (!Op.isSimd(op)) return false;
        int sub = op - Op.SIMD_BASE;
        return sub <= 0x0B || (sub >= 0x54 && sub <= 0x5D);
    }

    /** Emits the SIMD instruction at {@code p} (an {@link Op#isSimd} opcode). */
    void emit(int p) {
        int op = code[p];
        switch (op) {
            case Op.V128_GLOBAL_GET -> {
                frame.global(code[p + 2]);
                mv.visitInsn(DUP);
                mv.visitMethodInsn(INVOKEVIRTUAL, GLOBAL, "get", "()J", false);
                frame.store(code[p + 1]);
                mv.visitMethodInsn(INVOKEVIRTUAL, GLOBAL, "high", "()J", false);
                frame.store(code[p + 1] + 1);
                return;
            }
            case Op.V128_GLOBAL_SET -> {
                frame.global(code[p + 1]);
                mv.visitInsn(DUP);
                frame.load(code[p + 2]);
                mv.visitMethodInsn(INVOKEVIRTUAL, GLOBAL, "set", "(J)V", false);
                frame.load(code[p + 2] + 1);
                mv.visitMethodInsn(INVOKEVIRTUAL, GLOBAL, "setHigh", "(J)V", false);
                return;
            }
            case Op.V128_SELECT -> {
                org.objectweb.asm.Label other = new org.objectweb.asm.Label();
                org.objectweb.asm.Label done = new org.objectweb.asm.Label();
                int d = code[p + 1];
                frame.loadInt(code[p + 4]);
                mv.visitJumpInsn(IFEQ, other);
                copy(d, code[p + 2]);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(other);
                copy(d, code[p + 3]);
                mv.visitLabel(done);
                return;
            }
            default -> {
                int sub = op - Op.SIMD_BASE;
                if (!vector(p, sub)) interpretOne(p);
            }
        }
    }

    private void copy(int d, int a) {
        frame.load(a);
        frame.load(a + 1);
        frame.store(d + 1);
        frame.store(d);
    }

    /** The instruction through the interpreter, with its operand slots (a v128 is two) written and its result read back. */
    private void interpretOne(int p) {
        Opcode syntax = SYNTAX[code[p]];
        if (syntax == null || syntax.params == null) throw new Untranslatable("internal opcode " + code[p]);
        int at = p + 1;
        java.util.List<Integer> writes = new java.util.ArrayList<>();
        java.util.List<Integer> reads = new java.util.ArrayList<>();
        for (ValType t : syntax.results) {
            writes.add(code[at]);
            if (t == ValType.V128) writes.add(code[at] + 1);
            at++;
        }
        for (ValType t : syntax.params) {
            reads.add(code[at]);
            if (t == ValType.V128) reads.add(code[at] + 1);
            at++;
        }
        frame.interpret(p, reads.stream().mapToInt(Integer::intValue).toArray(), writes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The non-global instructions; false if this one is left to {@link #interpretOne}. */
    private boolean vector(int p, int sub) {
        if (sub <= 0x0B || (sub >= 0x54 && sub <= 0x5D)) return memory(p, sub);
        if (sub >= 0x100) return relaxed(p, sub);
        switch (sub) {
            case 0x0D -> shuffle(p);
            case 0x0E -> swizzle(p);
            case 0x0F -> splat(p, "splat8");
            case 0x10 -> splat(p, "splat16");
            case 0x11, 0x13 -> splat(p, "splat32");
            case 0x12, 0x14 -> splat(p, null);
            case 0x15 -> extract(p, 1, I2B);
            case 0x16 -> extract(p, 1, 0);
            case 0x18 -> extract(p, 2, I2S);
            case 0x19 -> extract(p, 2, 0);
            case 0x1B, 0x1F -> extract(p, 4, SIGNED32);
            case 0x1D, 0x21 -> extract(p, 8, 0);
            case 0x17 -> replace(p, 1);
            case 0x1A -> replace(p, 2);
            case 0x1C, 0x20 -> replace(p, 4);
            case 0x1E, 0x22 -> replace(p, 8);
            case 0x4D -> half1(p, LANES, "not");
            case 0x4E -> inline2(p, LAND);
            case 0x4F -> half2(p, LANES, "andnot");
            case 0x50 -> inline2(p, LOR);
            case 0x51 -> inline2(p, LXOR);
            case 0x52 -> half3(p, "bitselect");
            case 0x53 -> reduce(p, "anyTrue");
            case 0x5E -> zeroHigh(p, "f32x4demoteF64x2Zero");
            case 0x5F -> lowLanes(p, "f64x2promote");
            case 0x63 -> reduce(p, "i8x16allTrue");
            case 0x64 -> reduce(p, "i8x16bitmask");
            case 0x65 -> narrow(p, "i8x16narrowS");
            case 0x66 -> narrow(p, "i8x16narrowU");
            case 0x6B -> shift(p, "i8x16shl");
            case 0x6C -> shift(p, "i8x16shrS");
            case 0x6D -> shift(p, "i8x16shrU");
            case 0x83 -> reduce(p, "i16x8allTrue");
            case 0x84 -> reduce(p, "i16x8bitmask");
            case 0x85 -> narrow(p, "i16x8narrowS");
            case 0x86 -> narrow(p, "i16x8narrowU");
            case 0x87 -> extend(p, "i16x8extendS", false);
            case 0x88 -> extend(p, "i16x8extendS", true);
            case 0x89 -> extend(p, "i16x8extendU", false);
            case 0x8A -> extend(p, "i16x8extendU", true);
            case 0x8B -> shift(p, "i16x8shl");
            case 0x8C -> shift(p, "i16x8shrS");
            case 0x8D -> shift(p, "i16x8shrU");
            case 0x9C -> extmul(p, "i16x8extmulS", false);
            case 0x9D -> extmul(p, "i16x8extmulS", true);
            case 0x9E -> extmul(p, "i16x8extmulU", false);
            case 0x9F -> extmul(p, "i16x8extmulU", true);
            case 0xA3 -> reduce(p, "i32x4allTrue");
            case 0xA4 -> reduce(p, "i32x4bitmask");
            case 0xA7 -> extend(p, "i32x4extendS", false);
            case 0xA8 -> extend(p, "i32x4extendS", true);
            case 0xA9 -> extend(p, "i32x4extendU", false);
            case 0xAA -> extend(p, "i32x4extendU", true);
            case 0xAB -> shift(p, "i32x4shl");
            case 0xAC -> shift(p, "i32x4shrS");
            case 0xAD -> shift(p, "i32x4shrU");
            case 0xBC -> extmul(p, "i32x4extmulS", false);
            case 0xBD -> extmul(p, "i32x4extmulS", true);
            case 0xBE -> extmul(p, "i32x4extmulU", false);
            case 0xBF -> extmul(p, "i32x4extmulU", true);
            case 0xC1 -> inline1Neg(p);
            case 0xC3 -> reduce(p, "i64x2allTrue");
            case 0xC4 -> reduce(p, "i64x2bitmask");
            case 0xC7 -> extend(p, "i64x2extendS", false);
            case 0xC8 -> extend(p, "i64x2extendS", true);
            case 0xC9 -> extend(p, "i64x2extendU", false);
            case 0xCA -> extend(p, "i64x2extendU", true);
            case 0xCB -> shift(p, "i64x2shl");
            case 0xCC -> shift(p, "i64x2shrS");
            case 0xCD -> shift(p, "i64x2shrU");
            case 0xCE -> inline2(p, LADD);
            case 0xD1 -> inline2(p, LSUB);
            case 0xD5 -> inline2(p, LMUL);
            case 0xDC -> extmul(p, "i64x2extmulS", false);
            case 0xDD -> extmul(p, "i64x2extmulS", true);
            case 0xDE -> extmul(p, "i64x2extmulU", false);
            case 0xDF -> extmul(p, "i64x2extmulU", true);
            case 0xFC -> zeroHigh(p, "i32x4truncSatF64x2SZero");
            case 0xFD -> zeroHigh(p, "i32x4truncSatF64x2UZero");
            case 0xFE -> lowLanes(p, "f64x2convertS");
            case 0xFF -> lowLanes(p, "f64x2convertU");
            default -> {
                String name = HALF2.get(sub);
                if (name != null) {
                    half2(p, owner(name), name);
                    return true;
                }
                name = HALF1.get(sub);
                if (name != null) {
                    half1(p, owner(name), name);
                    return true;
                }
                return false;
            }
        }
        return true;
    }

    /** Numerics' scalar f64 methods ({@code f64Add}: an f64x2 lane is a whole half), else SimdLanes'. */
    private static String owner(String name) {
        return name.startsWith("f64") && Character.isUpperCase(name.charAt(3)) ? NUMERICS : LANES;
    }

    /** Lane-wise binary instructions: each result half is {@code name(a half, b half)} (f64 ones are Numerics' scalar methods). */
    private static final java.util.Map<Integer, String> HALF2 = new java.util.HashMap<>();
    /** Lane-wise unary instructions: each result half is {@code name(a half)}. */
    private static final java.util.Map<Integer, String> HALF1 = new java.util.HashMap<>();

    static {
        String[] i8cmp = {"eq", "ne", "ltS", "ltU", "gtS", "gtU", "leS", "leU", "geS", "geU"};
        for (int i = 0; i < 10; i++) {
            HALF2.put(0x23 + i, "i8x16" + i8cmp[i]);
            HALF2.put(0x2D + i, "i16x8" + i8cmp[i]);
            HALF2.put(0x37 + i, "i32x4" + i8cmp[i]);
        }
        String[] fcmp = {"eq", "ne", "lt", "gt", "le", "ge"};
        for (int i = 0; i < 6; i++) {
            HALF2.put(0x41 + i, "f32x4" + fcmp[i]);
            HALF2.put(0x47 + i, "f64x2" + fcmp[i]);
            HALF2.put(0xD6 + i, "i64x2" + new String[] {"eq", "ne", "ltS", "gtS", "leS", "geS"}[i]);
        }
        String[] arith8 = {"add", "addSatS", "addSatU", "sub", "subSatS", "subSatU"};
        for (int i = 0; i < 6; i++) {
            HALF2.put(0x6E + i, "i8x16" + arith8[i]);
            HALF2.put(0x8E + i, "i16x8" + arith8[i]);
        }
        String[] minmax = {"minS", "minU", "maxS", "maxU"};
        for (int i = 0; i < 4; i++) {
            HALF2.put(0x76 + i, "i8x16" + minmax[i]);
            HALF2.put(0x96 + i, "i16x8" + minmax[i]);
            HALF2.put(0xB6 + i, "i32x4" + minmax[i]);
        }
        HALF2.put(0x7B, "i8x16avgrU");
        HALF2.put(0x82, "i16x8q15mulrSatS");
        HALF2.put(0x95, "i16x8mul");
        HALF2.put(0x9B, "i16x8avgrU");
        HALF2.put(0xAE, "i32x4add");
        HALF2.put(0xB1, "i32x4sub");
        HALF2.put(0xB5, "i32x4mul");
        HALF2.put(0xBA, "i32x4dotI16x8S");
        String[] farith = {"add", "sub", "mul", "div", "min", "max", "pmin", "pmax"};
        for (int i = 0; i < 8; i++) {
            HALF2.put(0xE4 + i, "f32x4" + farith[i]);
            // f64x2 lanes are whole halves: Numerics' f64 methods, but pmin and pmax are SimdLanes'
            HALF2.put(0xF0 + i, i < 6 ? "f64" + Character.toUpperCase(farith[i].charAt(0)) + farith[i].substring(1) : "f64x2" + farith[i]);
        }
        HALF1.put(0x60, "i8x16abs");
        HALF1.put(0x61, "i8x16neg");
        HALF1.put(0x62, "i8x16popcnt");
        HALF1.put(0x67, "f32x4ceil");
        HALF1.put(0x68, "f32x4floor");
        HALF1.put(0x69, "f32x4trunc");
        HALF1.put(0x6A, "f32x4nearest");
        HALF1.put(0x74, "f64Ceil");
        HALF1.put(0x75, "f64Floor");
        HALF1.put(0x7A, "f64Trunc");
        HALF1.put(0x94, "f64Nearest");
        HALF1.put(0x7C, "i16x8extaddPairwiseS");
        HALF1.put(0x7D, "i16x8extaddPairwiseU");
        HALF1.put(0x7E, "i32x4extaddPairwiseS");
        HALF1.put(0x7F, "i32x4extaddPairwiseU");
        HALF1.put(0x80, "i16x8abs");
        HALF1.put(0x81, "i16x8neg");
        HALF1.put(0xA0, "i32x4abs");
        HALF1.put(0xA1, "i32x4neg");
        HALF1.put(0xC0, "i64x2abs");
        HALF1.put(0xE0, "f32x4abs");
        HALF1.put(0xE1, "f32x4neg");
        HALF1.put(0xE3, "f32x4sqrt");
        HALF1.put(0xEC, "f64x2abs");
        HALF1.put(0xED, "f64x2neg");
        HALF1.put(0xEF, "f64Sqrt");
        HALF1.put(0xF8, "i32x4truncSatF32x4S");
        HALF1.put(0xF9, "i32x4truncSatF32x4U");
        HALF1.put(0xFA, "f32x4convertI32x4S");
        HALF1.put(0xFB, "f32x4convertI32x4U");
    }

    /** Relaxed SIMD, as the deterministic profile (see {@code SimdOps.relaxed}); most are a non-relaxed instruction with the same operands. */
    private boolean relaxed(int p, int sub) {
        switch (sub) {
            case 0x100 -> swizzle(p);
            case 0x101 -> half1(p, LANES, "i32x4truncSatF32x4S");
            case 0x102 -> half1(p, LANES, "i32x4truncSatF32x4U");
            case 0x103 -> zeroHigh(p, "i32x4truncSatF64x2SZero");
            case 0x104 -> zeroHigh(p, "i32x4truncSatF64x2UZero");
            case 0x105 -> half3(p, "f32x4relaxedMadd");
            case 0x106 -> half3(p, "f32x4relaxedNmadd");
            case 0x107 -> half3(p, "f64x2relaxedMadd");
            case 0x108 -> half3(p, "f64x2relaxedNmadd");
            case 0x109, 0x10A, 0x10B, 0x10C -> half3(p, "bitselect");
            case 0x10D -> half2(p, LANES, "f32x4min");
            case 0x10E -> half2(p, LANES, "f32x4max");
            case 0x10F -> half2(p, NUMERICS, "f64Min");
            case 0x110 -> half2(p, NUMERICS, "f64Max");
            case 0x111 -> half2(p, LANES, "i16x8q15mulrSatS");
            case 0x112 -> half2(p, LANES, "i16x8relaxedDot");
            case 0x113 -> half3(p, "i32x4relaxedDotAdd");
            default -> {
                return false;
            }
        }
        return true;
    }

    // ---- shapes: d = code[p + 1], operands from code[p + 2] ----

    private void call(String owner, String name, String descriptor) {
        mv.visitMethodInsn(INVOKESTATIC, owner, name, descriptor, false);
    }

    /** Stores the two halves on the JVM stack (low pushed first) into d, d+1. */
    private void storePair(int d) {
        frame.store(d + 1);
        frame.store(d);
    }

    private void half2(int p, String owner, String name) {
        int d = code[p + 1], a = code[p + 2], b = code[p + 3];
        for (int h = 0; h < 2; h++) {
            frame.load(a + h);
            frame.load(b + h);
            call(owner, name, "(JJ)J");
        }
        storePair(d);
    }

    private void inline2(int p, int insn) {
        int d = code[p + 1], a = code[p + 2], b = code[p + 3];
        for (int h = 0; h < 2; h++) {
            frame.load(a + h);
            frame.load(b + h);
            mv.visitInsn(insn);
        }
        storePair(d);
    }

    private void inline1Neg(int p) {
        int d = code[p + 1], a = code[p + 2];
        for (int h = 0; h < 2; h++) {
            frame.load(a + h);
            mv.visitInsn(LNEG);
        }
        storePair(d);
    }

    private void half1(int p, String owner, String name) {
        int d = code[p + 1], a = code[p + 2];
        for (int h = 0; h < 2; h++) {
            frame.load(a + h);
            call(owner, name, "(J)J");
        }
        storePair(d);
    }

    private void half3(int p, String name) {
        int d = code[p + 1], a = code[p + 2], b = code[p + 3], c = code[p + 4];
        for (int h = 0; h < 2; h++) {
            frame.load(a + h);
            frame.load(b + h);
            frame.load(c + h);
            call(LANES, name, "(JJJ)J");
        }
        storePair(d);
    }

    /** Shifts by the i32 count in slot b. */
    private void shift(int p, String name) {
        int d = code[p + 1], a = code[p + 2], b = code[p + 3];
        for (int h = 0; h < 2; h++) {
            frame.load(a + h);
            frame.loadInt(b);
            call(LANES, name, "(JI)J");
        }
        storePair(d);
    }

    /** A scalar from both halves (all_true, bitmask, any_true). */
    private void reduce(int p, String name) {
        int d = code[p + 1], a = code[p + 2];
        frame.load(a);
        frame.load(a + 1);
        call(LANES, name, "(JJ)J");
        frame.store(d);
    }

    /** Result's low half from operand a's two halves, its high half from b's. */
    private void narrow(int p, String name) {
        int d = code[p + 1], a = code[p + 2], b = code[p + 3];
        for (int v : new int[] {a, b}) {
            frame.load(v);
            frame.load(v + 1);
            call(LANES, name, "(JJ)J");
        }
        storePair(d);
    }

    /** Low half from both of a's, high half 0. */
    private void zeroHigh(int p, String name) {
        int d = code[p + 1], a = code[p + 2];
        frame.load(a);
        frame.load(a + 1);
        call(LANES, name, "(JJ)J");
        mv.visitInsn(LCONST_0);
        storePair(d);
    }

    /** Each result half from one of the two 32-bit parts of a's low half (promote_low, convert_low). */
    private void lowLanes(int p, String name) {
        int d = code[p + 1], a = code[p + 2];
        for (int h = 0; h < 2; h++) {
            frame.load(a);
            if (h == 1) upper32();
            call(LANES, name, "(J)J");
        }
        storePair(d);
    }

    private void upper32() {
        mv.visitIntInsn(BIPUSH, 32);
        mv.visitInsn(LUSHR);
    }

    /** Each result half from one 32-bit part of a's low or high half. */
    private void extend(int p, String name, boolean high) {
        int d = code[p + 1], half = code[p + 2] + (high ? 1 : 0);
        for (int h = 0; h < 2; h++) {
            frame.load(half);
            if (h == 1) upper32();
            call(LANES, name, "(J)J");
        }
        storePair(d);
    }

    private void extmul(int p, String name, boolean high) {
        int d = code[p + 1], a = code[p + 2] + (high ? 1 : 0), b = code[p + 3] + (high ? 1 : 0);
        for (int h = 0; h < 2; h++) {
            frame.load(a);
            if (h == 1) upper32();
            frame.load(b);
            if (h == 1) upper32();
            call(LANES, name, "(JJ)J");
        }
        storePair(d);
    }

    private void swizzle(int p) {
        int d = code[p + 1], a = code[p + 2], b = code[p + 3];
        for (int h = 0; h < 2; h++) {
            frame.load(a);
            frame.load(a + 1);
            frame.load(b + h);
            call(LANES, "i8x16swizzle", "(JJJ)J");
        }
        storePair(d);
    }

    /**
     * i8x16.shuffle: its lane indices are constants, so each result half is built inline from runs
     * of bytes that come from one operand half at one distance (a shift and a mask each); no call, no loop.
     */
    private void shuffle(int p) {
        int d = code[p + 1], a = code[p + 2], b = code[p + 3];
        int[] halves = {a, a + 1, b, b + 1};
        for (int h = 0; h < 2; h++) {
            int[] k = new int[8];
            for (int i = 0; i < 8; i++) k[i] = (code[p + 4 + 2 * h + i / 4] >>> (8 * (i % 4))) & 0x1F;
            boolean first = true;
            for (int i = 0; i < 8; ) {
                int src = k[i] >> 3;
                int delta = (k[i] & 7) - i; // source byte minus result byte
                int end = i + 1;
                while (end < 8 && k[end] >> 3 == src && (k[end] & 7) - end == delta) end++;
                frame.load(halves[src]);
                if (delta > 0) {
                    pushInt(8 * delta);
                    mv.visitInsn(LUSHR);
                } else if (delta < 0) {
                    pushInt(-8 * delta);
                    mv.visitInsn(LSHL);
                }
                int len = end - i;
                if (len < 8) {
                    mv.visitLdcInsn(((1L << (8 * len)) - 1) << (8 * i));
                    mv.visitInsn(LAND);
                }
                if (!first) mv.visitInsn(LOR);
                first = false;
                i = end;
            }
        }
        storePair(d);
    }

    /** A scalar in slot a to both halves; {@code name} null for a 64-bit one (the value itself). */
    private void splat(int p, String name) {
        int d = code[p + 1], a = code[p + 2];
        frame.load(a);
        if (name != null) call(LANES, name, "(J)J");
        mv.visitInsn(DUP2);
        storePair(d);
    }

    /** {@link #extract}'s narrowing for an i32 lane: sign-extended into the slot, as the interpreter's. */
    private static final int SIGNED32 = -1;

    /** extract_lane d a lane: {@code narrowing} I2B/I2S sign-extends, {@link #SIGNED32} an i32, 0 leaves it zero-extended. */
    private void extract(int p, int size, int narrowing) {
        int d = code[p + 1], a = code[p + 2], lane = code[p + 3];
        int bit = lane * size * 8;
        frame.load(a + (bit >= 64 ? 1 : 0));
        if (size < 8) {
            pushInt(bit & 63);
            pushInt(size * 8);
            call(LANES, "extractU", "(JII)J");
            if (narrowing != 0) {
                mv.visitInsn(L2I);
                if (narrowing != SIGNED32) mv.visitInsn(narrowing);
                mv.visitInsn(I2L);
            }
        }
        frame.store(d);
    }

    /** replace_lane d a x lane. */
    private void replace(int p, int size) {
        int d = code[p + 1], a = code[p + 2], x = code[p + 3], lane = code[p + 4];
        int bit = lane * size * 8;
        int half = bit >= 64 ? 1 : 0;
        replaced(a, half, bit & 63, size, () -> frame.load(x));
        frame.load(a + 1 - half);
        if (half == 0) storePair(d);
        else {
            frame.store(d);
            frame.store(d + 1);
        }
    }

    /** Pushes half {@code half} of the v128 at {@code a} with its lane of {@code size} bytes at bit {@code shift} replaced by the long {@code value} pushes. */
    private void replaced(int a, int half, int shift, int size, Runnable value) {
        if (size == 8) {
            value.run();
            return;
        }
        frame.load(a + half);
        value.run();
        pushInt(shift);
        pushInt(size * 8);
        call(LANES, "replace", "(JJII)J");
    }

    // ---- memory ----

    /** Loads and stores; false where the interpreter's code runs it (not memory 0 with 32-bit addresses). */
    private boolean memory(int p, int sub) {
        boolean lane = sub >= 0x54 && sub <= 0x5B;
        boolean store = sub == 0x0B || (sub >= 0x58 && sub <= 0x5B);
        int memArg = p + (store ? 3 : lane ? 4 : 3); // offsetLo offsetHi memory
        if (code[memArg + 1] != 0 || code[memArg + 2] != 0 || frame.memory0Is64()) return false;
        long offset = code[memArg] & 0xFFFFFFFFL;
        switch (sub) {
            case 0x00 -> { // v128.load d addr: the high half first, its check covers the whole access
                int d = code[p + 1], addr = code[p + 2];
                load(8, addr, offset + 8);
                load(8, addr, offset);
                frame.store(d);
                frame.store(d + 1);
            }
            case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 -> { // load extends: 8 bytes, each half from one 32-bit part
                int d = code[p + 1], addr = code[p + 2];
                int size = 1 << ((sub - 1) / 2);
                boolean signed = (sub & 1) == 1;
                String name = (size == 1 ? "i16x8" : size == 2 ? "i32x4" : "i64x2") + (signed ? "extendS" : "extendU");
                load(8, addr, offset);
                mv.visitInsn(DUP2);
                call(LANES, name, "(J)J");
                mv.visitInsn(DUP2_X2); // lo, v, lo
                mv.visitInsn(POP2);    // lo, v
                upper32();
                call(LANES, name, "(J)J");
                storePair(d);
            }
            case 0x07, 0x08, 0x09, 0x0A -> { // load splats
                int d = code[p + 1], addr = code[p + 2];
                int size = 1 << (sub - 7);
                load(size, addr, offset);
                if (size < 8) call(LANES, size == 1 ? "splat8" : size == 2 ? "splat16" : "splat32", "(J)J");
                mv.visitInsn(DUP2);
                storePair(d);
            }
            case 0x5C, 0x5D -> { // load_zero
                int d = code[p + 1], addr = code[p + 2];
                int size = sub == 0x5C ? 4 : 8;
                load(size, addr, offset);
                if (size == 4) {
                    mv.visitLdcInsn(0xFFFFFFFFL);
                    mv.visitInsn(LAND);
                }
                mv.visitInsn(LCONST_0);
                storePair(d);
            }
            case 0x0B -> { // v128.store addr value: the high half first, its check covers the whole access
                int addr = code[p + 1], v = code[p + 2];
                store(8, addr, offset + 8, () -> frame.load(v + 1));
                store(8, addr, offset, () -> frame.load(v));
            }
            case 0x54, 0x55, 0x56, 0x57 -> { // load_lane d addr vec .. lane
                int d = code[p + 1], addr = code[p + 2], vec = code[p + 3], laneIndex = code[p + 7];
                int size = 1 << (sub - 0x54);
                int bit = laneIndex * size * 8;
                int half = bit >= 64 ? 1 : 0;
                replaced(vec, half, bit & 63, size, () -> load(size, addr, offset));
                frame.load(vec + 1 - half);
                if (half == 0) storePair(d);
                else {
                    frame.store(d);
                    frame.store(d + 1);
                }
            }
            case 0x58, 0x59, 0x5A, 0x5B -> { // store_lane addr vec .. lane
                int addr = code[p + 1], vec = code[p + 2], laneIndex = code[p + 6];
                int size = 1 << (sub - 0x58);
                int bit = laneIndex * size * 8;
                store(size, addr, offset, () -> {
                    frame.load(vec + (bit >= 64 ? 1 : 0));
                    if ((bit & 63) != 0) {
                        pushInt(bit & 63);
                        mv.visitInsn(LUSHR);
                    }
                });
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Pushes the {@code size}-byte value at slot addr's address plus {@code offset} in memory 0 (sign-extended: callers mask), or traps as the interpreter. */
    private void load(int size, int addr, long offset) {
        int op = switch (size) {
            case 1 -> 0x2C;
            case 2 -> 0x2E;
            case 4 -> 0x28;
            default -> 0x29;
        };
        frame.loadMemory();
        frame.load(addr);
        if (RawMemOps.AVAILABLE) {
            mv.visitLdcInsn(offset + RawMemOps.BASE);
            call(FunctionEmitter.RAW_MEM_OPS, RawMemOps.method(op), "([BJJ)J");
        } else {
            mv.visitLdcInsn(offset);
            call(FunctionEmitter.JIT_OPS, String.format("ld%02X", op), "([BJJ)J");
        }
    }

    /** Stores the low {@code size} bytes of the long {@code value} pushes at slot addr's address plus {@code offset}. */
    private void store(int size, int addr, long offset, Runnable value) {
        int op = switch (size) {
            case 1 -> 0x3A;
            case 2 -> 0x3B;
            case 4 -> 0x36;
            default -> 0x37;
        };
        frame.loadMemory();
        frame.load(addr);
        if (RawMemOps.AVAILABLE) {
            mv.visitLdcInsn(offset + RawMemOps.BASE);
            value.run();
            if (size < 8) mv.visitInsn(L2I);
            if (size == 1) mv.visitInsn(I2B);
            if (size == 2) mv.visitInsn(I2S);
            call(FunctionEmitter.RAW_MEM_OPS, RawMemOps.method(op), RawMemOps.storeDescriptor(op));
        } else {
            value.run();
            mv.visitLdcInsn(offset);
            call(FunctionEmitter.JIT_OPS, String.format("st%02X", op), "([BJJJ)V");
        }
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else mv.visitLdcInsn(v);
    }
}
