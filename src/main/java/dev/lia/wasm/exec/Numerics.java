package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;

/**
 * The WebAssembly numeric instructions that are not one-liners in Java, on raw bits.
 *
 * <p>Representation: i32 is an {@code int}, i64 a {@code long}, f32 the {@code int} bits of the
 * float ({@link Float#floatToRawIntBits}), f64 the {@code long} bits of the double.
 *
 * <p>Determinism: every float operation that computes a new value (arithmetic, sqrt, rounding,
 * min/max, promote/demote) returns {@link #CANONICAL_NAN_32} / {@link #CANONICAL_NAN_64} whenever
 * its result is a NaN, whatever the payloads or signs of the NaN operands and whatever the CPU
 * would have produced. {@code abs}, {@code neg} and {@code copysign} are pure sign-bit operations
 * and keep NaN payloads, as the specification requires.
 *
 * <p>Java float arithmetic is IEEE 754 binary32/binary64 with round-to-nearest-even (strict since
 * Java 17), which is exactly what WebAssembly prescribes, so the arithmetic itself is delegated to
 * the Java operators. Every method is at most 35 bytes of bytecode (HotSpot's MaxInlineSize), so it
 * is inlined into the interpreter loop even at call sites that are not hot; traps are built out
 * of line.
 */
public final class Numerics {
    /** The canonical f32 NaN: positive, quiet, payload zero. */
    public static final int CANONICAL_NAN_32 = 0x7fc00000;
    /** The canonical f64 NaN: positive, quiet, payload zero. */
    public static final long CANONICAL_NAN_64 = 0x7ff8000000000000L;

    /*
     * The canonical NaNs as values (quiet NaNs, so every move keeps their bits). Canonicalizing
     * before taking the bits, not after, lets the JIT keep a float result in a float register when
     * the next operation reads it back (the bits-to-float move of one and the float-to-bits move of
     * the other cancel), instead of moving every intermediate result through an integer register.
     */
    private static final float NAN_32 = Float.intBitsToFloat(CANONICAL_NAN_32);
    private static final double NAN_64 = Double.longBitsToDouble(CANONICAL_NAN_64);

    /** Trap message of a division or remainder by zero. */
    public static final String DIVIDE_BY_ZERO = "integer divide by zero";
    /** Trap message of a signed division overflow or an out-of-range float to integer truncation. */
    public static final String INTEGER_OVERFLOW = "integer overflow";
    /** Trap message of a truncation of a NaN to an integer. */
    public static final String INVALID_CONVERSION = "invalid conversion to integer";

    private static final int SIGN_32 = 0x80000000;
    private static final long SIGN_64 = 0x8000000000000000L;

    // 2^31, 2^32, 2^63, 2^64 as doubles (all exact).
    private static final double TWO_31 = 2147483648.0;
    private static final double TWO_32 = 4294967296.0;
    private static final double TWO_63 = 9223372036854775808.0;
    private static final double TWO_64 = 18446744073709551616.0;

    private Numerics() {}

    // ---------------------------------------------------------------------------------------------
    // NaN canonicalization

    /** The bits of {@code r}, or the canonical NaN if {@code r} is a NaN. */
    public static int canon(float r) {
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    /** The bits of {@code r}, or the canonical NaN if {@code r} is a NaN. */
    public static long canon(double r) {
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    // ---------------------------------------------------------------------------------------------
    // f32 arithmetic

    public static int f32Add(int a, int b) {
        float r = Float.intBitsToFloat(a) + Float.intBitsToFloat(b);
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    public static int f32Sub(int a, int b) {
        float r = Float.intBitsToFloat(a) - Float.intBitsToFloat(b);
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    public static int f32Mul(int a, int b) {
        float r = Float.intBitsToFloat(a) * Float.intBitsToFloat(b);
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    public static int f32Div(int a, int b) {
        float r = Float.intBitsToFloat(a) / Float.intBitsToFloat(b);
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    /**
     * Correctly rounded: the double square root of a float, rounded to float, is the correctly
     * rounded float square root (53 >= 2 * 24 + 2, so the double rounding is innocuous).
     */
    public static int f32Sqrt(int a) {
        float r = (float) Math.sqrt(Float.intBitsToFloat(a));
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    // The integral results of ceil/floor/rint of a float are floats again, so the round trip
    // through double is exact. Math.ceil/floor/rint preserve the sign of zero (ceil(-0.5) = -0.0).

    public static int f32Ceil(int a) {
        float r = (float) Math.ceil(Float.intBitsToFloat(a));
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    public static int f32Floor(int a) {
        float r = (float) Math.floor(Float.intBitsToFloat(a));
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    public static int f32Trunc(int a) {
        float f = Float.intBitsToFloat(a);
        // a < 0 tests the sign bit: negatives round up (-0.5 to -0.0), the rest down.
        return canon((float) (a < 0 ? Math.ceil(f) : Math.floor(f)));
    }

    /** Round to nearest integral value, ties to even; the sign of zero is kept (-0.5 to -0.0). */
    public static int f32Nearest(int a) {
        float r = (float) Math.rint(Float.intBitsToFloat(a));
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    /** NaN if either operand is NaN; -0.0 is less than +0.0. */
    public static int f32Min(int a, int b) {
        float r = Math.min(Float.intBitsToFloat(a), Float.intBitsToFloat(b));
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    /** NaN if either operand is NaN; +0.0 is greater than -0.0. */
    public static int f32Max(int a, int b) {
        float r = Math.max(Float.intBitsToFloat(a), Float.intBitsToFloat(b));
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    public static int f32Abs(int a) {
        return a & ~SIGN_32;
    }

    public static int f32Neg(int a) {
        return a ^ SIGN_32;
    }

    /** The magnitude of {@code a} with the sign of {@code b}. */
    public static int f32Copysign(int a, int b) {
        return (a & ~SIGN_32) | (b & SIGN_32);
    }

    // ---------------------------------------------------------------------------------------------
    // f64 arithmetic

    public static long f64Add(long a, long b) {
        double r = Double.longBitsToDouble(a) + Double.longBitsToDouble(b);
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Sub(long a, long b) {
        double r = Double.longBitsToDouble(a) - Double.longBitsToDouble(b);
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Mul(long a, long b) {
        double r = Double.longBitsToDouble(a) * Double.longBitsToDouble(b);
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Div(long a, long b) {
        double r = Double.longBitsToDouble(a) / Double.longBitsToDouble(b);
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Sqrt(long a) {
        double r = Math.sqrt(Double.longBitsToDouble(a));
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Ceil(long a) {
        double r = Math.ceil(Double.longBitsToDouble(a));
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Floor(long a) {
        double r = Math.floor(Double.longBitsToDouble(a));
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Trunc(long a) {
        double d = Double.longBitsToDouble(a);
        return canon(a < 0 ? Math.ceil(d) : Math.floor(d));
    }

    /** Round to nearest integral value, ties to even; the sign of zero is kept (-0.5 to -0.0). */
    public static long f64Nearest(long a) {
        double r = Math.rint(Double.longBitsToDouble(a));
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Min(long a, long b) {
        double r = Math.min(Double.longBitsToDouble(a), Double.longBitsToDouble(b));
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Max(long a, long b) {
        double r = Math.max(Double.longBitsToDouble(a), Double.longBitsToDouble(b));
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    public static long f64Abs(long a) {
        return a & ~SIGN_64;
    }

    public static long f64Neg(long a) {
        return a ^ SIGN_64;
    }

    public static long f64Copysign(long a, long b) {
        return (a & ~SIGN_64) | (b & SIGN_64);
    }

    // ---------------------------------------------------------------------------------------------
    // Integer division

    public static int i32DivS(int a, int b) {
        if (b == 0) throw divideByZero();
        if (b == -1 && a == Integer.MIN_VALUE) throw integerOverflow();
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) throw divideByZero();
        return Integer.divideUnsigned(a, b);
    }

    /** {@code MIN_VALUE rem_s -1} is 0 (no trap). */
    public static int i32RemS(int a, int b) {
        if (b == 0) throw divideByZero();
        return b == -1 ? 0 : a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) throw divideByZero();
        return Integer.remainderUnsigned(a, b);
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) throw divideByZero();
        if (b == -1 && a == Long.MIN_VALUE) throw integerOverflow();
        return a / b;
    }

    public static long i64DivU(long a, long b) {
        if (b == 0) throw divideByZero();
        return Long.divideUnsigned(a, b);
    }

    /** {@code MIN_VALUE rem_s -1} is 0 (no trap). */
    public static long i64RemS(long a, long b) {
        if (b == 0) throw divideByZero();
        return b == -1 ? 0 : a % b;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) throw divideByZero();
        return Long.remainderUnsigned(a, b);
    }

    // ---------------------------------------------------------------------------------------------
    // Trapping float -> integer truncation.
    //
    // A value is in range when its truncation is: for a signed target [-2^(N-1), 2^(N-1)) this
    // means -2^(N-1) - 1 < x < 2^(N-1); for an unsigned target -1 < x < 2^N. f32 operands are
    // widened to double first, which is exact. For the 64-bit targets -2^63 - 1 is not a double,
    // but no double lies strictly between -2^63 - 2048 and -2^63, so "x >= -2^63" is the bound.

    public static int i32TruncF32S(int a) {
        return i32TruncF64S(Double.doubleToRawLongBits(Float.intBitsToFloat(a)));
    }

    public static int i32TruncF32U(int a) {
        return i32TruncF64U(Double.doubleToRawLongBits(Float.intBitsToFloat(a)));
    }

    public static int i32TruncF64S(long a) {
        double d = Double.longBitsToDouble(a);
        if (d > -2147483649.0 && d < TWO_31) return (int) d;
        throw truncTrap(d);
    }

    public static int i32TruncF64U(long a) {
        double d = Double.longBitsToDouble(a);
        if (d > -1.0 && d < TWO_32) return (int) (long) d;
        throw truncTrap(d);
    }

    public static long i64TruncF32S(int a) {
        return i64TruncF64S(Double.doubleToRawLongBits(Float.intBitsToFloat(a)));
    }

    public static long i64TruncF32U(int a) {
        return i64TruncF64U(Double.doubleToRawLongBits(Float.intBitsToFloat(a)));
    }

    public static long i64TruncF64S(long a) {
        double d = Double.longBitsToDouble(a);
        if (d >= -TWO_63 && d < TWO_63) return (long) d;
        throw truncTrap(d);
    }

    public static long i64TruncF64U(long a) {
        double d = Double.longBitsToDouble(a);
        if (d > -1.0 && d < TWO_64) return doubleToUnsignedLong(d);
        throw truncTrap(d);
    }

    // ---------------------------------------------------------------------------------------------
    // Saturating float -> integer truncation: NaN gives 0, out-of-range values clamp.
    // Java's (int) and (long) casts already have exactly these semantics for signed targets.

    public static int i32TruncSatF32S(int a) {
        return (int) Float.intBitsToFloat(a);
    }

    public static int i32TruncSatF32U(int a) {
        return i32TruncSatF64U(Double.doubleToRawLongBits(Float.intBitsToFloat(a)));
    }

    public static int i32TruncSatF64S(long a) {
        return (int) Double.longBitsToDouble(a);
    }

    public static int i32TruncSatF64U(long a) {
        double d = Double.longBitsToDouble(a);
        if (!(d > 0.0)) return 0; // NaN, zeros and negatives (including (-1, 0), which truncate to 0)
        if (d >= TWO_32) return -1;
        return (int) (long) d;
    }

    public static long i64TruncSatF32S(int a) {
        return (long) Float.intBitsToFloat(a);
    }

    public static long i64TruncSatF32U(int a) {
        return i64TruncSatF64U(Double.doubleToRawLongBits(Float.intBitsToFloat(a)));
    }

    public static long i64TruncSatF64S(long a) {
        return (long) Double.longBitsToDouble(a);
    }

    public static long i64TruncSatF64U(long a) {
        double d = Double.longBitsToDouble(a);
        if (!(d > 0.0)) return 0L;
        if (d >= TWO_64) return -1L;
        return doubleToUnsignedLong(d);
    }

    /** Truncates {@code d}, which must lie in (-1, 2^64), to an unsigned 64-bit integer. */
    private static long doubleToUnsignedLong(double d) {
        if (d < TWO_63) return (long) d;
        // d in [2^63, 2^64): its ulp is at least 2048, so d - 2^63 is exact and integral.
        return (long) (d - TWO_63) | SIGN_64;
    }

    // ---------------------------------------------------------------------------------------------
    // Integer -> float conversion, round to nearest, ties to even.
    //
    // Java's int/long -> float/double casts are correctly rounded (JLS 5.1.2), with no detour
    // through double for long -> float. Unsigned 64-bit values with the top bit set are halved
    // first, OR-ing the dropped bit back in as a sticky bit: the halved value has 63 significant
    // bits, far more than the 24 or 53 kept, so the sticky bit sits below the rounding position and
    // the rounding of the halved value is that of the original; doubling is then exact.

    public static int f32ConvertI32S(int a) {
        return Float.floatToRawIntBits((float) a);
    }

    public static int f32ConvertI32U(int a) {
        return Float.floatToRawIntBits((float) (a & 0xffffffffL));
    }

    public static int f32ConvertI64S(long a) {
        return Float.floatToRawIntBits((float) a);
    }

    public static int f32ConvertI64U(long a) {
        if (a >= 0) return Float.floatToRawIntBits((float) a);
        float half = (float) ((a >>> 1) | (a & 1L));
        return Float.floatToRawIntBits(half * 2.0f);
    }

    public static long f64ConvertI32S(int a) {
        return Double.doubleToRawLongBits(a);
    }

    public static long f64ConvertI32U(int a) {
        return Double.doubleToRawLongBits(a & 0xffffffffL);
    }

    public static long f64ConvertI64S(long a) {
        return Double.doubleToRawLongBits((double) a);
    }

    public static long f64ConvertI64U(long a) {
        if (a >= 0) return Double.doubleToRawLongBits((double) a);
        double half = (double) ((a >>> 1) | (a & 1L));
        return Double.doubleToRawLongBits(half * 2.0);
    }

    // ---------------------------------------------------------------------------------------------
    // Float <-> float

    /** Round to nearest even; values beyond the f32 range become infinities. NaN is canonical. */
    public static int f32DemoteF64(long a) {
        float r = (float) Double.longBitsToDouble(a);
        return Float.floatToRawIntBits(r != r ? NAN_32 : r);
    }

    /** Exact. NaN is canonical. */
    public static long f64PromoteF32(int a) {
        double r = Float.intBitsToFloat(a);
        return Double.doubleToRawLongBits(r != r ? NAN_64 : r);
    }

    // ---------------------------------------------------------------------------------------------
    // Traps, built out of line to keep the callers small.

    private static Trap divideByZero() {
        return new Trap(DIVIDE_BY_ZERO);
    }

    private static Trap integerOverflow() {
        return new Trap(INTEGER_OVERFLOW);
    }

    private static Trap truncTrap(double d) {
        return new Trap(d != d ? INVALID_CONVERSION : INTEGER_OVERFLOW);
    }
}
