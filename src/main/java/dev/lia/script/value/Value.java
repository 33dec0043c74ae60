package dev.lia.script.value;

import dev.lia.script.syntax.Type;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A typed Lia value: a number as raw bits (i32 and f32 sign-extended from their 32 bits, floats
 * exactly as their bit patterns), a v128 (its 16 bytes, little-endian: lane 0 first) or octs, an
 * immutable byte string. A v128 keeps its bytes where octs keep theirs, so the VM holds both alike.
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

    /** A v128 from its two 64-bit halves, as wasm keeps it in two slots (low half first). */
    public static Value v128(long lo, long hi) {
        byte[] b = new byte[16];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(lo).putLong(hi);
        return new Value(Type.V128, 0, b);
    }

    /** A v128 from its 16 bytes (lane 0 first), which the caller will never change (no copy). */
    public static Value v128Owned(byte[] bytes) {
        if (bytes.length != 16) throw new IllegalArgumentException("a v128 is 16 bytes, got " + bytes.length);
        return new Value(Type.V128, 0, bytes);
    }

    /** The low (i = 0) or high (i = 1) 64 bits of a v128. @throws IllegalStateException for another type */
    public long v128Half(int i) {
        want(Type.V128);
        return java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(i * 8);
    }

    /** A number of the given type from raw bits (normalizing 32-bit values). */
    public static Value ofBits(Type type, long bits) {
        if (!type.isNumber()) throw new IllegalArgumentException(type + " has no bits");
        return new Value(type, type.width() == 4 ? (int) bits : bits, null);
    }

    /** Wraps a byte array the caller will never change (no copy). */
    public static Value octsOwned(byte[] bytes) {
        return new Value(Type.OCTS, 0, bytes);
    }

    public Type type() {
        return type;
    }

    /** Raw bits of a number (0 for octs and v128). */
    public long bits() {
        return bits;
    }

    /** The bytes of octs or a v128 (a copy), or null for a number. */
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    /** The bytes of octs without copying; callers must not modify them. */
    public byte[] bytesShared() {
        return bytes;
    }

    /** A Java value as the Lia value it naturally is: Integer i32, Long i64, Float f32, Double f64, String (UTF-8) or byte[] octs. */
    public static Value of(Object o) {
        if (o instanceof Value v) return v;
        if (o instanceof Integer i) return i32(i);
        if (o instanceof Long l) return i64(l);
        if (o instanceof Float f) return f32(f);
        if (o instanceof Double d) return f64(d);
        if (o instanceof String s) return octs(s);
        if (o instanceof byte[] b) return octs(b);
        throw new IllegalArgumentException("no Lia value for " + (o == null ? "null" : o.getClass().getSimpleName())
                + ": use Integer (i32), Long (i64), Float (f32), Double (f64), String or byte[] (octs)");
    }

    /** The value of an i32. @throws IllegalStateException for another type */
    public int asI32() {
        want(Type.I32);
        return (int) bits;
    }

    /** The value of an i64. @throws IllegalStateException for another type */
    public long asI64() {
        want(Type.I64);
        return bits;
    }

    /** The value of an f32. @throws IllegalStateException for another type */
    public float asF32() {
        want(Type.F32);
        return Float.intBitsToFloat((int) bits);
    }

    /** The value of an f64. @throws IllegalStateException for another type */
    public double asF64() {
        want(Type.F64);
        return Double.longBitsToDouble(bits);
    }

    /** The bytes of octs (a copy). @throws IllegalStateException for a number */
    public byte[] asBytes() {
        want(Type.OCTS);
        return bytes.clone();
    }

    /**
     * The bytes of octs decoded as UTF-8 (malformed sequences become U+FFFD). For any value as
     * text, use {@link #text()}.
     *
     * @throws IllegalStateException for a number
     */
    public String asString() {
        want(Type.OCTS);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The value as Lia writes it: {@code 42}, {@code 1.5}, {@code "text"}, {@code hex:ff00}. */
    public String text() {
        return ValueText.text(this);
    }

    private void want(Type t) {
        if (type != t) throw new IllegalStateException("the value " + this + " is not " + (t == Type.OCTS ? "octs" : t == Type.V128 ? "a v128" : "an " + t));
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
