package dev.lia.wasm.exec;

import static dev.lia.wasm.exec.Numerics.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.lia.wasm.Trap;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of {@link Numerics}. Expected values are worked out from the specification (IEEE 754
 * round-to-nearest-even, the wasm truncation ranges) and written as exact hex literals; many are the
 * ones the official spec tests use. {@link NumericsSpecSuiteTest} additionally replays the spec
 * suite's scalar numeric assertions.
 */
class NumericsTest {

    // ---- helpers --------------------------------------------------------------------------------

    static int f(float x) {
        return Float.floatToRawIntBits(x);
    }

    static long d(double x) {
        return Double.doubleToRawLongBits(x);
    }

    static void eq32(int actual, int expected) {
        if (actual != expected) {
            fail(String.format("expected f32 0x%08x (%s) but was 0x%08x (%s)",
                    expected, Float.intBitsToFloat(expected), actual, Float.intBitsToFloat(actual)));
        }
    }

    static void eq64(long actual, long expected) {
        if (actual != expected) {
            fail(String.format("expected f64 0x%016x (%s) but was 0x%016x (%s)",
                    expected, Double.longBitsToDouble(expected), actual, Double.longBitsToDouble(actual)));
        }
    }

    static void eqF(int actualBits, float expected) {
        eq32(actualBits, f(expected));
    }

    static void eqD(long actualBits, double expected) {
        eq64(actualBits, d(expected));
    }

    static void traps(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(Trap.class).hasMessage(message);
    }

    static final String DIV0 = "integer divide by zero";
    static final String OVERFLOW = "integer overflow";
    static final String INVALID = "invalid conversion to integer";

    // NaNs of every flavour: canonical, negative, signalling with payloads, all-ones payloads.
    static final int[] NANS_32 = {
        0x7fc00000, 0xffc00000, 0x7fa00000, 0xffa00000, 0x7f800001, 0xff800001, 0x7fffffff, 0xffffffff,
        0x7fc12345,
    };
    static final long[] NANS_64 = {
        0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff4000000000000L, 0xfff4000000000000L,
        0x7ff0000000000001L, 0xfff0000000000001L, 0x7fffffffffffffffL, 0xffffffffffffffffL,
        0x7ff8000012345678L,
    };
    // Ordinary operands to combine with the NaNs.
    static final float[] ORDINARY_32 = {
        0.0f, -0.0f, 1.0f, -1.0f, 0x1p-149f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
    };
    static final double[] ORDINARY_64 = {
        0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
    };

    static final float INF32 = Float.POSITIVE_INFINITY;
    static final double INF64 = Double.POSITIVE_INFINITY;

    @Test
    void canonicalNanConstants() {
        assertThat(CANONICAL_NAN_32).isEqualTo(0x7fc00000);
        assertThat(CANONICAL_NAN_64).isEqualTo(0x7ff8000000000000L);
        eq32(canon(Float.intBitsToFloat(0xffa00000)), 0x7fc00000);
        eq64(canon(Double.longBitsToDouble(0xfff0000000000001L)), 0x7ff8000000000000L);
        eqF(canon(-0.0f), -0.0f);
        eqD(canon(-0.0), -0.0);
    }

    // =============================================================================================
    @Nested
    class F32Arithmetic {
        @Test
        void basicValuesAndRounding() {
            eqF(f32Add(f(1.5f), f(2.25f)), 3.75f);
            eqF(f32Sub(f(1.0f), f(3.0f)), -2.0f);
            eqF(f32Mul(f(-3.0f), f(0.5f)), -1.5f);
            eqF(f32Div(f(1.0f), f(3.0f)), 0x1.555556p-2f);
            eqF(f32Div(f(2.0f), f(3.0f)), 0x1.555556p-1f);
            // 1 + 2^-24 is exactly halfway between 1 and 1 + 2^-23: ties to even, i.e. 1.
            eqF(f32Add(f(1.0f), f(0x1p-24f)), 1.0f);
            // 1 + 3*2^-24 is halfway between 1 + 2^-23 (odd) and 1 + 2^-22 (even).
            eqF(f32Add(f(0x1.000002p0f), f(0x1p-24f)), 0x1.000004p0f);
            // a hair above halfway rounds up.
            eqF(f32Add(f(1.0f), f(0x1.000002p-24f)), 0x1.000002p0f);
            // subnormals
            eqF(f32Add(f(0x1p-149f), f(0x1p-149f)), 0x1p-148f);
            eqF(f32Mul(f(0x1p-149f), f(0.5f)), 0.0f); // tie between 0 and 2^-149: even is 0
            eqF(f32Mul(f(-0x1p-149f), f(0.5f)), -0.0f);
            eqF(f32Mul(f(0x1p-149f), f(0x1.8p-1f)), 0x1p-149f); // 0.75 ulp rounds up
            eqF(f32Div(f(0x1p-126f), f(0x1p23f)), 0x1p-149f);
        }

        @Test
        void overflowAndInfinities() {
            eqF(f32Mul(f(0x1p127f), f(2.0f)), INF32);
            eqF(f32Add(f(Float.MAX_VALUE), f(0x1p103f)), INF32); // half an ulp of MAX: tie to even = inf
            eqF(f32Add(f(Float.MAX_VALUE), f(0x1.fffffep102f)), Float.MAX_VALUE); // just below the tie
            eqF(f32Mul(f(-Float.MAX_VALUE), f(Float.MAX_VALUE)), -INF32);
            eqF(f32Div(f(1.0f), f(0.0f)), INF32);
            eqF(f32Div(f(1.0f), f(-0.0f)), -INF32);
            eqF(f32Div(f(-1.0f), f(INF32)), -0.0f);
            eqF(f32Add(f(INF32), f(INF32)), INF32);
        }

        @Test
        void signedZeros() {
            eqF(f32Add(f(-0.0f), f(-0.0f)), -0.0f);
            eqF(f32Add(f(-0.0f), f(0.0f)), 0.0f);
            eqF(f32Add(f(1.0f), f(-1.0f)), 0.0f);
            eqF(f32Sub(f(-0.0f), f(0.0f)), -0.0f);
            eqF(f32Sub(f(0.0f), f(0.0f)), 0.0f);
            eqF(f32Sub(f(0.0f), f(-0.0f)), 0.0f);
            eqF(f32Mul(f(-0.0f), f(5.0f)), -0.0f);
            eqF(f32Mul(f(-0.0f), f(-5.0f)), 0.0f);
            eqF(f32Div(f(0.0f), f(-5.0f)), -0.0f);
        }

        @Test
        void invalidOperationsGiveTheCanonicalNan() {
            // On x86 these produce the negative "default NaN" 0xffc00000; the engine must not.
            eq32(f32Add(f(INF32), f(-INF32)), CANONICAL_NAN_32);
            eq32(f32Sub(f(INF32), f(INF32)), CANONICAL_NAN_32);
            eq32(f32Sub(f(-INF32), f(-INF32)), CANONICAL_NAN_32);
            eq32(f32Mul(f(0.0f), f(INF32)), CANONICAL_NAN_32);
            eq32(f32Mul(f(-0.0f), f(-INF32)), CANONICAL_NAN_32);
            eq32(f32Div(f(0.0f), f(0.0f)), CANONICAL_NAN_32);
            eq32(f32Div(f(-0.0f), f(0.0f)), CANONICAL_NAN_32);
            eq32(f32Div(f(INF32), f(-INF32)), CANONICAL_NAN_32);
            eq32(f32Sqrt(f(-1.0f)), CANONICAL_NAN_32);
            eq32(f32Sqrt(f(-0x1p-149f)), CANONICAL_NAN_32);
            eq32(f32Sqrt(f(-INF32)), CANONICAL_NAN_32);
        }

        @Test
        void nanOperandsGiveTheCanonicalNan() {
            IntBinaryOperator[] ops = {
                Numerics::f32Add, Numerics::f32Sub, Numerics::f32Mul, Numerics::f32Div, Numerics::f32Min,
                Numerics::f32Max,
            };
            for (IntBinaryOperator op : ops) {
                for (int nan : NANS_32) {
                    for (float x : ORDINARY_32) {
                        eq32(op.applyAsInt(nan, f(x)), CANONICAL_NAN_32);
                        eq32(op.applyAsInt(f(x), nan), CANONICAL_NAN_32);
                    }
                    for (int nan2 : NANS_32) {
                        eq32(op.applyAsInt(nan, nan2), CANONICAL_NAN_32);
                    }
                }
            }
            IntUnaryOperator[] unary = {
                Numerics::f32Sqrt, Numerics::f32Ceil, Numerics::f32Floor, Numerics::f32Trunc,
                Numerics::f32Nearest,
            };
            for (IntUnaryOperator op : unary) {
                for (int nan : NANS_32) {
                    eq32(op.applyAsInt(nan), CANONICAL_NAN_32);
                }
            }
        }

        @Test
        void sqrt() {
            eqF(f32Sqrt(f(4.0f)), 2.0f);
            eqF(f32Sqrt(f(2.0f)), 0x1.6a09e6p0f); // 1.41421354f, correctly rounded
            eqF(f32Sqrt(f(0x1p-148f)), 0x1p-74f);
            eqF(f32Sqrt(f(Float.MAX_VALUE)), 0x1.fffffep63f);
            eqF(f32Sqrt(f(0.0f)), 0.0f);
            eqF(f32Sqrt(f(-0.0f)), -0.0f); // IEEE: sqrt(-0) = -0
            eqF(f32Sqrt(f(INF32)), INF32);
        }

        @Test
        void ceilFloorTrunc() {
            eqF(f32Ceil(f(0.5f)), 1.0f);
            eqF(f32Ceil(f(-0.5f)), -0.0f);
            eqF(f32Ceil(f(-0.0f)), -0.0f);
            eqF(f32Ceil(f(0.0f)), 0.0f);
            eqF(f32Ceil(f(0x1p-149f)), 1.0f);
            eqF(f32Ceil(f(-0x1p-149f)), -0.0f);
            eqF(f32Ceil(f(-1.5f)), -1.0f);
            eqF(f32Ceil(f(0x1.fffffep22f)), 0x1p23f); // 8388607.5 -> 8388608
            eqF(f32Ceil(f(0x1.000002p23f)), 0x1.000002p23f);
            eqF(f32Ceil(f(-INF32)), -INF32);

            eqF(f32Floor(f(0.5f)), 0.0f);
            eqF(f32Floor(f(-0.5f)), -1.0f);
            eqF(f32Floor(f(-0.0f)), -0.0f);
            eqF(f32Floor(f(0x1p-149f)), 0.0f);
            eqF(f32Floor(f(-0x1p-149f)), -1.0f);
            eqF(f32Floor(f(1.5f)), 1.0f);
            eqF(f32Floor(f(0x1.fffffep22f)), 8388607.0f);
            eqF(f32Floor(f(-0x1.fffffep22f)), -0x1p23f);
            eqF(f32Floor(f(INF32)), INF32);

            eqF(f32Trunc(f(0.9f)), 0.0f);
            eqF(f32Trunc(f(-0.9f)), -0.0f);
            eqF(f32Trunc(f(-0.5f)), -0.0f);
            eqF(f32Trunc(f(-0.0f)), -0.0f);
            eqF(f32Trunc(f(-0x1p-149f)), -0.0f);
            eqF(f32Trunc(f(1.9f)), 1.0f);
            eqF(f32Trunc(f(-1.9f)), -1.0f);
            eqF(f32Trunc(f(-0x1.fffffep22f)), -8388607.0f);
            eqF(f32Trunc(f(Float.MAX_VALUE)), Float.MAX_VALUE);
            eqF(f32Trunc(f(-INF32)), -INF32);
        }

        @Test
        void nearestTiesToEven() {
            eqF(f32Nearest(f(0.5f)), 0.0f);
            eqF(f32Nearest(f(1.5f)), 2.0f);
            eqF(f32Nearest(f(2.5f)), 2.0f);
            eqF(f32Nearest(f(3.5f)), 4.0f);
            eqF(f32Nearest(f(-0.5f)), -0.0f);
            eqF(f32Nearest(f(-1.5f)), -2.0f);
            eqF(f32Nearest(f(-2.5f)), -2.0f);
            eqF(f32Nearest(f(0.0f)), 0.0f);
            eqF(f32Nearest(f(-0.0f)), -0.0f);
            eqF(f32Nearest(f(0x1.fffffep-2f)), 0.0f); // 0.49999997: not a tie, rounds down
            eqF(f32Nearest(f(-0x1.fffffep-2f)), -0.0f);
            eqF(f32Nearest(f(0x1.000002p-1f)), 1.0f); // just above 0.5
            eqF(f32Nearest(f(-0x1p-149f)), -0.0f);
            eqF(f32Nearest(f(0.75f)), 1.0f);
            eqF(f32Nearest(f(-1.25f)), -1.0f);
        }

        @Test
        void nearestOfLargeValues() {
            // 8388607.5 = 2^23 - 0.5 is the largest float with a fraction; the tie goes to even 2^23.
            eqF(f32Nearest(f(0x1.fffffep22f)), 0x1p23f);
            eqF(f32Nearest(f(-0x1.fffffep22f)), -0x1p23f);
            eqF(f32Nearest(f(0x1.fffffcp22f)), 8388607.0f); // 8388607.0 itself
            eqF(f32Nearest(f(0x1.fffffap22f)), 8388606.0f); // 8388606.5 -> even 8388606
            // From 2^23 on every float is an integer: unchanged.
            for (float x : new float[] {0x1p23f, 0x1.000002p23f, 0x1.000004p23f, 0x1.fffffep23f, 0x1p24f,
                    0x1.000002p24f, 0x1.fffffep30f, 0x1p31f, 0x1p63f, Float.MAX_VALUE, INF32}) {
                eqF(f32Nearest(f(x)), x);
                eqF(f32Nearest(f(-x)), -x);
                eqF(f32Ceil(f(x)), x);
                eqF(f32Floor(f(-x)), -x);
                eqF(f32Trunc(f(x)), x);
            }
        }

        @Test
        void minMax() {
            eqF(f32Min(f(-0.0f), f(0.0f)), -0.0f);
            eqF(f32Min(f(0.0f), f(-0.0f)), -0.0f);
            eqF(f32Max(f(-0.0f), f(0.0f)), 0.0f);
            eqF(f32Max(f(0.0f), f(-0.0f)), 0.0f);
            eqF(f32Min(f(-0.0f), f(-0.0f)), -0.0f);
            eqF(f32Max(f(0.0f), f(0.0f)), 0.0f);
            eqF(f32Min(f(1.0f), f(2.0f)), 1.0f);
            eqF(f32Max(f(1.0f), f(2.0f)), 2.0f);
            eqF(f32Min(f(-INF32), f(INF32)), -INF32);
            eqF(f32Max(f(-INF32), f(INF32)), INF32);
            eqF(f32Min(f(-INF32), f(-Float.MAX_VALUE)), -INF32);
            eqF(f32Max(f(0x1p-149f), f(-0.0f)), 0x1p-149f);
            eqF(f32Min(f(0x1p-149f), f(0.0f)), 0.0f);
            eq32(f32Min(f(-INF32), 0x7fa00000), CANONICAL_NAN_32);
            eq32(f32Max(0xffc00000, f(INF32)), CANONICAL_NAN_32);
        }

        @Test
        void absNegCopysignAreBitOperations() {
            eq32(f32Abs(0xffa00001), 0x7fa00001); // payload kept
            eq32(f32Abs(0x7fc00000), 0x7fc00000);
            eq32(f32Abs(f(-0.0f)), f(0.0f));
            eq32(f32Abs(f(-INF32)), f(INF32));
            eq32(f32Abs(f(-0x1p-149f)), f(0x1p-149f));
            eq32(f32Abs(f(3.0f)), f(3.0f));
            eq32(f32Neg(0x7fc00000), 0xffc00000);
            eq32(f32Neg(0xff800001), 0x7f800001); // signalling NaN stays signalling
            eq32(f32Neg(f(0.0f)), f(-0.0f));
            eq32(f32Neg(f(-0.0f)), f(0.0f));
            eq32(f32Neg(f(1.0f)), f(-1.0f));
            eq32(f32Copysign(0x7fa00001, f(-1.0f)), 0xffa00001);
            eq32(f32Copysign(0xffa00001, f(0.0f)), 0x7fa00001);
            eq32(f32Copysign(f(1.0f), 0xffc00000), f(-1.0f)); // sign taken from a NaN
            eq32(f32Copysign(f(-2.0f), 0x7fc00000), f(2.0f));
            eq32(f32Copysign(f(-2.0f), f(0.0f)), f(2.0f));
            eq32(f32Copysign(f(2.0f), f(-0.0f)), f(-2.0f));
            eq32(f32Copysign(f(INF32), f(-3.0f)), f(-INF32));
            eq32(f32Copysign(f(0.0f), f(-0.0f)), f(-0.0f));
        }
    }

    // =============================================================================================
    @Nested
    class F64Arithmetic {
        @Test
        void basicValuesAndRounding() {
            eq64(f64Add(d(0.1), d(0.2)), 0x3fd3333333333334L); // 0.30000000000000004
            eq64(f64Div(d(1.0), d(3.0)), 0x3fd5555555555555L);
            eqD(f64Sub(d(1.0), d(3.0)), -2.0);
            eqD(f64Mul(d(-3.0), d(0.5)), -1.5);
            eqD(f64Add(d(1.0), d(0x1p-53)), 1.0); // tie to even
            eqD(f64Add(d(0x1.0000000000001p0), d(0x1p-53)), 0x1.0000000000002p0);
            eqD(f64Add(d(1.0), d(0x1.0000000000001p-53)), 0x1.0000000000001p0);
            eqD(f64Add(d(Double.MIN_VALUE), d(Double.MIN_VALUE)), 0x1p-1073);
            eqD(f64Mul(d(Double.MIN_VALUE), d(0.5)), 0.0);
            eqD(f64Mul(d(-Double.MIN_VALUE), d(0.5)), -0.0);
            eqD(f64Mul(d(Double.MIN_VALUE), d(0.75)), Double.MIN_VALUE);
        }

        @Test
        void overflowAndSignedZeros() {
            eqD(f64Mul(d(Double.MAX_VALUE), d(2.0)), INF64);
            eqD(f64Add(d(Double.MAX_VALUE), d(0x1p970)), INF64); // exactly half an ulp: tie to inf
            eqD(f64Add(d(Double.MAX_VALUE), d(0x1.fffffffffffffp969)), Double.MAX_VALUE);
            eqD(f64Div(d(-1.0), d(0.0)), -INF64);
            eqD(f64Add(d(-0.0), d(-0.0)), -0.0);
            eqD(f64Add(d(-0.0), d(0.0)), 0.0);
            eqD(f64Sub(d(-0.0), d(0.0)), -0.0);
            eqD(f64Sub(d(5.0), d(5.0)), 0.0);
            eqD(f64Mul(d(-0.0), d(5.0)), -0.0);
            eqD(f64Div(d(0.0), d(-5.0)), -0.0);
        }

        @Test
        void invalidOperationsGiveTheCanonicalNan() {
            eq64(f64Add(d(INF64), d(-INF64)), CANONICAL_NAN_64);
            eq64(f64Sub(d(INF64), d(INF64)), CANONICAL_NAN_64);
            eq64(f64Mul(d(0.0), d(-INF64)), CANONICAL_NAN_64);
            eq64(f64Div(d(0.0), d(0.0)), CANONICAL_NAN_64);
            eq64(f64Div(d(-INF64), d(INF64)), CANONICAL_NAN_64);
            eq64(f64Sqrt(d(-1.0)), CANONICAL_NAN_64);
            eq64(f64Sqrt(d(-Double.MIN_VALUE)), CANONICAL_NAN_64);
            eq64(f64Sqrt(d(-INF64)), CANONICAL_NAN_64);
        }

        @Test
        void nanOperandsGiveTheCanonicalNan() {
            LongBinaryOperator[] ops = {
                Numerics::f64Add, Numerics::f64Sub, Numerics::f64Mul, Numerics::f64Div, Numerics::f64Min,
                Numerics::f64Max,
            };
            for (LongBinaryOperator op : ops) {
                for (long nan : NANS_64) {
                    for (double x : ORDINARY_64) {
                        eq64(op.applyAsLong(nan, d(x)), CANONICAL_NAN_64);
                        eq64(op.applyAsLong(d(x), nan), CANONICAL_NAN_64);
                    }
                    for (long nan2 : NANS_64) {
                        eq64(op.applyAsLong(nan, nan2), CANONICAL_NAN_64);
                    }
                }
            }
            LongUnaryOperator[] unary = {
                Numerics::f64Sqrt, Numerics::f64Ceil, Numerics::f64Floor, Numerics::f64Trunc,
                Numerics::f64Nearest,
            };
            for (LongUnaryOperator op : unary) {
                for (long nan : NANS_64) {
                    eq64(op.applyAsLong(nan), CANONICAL_NAN_64);
                }
            }
        }

        @Test
        void sqrt() {
            eqD(f64Sqrt(d(4.0)), 2.0);
            eq64(f64Sqrt(d(2.0)), 0x3ff6a09e667f3bcdL);
            eqD(f64Sqrt(d(Double.MIN_VALUE)), 0x1p-537);
            eqD(f64Sqrt(d(-0.0)), -0.0);
            eqD(f64Sqrt(d(INF64)), INF64);
        }

        @Test
        void ceilFloorTrunc() {
            eqD(f64Ceil(d(0.5)), 1.0);
            eqD(f64Ceil(d(-0.5)), -0.0);
            eqD(f64Ceil(d(-0.0)), -0.0);
            eqD(f64Ceil(d(-Double.MIN_VALUE)), -0.0);
            eqD(f64Ceil(d(Double.MIN_VALUE)), 1.0);
            eqD(f64Ceil(d(0x1.fffffffffffffp51)), 0x1p52); // 4503599627370495.5
            eqD(f64Floor(d(-0.5)), -1.0);
            eqD(f64Floor(d(0.5)), 0.0);
            eqD(f64Floor(d(-0.0)), -0.0);
            eqD(f64Floor(d(Double.MIN_VALUE)), 0.0);
            eqD(f64Floor(d(-Double.MIN_VALUE)), -1.0);
            eqD(f64Floor(d(0x1.fffffffffffffp51)), 4503599627370495.0);
            eqD(f64Trunc(d(-0.5)), -0.0);
            eqD(f64Trunc(d(-0.0)), -0.0);
            eqD(f64Trunc(d(0.9)), 0.0);
            eqD(f64Trunc(d(-1.9)), -1.0);
            eqD(f64Trunc(d(-0x1.fffffffffffffp51)), -4503599627370495.0);
            eqD(f64Trunc(d(Double.MAX_VALUE)), Double.MAX_VALUE);
            eqD(f64Trunc(d(-INF64)), -INF64);
        }

        @Test
        void nearestTiesToEven() {
            eqD(f64Nearest(d(0.5)), 0.0);
            eqD(f64Nearest(d(1.5)), 2.0);
            eqD(f64Nearest(d(2.5)), 2.0);
            eqD(f64Nearest(d(3.5)), 4.0);
            eqD(f64Nearest(d(-0.5)), -0.0);
            eqD(f64Nearest(d(-1.5)), -2.0);
            eqD(f64Nearest(d(-2.5)), -2.0);
            eqD(f64Nearest(d(-0.0)), -0.0);
            eqD(f64Nearest(d(0.49999999999999994)), 0.0); // largest double below 0.5
            eqD(f64Nearest(d(-0.49999999999999994)), -0.0);
            eqD(f64Nearest(d(-Double.MIN_VALUE)), -0.0);
            // 2^52 - 0.5: tie to the even 2^52; from 2^52 on, unchanged.
            eqD(f64Nearest(d(0x1.fffffffffffffp51)), 0x1p52);
            eqD(f64Nearest(d(-0x1.fffffffffffffp51)), -0x1p52);
            eqD(f64Nearest(d(0x1.ffffffffffffdp51)), 4503599627370494.0); // 4503599627370494.5 -> even
            for (double x : new double[] {0x1p52, 0x1.0000000000001p52, 0x1.fffffffffffffp52, 0x1p53,
                    0x1p63, Double.MAX_VALUE, INF64}) {
                eqD(f64Nearest(d(x)), x);
                eqD(f64Nearest(d(-x)), -x);
                eqD(f64Ceil(d(x)), x);
                eqD(f64Floor(d(-x)), -x);
                eqD(f64Trunc(d(x)), x);
            }
        }

        @Test
        void minMax() {
            eqD(f64Min(d(-0.0), d(0.0)), -0.0);
            eqD(f64Min(d(0.0), d(-0.0)), -0.0);
            eqD(f64Max(d(-0.0), d(0.0)), 0.0);
            eqD(f64Max(d(0.0), d(-0.0)), 0.0);
            eqD(f64Min(d(1.0), d(2.0)), 1.0);
            eqD(f64Max(d(1.0), d(2.0)), 2.0);
            eqD(f64Min(d(-INF64), d(INF64)), -INF64);
            eqD(f64Max(d(-INF64), d(INF64)), INF64);
            eq64(f64Max(0xfff4000000000000L, d(1.0)), CANONICAL_NAN_64);
        }

        @Test
        void absNegCopysignAreBitOperations() {
            eq64(f64Abs(0xfff4000000000001L), 0x7ff4000000000001L);
            eq64(f64Abs(d(-0.0)), d(0.0));
            eq64(f64Abs(d(-INF64)), d(INF64));
            eq64(f64Neg(0x7ff8000000000000L), 0xfff8000000000000L);
            eq64(f64Neg(0xfff0000000000001L), 0x7ff0000000000001L);
            eq64(f64Neg(d(0.0)), d(-0.0));
            eq64(f64Neg(d(-1.5)), d(1.5));
            eq64(f64Copysign(0x7ff4000000000001L, d(-1.0)), 0xfff4000000000001L);
            eq64(f64Copysign(d(1.0), 0xfff8000000000000L), d(-1.0));
            eq64(f64Copysign(d(-2.0), d(0.0)), d(2.0));
            eq64(f64Copysign(d(2.0), d(-0.0)), d(-2.0));
            eq64(f64Copysign(d(0.0), d(-INF64)), d(-0.0));
        }
    }

    // =============================================================================================
    @Nested
    class IntegerDivision {
        @Test
        void i32DivSigned() {
            assertThat(i32DivS(7, 2)).isEqualTo(3);
            assertThat(i32DivS(-7, 2)).isEqualTo(-3); // truncates toward zero
            assertThat(i32DivS(7, -2)).isEqualTo(-3);
            assertThat(i32DivS(-7, -2)).isEqualTo(3);
            assertThat(i32DivS(Integer.MIN_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32DivS(Integer.MIN_VALUE, 2)).isEqualTo(0xc0000000);
            assertThat(i32DivS(Integer.MAX_VALUE, -1)).isEqualTo(-Integer.MAX_VALUE);
            assertThat(i32DivS(0x80000001, 1000)).isEqualTo(-2147483);
            traps(() -> i32DivS(Integer.MIN_VALUE, -1), OVERFLOW);
            traps(() -> i32DivS(1, 0), DIV0);
            traps(() -> i32DivS(0, 0), DIV0);
            traps(() -> i32DivS(Integer.MIN_VALUE, 0), DIV0);
        }

        @Test
        void i32DivUnsigned() {
            assertThat(i32DivU(-1, 2)).isEqualTo(0x7fffffff);
            assertThat(i32DivU(Integer.MIN_VALUE, 2)).isEqualTo(0x40000000);
            assertThat(i32DivU(Integer.MIN_VALUE, -1)).isEqualTo(0);
            assertThat(i32DivU(-1, -1)).isEqualTo(1);
            assertThat(i32DivU(7, -1)).isEqualTo(0);
            assertThat(i32DivU(0x8ff00ff0, 0x10001)).isEqualTo(0x8fef);
            assertThat(i32DivU(-5, 2)).isEqualTo(0x7ffffffd);
            traps(() -> i32DivU(1, 0), DIV0);
            traps(() -> i32DivU(-1, 0), DIV0);
        }

        @Test
        void i32Remainders() {
            assertThat(i32RemS(7, 2)).isEqualTo(1);
            assertThat(i32RemS(-7, 2)).isEqualTo(-1); // sign of the dividend
            assertThat(i32RemS(7, -2)).isEqualTo(1);
            assertThat(i32RemS(-7, -2)).isEqualTo(-1);
            assertThat(i32RemS(Integer.MIN_VALUE, -1)).isEqualTo(0); // no trap
            assertThat(i32RemS(Integer.MIN_VALUE, 2)).isEqualTo(0);
            assertThat(i32RemS(Integer.MIN_VALUE, 3)).isEqualTo(-2);
            assertThat(i32RemS(0x80000001, 1000)).isEqualTo(-647);
            traps(() -> i32RemS(1, 0), DIV0);
            traps(() -> i32RemS(Integer.MIN_VALUE, 0), DIV0);
            assertThat(i32RemU(-1, 2)).isEqualTo(1);
            assertThat(i32RemU(Integer.MIN_VALUE, 3)).isEqualTo(2);
            assertThat(i32RemU(Integer.MIN_VALUE, -1)).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32RemU(0x8ff00ff0, 0x10001)).isEqualTo(0x8001);
            assertThat(i32RemU(-5, 2)).isEqualTo(1);
            traps(() -> i32RemU(1, 0), DIV0);
            traps(() -> i32RemU(0, 0), DIV0);
        }

        @Test
        void i64DivSigned() {
            assertThat(i64DivS(7, 2)).isEqualTo(3);
            assertThat(i64DivS(-7, 2)).isEqualTo(-3);
            assertThat(i64DivS(7, -2)).isEqualTo(-3);
            assertThat(i64DivS(Long.MIN_VALUE, 2)).isEqualTo(0xc000000000000000L);
            assertThat(i64DivS(Long.MIN_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
            assertThat(i64DivS(0x8000000000000001L, 1000)).isEqualTo(0xffdf3b645a1cac09L);
            traps(() -> i64DivS(Long.MIN_VALUE, -1), OVERFLOW);
            traps(() -> i64DivS(1, 0), DIV0);
            traps(() -> i64DivS(Long.MIN_VALUE, 0), DIV0);
        }

        @Test
        void i64DivUnsigned() {
            assertThat(i64DivU(-1L, 2)).isEqualTo(Long.MAX_VALUE);
            assertThat(i64DivU(Long.MIN_VALUE, -1L)).isEqualTo(0);
            assertThat(i64DivU(-1L, -1L)).isEqualTo(1);
            assertThat(i64DivU(0x8ff00ff00ff00ff0L, 0x100000001L)).isEqualTo(0x8ff00fefL);
            assertThat(i64DivU(0x8000000000000001L, 1000)).isEqualTo(0x20c49ba5e353f7L);
            traps(() -> i64DivU(1, 0), DIV0);
            traps(() -> i64DivU(-1L, 0), DIV0);
        }

        @Test
        void i64Remainders() {
            assertThat(i64RemS(-7, 2)).isEqualTo(-1);
            assertThat(i64RemS(7, -2)).isEqualTo(1);
            assertThat(i64RemS(Long.MIN_VALUE, -1)).isEqualTo(0); // no trap
            assertThat(i64RemS(Long.MAX_VALUE, -1)).isEqualTo(0);
            assertThat(i64RemS(Long.MIN_VALUE, 3)).isEqualTo(-2);
            assertThat(i64RemS(0x8000000000000001L, 1000)).isEqualTo(-807);
            traps(() -> i64RemS(1, 0), DIV0);
            traps(() -> i64RemS(Long.MIN_VALUE, 0), DIV0);
            assertThat(i64RemU(-1L, 2)).isEqualTo(1);
            assertThat(i64RemU(Long.MIN_VALUE, 3)).isEqualTo(2); // 2^63 mod 3
            assertThat(i64RemU(Long.MIN_VALUE, -1L)).isEqualTo(Long.MIN_VALUE);
            assertThat(i64RemU(0x8ff00ff00ff00ff0L, 0x100000001L)).isEqualTo(0x80000001L);
            traps(() -> i64RemU(1, 0), DIV0);
        }
    }

    // =============================================================================================
    @Nested
    class TrappingTruncation {
        void nanTraps32(IntUnaryOperator op) {
            for (int nan : NANS_32) {
                traps(() -> op.applyAsInt(nan), INVALID);
            }
        }

        void nanTraps64(LongUnaryOperator op) {
            for (long nan : NANS_64) {
                traps(() -> op.applyAsLong(nan), INVALID);
            }
        }

        @Test
        void i32TruncF32Signed() {
            assertThat(i32TruncF32S(f(-2147483648.0f))).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32TruncF32S(f(0x1.fffffep30f))).isEqualTo(2147483520); // largest float < 2^31
            assertThat(i32TruncF32S(f(-0x1.fffffep30f))).isEqualTo(-2147483520);
            assertThat(i32TruncF32S(f(-0.0f))).isEqualTo(0);
            assertThat(i32TruncF32S(f(0x1p-149f))).isEqualTo(0);
            assertThat(i32TruncF32S(f(-0.9f))).isEqualTo(0);
            assertThat(i32TruncF32S(f(1.9f))).isEqualTo(1);
            assertThat(i32TruncF32S(f(-1.9f))).isEqualTo(-1);
            traps(() -> i32TruncF32S(f(2147483648.0f)), OVERFLOW);
            traps(() -> i32TruncF32S(f(-2147483904.0f)), OVERFLOW); // next float below -2^31
            traps(() -> i32TruncF32S(f(INF32)), OVERFLOW);
            traps(() -> i32TruncF32S(f(-INF32)), OVERFLOW);
            nanTraps32(Numerics::i32TruncF32S);
        }

        @Test
        void i32TruncF32Unsigned() {
            assertThat(i32TruncF32U(f(0x1.fffffep31f))).isEqualTo(0xffffff00); // 4294967040
            assertThat(i32TruncF32U(f(2147483648.0f))).isEqualTo(0x80000000);
            assertThat(i32TruncF32U(f(-0.9f))).isEqualTo(0);
            assertThat(i32TruncF32U(f(-0x1.fffffep-1f))).isEqualTo(0); // largest float above -1
            assertThat(i32TruncF32U(f(-0.0f))).isEqualTo(0);
            assertThat(i32TruncF32U(f(1.9f))).isEqualTo(1);
            traps(() -> i32TruncF32U(f(4294967296.0f)), OVERFLOW);
            traps(() -> i32TruncF32U(f(-1.0f)), OVERFLOW);
            traps(() -> i32TruncF32U(f(-2.0f)), OVERFLOW);
            traps(() -> i32TruncF32U(f(INF32)), OVERFLOW);
            traps(() -> i32TruncF32U(f(-INF32)), OVERFLOW);
            nanTraps32(Numerics::i32TruncF32U);
        }

        @Test
        void i32TruncF64Signed() {
            assertThat(i32TruncF64S(d(-2147483648.0))).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32TruncF64S(d(-2147483648.9))).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32TruncF64S(d(-0x1.00000001fffffp31))).isEqualTo(Integer.MIN_VALUE); // nextUp(-2^31-1)
            assertThat(i32TruncF64S(d(2147483647.0))).isEqualTo(Integer.MAX_VALUE);
            assertThat(i32TruncF64S(d(2147483647.9))).isEqualTo(Integer.MAX_VALUE);
            assertThat(i32TruncF64S(d(0x1.fffffffffffffp30))).isEqualTo(Integer.MAX_VALUE); // nextDown(2^31)
            assertThat(i32TruncF64S(d(-0.9))).isEqualTo(0);
            assertThat(i32TruncF64S(d(Double.MIN_VALUE))).isEqualTo(0);
            assertThat(i32TruncF64S(d(-1.5))).isEqualTo(-1);
            traps(() -> i32TruncF64S(d(2147483648.0)), OVERFLOW);
            traps(() -> i32TruncF64S(d(-2147483649.0)), OVERFLOW);
            traps(() -> i32TruncF64S(d(1e300)), OVERFLOW);
            traps(() -> i32TruncF64S(d(INF64)), OVERFLOW);
            traps(() -> i32TruncF64S(d(-INF64)), OVERFLOW);
            nanTraps64(Numerics::i32TruncF64S);
        }

        @Test
        void i32TruncF64Unsigned() {
            assertThat(i32TruncF64U(d(4294967295.0))).isEqualTo(0xffffffff);
            assertThat(i32TruncF64U(d(4294967295.9))).isEqualTo(0xffffffff);
            assertThat(i32TruncF64U(d(0x1.fffffffffffffp31))).isEqualTo(0xffffffff); // nextDown(2^32)
            assertThat(i32TruncF64U(d(2147483648.0))).isEqualTo(0x80000000);
            assertThat(i32TruncF64U(d(-0.9))).isEqualTo(0);
            assertThat(i32TruncF64U(d(-0x1.fffffffffffffp-1))).isEqualTo(0); // nextUp(-1)
            assertThat(i32TruncF64U(d(-0.0))).isEqualTo(0);
            assertThat(i32TruncF64U(d(1e-300))).isEqualTo(0);
            assertThat(i32TruncF64U(d(100000000.9))).isEqualTo(100000000);
            traps(() -> i32TruncF64U(d(4294967296.0)), OVERFLOW);
            traps(() -> i32TruncF64U(d(-1.0)), OVERFLOW);
            traps(() -> i32TruncF64U(d(1e16)), OVERFLOW);
            traps(() -> i32TruncF64U(d(INF64)), OVERFLOW);
            traps(() -> i32TruncF64U(d(-INF64)), OVERFLOW);
            nanTraps64(Numerics::i32TruncF64U);
        }

        @Test
        void i64TruncF32Signed() {
            assertThat(i64TruncF32S(f(-0x1p63f))).isEqualTo(Long.MIN_VALUE);
            assertThat(i64TruncF32S(f(0x1.fffffep62f))).isEqualTo(0x7fffff8000000000L);
            assertThat(i64TruncF32S(f(-0x1.fffffep62f))).isEqualTo(0x8000008000000000L);
            assertThat(i64TruncF32S(f(-0.9f))).isEqualTo(0L);
            assertThat(i64TruncF32S(f(4294967296.0f))).isEqualTo(4294967296L);
            traps(() -> i64TruncF32S(f(0x1p63f)), OVERFLOW);
            traps(() -> i64TruncF32S(f(-0x1.000002p63f)), OVERFLOW); // next float below -2^63
            traps(() -> i64TruncF32S(f(INF32)), OVERFLOW);
            traps(() -> i64TruncF32S(f(-INF32)), OVERFLOW);
            nanTraps32(a -> (int) i64TruncF32S(a)); // result unused: it must trap
        }

        @Test
        void i64TruncF32Unsigned() {
            assertThat(i64TruncF32U(f(0x1.fffffep63f))).isEqualTo(0xffffff0000000000L);
            assertThat(i64TruncF32U(f(0x1p63f))).isEqualTo(0x8000000000000000L);
            assertThat(i64TruncF32U(f(0x1.000002p63f))).isEqualTo(0x8000010000000000L);
            assertThat(i64TruncF32U(f(-0.9f))).isEqualTo(0L);
            assertThat(i64TruncF32U(f(-0x1.fffffep-1f))).isEqualTo(0L);
            assertThat(i64TruncF32U(f(1.9f))).isEqualTo(1L);
            traps(() -> i64TruncF32U(f(0x1p64f)), OVERFLOW);
            traps(() -> i64TruncF32U(f(-1.0f)), OVERFLOW);
            traps(() -> i64TruncF32U(f(INF32)), OVERFLOW);
            traps(() -> i64TruncF32U(f(-INF32)), OVERFLOW);
            nanTraps32(a -> (int) i64TruncF32U(a));
        }

        @Test
        void i64TruncF64Signed() {
            assertThat(i64TruncF64S(d(-0x1p63))).isEqualTo(Long.MIN_VALUE);
            assertThat(i64TruncF64S(d(0x1.fffffffffffffp62))).isEqualTo(0x7ffffffffffffc00L);
            assertThat(i64TruncF64S(d(-0x1.fffffffffffffp62))).isEqualTo(0x8000000000000400L);
            assertThat(i64TruncF64S(d(-0.9))).isEqualTo(0L);
            assertThat(i64TruncF64S(d(-4294967296.5))).isEqualTo(-4294967296L);
            traps(() -> i64TruncF64S(d(0x1p63)), OVERFLOW);
            traps(() -> i64TruncF64S(d(-0x1.0000000000001p63)), OVERFLOW); // next double below -2^63
            traps(() -> i64TruncF64S(d(INF64)), OVERFLOW);
            traps(() -> i64TruncF64S(d(-INF64)), OVERFLOW);
            nanTraps64(Numerics::i64TruncF64S);
        }

        @Test
        void i64TruncF64Unsigned() {
            assertThat(i64TruncF64U(d(0x1.fffffffffffffp63))).isEqualTo(0xfffffffffffff800L); // nextDown(2^64)
            assertThat(i64TruncF64U(d(0x1p63))).isEqualTo(0x8000000000000000L);
            assertThat(i64TruncF64U(d(0x1.0000000000001p63))).isEqualTo(0x8000000000000800L);
            assertThat(i64TruncF64U(d(0x1.fffffffffffffp62))).isEqualTo(0x7ffffffffffffc00L);
            assertThat(i64TruncF64U(d(4294967296.0))).isEqualTo(0x100000000L);
            assertThat(i64TruncF64U(d(-0.9))).isEqualTo(0L);
            assertThat(i64TruncF64U(d(-0x1.fffffffffffffp-1))).isEqualTo(0L);
            assertThat(i64TruncF64U(d(-0.0))).isEqualTo(0L);
            traps(() -> i64TruncF64U(d(0x1p64)), OVERFLOW);
            traps(() -> i64TruncF64U(d(18446744073709551616.0)), OVERFLOW);
            traps(() -> i64TruncF64U(d(-1.0)), OVERFLOW);
            traps(() -> i64TruncF64U(d(INF64)), OVERFLOW);
            traps(() -> i64TruncF64U(d(-INF64)), OVERFLOW);
            nanTraps64(Numerics::i64TruncF64U);
        }
    }

    // =============================================================================================
    @Nested
    class SaturatingTruncation {
        @Test
        void i32TruncSatF32Signed() {
            assertThat(i32TruncSatF32S(f(-2147483648.0f))).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32TruncSatF32S(f(0x1.fffffep30f))).isEqualTo(2147483520);
            assertThat(i32TruncSatF32S(f(2147483648.0f))).isEqualTo(Integer.MAX_VALUE);
            assertThat(i32TruncSatF32S(f(-2147483904.0f))).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32TruncSatF32S(f(INF32))).isEqualTo(Integer.MAX_VALUE);
            assertThat(i32TruncSatF32S(f(-INF32))).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32TruncSatF32S(f(-0.9f))).isEqualTo(0);
            assertThat(i32TruncSatF32S(f(-1.9f))).isEqualTo(-1);
            for (int nan : NANS_32) assertThat(i32TruncSatF32S(nan)).isEqualTo(0);
        }

        @Test
        void i32TruncSatF32Unsigned() {
            assertThat(i32TruncSatF32U(f(0x1.fffffep31f))).isEqualTo(0xffffff00);
            assertThat(i32TruncSatF32U(f(4294967296.0f))).isEqualTo(0xffffffff);
            assertThat(i32TruncSatF32U(f(2147483648.0f))).isEqualTo(0x80000000);
            assertThat(i32TruncSatF32U(f(-0.9f))).isEqualTo(0);
            assertThat(i32TruncSatF32U(f(-1.0f))).isEqualTo(0);
            assertThat(i32TruncSatF32U(f(-Float.MAX_VALUE))).isEqualTo(0);
            assertThat(i32TruncSatF32U(f(INF32))).isEqualTo(0xffffffff);
            assertThat(i32TruncSatF32U(f(-INF32))).isEqualTo(0);
            assertThat(i32TruncSatF32U(f(1.9f))).isEqualTo(1);
            for (int nan : NANS_32) assertThat(i32TruncSatF32U(nan)).isEqualTo(0);
        }

        @Test
        void i32TruncSatF64Signed() {
            assertThat(i32TruncSatF64S(d(2147483647.9))).isEqualTo(Integer.MAX_VALUE);
            assertThat(i32TruncSatF64S(d(2147483648.0))).isEqualTo(Integer.MAX_VALUE);
            assertThat(i32TruncSatF64S(d(-2147483648.9))).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32TruncSatF64S(d(-2147483649.0))).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32TruncSatF64S(d(1e300))).isEqualTo(Integer.MAX_VALUE);
            assertThat(i32TruncSatF64S(d(-INF64))).isEqualTo(Integer.MIN_VALUE);
            assertThat(i32TruncSatF64S(d(-1.5))).isEqualTo(-1);
            assertThat(i32TruncSatF64S(d(-0.0))).isEqualTo(0);
            for (long nan : NANS_64) assertThat(i32TruncSatF64S(nan)).isEqualTo(0);
        }

        @Test
        void i32TruncSatF64Unsigned() {
            assertThat(i32TruncSatF64U(d(4294967295.9))).isEqualTo(0xffffffff);
            assertThat(i32TruncSatF64U(d(4294967296.0))).isEqualTo(0xffffffff);
            assertThat(i32TruncSatF64U(d(1e300))).isEqualTo(0xffffffff);
            assertThat(i32TruncSatF64U(d(INF64))).isEqualTo(0xffffffff);
            assertThat(i32TruncSatF64U(d(2147483648.0))).isEqualTo(0x80000000);
            assertThat(i32TruncSatF64U(d(-0.9))).isEqualTo(0);
            assertThat(i32TruncSatF64U(d(-1.0))).isEqualTo(0);
            assertThat(i32TruncSatF64U(d(-INF64))).isEqualTo(0);
            assertThat(i32TruncSatF64U(d(100000000.9))).isEqualTo(100000000);
            for (long nan : NANS_64) assertThat(i32TruncSatF64U(nan)).isEqualTo(0);
        }

        @Test
        void i64TruncSatF32Signed() {
            assertThat(i64TruncSatF32S(f(-0x1p63f))).isEqualTo(Long.MIN_VALUE);
            assertThat(i64TruncSatF32S(f(0x1.fffffep62f))).isEqualTo(0x7fffff8000000000L);
            assertThat(i64TruncSatF32S(f(0x1p63f))).isEqualTo(Long.MAX_VALUE);
            assertThat(i64TruncSatF32S(f(-0x1.000002p63f))).isEqualTo(Long.MIN_VALUE);
            assertThat(i64TruncSatF32S(f(INF32))).isEqualTo(Long.MAX_VALUE);
            assertThat(i64TruncSatF32S(f(-INF32))).isEqualTo(Long.MIN_VALUE);
            assertThat(i64TruncSatF32S(f(-1.9f))).isEqualTo(-1L);
            for (int nan : NANS_32) assertThat(i64TruncSatF32S(nan)).isEqualTo(0L);
        }

        @Test
        void i64TruncSatF32Unsigned() {
            assertThat(i64TruncSatF32U(f(0x1.fffffep63f))).isEqualTo(0xffffff0000000000L);
            assertThat(i64TruncSatF32U(f(0x1p63f))).isEqualTo(0x8000000000000000L);
            assertThat(i64TruncSatF32U(f(0x1p64f))).isEqualTo(-1L);
            assertThat(i64TruncSatF32U(f(INF32))).isEqualTo(-1L);
            assertThat(i64TruncSatF32U(f(-0.9f))).isEqualTo(0L);
            assertThat(i64TruncSatF32U(f(-1.0f))).isEqualTo(0L);
            assertThat(i64TruncSatF32U(f(-INF32))).isEqualTo(0L);
            for (int nan : NANS_32) assertThat(i64TruncSatF32U(nan)).isEqualTo(0L);
        }

        @Test
        void i64TruncSatF64Signed() {
            assertThat(i64TruncSatF64S(d(-0x1p63))).isEqualTo(Long.MIN_VALUE);
            assertThat(i64TruncSatF64S(d(0x1.fffffffffffffp62))).isEqualTo(0x7ffffffffffffc00L);
            assertThat(i64TruncSatF64S(d(0x1p63))).isEqualTo(Long.MAX_VALUE);
            assertThat(i64TruncSatF64S(d(-0x1.0000000000001p63))).isEqualTo(Long.MIN_VALUE);
            assertThat(i64TruncSatF64S(d(INF64))).isEqualTo(Long.MAX_VALUE);
            assertThat(i64TruncSatF64S(d(-INF64))).isEqualTo(Long.MIN_VALUE);
            assertThat(i64TruncSatF64S(d(-0.9))).isEqualTo(0L);
            for (long nan : NANS_64) assertThat(i64TruncSatF64S(nan)).isEqualTo(0L);
        }

        @Test
        void i64TruncSatF64Unsigned() {
            assertThat(i64TruncSatF64U(d(0x1.fffffffffffffp63))).isEqualTo(0xfffffffffffff800L);
            assertThat(i64TruncSatF64U(d(0x1p63))).isEqualTo(0x8000000000000000L);
            assertThat(i64TruncSatF64U(d(0x1.fffffffffffffp62))).isEqualTo(0x7ffffffffffffc00L);
            assertThat(i64TruncSatF64U(d(0x1p64))).isEqualTo(-1L);
            assertThat(i64TruncSatF64U(d(1e300))).isEqualTo(-1L);
            assertThat(i64TruncSatF64U(d(INF64))).isEqualTo(-1L);
            assertThat(i64TruncSatF64U(d(-0.9))).isEqualTo(0L);
            assertThat(i64TruncSatF64U(d(-1.0))).isEqualTo(0L);
            assertThat(i64TruncSatF64U(d(-INF64))).isEqualTo(0L);
            assertThat(i64TruncSatF64U(d(4294967296.9))).isEqualTo(4294967296L);
            for (long nan : NANS_64) assertThat(i64TruncSatF64U(nan)).isEqualTo(0L);
        }
    }

    // =============================================================================================
    @Nested
    class IntegerToFloat {
        @Test
        void f32FromI32() {
            eqF(f32ConvertI32S(16777217), 16777216.0f); // tie to even
            eqF(f32ConvertI32S(16777219), 16777220.0f); // tie to even (upwards)
            eqF(f32ConvertI32S(-16777217), -16777216.0f);
            eqF(f32ConvertI32S(Integer.MAX_VALUE), 0x1p31f);
            eqF(f32ConvertI32S(Integer.MIN_VALUE), -0x1p31f);
            eqF(f32ConvertI32S(-1), -1.0f);
            eqF(f32ConvertI32S(0), 0.0f);
            eqF(f32ConvertI32S(1234567890), 0x1.26580cp30f);

            eqF(f32ConvertI32U(-1), 4294967296.0f);
            eqF(f32ConvertI32U(Integer.MIN_VALUE), 0x1p31f);
            eqF(f32ConvertI32U(0x80000080), 0x1p31f); // tie to even
            eqF(f32ConvertI32U(0x80000081), 0x1.000002p31f);
            eqF(f32ConvertI32U(0x80000180), 0x1.000004p31f); // tie to even, upwards
            eqF(f32ConvertI32U(0xfffffe80), 0x1.fffffcp31f);
            eqF(f32ConvertI32U(0xfffffe81), 0x1.fffffep31f);
            eqF(f32ConvertI32U(0x12345678), 0x1.234568p28f);
            eqF(f32ConvertI32U(0), 0.0f);
        }

        @Test
        void f32FromI64AvoidsDoubleRounding() {
            // 2^53 + 2^29 + 1: a little over half an f32 ulp (2^30) above 2^53, so it rounds up.
            // Via double the +1 is lost first (tie at the double's ulp of 2), leaving an exact f32
            // tie that rounds down to 2^53: the naive route is wrong.
            long v = 0x0020000020000001L;
            assertThat((float) (double) v).isEqualTo(0x1p53f);
            eqF(f32ConvertI64S(v), 0x1.000002p53f);
            eqF(f32ConvertI64U(v), 0x1.000002p53f);
            eqF(f32ConvertI64S(-v), -0x1.000002p53f);
            eqF(f32ConvertI64S(0xffdfffffdfffffffL), -0x1.000002p53f);
            eqF(f32ConvertI64S(0x7fffff4000000001L), 0x1.fffffep62f);
            eqF(f32ConvertI64S(0x8000004000000001L), -0x1.fffffep62f);
            eqF(f32ConvertI64S(Long.MAX_VALUE), 0x1p63f);
            eqF(f32ConvertI64S(Long.MIN_VALUE), -0x1p63f);
            eqF(f32ConvertI64S(16777217L), 16777216.0f);
            eqF(f32ConvertI64S(314159265358979L), 0x1.1db9e8p48f);
            eqF(f32ConvertI64S(0L), 0.0f);
        }

        @Test
        void f32FromUnsignedI64() {
            eqF(f32ConvertI64U(-1L), 0x1p64f); // 18446744073709551615 -> 2^64
            eqF(f32ConvertI64U(Long.MIN_VALUE), 0x1p63f);
            eqF(f32ConvertI64U(Long.MAX_VALUE), 0x1p63f);
            eqF(f32ConvertI64U(0x7fffffbfffffffffL), 0x1.fffffep62f);
            eqF(f32ConvertI64U(0x8000008000000000L), 0x1p63f); // exact tie: even
            eqF(f32ConvertI64U(0x8000008000000001L), 0x1.000002p63f); // just above the tie
            eqF(f32ConvertI64U(0x8000018000000000L), 0x1.000004p63f); // tie: even is upwards
            // 2^63 + 2^39 + 2^10: via double the 2^10 is a tie at the double ulp 2^11 and is lost,
            // then 2^63 + 2^39 is an f32 tie that rounds down. Correct: up.
            eqF(f32ConvertI64U(0x8000008000000400L), 0x1.000002p63f);
            // the bit shifted out when halving must act as a sticky bit
            eqF(f32ConvertI64U(0x8000008000000001L), 0x1.000002p63f);
            eqF(f32ConvertI64U(0xfffffe8000000001L), 0x1.fffffep63f);
            eqF(f32ConvertI64U(0xffffff7fffffffffL), 0x1.fffffep63f);
            eqF(f32ConvertI64U(0xffffff8000000000L), 0x1p64f); // tie between odd max and 2^64
            eqF(f32ConvertI64U(16777219L), 16777220.0f);
            eqF(f32ConvertI64U(1L), 1.0f);
            eqF(f32ConvertI64U(0L), 0.0f);
        }

        @Test
        void f64FromI32() {
            eqD(f64ConvertI32S(Integer.MIN_VALUE), -2147483648.0);
            eqD(f64ConvertI32S(Integer.MAX_VALUE), 2147483647.0);
            eqD(f64ConvertI32S(-1), -1.0);
            eqD(f64ConvertI32U(-1), 4294967295.0);
            eqD(f64ConvertI32U(Integer.MIN_VALUE), 2147483648.0);
            eqD(f64ConvertI32U(Integer.MAX_VALUE), 2147483647.0);
            eqD(f64ConvertI32U(0), 0.0);
        }

        @Test
        void f64FromI64() {
            eqD(f64ConvertI64S(9007199254740993L), 9007199254740992.0); // tie to even
            eqD(f64ConvertI64S(9007199254740995L), 9007199254740996.0);
            eqD(f64ConvertI64S(-9007199254740993L), -9007199254740992.0);
            eqD(f64ConvertI64S(Long.MAX_VALUE), 0x1p63);
            eqD(f64ConvertI64S(Long.MIN_VALUE), -0x1p63);
            eqD(f64ConvertI64S(4669201609102990L), 4669201609102990.0);
            eqD(f64ConvertI64S(0L), 0.0);
        }

        @Test
        void f64FromUnsignedI64() {
            eqD(f64ConvertI64U(-1L), 1.8446744073709552E19);
            eqD(f64ConvertI64U(-1L), 0x1p64);
            eqD(f64ConvertI64U(Long.MIN_VALUE), 0x1p63);
            eqD(f64ConvertI64U(0x8000000000000001L), 0x1p63);
            eqD(f64ConvertI64U(0x8000000000000400L), 0x1p63); // exact tie: even
            eqD(f64ConvertI64U(0x8000000000000401L), 0x1.0000000000001p63); // sticky bit matters
            eqD(f64ConvertI64U(0x8000000000000402L), 0x1.0000000000001p63);
            eqD(f64ConvertI64U(0x8000000000000c00L), 0x1.0000000000002p63); // tie: even is upwards
            eqD(f64ConvertI64U(0xfffffffffffff400L), 0x1.ffffffffffffep63);
            eqD(f64ConvertI64U(0xfffffffffffff401L), 0x1.fffffffffffffp63);
            eqD(f64ConvertI64U(0xfffffffffffffbffL), 0x1.fffffffffffffp63);
            eqD(f64ConvertI64U(0xfffffffffffffc00L), 0x1p64); // tie between odd max and 2^64
            eqD(f64ConvertI64U(Long.MAX_VALUE), 0x1p63);
            eqD(f64ConvertI64U(9007199254740993L), 9007199254740992.0);
            eqD(f64ConvertI64U(9007199254740995L), 9007199254740996.0);
            eqD(f64ConvertI64U(1L), 1.0);
            eqD(f64ConvertI64U(0L), 0.0);
        }
    }

    // =============================================================================================
    @Nested
    class DemotePromote {
        @Test
        void demoteRounding() {
            eqF(f32DemoteF64(d(1.0 / 3.0)), 0x1.555556p-2f);
            eqF(f32DemoteF64(d(0x1.0000010000000p0)), 1.0f); // tie: even
            eqF(f32DemoteF64(d(0x1.0000010000001p0)), 0x1.000002p0f);
            eqF(f32DemoteF64(d(0x1.0000030000000p0)), 0x1.000004p0f); // tie: even is upwards
            eqF(f32DemoteF64(d(0x1.fffffffffffffp-1)), 1.0f);
            eqF(f32DemoteF64(d(-0.0)), -0.0f);
            eqF(f32DemoteF64(d(0.0)), 0.0f);
        }

        @Test
        void demoteOverflowsToInfinity() {
            eqF(f32DemoteF64(d(0x1.fffffep127)), Float.MAX_VALUE);
            eqF(f32DemoteF64(d(0x1.fffffefffffffp127)), Float.MAX_VALUE); // just below the tie
            eqF(f32DemoteF64(d(0x1.ffffffp127)), INF32); // tie between odd MAX and 2^128: infinity
            eqF(f32DemoteF64(d(-0x1.ffffffp127)), -INF32);
            eqF(f32DemoteF64(d(0x1p128)), INF32);
            eqF(f32DemoteF64(d(1e39)), INF32);
            eqF(f32DemoteF64(d(Double.MAX_VALUE)), INF32);
            eqF(f32DemoteF64(d(-Double.MAX_VALUE)), -INF32);
            eqF(f32DemoteF64(d(0x1.fffffd0000000p127)), 0x1.fffffcp127f); // tie: even
            eqF(f32DemoteF64(d(0x1.fffffd0000001p127)), Float.MAX_VALUE);
            eqF(f32DemoteF64(d(INF64)), INF32);
            eqF(f32DemoteF64(d(-INF64)), -INF32);
        }

        @Test
        void demoteUnderflow() {
            eqF(f32DemoteF64(d(0x1p-149)), 0x1p-149f);
            eqF(f32DemoteF64(d(0x1p-150)), 0.0f); // tie between 0 and the smallest subnormal
            eqF(f32DemoteF64(d(-0x1p-150)), -0.0f);
            eqF(f32DemoteF64(d(0x1.0000000000001p-150)), 0x1p-149f);
            eqF(f32DemoteF64(d(0x1.8p-149)), 0x1p-148f); // tie: even is 2 units
            eqF(f32DemoteF64(d(Double.MIN_VALUE)), 0.0f);
            eqF(f32DemoteF64(d(-Double.MIN_VALUE)), -0.0f);
            eqF(f32DemoteF64(d(0x1.fffffe0000000p-127)), 0x1p-126f);
            eqF(f32DemoteF64(d(0x1.fffffdfffffffp-127)), 0x1.fffffcp-127f);
        }

        @Test
        void demoteNanIsCanonical() {
            for (long nan : NANS_64) eq32(f32DemoteF64(nan), CANONICAL_NAN_32);
        }

        @Test
        void promoteIsExact() {
            eqD(f64PromoteF32(f(0x1p-149f)), 0x1p-149);
            eqD(f64PromoteF32(f(-0x1p-149f)), -0x1p-149);
            eqD(f64PromoteF32(f(Float.MAX_VALUE)), 0x1.fffffep127);
            eqD(f64PromoteF32(f(0.1f)), 0x1.99999ap-4);
            eqD(f64PromoteF32(f(0x1.8f867ep125f)), 6.6382536710104395e+37);
            eqD(f64PromoteF32(f(-0.0f)), -0.0);
            eqD(f64PromoteF32(f(INF32)), INF64);
            eqD(f64PromoteF32(f(-INF32)), -INF64);
            for (int nan : NANS_32) eq64(f64PromoteF32(nan), CANONICAL_NAN_64);
        }
    }
}
