package dev.lia.wasm.exec;


/**
 * The numeric and memory instructions of compiled code, one small static method per internal
 * opcode (generated code calls {@code opXX}, {@code ldXX}, {@code stXX} by name; the JIT inlines
 * them). Slots hold raw bits as in the interpreter: 32-bit values sign-extended, so every body
 * here computes exactly what the interpreter's case for the same opcode computes.
 */
public final class JitOps {
    private JitOps() {}


    private static float f32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    private static double f64(long slot) {
        return Double.longBitsToDouble(slot);
    }

    /** The effective address of an access of {@code size} bytes, or a trap if it is out of bounds. */
    private static int address(long base, long offset, int size, byte[] mem) {
        // Small, so that C1 inlines it too: a call per access would make C1 spill every live value
        // around it (and give up on large methods); so the trap is made elsewhere.
        long ea = (base & 0xFFFFFFFFL) + offset;
        if (ea > mem.length - size) throw outOfBounds();
        return (int) ea;
    }

    private static dev.lia.wasm.Trap outOfBounds() {
        return new dev.lia.wasm.Trap("out of bounds memory access");
    }

    public static long op45(long a) { return Compare.eqz32((int) a); }
    public static long op46(long a, long b) { return Compare.eq32((int) a, (int) b); }
    public static long op47(long a, long b) { return 1 - Compare.eq32((int) a, (int) b); }
    public static long op48(long a, long b) { return Compare.ltS32((int) a, (int) b); }
    public static long op49(long a, long b) { return Compare.ltU32((int) a, (int) b); }
    public static long op4A(long a, long b) { return Compare.ltS32((int) b, (int) a); }
    public static long op4B(long a, long b) { return Compare.ltU32((int) b, (int) a); }
    public static long op4C(long a, long b) { return 1 - Compare.ltS32((int) b, (int) a); }
    public static long op4D(long a, long b) { return 1 - Compare.ltU32((int) b, (int) a); }
    public static long op4E(long a, long b) { return 1 - Compare.ltS32((int) a, (int) b); }
    public static long op4F(long a, long b) { return 1 - Compare.ltU32((int) a, (int) b); }
    public static long op50(long a) { return Compare.eqz64(a); }
    public static long op51(long a, long b) { return Compare.eqz64(a ^ b); }
    public static long op52(long a, long b) { return 1 - Compare.eqz64(a ^ b); }
    public static long op53(long a, long b) { return Compare.ltS64(a, b); }
    public static long op54(long a, long b) { return Compare.ltU64(a, b); }
    public static long op55(long a, long b) { return Compare.ltS64(b, a); }
    public static long op56(long a, long b) { return Compare.ltU64(b, a); }
    public static long op57(long a, long b) { return 1 - Compare.ltS64(b, a); }
    public static long op58(long a, long b) { return 1 - Compare.ltU64(b, a); }
    public static long op59(long a, long b) { return 1 - Compare.ltS64(a, b); }
    public static long op5A(long a, long b) { return 1 - Compare.ltU64(a, b); }
    public static long op5B(long a, long b) { return f32(a) == f32(b) ? 1 : 0; }
    public static long op5C(long a, long b) { return f32(a) != f32(b) ? 1 : 0; }
    public static long op5D(long a, long b) { return f32(a) < f32(b) ? 1 : 0; }
    public static long op5E(long a, long b) { return f32(a) > f32(b) ? 1 : 0; }
    public static long op5F(long a, long b) { return f32(a) <= f32(b) ? 1 : 0; }
    public static long op60(long a, long b) { return f32(a) >= f32(b) ? 1 : 0; }
    public static long op61(long a, long b) { return f64(a) == f64(b) ? 1 : 0; }
    public static long op62(long a, long b) { return f64(a) != f64(b) ? 1 : 0; }
    public static long op63(long a, long b) { return f64(a) < f64(b) ? 1 : 0; }
    public static long op64(long a, long b) { return f64(a) > f64(b) ? 1 : 0; }
    public static long op65(long a, long b) { return f64(a) <= f64(b) ? 1 : 0; }
    public static long op66(long a, long b) { return f64(a) >= f64(b) ? 1 : 0; }
    public static long op67(long a) { return Integer.numberOfLeadingZeros((int) a); }
    public static long op68(long a) { return Integer.numberOfTrailingZeros((int) a); }
    public static long op69(long a) { return Integer.bitCount((int) a); }
    public static long op6A(long a, long b) { return (int) a + (int) b; }
    public static long op6B(long a, long b) { return (int) a - (int) b; }
    public static long op6C(long a, long b) { return (int) a * (int) b; }
    public static long op6D(long a, long b) { return Numerics.i32DivS((int) a, (int) b); }
    public static long op6E(long a, long b) { return Numerics.i32DivU((int) a, (int) b); }
    public static long op6F(long a, long b) { return Numerics.i32RemS((int) a, (int) b); }
    public static long op70(long a, long b) { return Numerics.i32RemU((int) a, (int) b); }
    public static long op71(long a, long b) { return (int) a & (int) b; }
    public static long op72(long a, long b) { return (int) a | (int) b; }
    public static long op73(long a, long b) { return (int) a ^ (int) b; }
    public static long op74(long a, long b) { return (int) a << (int) b; }
    public static long op75(long a, long b) { return (int) a >> (int) b; }
    public static long op76(long a, long b) { return (int) a >>> (int) b; }
    public static long op77(long a, long b) { return Integer.rotateLeft((int) a, (int) b); }
    public static long op78(long a, long b) { return Integer.rotateRight((int) a, (int) b); }
    public static long op79(long a) { return Long.numberOfLeadingZeros(a); }
    public static long op7A(long a) { return Long.numberOfTrailingZeros(a); }
    public static long op7B(long a) { return Long.bitCount(a); }
    public static long op7C(long a, long b) { return a + b; }
    public static long op7D(long a, long b) { return a - b; }
    public static long op7E(long a, long b) { return a * b; }
    public static long op7F(long a, long b) { return Numerics.i64DivS(a, b); }
    public static long op80(long a, long b) { return Numerics.i64DivU(a, b); }
    public static long op81(long a, long b) { return Numerics.i64RemS(a, b); }
    public static long op82(long a, long b) { return Numerics.i64RemU(a, b); }
    public static long op83(long a, long b) { return a & b; }
    public static long op84(long a, long b) { return a | b; }
    public static long op85(long a, long b) { return a ^ b; }
    public static long op86(long a, long b) { return a << b; }
    public static long op87(long a, long b) { return a >> b; }
    public static long op88(long a, long b) { return a >>> b; }
    public static long op89(long a, long b) { return Long.rotateLeft(a, (int) b); }
    public static long op8A(long a, long b) { return Long.rotateRight(a, (int) b); }
    public static long op8B(long a) { return (int) a & 0x7FFFFFFF; }
    public static long op8C(long a) { return (int) a ^ 0x80000000; }
    public static long op8D(long a) { return Numerics.f32Ceil((int) a); }
    public static long op8E(long a) { return Numerics.f32Floor((int) a); }
    public static long op8F(long a) { return Numerics.f32Trunc((int) a); }
    public static long op90(long a) { return Numerics.f32Nearest((int) a); }
    public static long op91(long a) { return Numerics.f32Sqrt((int) a); }
    public static long op92(long a, long b) { return Numerics.f32Add((int) a, (int) b); }
    public static long op93(long a, long b) { return Numerics.f32Sub((int) a, (int) b); }
    public static long op94(long a, long b) { return Numerics.f32Mul((int) a, (int) b); }
    public static long op95(long a, long b) { return Numerics.f32Div((int) a, (int) b); }
    public static long op96(long a, long b) { return Numerics.f32Min((int) a, (int) b); }
    public static long op97(long a, long b) { return Numerics.f32Max((int) a, (int) b); }
    public static long op98(long a, long b) { return ((int) a & 0x7FFFFFFF) | ((int) b & 0x80000000); }
    public static long op99(long a) { return a & 0x7FFFFFFFFFFFFFFFL; }
    public static long op9A(long a) { return a ^ 0x8000000000000000L; }
    public static long op9B(long a) { return Numerics.f64Ceil(a); }
    public static long op9C(long a) { return Numerics.f64Floor(a); }
    public static long op9D(long a) { return Numerics.f64Trunc(a); }
    public static long op9E(long a) { return Numerics.f64Nearest(a); }
    public static long op9F(long a) { return Numerics.f64Sqrt(a); }
    public static long opA0(long a, long b) { return Numerics.f64Add(a, b); }
    public static long opA1(long a, long b) { return Numerics.f64Sub(a, b); }
    public static long opA2(long a, long b) { return Numerics.f64Mul(a, b); }
    public static long opA3(long a, long b) { return Numerics.f64Div(a, b); }
    public static long opA4(long a, long b) { return Numerics.f64Min(a, b); }
    public static long opA5(long a, long b) { return Numerics.f64Max(a, b); }
    public static long opA6(long a, long b) { return (a & 0x7FFFFFFFFFFFFFFFL) | (b & 0x8000000000000000L); }
    public static long opA7(long a) { return (int) a; }
    public static long opA8(long a) { return Numerics.i32TruncF32S((int) a); }
    public static long opA9(long a) { return Numerics.i32TruncF32U((int) a); }
    public static long opAA(long a) { return Numerics.i32TruncF64S(a); }
    public static long opAB(long a) { return Numerics.i32TruncF64U(a); }
    public static long opAC(long a) { return a; }
    public static long opAD(long a) { return a & 0xFFFFFFFFL; }
    public static long opAE(long a) { return Numerics.i64TruncF32S((int) a); }
    public static long opAF(long a) { return Numerics.i64TruncF32U((int) a); }
    public static long opB0(long a) { return Numerics.i64TruncF64S(a); }
    public static long opB1(long a) { return Numerics.i64TruncF64U(a); }
    public static long opB2(long a) { return Numerics.f32ConvertI32S((int) a); }
    public static long opB3(long a) { return Numerics.f32ConvertI32U((int) a); }
    public static long opB4(long a) { return Numerics.f32ConvertI64S(a); }
    public static long opB5(long a) { return Numerics.f32ConvertI64U(a); }
    public static long opB6(long a) { return Numerics.f32DemoteF64(a); }
    public static long opB7(long a) { return Numerics.f64ConvertI32S((int) a); }
    public static long opB8(long a) { return Numerics.f64ConvertI32U((int) a); }
    public static long opB9(long a) { return Numerics.f64ConvertI64S(a); }
    public static long opBA(long a) { return Numerics.f64ConvertI64U(a); }
    public static long opBB(long a) { return Numerics.f64PromoteF32((int) a); }
    public static long opBC(long a) { return a; }
    public static long opBD(long a) { return a; }
    public static long opBE(long a) { return a; }
    public static long opBF(long a) { return a; }
    public static long opC0(long a) { return (byte) a; }
    public static long opC1(long a) { return (short) a; }
    public static long opC2(long a) { return (byte) a; }
    public static long opC3(long a) { return (short) a; }
    public static long opC4(long a) { return (int) a; }
    public static long opE0(long a) { return Numerics.i32TruncSatF32S((int) a); }
    public static long opE1(long a) { return Numerics.i32TruncSatF32U((int) a); }
    public static long opE2(long a) { return Numerics.i32TruncSatF64S(a); }
    public static long opE3(long a) { return Numerics.i32TruncSatF64U(a); }
    public static long opE4(long a) { return Numerics.i64TruncSatF32S((int) a); }
    public static long opE5(long a) { return Numerics.i64TruncSatF32U((int) a); }
    public static long opE6(long a) { return Numerics.i64TruncSatF64S(a); }
    public static long opE7(long a) { return Numerics.i64TruncSatF64U(a); }

    public static long ld28(byte[] mem, long a, long off) { return RawBytes.getInt(mem, address(a, off, 4, mem)); }
    public static long ld29(byte[] mem, long a, long off) { return RawBytes.getLong(mem, address(a, off, 8, mem)); }
    public static long ld2A(byte[] mem, long a, long off) { return RawBytes.getInt(mem, address(a, off, 4, mem)); }
    public static long ld2B(byte[] mem, long a, long off) { return RawBytes.getLong(mem, address(a, off, 8, mem)); }
    public static long ld2C(byte[] mem, long a, long off) { return mem[address(a, off, 1, mem)]; }
    public static long ld2D(byte[] mem, long a, long off) { return mem[address(a, off, 1, mem)] & 0xFF; }
    public static long ld2E(byte[] mem, long a, long off) { return RawBytes.getShort(mem, address(a, off, 2, mem)); }
    public static long ld2F(byte[] mem, long a, long off) { return RawBytes.getShort(mem, address(a, off, 2, mem)) & 0xFFFF; }
    public static long ld30(byte[] mem, long a, long off) { return mem[address(a, off, 1, mem)]; }
    public static long ld31(byte[] mem, long a, long off) { return mem[address(a, off, 1, mem)] & 0xFF; }
    public static long ld32(byte[] mem, long a, long off) { return RawBytes.getShort(mem, address(a, off, 2, mem)); }
    public static long ld33(byte[] mem, long a, long off) { return RawBytes.getShort(mem, address(a, off, 2, mem)) & 0xFFFF; }
    public static long ld34(byte[] mem, long a, long off) { return RawBytes.getInt(mem, address(a, off, 4, mem)); }
    public static long ld35(byte[] mem, long a, long off) { return RawBytes.getInt(mem, address(a, off, 4, mem)) & 0xFFFFFFFFL; }
    public static void st36(byte[] mem, long a, long v, long off) { RawBytes.putInt(mem, address(a, off, 4, mem), (int) v); }
    public static void st37(byte[] mem, long a, long v, long off) { RawBytes.putLong(mem, address(a, off, 8, mem), v); }
    public static void st38(byte[] mem, long a, long v, long off) { RawBytes.putInt(mem, address(a, off, 4, mem), (int) v); }
    public static void st39(byte[] mem, long a, long v, long off) { RawBytes.putLong(mem, address(a, off, 8, mem), v); }
    public static void st3A(byte[] mem, long a, long v, long off) { mem[address(a, off, 1, mem)] = (byte) v; }
    public static void st3B(byte[] mem, long a, long v, long off) { RawBytes.putShort(mem, address(a, off, 2, mem), (short) v); }
    public static void st3C(byte[] mem, long a, long v, long off) { mem[address(a, off, 1, mem)] = (byte) v; }
    public static void st3D(byte[] mem, long a, long v, long off) { RawBytes.putShort(mem, address(a, off, 2, mem), (short) v); }
    public static void st3E(byte[] mem, long a, long v, long off) { RawBytes.putInt(mem, address(a, off, 4, mem), (int) v); }
}
