package dev.lia.wasm.exec;

/**
 * {@link JitOps}' memory instructions ({@code ldXX}, {@code stXX}, same names and semantics) in as
 * few bytes of bytecode as they can be, for CPUs where {@link RawBytes} uses {@code Unsafe}: the
 * bounds check and the move in one method. Why it matters: C1 inlines at most 8,000 bytes of callees
 * into a method (DesiredMethodLimit); through {@code JitOps} an access inlines ~90 bytes (four
 * methods), so a large generated method ran out of budget after ~80 accesses, and each access left
 * as a call made C1 spill every live value around it (and then give up on the method: "too many
 * stack slots used"), and C1 inlines no callee over 35 bytes (MaxInlineSize). Each method here is
 * at most 35 bytes: the emitter passes the offset with {@link #BASE} added, and stores take the value
 * already narrowed to its width. Memory safety: every move is after the check that
 * the whole access lies in the array.
 */
public final class RawMemOps {
    private RawMemOps() {}

    /**
     * Whether the emitter may call these (else it calls {@link JitOps}' portable ones). Only the
     * distinct accesses are here: see {@link #method} for the opcodes that share one.
     */
    public static final boolean AVAILABLE = RawBytes.RAW;

    private static final sun.misc.Unsafe U = RawBytes.U;
    /**
     * What the emitter adds to an instruction's static offset before passing it ({@code offsetB}):
     * the offset of a byte array's first element, so that the effective address is already the
     * {@code Unsafe} offset and the methods stay small.
     */
    public static final long BASE = RawBytes.BASE;
    /** {@code BASE - size}: an access of {@code size} bytes at Unsafe offset {@code ea} is in bounds when {@code ea <= length + END_size}. */
    private static final int END1 = (int) BASE - 1, END2 = (int) BASE - 2, END4 = (int) BASE - 4, END8 = (int) BASE - 8;

    /**
     * The method here of memory opcode {@code op} (0x28-0x3E): opcodes that move the same bytes the
     * same way share one (f32.load is i32.load; i64.load32_s is i32.load, whose int is sign-extended
     * into the slot as the interpreter's); an unsigned load is the signed one and {@link #zeroExtend}.
     */
    public static String method(int op) {
        int same = switch (op) {
            case 0x2A, 0x34, 0x35 -> 0x28;
            case 0x2B -> 0x29;
            case 0x2D, 0x30, 0x31 -> 0x2C;
            case 0x2F, 0x32, 0x33 -> 0x2E;
            case 0x38, 0x3E -> 0x36;
            case 0x39 -> 0x37;
            case 0x3C -> 0x3A;
            case 0x3D -> 0x3B;
            default -> op;
        };
        return String.format(same <= 0x35 ? "ld%02X" : "st%02X", same);
    }

    /** The mask the emitter applies to {@link #method}{@code (op)}'s result for an unsigned narrow load, or 0 (none). */
    public static long zeroExtend(int op) {
        return switch (op) {
            case 0x2D, 0x31 -> 0xFFL;
            case 0x2F, 0x33 -> 0xFFFFL;
            case 0x35 -> 0xFFFFFFFFL;
            default -> 0;
        };
    }

    private static dev.lia.wasm.Trap oob() {
        return new dev.lia.wasm.Trap("out of bounds memory access");
    }

    // a: the address operand (an i32 slot, so its low 32 bits, unsigned). offsetB: the instruction's
    // offset plus BASE. a becomes the Unsafe offset of the access; the check that follows keeps the
    // whole access inside the array's elements (a is at least BASE, as the offset is at least 0).

    public static long ld28(byte[] m, long a, long offsetB) {
        a = (a & 0xFFFFFFFFL) + offsetB;
        if (a > m.length + END4) throw oob();
        return U.getInt(m, a);
    }

    public static long ld29(byte[] m, long a, long offsetB) {
        a = (a & 0xFFFFFFFFL) + offsetB;
        if (a > m.length + END8) throw oob();
        return U.getLong(m, a);
    }

    public static long ld2C(byte[] m, long a, long offsetB) {
        a = (a & 0xFFFFFFFFL) + offsetB;
        if (a > m.length + END1) throw oob();
        return U.getByte(m, a);
    }

    public static long ld2E(byte[] m, long a, long offsetB) {
        a = (a & 0xFFFFFFFFL) + offsetB;
        if (a > m.length + END2) throw oob();
        return U.getShort(m, a);
    }

    public static void st36(byte[] m, long a, long offsetB, int v) {
        a = (a & 0xFFFFFFFFL) + offsetB;
        if (a > m.length + END4) throw oob();
        U.putInt(m, a, v);
    }

    public static void st37(byte[] m, long a, long offsetB, long v) {
        a = (a & 0xFFFFFFFFL) + offsetB;
        if (a > m.length + END8) throw oob();
        U.putLong(m, a, v);
    }

    public static void st3A(byte[] m, long a, long offsetB, byte v) {
        a = (a & 0xFFFFFFFFL) + offsetB;
        if (a > m.length + END1) throw oob();
        U.putByte(m, a, v);
    }

    public static void st3B(byte[] m, long a, long offsetB, short v) {
        a = (a & 0xFFFFFFFFL) + offsetB;
        if (a > m.length + END2) throw oob();
        U.putShort(m, a, v);
    }

    /** The descriptor of store {@link #method}{@code (op)}: the value as wide as the access. */
    public static String storeDescriptor(int op) {
        return switch (method(op)) {
            case "st37" -> "([BJJJ)V";
            case "st3A" -> "([BJJB)V";
            case "st3B" -> "([BJJS)V";
            default -> "([BJJI)V";
        };
    }
}
