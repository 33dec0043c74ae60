package dev.lia.script.vm;

import dev.lia.wasm.Trap;

import java.util.Arrays;

/** Operations on octs (byte strings). Bounds problems are script traps. */
final class OctsOps {
    private OctsOps() {}

    static byte[] slice(byte[] s, int from, int to) {
        if (from < 0 || to < from || to > s.length) {
            throw new Trap("octs slice [" + from + ".." + to + "] out of bounds of length " + s.length);
        }
        return Arrays.copyOfRange(s, from, to);
    }

    static int at(byte[] s, int i) {
        if (i < 0 || i >= s.length) throw new Trap("octs index " + i + " out of bounds of length " + s.length);
        return s[i] & 0xFF;
    }

    /**
     * The longest octs a script can make: 1 GiB, as a memory's default limit. A longer result is a
     * trap at the same point on every machine, whatever the Java heap (a Java array ends at 2 GiB).
     */
    static final int MAX_LENGTH = 1 << 30;

    static byte[] concat(byte[] a, byte[] b) {
        return concat(a, b, MAX_LENGTH);
    }

    /** {@code a ++ b}, trapping when the result would be longer than {@code max} bytes. */
    static byte[] concat(byte[] a, byte[] b, int max) {
        long length = (long) a.length + b.length;
        if (length > max) {
            throw new Trap("octs limit exceeded: '++' would make " + length + " bytes, more than the limit of " + max);
        }
        byte[] r = Arrays.copyOf(a, (int) length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The little-endian bytes of the low {@code width} bytes of {@code bits}. */
    static byte[] littleEndian(long bits, int width) {
        byte[] r = new byte[width];
        for (int i = 0; i < width; i++) r[i] = (byte) (bits >>> (8 * i));
        return r;
    }

    /** Up to {@code width} little-endian bytes, zero-extended; a 32-bit result is sign-extended to the slot. */
    static long fromLittleEndian(byte[] s, int width) {
        if (s.length > width) {
            throw new Trap("octs of length " + s.length + " do not fit in " + width + " bytes");
        }
        long v = 0;
        for (int i = 0; i < s.length; i++) v |= (s[i] & 0xFFL) << (8 * i);
        return width == 4 ? (int) v : v;
    }
}
