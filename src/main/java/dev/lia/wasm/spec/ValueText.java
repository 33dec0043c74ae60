package dev.lia.wasm.spec;

import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.ValType;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Values as text, for people: parsing command-line arguments to raw value bits and printing raw
 * bits back.
 *
 * <p>Raw bits follow the engine's convention: an i32 or f32 sits in the low 32 bits of a
 * {@code long} (the upper bits are ignored on input and produced sign-extended here), an f64 is its
 * raw IEEE bits, a reference is a {@link Ref} value.
 *
 * <p>Accepted input: integers in decimal or {@code 0x} hex with an optional sign and {@code _}
 * separators, in the signed or the unsigned range of the type; floats as decimal or hex floats
 * ({@code 0x1.8p3}), {@code inf}, {@code nan} or {@code nan:0xPAYLOAD}, each with an optional sign;
 * references as {@code null}, {@code ref.null}, {@code ref.extern N} or (for externref) a plain
 * {@code N}.
 */
public final class ValueText {
    private ValueText() {}

    private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MIN_I32 = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger MIN_I64 = BigInteger.valueOf(Long.MIN_VALUE);

    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX_FLOAT =
            Pattern.compile("0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    private static final Pattern HEX_INT = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern DEC_INT = Pattern.compile("\\d+");

    /**
     * Parses {@code text} as a value of {@code type}.
     *
     * @throws IllegalArgumentException with a message fit for a user if the text is not such a value
     */
    public static long parse(String text, ValType type) {
        switch (type.kind) {
            case I32: return parseI32(text);
            case I64: return parseI64(text);
            case F32: return parseF32(text);
            case F64: return parseF64(text);
            case REF: return parseRef(text, type);
            default: throw new IllegalArgumentException(type + " values are not supported");
        }
    }

    /** An i32 in the signed or unsigned range; returns its bits sign-extended. */
    public static long parseI32(String text) {
        BigInteger v = parseInteger(text, "i32");
        if (v.compareTo(MIN_I32) < 0 || v.compareTo(TWO_32) >= 0) {
            throw new IllegalArgumentException("\"" + text + "\" is out of range for i32");
        }
        return v.intValue();
    }

    /** An i64 in the signed or unsigned range. */
    public static long parseI64(String text) {
        BigInteger v = parseInteger(text, "i64");
        if (v.compareTo(MIN_I64) < 0 || v.compareTo(TWO_64) >= 0) {
            throw new IllegalArgumentException("\"" + text + "\" is out of range for i64");
        }
        return v.longValue();
    }

    private static BigInteger parseInteger(String text, String type) {
        String s = text.trim();
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        s = stripUnderscores(s, text, type);
        BigInteger v;
        if (HEX_INT.matcher(s).matches()) {
            v = new BigInteger(s.substring(2), 16);
        } else if (DEC_INT.matcher(s).matches()) {
            v = new BigInteger(s);
        } else {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid " + type);
        }
        return negative ? v.negate() : v;
    }

    /** Underscores may separate digits ({@code 1_000}); anywhere else they are an error. */
    private static String stripUnderscores(String s, String original, String type) {
        if (s.indexOf('_') < 0) return s;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '_') continue;
            boolean ok = i > 0 && i < s.length() - 1
                    && Character.digit(s.charAt(i - 1), 16) >= 0 && Character.digit(s.charAt(i + 1), 16) >= 0;
            if (!ok) throw new IllegalArgumentException("\"" + original + "\" is not a valid " + type);
        }
        return s.replace("_", "");
    }

    /** An f32; returns its raw bits sign-extended. */
    public static long parseF32(String text) {
        String s = text.trim();
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        s = stripUnderscores(s, text, "f32");
        String lower = s.toLowerCase(Locale.ROOT);
        int bits;
        if (lower.equals("inf") || lower.equals("infinity")) {
            bits = 0x7F800000;
        } else if (lower.equals("nan")) {
            bits = 0x7FC00000;
        } else if (lower.startsWith("nan:0x")) {
            long payload = parseHexPayload(lower.substring(6), text, "f32");
            if (payload == 0 || payload > 0x7FFFFF) {
                throw new IllegalArgumentException("\"" + text + "\": a NaN payload for f32 must be in 0x1..0x7fffff");
            }
            bits = 0x7F800000 | (int) payload;
        } else if (DECIMAL_FLOAT.matcher(s).matches() || HEX_FLOAT.matcher(s).matches()) {
            bits = (int) rounded(s, text, "f32");
        } else {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid f32");
        }
        if (negative) bits |= 0x80000000;
        return bits;
    }

    /** An f64; returns its raw bits. */
    public static long parseF64(String text) {
        String s = text.trim();
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        s = stripUnderscores(s, text, "f64");
        String lower = s.toLowerCase(Locale.ROOT);
        long bits;
        if (lower.equals("inf") || lower.equals("infinity")) {
            bits = 0x7FF0000000000000L;
        } else if (lower.equals("nan")) {
            bits = 0x7FF8000000000000L;
        } else if (lower.startsWith("nan:0x")) {
            long payload = parseHexPayload(lower.substring(6), text, "f64");
            if (payload == 0 || payload > 0xFFFFFFFFFFFFFL) {
                throw new IllegalArgumentException("\"" + text + "\": a NaN payload for f64 must be in 0x1..0xfffffffffffff");
            }
            bits = 0x7FF0000000000000L | payload;
        } else if (DECIMAL_FLOAT.matcher(s).matches() || HEX_FLOAT.matcher(s).matches()) {
            bits = rounded(s, text, "f64");
        } else {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid f64");
        }
        if (negative) bits |= Long.MIN_VALUE;
        return bits;
    }

    private static long parseHexPayload(String hex, String original, String type) {
        if (hex.isEmpty() || hex.length() > 16 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("\"" + original + "\" is not a valid " + type);
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    /**
     * A decimal or hex float (no sign) rounded to f32 or f64 by the text format's one rule
     * ({@link dev.lia.wasm.text.Numbers}): to nearest, ties to even; a value that rounds to infinity
     * is out of range, an error rather than {@code inf}.
     */
    private static long rounded(String s, String text, String type) {
        String literal = s.startsWith(".") ? "0" + s : s.replace("0X", "0x").replace("0x.", "0x0.");
        if (literal.endsWith(".")) literal = literal + "0";
        try {
            return type.equals("f32") ? dev.lia.wasm.text.Numbers.f32(literal) : dev.lia.wasm.text.Numbers.f64(literal);
        } catch (dev.lia.wasm.text.Numbers.RangeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is out of range for " + type + " (its largest finite value is "
                    + (type.equals("f32") ? "3.4028235e38" : "1.7976931348623157e308") + "; write inf for infinity)");
        } catch (dev.lia.wasm.text.Numbers.SyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid " + type);
        }
    }

    /**
     * A reference of {@code type}: {@code null} (or {@code ref.null}) for a nullable type; for the
     * extern types {@code ref.extern N} or {@code N}, a host handle; for anyref, eqref and i31ref
     * {@code ref.i31 N} (N's low 31 bits, as {@code ref.i31} takes them). Functions, GC objects and
     * exceptions exist only inside a store, so no text names one.
     */
    private static long parseRef(String text, ValType type) {
        String s = text.trim();
        if (s.equals("null") || s.equals("ref.null")) {
            if (type.nullable) return Ref.NULL;
            throw new IllegalArgumentException(type + " is not nullable: \"" + text + "\" cannot be given for it");
        }
        int heap = type.heap;
        if (heap == ValType.EXTERN) {
            String n = s.startsWith("ref.extern ") ? s.substring("ref.extern ".length()).trim() : s;
            if (DEC_INT.matcher(n).matches()) {
                try {
                    long handle = Long.parseLong(n);
                    if (handle < Long.MAX_VALUE) return Ref.extern(handle);
                } catch (NumberFormatException tooBig) {
                    // reported below
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not a valid " + type + " (" + (type.nullable ? "null, " : "") + "ref.extern N or N)");
        }
        if ((heap == ValType.ANY || heap == ValType.EQ || heap == ValType.I31) && s.startsWith("ref.i31 ")) {
            return Ref.i31((int) parseI32(s.substring("ref.i31 ".length())));
        }
        String i31 = heap == ValType.ANY || heap == ValType.EQ || heap == ValType.I31 ? "ref.i31 N" : null;
        String accepted = type.nullable ? (i31 != null ? "null or " + i31 : "only null") : i31 != null ? i31 : "nothing";
        throw new IllegalArgumentException("\"" + text + "\" is not a valid " + type + " (" + accepted + " can be given: its other values exist only inside a store)");
    }

    /**
     * Parses a v128 as a shape and its lanes, {@code i32x4 1 2 3 4} (shapes i8x16, i16x8, i32x4,
     * i64x2, f32x4, f64x2; lanes separated by spaces or commas, each as its lane type accepts):
     * the two raw slots, low half first.
     */
    public static long[] parseV128(String text) {
        String[] parts = text.trim().split("[\\s,]+");
        String shape = parts[0];
        int bits = switch (shape) {
            case "i8x16" -> 8;
            case "i16x8" -> 16;
            case "i32x4", "f32x4" -> 32;
            case "i64x2", "f64x2" -> 64;
            default -> throw new IllegalArgumentException("\"" + text + "\" is not a v128: it starts with a shape"
                    + " (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2), then one number per lane, e.g. \"i32x4 1 2 3 4\"");
        };
        int lanes = 128 / bits;
        if (parts.length - 1 != lanes) {
            throw new IllegalArgumentException("\"" + text + "\": " + shape + " takes " + lanes + " lanes, got " + (parts.length - 1));
        }
        long[] v = new long[2];
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int i = 0; i < lanes; i++) {
            String lane = parts[i + 1];
            long x = switch (shape) {
                case "i8x16", "i16x8" -> {
                    long n = parseI32(lane);
                    if (n < -(1L << (bits - 1)) || n >= (1L << bits)) {
                        throw new IllegalArgumentException("\"" + lane + "\" is out of range for an i" + bits + " lane");
                    }
                    yield n;
                }
                case "i32x4" -> parseI32(lane);
                case "f32x4" -> parseF32(lane);
                case "i64x2" -> parseI64(lane);
                default -> parseF64(lane);
            };
            int bit = i * bits;
            v[bit / 64] |= (x & mask) << (bit % 64);
        }
        return v;
    }

    /** A v128 as {@code i32x4 a b c d} (signed decimal lanes), from its two raw slots. */
    public static String formatV128(long lo, long hi) {
        return "i32x4 " + (int) lo + " " + (int) (lo >>> 32) + " " + (int) hi + " " + (int) (hi >>> 32);
    }

    // ---- printing ----

    /** Formats raw bits of a value of {@code type}; function references show their store address. */
    public static String format(long bits, ValType type) {
        return format(bits, type, null);
    }

    /**
     * Formats raw bits of a value of {@code type}: integers as signed decimal, floats in a decimal
     * form that reads back to the same bits, references as {@code null}, {@code ref.func N} (N is
     * the function's index in its module when {@code store} can tell, else its store address) or
     * {@code ref.extern N}.
     */
    public static String format(long bits, ValType type, Store store) {
        switch (type.kind) {
            case I32: return Integer.toString((int) bits);
            case I64: return Long.toString(bits);
            case F32: return formatF32((int) bits);
            case F64: return formatF64(bits);
            case REF: return formatRef(bits, type, store);
            default: return "0x" + Long.toHexString(bits);
        }
    }

    /** A reference as {@link #format} writes it. */
    private static String formatRef(long bits, ValType type, Store store) {
        if (bits == Ref.NULL) return "null";
        if (Ref.isI31(bits)) return "ref.i31 " + Ref.i31Value(bits, false);
        if (Ref.isObject(bits)) return object(bits, store);
        if ((bits & Ref.EXTERNALIZED) != 0 && (bits & Ref.TAG_MASK) != Ref.HOST_ANY) { // extern.convert_any of an i31 or object
            long any = Ref.internalize(bits);
            return "ref.extern (" + (Ref.isI31(any) ? "ref.i31 " + Ref.i31Value(any, false) : object(any, store)) + ")";
        }
        switch (hierarchy(type, bits)) {
            case ValType.FUNC: {
                if (bits == Ref.NULL) return "null";
                int address = Ref.funcAddress(bits);
                if (store != null && address >= 0 && address < store.functionCount()) {
                    FunctionInstance f = store.function(address);
                    if (f instanceof WasmFunction w) return "ref.func " + w.index();
                }
                return "ref.func " + address;
            }
            case ValType.EXTERN:
                if ((bits & Ref.TAG_MASK) == 0) return "ref.extern " + Ref.externHandle(bits);
                return "ref.extern-any 0x" + Long.toHexString(bits);
            case ValType.EXN: return "ref.exn"; // an exception object: opaque
            default: return "ref.host-any " + Ref.externHandle(Ref.externalize(bits));
        }
    }

    /** A GC object: {@code ref.struct N} or {@code ref.array N [length]}, N its index in the store's heap. */
    private static String object(long bits, Store store) {
        int n = Ref.objectIndex(bits);
        if (store == null || n >= store.heap().size()) return "ref.object " + n;
        dev.lia.wasm.runtime.GcHeap.Obj o = store.heap().get(bits);
        return o.length() < 0 ? "ref.struct " + n : "ref.array " + n + " [" + o.length() + "]";
    }

    /** The hierarchy a reference belongs to: its type's, or for a concrete type (not an i31 or object) func. */
    private static int hierarchy(ValType type, long bits) {
        return type.heap < 0 ? dev.lia.wasm.types.Subtyping.top(type.heap, null) : ValType.FUNC;
    }

    /** An f32 as every command prints it: the shortest decimal that reads back ({@link dev.lia.wasm.text.Numbers#f32Text}). */
    public static String formatF32(int bits) {
        return dev.lia.wasm.text.Numbers.f32Text(bits);
    }

    /** An f64 as every command prints it ({@link dev.lia.wasm.text.Numbers#f64Text}). */
    public static String formatF64(long bits) {
        return dev.lia.wasm.text.Numbers.f64Text(bits);
    }
}
