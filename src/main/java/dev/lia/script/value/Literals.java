package dev.lia.script.value;

import dev.lia.script.syntax.Type;

import java.math.BigInteger;

/** Literal values as raw bits of a given type; shared by the checker (to validate) and the compiler. */
public final class Literals {
    private static final BigInteger MIN_I32 = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger MAX_I32 = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger MAX_U32 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger MIN_I64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Literals() {}

    /** Whether an integer literal has a natural type of i32: the signed 32-bit range. */
    public static boolean naturallyI32(BigInteger v) {
        return v.compareTo(MIN_I32) >= 0 && v.compareTo(MAX_I32) <= 0;
    }

    /** Whether an integer literal can be a value of an integer type: signed or unsigned range. */
    public static boolean fits(BigInteger v, Type t) {
        if (t == Type.I32) return v.compareTo(MIN_I32) >= 0 && v.compareTo(MAX_U32) <= 0;
        return v.compareTo(MIN_I64) >= 0 && v.compareTo(MAX_U64) <= 0;
    }

    /** Raw bits of an integer literal as a value of {@code t} (32-bit values sign-extended). */
    public static long intBits(BigInteger v, Type t) {
        return switch (t) {
            case I32 -> v.intValue();
            case I64 -> v.longValue();
            case F32, F64 -> floatBits(v.abs().toString(), v.signum() < 0, t); // rounded as a float literal is
            case OCTS, INSTANCE, V128 -> throw new IllegalArgumentException("not a number type");
        };
    }

    /**
     * Raw bits of a float literal ({@code 1.5}, {@code 1e3}, {@code 0x1.8p3}, {@code inf}, {@code nan},
     * {@code nan:0x...}) as f32 or f64.
     *
     * @throws IllegalArgumentException with a message for the user when it does not make a value of that type
     */
    public static long floatBits(String text, boolean negative, Type t) {
        boolean f32 = t == Type.F32;
        long bits;
        if (text.equals("inf")) {
            bits = f32 ? 0x7f800000L : 0x7ff0000000000000L;
        } else if (text.equals("nan")) {
            bits = f32 ? 0x7fc00000L : 0x7ff8000000000000L;
        } else if (text.startsWith("nan:0x")) {
            BigInteger payload = new BigInteger(text.substring(6), 16);
            int mantissaBits = f32 ? 23 : 52;
            if (payload.signum() == 0 || payload.bitLength() > mantissaBits) {
                throw new IllegalArgumentException("NaN payload " + text.substring(4) + " does not fit in the "
                        + mantissaBits + " mantissa bits of " + t);
            }
            bits = (f32 ? 0x7f800000L : 0x7ff0000000000000L) | payload.longValue();
        } else {
            // the text format's one float rule (dev.lia.wasm.text.Numbers): round to nearest, ties to even;
            // a literal that rounds to infinity is out of range
            try {
                bits = f32 ? dev.lia.wasm.text.Numbers.f32(text) & 0xFFFFFFFFL : dev.lia.wasm.text.Numbers.f64(text);
            } catch (dev.lia.wasm.text.Numbers.RangeException e) {
                throw new IllegalArgumentException("float literal " + text + " is out of range for " + t);
            } catch (dev.lia.wasm.text.Numbers.SyntaxException e) {
                throw new NumberFormatException("not a float literal: " + text);
            }
        }
        if (negative) bits ^= f32 ? 0x80000000L : 0x8000000000000000L;
        return f32 ? (int) bits : bits;
    }
}
