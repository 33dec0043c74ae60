package dev.lia.script.vm;

import dev.lia.script.value.LaneShape;
import dev.lia.wasm.Trap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Operations on v128 values, which the VM holds as their 16 bytes (lane 0 first). Bad lane indices and lengths are script traps. */
final class V128Ops {
    private V128Ops() {}

    /** The 16 bytes of wasm's two slots. */
    static byte[] bytes(long lo, long hi) {
        byte[] b = new byte[16];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(lo).putLong(hi);
        return b;
    }

    /** The low (0) or high (1) slot of a v128's bytes. */
    static long half(byte[] v, int i) {
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong(8 * i);
    }

    /** Lane k in the named shape, as the raw bits of its Lia type. */
    static long lane(byte[] v, String shapeName, int k) {
        LaneShape shape = LaneShape.byName(shapeName);
        if (k < 0 || k >= shape.lanes) {
            throw new Trap("lane index " + k + " out of range: " + shape.text + " has lanes 0 .. " + (shape.lanes - 1));
        }
        long bits = shape.lane(v, k);
        return shape.laneType.width() == 4 ? (int) bits : bits;
    }

    /** {@code v128(octs)}: exactly 16 bytes. */
    static byte[] fromOcts(byte[] s) {
        if (s.length != 16) throw new Trap("octs of length " + s.length + " are not a v128 (16 bytes)");
        return s;
    }
}
