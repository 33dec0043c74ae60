package dev.lia.script.value;

import dev.lia.script.syntax.Type;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A typed Lia value: a number as raw bits (i32 and f32 sign-extended from their 32 bits, floats
 * exactly as their bit patterns) or octs, an immutable byte string.
 */
public final class Value {
    private final Type type;
    private final long bits;
    private final byte[] bytes;

    private Value(Type type, long bits, byte[] bytes) {
        this.type = type;
        this.bits = bits;
        this.bytes = bytes;
    }

    public static Value i32(int v) {
        return new Value(Type.I32, v, null);
    }

    public static Value i64(long v) {
        return new Value(Type.I64, v, null);
    }

    public static Value f32Bits(int bits) {
        return new Value(Type.F32, bits, null);
    }

    public static Value f64Bits(long bits) {
        return new Value(Type.F64, bits, null);
    }

    public static Value f32(float f) {
        return f32Bits(Float.floatToRawIntBits(f));
    }

    public static Value f64(double d) {
        return f64Bits(Double.doubleToRawLongBits(d));
    }

    public static Value octs(byte[] bytes) {
        return new Value(Type.OCTS, 0, bytes.clone());
    }

    public static Value octs(String utf8) {
        return new Value(Type.OCTS, 0, utf8.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A number of the given type from raw bits (normalizing 32-bit values). */
    public static Value ofBits(Type type, long bits) {
        if (type == Type.OCTS) throw new IllegalArgumentException("octs have no bits");
        return new Value(type, type.width() == 4 ? (int) bits : bits, null);
    }

    /** Wraps a byte array the caller will never change (no copy). */
    public static Value octsOwned(byte[] bytes) {
        return new Value(Type.OCTS, 0, bytes);
    }

    public Type type() {
        return type;
    }

    /** Raw bits of a number (0 for octs). */
    public long bits() {
        return bits;
    }

    /** The bytes of octs (a copy), or null for a number. */
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    /** The bytes of octs without copying; callers must not modify them. */
    public byte[] bytesShared() {
        return bytes;
    }

    public int asI32() {
        return (int) bits;
    }

    public long asI64() {
        return bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && v.type == type && v.bits == bits && Arrays.equals(v.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Long.hashCode(bits) * 17 + Arrays.hashCode(bytes);
    }

    /** {@code VALUE : TYPE}, as {@code lia run} prints it. */
    @Override
    public String toString() {
        return ValueText.text(this) + " : " + type;
    }

    /** Lowercase hex of octs. */
    public String hex() {
        return bytes == null ? "" : HexFormat.of().formatHex(bytes);
    }
}
