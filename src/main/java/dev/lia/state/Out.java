package dev.lia.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with little-endian fixed-width writes: how every encoding here is built. */
final class Out {
    private byte[] buf;
    private int size;

    Out(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    Out() {
        this(256);
    }

    int size() {
        return size;
    }

    private void room(int n) {
        if (size + (long) n > Integer.MAX_VALUE - 16) throw new IllegalStateException("state too large to encode (over 2 GiB)");
        if (size + n > buf.length) buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(buf.length * 2L, size + (long) n)));
    }

    void u8(int v) {
        room(1);
        buf[size++] = (byte) v;
    }

    void bool(boolean v) {
        u8(v ? 1 : 0);
    }

    void u32(int v) {
        room(4);
        buf[size] = (byte) v;
        buf[size + 1] = (byte) (v >>> 8);
        buf[size + 2] = (byte) (v >>> 16);
        buf[size + 3] = (byte) (v >>> 24);
        size += 4;
    }

    void u64(long v) {
        u32((int) v);
        u32((int) (v >>> 32));
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int len) {
        room(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** u32 length, then the bytes. */
    void blob(byte[] b) {
        u32(b.length);
        bytes(b);
    }

    void str(String s) {
        blob(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a placeholder for a u32 to fill in later; returns where it is. */
    int mark() {
        int at = size;
        u32(0);
        return at;
    }

    /** Fills a placeholder with the number of bytes written since it. */
    void patchLength(int mark) {
        int len = size - mark - 4;
        buf[mark] = (byte) len;
        buf[mark + 1] = (byte) (len >>> 8);
        buf[mark + 2] = (byte) (len >>> 16);
        buf[mark + 3] = (byte) (len >>> 24);
    }

    void patchU64(int at, long v) {
        for (int i = 0; i < 8; i++) buf[at + i] = (byte) (v >>> (8 * i));
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
