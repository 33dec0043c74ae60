package dev.lia.wasm.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number literals of the text format, with the specification's range rules. Integers may be written
 * in decimal or hexadecimal, with {@code _} between digits; floats also as hex floats, {@code inf},
 * {@code nan} and {@code nan:0x...}. Floats are rounded exactly (round to nearest, ties to even); a
 * literal that rounds to infinity is out of range. This is the one place float text is read, and
 * ({@link #f32Text}, {@link #f64Text}) printed, for every command: wat, wast, Lia literals,
 * {@code --arg}, {@code --result}, {@code lia call} and the REPL.
 */
public final class Numbers {
    private Numbers() {}

    private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** Thrown for a literal that is well-formed but does not fit; callers add the position. */
    public static final class RangeException extends RuntimeException {
        RangeException() {
            super("constant out of range", null, false, false);
        }
    }

    /** Thrown for text that is not a literal of the wanted kind at all. */
    public static final class SyntaxException extends RuntimeException {
        SyntaxException() {
            super("not a number", null, false, false);
        }
    }

    /** The magnitude of an unsigned integer literal (digits only, maybe {@code 0x}, maybe {@code _}). */
    static BigInteger natural(String text) {
        String s = text.replace("_", "");
        if (s.isEmpty()) throw new SyntaxException();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                if (s.length() == 2) throw new SyntaxException();
                return new BigInteger(s.substring(2), 16);
            }
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            throw new SyntaxException();
        }
    }

    /** An unsigned literal (no sign) below 2^bits. */
    public static long unsigned(String text, int bits) {
        if (text.startsWith("+") || text.startsWith("-")) throw new SyntaxException();
        BigInteger v = natural(text);
        if (v.bitLength() > bits) throw new RangeException();
        return v.longValue();
    }

    /**
     * An integer literal for an {@code i32} or {@code i64}: unsigned below 2^N, or with a sign, from
     * -2^(N-1) up. Returns the bits (an i32 sign-extended).
     */
    public static long integer(String text, int bits) {
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        BigInteger v = natural(digits);
        if (negative) {
            if (v.compareTo(BigInteger.ONE.shiftLeft(bits - 1)) > 0) throw new RangeException();
            v = v.negate();
        } else if (v.bitLength() > bits) {
            throw new RangeException();
        }
        return bits == 32 ? (long) v.intValue() : v.longValue();
    }

    /** An f32 literal: its bits (as an int). */
    public static int f32(String text) {
        return (int) floating(text, 24, 8);
    }

    /** An f64 literal: its bits. */
    public static long f64(String text) {
        return floating(text, 53, 11);
    }

    /**
     * A float of {@code precision} significand bits (hidden bit included) and {@code expBits} exponent
     * bits, returned as its bit pattern.
     */
    static long floating(String text, int precision, int expBits) {
        boolean negative = text.startsWith("-");
        String s = negative || text.startsWith("+") ? text.substring(1) : text;
        long signBit = negative ? 1L << (precision - 1 + expBits) : 0;
        long expMask = (1L << expBits) - 1;
        int fracBits = precision - 1;
        if (s.equals("inf")) return signBit | expMask << fracBits;
        if (s.equals("nan")) return signBit | expMask << fracBits | 1L << (fracBits - 1);
        if (s.startsWith("nan:0x")) {
            BigInteger payload = natural(s.substring(4));
            if (payload.signum() == 0 || payload.bitLength() > fracBits) throw new RangeException();
            return signBit | expMask << fracBits | payload.longValue();
        }
        BigInteger mantissa;
        long exp2 = 0;
        long exp10 = 0;
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        String body = (hex ? s.substring(2) : s).replace("_", "");
        int expAt = -1;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E')) {
                expAt = i;
                break;
            }
        }
        String digits = expAt < 0 ? body : body.substring(0, expAt);
        long exponent = 0;
        if (expAt >= 0) exponent = clampedExponent(body.substring(expAt + 1));
        int dot = digits.indexOf('.');
        String intPart = dot < 0 ? digits : digits.substring(0, dot);
        String fracPart = dot < 0 ? "" : digits.substring(dot + 1);
        if (intPart.isEmpty()) throw new SyntaxException();
        try {
            mantissa = new BigInteger(intPart + fracPart, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            throw new SyntaxException();
        }
        if (hex) exp2 = exponent - 4L * fracPart.length();
        else exp10 = exponent - fracPart.length();
        if (mantissa.signum() == 0) return signBit;
        long bits = hex ? round(mantissa, BigInteger.ONE, exp2, precision, expBits)
                : decimal(mantissa, exp10, precision, expBits);
        return signBit | bits;
    }

    /** Exponents beyond any float's reach are clamped; the value then over- or underflows all the same. */
    private static long clampedExponent(String text) {
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        if (digits.isEmpty()) throw new SyntaxException();
        BigInteger v = new BigInteger(digits);
        long limit = 1_000_000;
        long e = v.compareTo(BigInteger.valueOf(limit)) > 0 ? limit : v.longValue();
        return negative ? -e : e;
    }

    private static long decimal(BigInteger mantissa, long exp10, int precision, int expBits) {
        // beyond these the result is infinity or zero whatever the digits
        long magnitude = exp10 + mantissa.toString().length();
        if (magnitude > 400) throw new RangeException();
        if (magnitude < -400) return 0;
        if (exp10 >= 0) return round(mantissa.multiply(BigInteger.TEN.pow((int) exp10)), BigInteger.ONE, 0, precision, expBits);
        return round(mantissa, BigInteger.TEN.pow((int) -exp10), 0, precision, expBits);
    }

    /**
     * Rounds the positive value {@code num / den * 2^exp2} to nearest-even and returns its bits (sign
     * clear). Overflow to infinity is a {@link RangeException}.
     */
    static long round(BigInteger num, BigInteger den, long exp2, int precision, int expBits) {
        int bias = (1 << (expBits - 1)) - 1;
        int emin = 1 - bias;
        int emax = bias;
        if (exp2 > 20000) throw new RangeException();
        if (exp2 < -20000) return 0;
        // e = floor(log2(value))
        long e = (long) num.bitLength() - den.bitLength() + exp2;
        // value >= 2^e ?  (num * 2^exp2 >= den * 2^e)
        if (!atLeastPowerOfTwo(num, den, exp2, e)) e--;
        long scaleExp = (precision - 1) - Math.max(e, emin);
        // q = round(value * 2^scaleExp)
        BigInteger n = num;
        BigInteger d = den;
        long shift = exp2 + scaleExp;
        if (shift >= 0) n = n.shiftLeft((int) shift);
        else d = d.shiftLeft((int) -shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        int cmp = qr[1].shiftLeft(1).compareTo(d);
        if (cmp > 0 || (cmp == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
        long exponent = Math.max(e, emin);
        if (q.bitLength() > precision) { // rounding carried into a new bit
            q = q.shiftRight(1);
            exponent++;
        }
        if (exponent > emax) throw new RangeException();
        long significand = q.longValue();
        int fracBits = precision - 1;
        if (significand < (1L << fracBits)) return significand; // subnormal (or zero)
        long biased = exponent + bias;
        return biased << fracBits | (significand & ((1L << fracBits) - 1));
    }

    private static boolean atLeastPowerOfTwo(BigInteger num, BigInteger den, long exp2, long e) {
        long k = exp2 - e; // compare num * 2^k with den
        BigInteger left = k >= 0 ? num.shiftLeft((int) k) : num;
        BigInteger right = k >= 0 ? den : den.shiftLeft((int) -k);
        return left.compareTo(right) >= 0;
    }

    // ---------------------------------------------------------------- printing

    /**
     * An f32 as the shortest decimal that reads back to the same bits ({@code 1}, {@code 0.1},
     * {@code 1e-7}, {@code -0}), {@code inf}, {@code -inf}, {@code nan} (the canonical NaN) or
     * {@code nan:0xPAYLOAD}; every form is a valid literal of the text format and of Lia.
     */
    public static String f32Text(int bits) {
        float f = Float.intBitsToFloat(bits);
        String sign = bits < 0 ? "-" : "";
        if (Float.isNaN(f)) {
            int payload = bits & 0x7fffff;
            return sign + (payload == 0x400000 ? "nan" : "nan:0x" + Integer.toHexString(payload));
        }
        if (Float.isInfinite(f)) return sign + "inf";
        if (f == 0) return sign + "0";
        for (int p = 1; p <= 9; p++) {
            BigDecimal d = new BigDecimal(Math.abs(f)).round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (d.floatValue() == Math.abs(f)) return sign + decimal(d);
        }
        throw new AssertionError();
    }

    /** An f64, as {@link #f32Text} prints an f32. */
    public static String f64Text(long bits) {
        double f = Double.longBitsToDouble(bits);
        String sign = bits < 0 ? "-" : "";
        if (Double.isNaN(f)) {
            long payload = bits & 0xfffffffffffffL;
            return sign + (payload == 0x8000000000000L ? "nan" : "nan:0x" + Long.toHexString(payload));
        }
        if (Double.isInfinite(f)) return sign + "inf";
        if (f == 0) return sign + "0";
        for (int p = 1; p <= 17; p++) {
            BigDecimal d = new BigDecimal(Math.abs(f)).round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (d.doubleValue() == Math.abs(f)) return sign + decimal(d);
        }
        throw new AssertionError();
    }

    /** Plain digits for exponents -7..20, else {@code d.ddde±x}. */
    private static String decimal(BigDecimal d) {
        d = d.stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -7 && exponent <= 20) return d.toPlainString();
        String digits = d.unscaledValue().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (exponent < 0 ? "-" : "") + Math.abs(exponent);
    }
}
