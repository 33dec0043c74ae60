package dev.lia.wasm.spec;

import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.syntax.ValType;

import java.util.Map;

/**
 * A value as wast2json writes it: {@code {"type": "i32", "value": "4294967295"}}. Numbers are the
 * unsigned decimal of their bits; expected floats may instead be {@code nan:canonical} or
 * {@code nan:arithmetic}; references are {@code null} or, for externref, the host handle. An expected
 * value without {@code value} (seen in {@code assert_trap}) matches anything of its type, a reference
 * without one any non-null reference.
 *
 * @param type  the value type ({@link ValType#V128} values are kept but cannot be run)
 * @param value the text, or null when absent
 */
public record WastValue(ValType type, String value) {

    /** Reads one element of an {@code args} or {@code expected} array. */
    public static WastValue of(Map<String, Object> json) {
        String t = Json.string(json, "type");
        ValType type = t == null ? null : typeNamed(t);
        if (type == null) throw new IllegalArgumentException("unknown value type \"" + t + "\"");
        Object v = json.get("value");
        return new WastValue(type, v instanceof String s ? s : null);
    }

    private static ValType typeNamed(String name) {
        for (ValType t : ValType.values()) if (t.text.equals(name)) return t;
        return null;
    }

    public boolean isV128() {
        return type == ValType.V128;
    }

    /** The raw bits to pass as an argument (i32 and f32 sign-extended). */
    public long bits() {
        if (value == null) throw new IllegalArgumentException(type + " argument without a value");
        switch (type) {
            case I32:
            case F32: return (int) Long.parseUnsignedLong(value);
            case I64:
            case F64: return Long.parseUnsignedLong(value);
            case EXTERNREF: return value.equals("null") ? Ref.NULL : Ref.extern(Long.parseLong(value));
            case FUNCREF:
                if (value.equals("null")) return Ref.NULL;
                throw new IllegalArgumentException("a funcref argument can only be null");
            default: throw new IllegalArgumentException(type + " values cannot be passed");
        }
    }

    /** Whether the raw result {@code bits} (of this value's type) is what this expected value asks for. */
    public boolean matches(long bits) {
        if (value == null) return !type.isRef() || bits != Ref.NULL;
        switch (type) {
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
            case EXTERNREF: return value.equals("null") ? bits == Ref.NULL : bits == Ref.extern(Long.parseLong(value));
            case FUNCREF: return value.equals("null") ? bits == Ref.NULL : bits != Ref.NULL;
            default: return false;
        }
    }

    /** This value in wast syntax, e.g. {@code (i32.const -1)} or {@code (f32.const nan:canonical)}. */
    @Override
    public String toString() {
        if (value == null) return type.isRef() ? "(ref." + refKind(type) + ")" : "(" + type + ".const _)";
        if (type == ValType.F32 || type == ValType.F64) {
            if (value.startsWith("nan:")) return "(" + type + ".const " + value + ")";
        }
        if (type == ValType.V128) return "(v128.const " + value + ")";
        if (type == ValType.FUNCREF && !value.equals("null")) return "(ref.func)";
        return describe(bits(), type);
    }

    /** Raw result bits of type {@code type} in wast syntax. */
    public static String describe(long bits, ValType type) {
        switch (type) {
            case I32: case I64: case F32: case F64:
                return "(" + type + ".const " + ValueText.format(bits, type) + ")";
            case FUNCREF:
                return bits == Ref.NULL ? "(ref.null func)" : "(ref.func)";
            case EXTERNREF:
                return bits == Ref.NULL ? "(ref.null extern)" : "(ref.extern " + Ref.externHandle(bits) + ")";
            default:
                return "(" + type + " 0x" + Long.toHexString(bits) + ")";
        }
    }

    private static String refKind(ValType t) {
        return t == ValType.FUNCREF ? "func" : "extern";
    }
}
