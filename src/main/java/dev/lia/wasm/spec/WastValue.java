package dev.lia.wasm.spec;

import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A value as wast2json writes it: {@code {"type": "i32", "value": "4294967295"}}. Numbers are the
 * unsigned decimal of their bits; expected floats may instead be {@code nan:canonical} or
 * {@code nan:arithmetic}; references are {@code null} or, for externref, the host handle. An expected
 * value without {@code value} (seen in {@code assert_trap}) matches anything of its type, a reference
 * without one any non-null reference.
 *
 * A v128 is {@code {"type": "v128", "lane_type": "i32", "value": ["1", "2", "3", "4"]}}: one such
 * number (or NaN pattern) per lane. A v128 takes two raw slots, its low 64 bits first.
 *
 * @param type     the value type
 * @param value    the text, or null when absent (always null for a v128)
 * @param laneType for a v128: i8, i16, i32, i64, f32 or f64; else null
 * @param lanes    for a v128: the text of each lane; else empty
 * @param alternatives for an expected {@code {"type": "either", "values": [...]}}: the values any of
 *                 which passes (the type is the first one's); else empty
 */
public record WastValue(ValType type, String value, String laneType, List<String> lanes, List<WastValue> alternatives) {

    public WastValue(ValType type, String value) {
        this(type, value, null, List.of(), List.of());
    }

    public WastValue(ValType type, String value, String laneType, List<String> lanes) {
        this(type, value, laneType, lanes, List.of());
    }

    /** Reads one element of an {@code args} or {@code expected} array. */
    public static WastValue of(Map<String, Object> json) {
        String t = Json.string(json, "type");
        if ("either".equals(t)) {
            List<WastValue> alternatives = new ArrayList<>();
            for (Map<String, Object> v : Json.objects(json, "values")) alternatives.add(of(v));
            if (alternatives.isEmpty()) throw new IllegalArgumentException("\"either\" without values");
            return new WastValue(alternatives.get(0).type(), null, null, List.of(), List.copyOf(alternatives));
        }
        ValType type = t == null ? null : typeNamed(t);
        if (type == null) throw new IllegalArgumentException("unknown value type \"" + t + "\"");
        Object v = json.get("value");
        if (type == ValType.V128) {
            String laneType = Json.string(json, "lane_type");
            List<String> lanes = new ArrayList<>();
            if (v instanceof List<?> l) for (Object o : l) lanes.add(String.valueOf(o));
            if (laneType == null || lanes.size() != 128 / laneBits(laneType)) {
                throw new IllegalArgumentException("a v128 value needs lane_type and one value per lane");
            }
            return new WastValue(type, null, laneType, List.copyOf(lanes));
        }
        return new WastValue(type, v instanceof String s ? s : null);
    }

    private static int laneBits(String laneType) {
        return switch (laneType) {
            case "i8" -> 8;
            case "i16" -> 16;
            case "i32", "f32" -> 32;
            case "i64", "f64" -> 64;
            default -> throw new IllegalArgumentException("unknown lane type \"" + laneType + "\"");
        };
    }

    /** Raw slots this value takes: two for a v128, else one. */
    public int slots() {
        return type.slots();
    }

    /** Writes the raw bits of this argument to {@code out} at {@code at} (two slots for a v128). */
    public void writeBits(long[] out, int at) {
        if (type != ValType.V128) {
            out[at] = bits();
            return;
        }
        int bits = laneBits(laneType);
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        out[at] = 0;
        out[at + 1] = 0;
        for (int i = 0; i < lanes.size(); i++) {
            long v = Long.parseUnsignedLong(lanes.get(i)) & mask;
            int bit = i * bits;
            out[at + bit / 64] |= v << (bit % 64);
        }
    }

    /** Whether the raw result at {@code slots[at]} (two slots for a v128) is what this expected value asks for. */
    public boolean matches(long[] slots, int at) {
        if (!alternatives.isEmpty()) {
            for (WastValue v : alternatives) if (v.slots() == slots() && v.matches(slots, at)) return true;
            return false;
        }
        if (type != ValType.V128) return matches(slots[at]);
        int bits = laneBits(laneType);
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        ValType laneValType = laneType.equals("f32") ? ValType.F32 : laneType.equals("f64") ? ValType.F64 : ValType.I64;
        for (int i = 0; i < lanes.size(); i++) {
            int bit = i * bits;
            long lane = (slots[at + bit / 64] >>> (bit % 64)) & mask;
            String text = lanes.get(i);
            boolean ok = laneValType == ValType.I64
                    ? lane == (Long.parseUnsignedLong(text) & mask)
                    : new WastValue(laneValType, text).matches(lane);
            if (!ok) return false;
        }
        return true;
    }

    /** Raw v128 slots in wast syntax, as i32 lanes. */
    public static String describeV128(long lo, long hi) {
        return "(v128.const i32x4 0x" + String.format("%08x 0x%08x 0x%08x 0x%08x", (int) lo, (int) (lo >>> 32), (int) hi, (int) (hi >>> 32)) + ")";
    }

    private static ValType typeNamed(String name) {
        for (ValType t : NAMED) if (t.text.equals(name)) return t;
        return null;
    }

    private static final ValType[] NAMED = {ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128,
        ValType.FUNCREF, ValType.EXTERNREF, ValType.EXNREF, ValType.ANYREF, ValType.EQREF, ValType.I31REF,
        ValType.STRUCTREF, ValType.ARRAYREF, ValType.NULLREF, ValType.NULLFUNCREF, ValType.NULLEXTERNREF,
        ValType.NULLEXNREF};

    public boolean isV128() {
        return type == ValType.V128;
    }

    /** The raw bits to pass as an argument (i32 and f32 sign-extended). */
    public long bits() {
        if (value == null) throw new IllegalArgumentException(type + " argument without a value");
        switch (type.kind) {
            case I32:
            case F32: return (int) Long.parseUnsignedLong(value);
            case I64:
            case F64: return Long.parseUnsignedLong(value);
            case REF:
                if (value.equals("null")) return Ref.NULL;
                if (type == ValType.EXTERNREF) return Ref.extern(Long.parseLong(value));
                if (type == ValType.ANYREF) return Ref.internalize(Ref.extern(Long.parseLong(value)));
                throw new IllegalArgumentException("a " + type + " argument can only be null");
            default: throw new IllegalArgumentException(type + " values cannot be passed");
        }
    }

    /** Whether the raw result {@code bits} (of this value's type) is what this expected value asks for. */
    public boolean matches(long bits) {
        if (!alternatives.isEmpty()) return alternatives.stream().anyMatch(v -> v.matches(bits));
        if (value == null) return !type.isRef() || isKind(bits);
        switch (type.kind) {
            case I32: return (int) bits == (int) Long.parseUnsignedLong(value);
            case I64: return bits == Long.parseUnsignedLong(value);
            case F32: {
                int b = (int) bits;
                if (value.equals("nan:canonical")) return (b & 0x7FFFFFFF) == 0x7FC00000;
                if (value.equals("nan:arithmetic")) return (b & 0x7FC00000) == 0x7FC00000;
                return b == (int) Long.parseUnsignedLong(value);
            }
            case F64: {
                if (value.equals("nan:canonical")) return (bits & 0x7FFFFFFFFFFFFFFFL) == 0x7FF8000000000000L;
                if (value.equals("nan:arithmetic")) return (bits & 0x7FF8000000000000L) == 0x7FF8000000000000L;
                return bits == Long.parseUnsignedLong(value);
            }
            case REF:
                if (value.equals("null")) return bits == Ref.NULL;
                if (type == ValType.EXTERNREF) return bits == Ref.extern(Long.parseLong(value));
                if (type == ValType.ANYREF) return bits == Ref.internalize(Ref.extern(Long.parseLong(value)));
                return isKind(bits);
            default: return false;
        }
    }

    /**
     * Whether a non-null reference is of the kind an expected {@code (ref.i31)}, {@code (ref.struct)} ... asks
     * for. Struct and array objects are told apart by {@link #objectKind}, which the runner sets for its store.
     */
    private boolean isKind(long bits) {
        if (bits == Ref.NULL) return false;
        if (type == ValType.I31REF) return Ref.isI31(bits);
        if (type == ValType.STRUCTREF || type == ValType.ARRAYREF) {
            return Ref.isObject(bits) && objectKind.applyAsInt(bits) == type.heap;
        }
        if (type == ValType.EQREF) return Ref.isI31(bits) || Ref.isObject(bits);
        return true;
    }

    /** The heap type kind ({@link ValType#STRUCT} or {@link ValType#ARRAY}) of a GC object reference. */
    public static volatile java.util.function.LongToIntFunction objectKind = bits -> 0;

    /** This value in wast syntax, e.g. {@code (i32.const -1)} or {@code (f32.const nan:canonical)}. */
    @Override
    public String toString() {
        if (!alternatives.isEmpty()) {
            return "(either " + String.join(" ", alternatives.stream().map(WastValue::toString).toList()) + ")";
        }
        if (type == ValType.V128) {
            return "(v128.const " + laneType + "x" + (128 / laneBits(laneType)) + " " + String.join(" ", lanes) + ")";
        }
        if (value == null) return type.isRef() ? "(ref." + ValType.heapText(type.heap) + ")" : "(" + type + ".const _)";
        if (type == ValType.F32 || type == ValType.F64) {
            if (value.startsWith("nan:")) return "(" + type + ".const " + value + ")";
        }
        if (type == ValType.FUNCREF && !value.equals("null")) return "(ref.func)";
        return describe(bits(), type);
    }

    /** Raw result bits of type {@code type} in wast syntax. */
    public static String describe(long bits, ValType type) {
        switch (type.kind) {
            case I32: case I64: case F32: case F64:
                return "(" + type + ".const " + ValueText.format(bits, type) + ")";
            case REF:
                if (bits == Ref.NULL) return "(ref.null " + ValType.heapText(type.heap) + ")";
                if (Ref.isI31(bits)) return "(ref.i31 " + Ref.i31Value(bits, false) + ")";
                if (Ref.isObject(bits)) return "(ref." + ValType.heapText(objectKind.applyAsInt(bits)) + ")";
                if (type == ValType.EXTERNREF && (bits & Ref.TAG_MASK) == 0) return "(ref.extern " + Ref.externHandle(bits) + ")";
                if (type == ValType.FUNCREF) return "(ref.func)";
                return "(ref." + ValType.heapText(type.heap) + " 0x" + Long.toHexString(bits) + ")";
            default:
                return "(" + type + " 0x" + Long.toHexString(bits) + ")";
        }
    }
}
