package dev.lia.wasm.compile.jvm;

import org.objectweb.asm.Opcodes;

/**
 * The numeric instructions the emitter writes as JVM instructions instead of calls to
 * {@code JitOps}. HotSpot's C1 inlines at most 8,000 bytes of callees into one method
 * (DesiredMethodLimit); a large function spends that budget quickly, and every call C1 leaves makes
 * it spill all live values around it. An i32 add as {@code l2i, l2i, iadd, i2l} costs the method one
 * byte more than the call and the budget nothing. The results are those of {@code JitOps}' bodies:
 * a 32-bit result sign-extended into its slot, shift counts masked by the JVM as wasm masks them.
 */
final class InlineOps implements Opcodes {
    private InlineOps() {}

    /** The JVM instruction computing binary opcode {@code op} from two operands, or -1. */
    static int binary(int op) {
        return switch (op) {
            case 0x6A -> IADD;
            case 0x6B -> ISUB;
            case 0x6C -> IMUL;
            case 0x71 -> IAND;
            case 0x72 -> IOR;
            case 0x73 -> IXOR;
            case 0x74 -> ISHL;
            case 0x75 -> ISHR;
            case 0x76 -> IUSHR;
            case 0x7C -> LADD;
            case 0x7D -> LSUB;
            case 0x7E -> LMUL;
            case 0x83 -> LAND;
            case 0x84 -> LOR;
            case 0x85 -> LXOR;
            case 0x86 -> LSHL;
            case 0x87 -> LSHR;
            case 0x88 -> LUSHR;
            default -> -1;
        };
    }

    /** Whether {@code op} (one {@link #binary} takes) works on 32-bit operands. */
    static boolean isI32(int op) {
        return op >= 0x6A && op <= 0x78;
    }

    /** Whether {@code op} is a 64-bit shift, whose count the JVM takes as an int. */
    static boolean isShift(int op) {
        return op >= 0x86 && op <= 0x88;
    }

    /** The {@code Numerics} method {@code JitOps.opXX} only forwards to for binary float opcode {@code op}, or null. */
    static String numericsMethod(int op) {
        return switch (op) {
            case 0xA0 -> "f64Add";
            case 0xA1 -> "f64Sub";
            case 0xA2 -> "f64Mul";
            case 0xA3 -> "f64Div";
            default -> null;
        };
    }
}
