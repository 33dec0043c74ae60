package dev.lia.state;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads over a byte range that never read past its end and never allocate more than
 * the bytes left could fill: every count is checked against what remains before anything is made
 * for it. Problems are {@link StateException}s of kind MALFORMED (or TRUNCATED at the very end).
 */
final class In {
    private final byte[] buf;
    private int pos;
    private final int end;
    private final String what;

    In(byte[] buf, int pos, int end, String what) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
        this.what = what;
    }

    int pos() {
        return pos;
    }

    byte[] buffer() {
        return buf;
    }

    void skip(int n) {
        need(n);
        pos += n;
    }

    int remaining() {
        return end - pos;
    }

    StateException malformed(String message) {
        return new StateException(StateException.Kind.MALFORMED, what + ": " + message + " (at byte " + pos + ")");
    }

    void need(long n) {
        if (n < 0 || n > end - pos) throw malformed("needs " + n + " more bytes, " + (end - pos) + " left");
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    boolean bool() {
        int b = u8();
        if (b > 1) throw malformed("a flag must be 0 or 1, found " + b);
        return b == 1;
    }

    int i32() {
        need(4);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** A u32 that must fit a Java int (below 2^31). */
    int u31(String name) {
        int v = i32();
        if (v < 0) throw malformed(name + " is too large: " + Integer.toUnsignedString(v));
        return v;
    }

    /** A count of items of at least {@code minBytes} each, which must fit in what is left. */
    int count(String name, int minBytes) {
        int n = u31(name);
        if ((long) n * Math.max(1, minBytes) > end - pos) {
            throw malformed(name + " " + n + " cannot fit in the " + (end - pos) + " bytes left");
        }
        return n;
    }

    long u64() {
        long lo = i32() & 0xFFFFFFFFL;
        long hi = i32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    byte[] bytes(int n) {
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** Copies {@code n} bytes into {@code dst} at {@code at}. */
    void copy(byte[] dst, int at, int n) {
        need(n);
        System.arraycopy(buf, pos, dst, at, n);
        pos += n;
    }

    byte[] blob() {
        return bytes(count("length", 1));
    }

    String str() {
        byte[] b = blob();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("a name is not UTF-8");
        }
    }

    void expectEnd() {
        if (pos != end) throw malformed((end - pos) + " unexpected bytes at the end");
    }
}
