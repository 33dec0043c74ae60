package dev.lia.script.value;

import dev.lia.script.syntax.Type;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The six ways to read a v128's 16 bytes as lanes, as wasm names them. Lane k of a shape with
 * lanes of w bytes is bytes k*w .. k*w+w-1, little-endian (lane 0 is the low end of the low half).
 * i8 and i16 lanes are i32 values in Lia (read sign-extended); the others are their own type.
 */
public enum LaneShape {
    I8X16("i8x16", 16, Type.I32), I16X8("i16x8", 8, Type.I32), I32X4("i32x4", 4, Type.I32),
    I64X2("i64x2", 2, Type.I64), F32X4("f32x4", 4, Type.F32), F64X2("f64x2", 2, Type.F64);

    public final String text;
    public final int lanes;
    /** The Lia type of one lane. */
    public final Type laneType;

    LaneShape(String text, int lanes, Type laneType) {
        this.text = text;
        this.lanes = lanes;
        this.laneType = laneType;
    }

    /** Bytes per lane. */
    public int width() {
        return 16 / lanes;
    }

    public boolean isFloat() {
        return laneType.isFloat();
    }

    public static LaneShape byName(String text) {
        for (LaneShape s : values()) if (s.text.equals(text)) return s;
        return null;
    }

    /** The smallest and largest integer a lane of an integer shape accepts: signed or unsigned range (-128..255 for i8). */
    public java.math.BigInteger[] range() {
        int bits = width() * 8;
        return new java.math.BigInteger[] {java.math.BigInteger.ONE.shiftLeft(bits - 1).negate(),
                java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE)};
    }

    /** A v128's bytes from one raw value per lane (only the lane's low bits count). */
    public byte[] pack(long[] laneBits) {
        if (laneBits.length != lanes) throw new IllegalArgumentException(text + " has " + lanes + " lanes, got " + laneBits.length);
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : laneBits) {
            switch (width()) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    /** Lane k of a v128's bytes as the raw bits of a value of {@link #laneType} (i8, i16 sign-extended). */
    public long lane(byte[] v128, int k) {
        ByteBuffer b = ByteBuffer.wrap(v128).order(ByteOrder.LITTLE_ENDIAN);
        return switch (width()) {
            case 1 -> b.get(k);
            case 2 -> b.getShort(2 * k);
            case 4 -> b.getInt(4 * k);
            default -> b.getLong(8 * k);
        };
    }
}
