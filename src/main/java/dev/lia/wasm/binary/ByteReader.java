package dev.lia.wasm.binary;

import dev.lia.wasm.MalformedException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A cursor over a byte range of a binary module: fixed-width little-endian values, LEB128 integers, lengths
 * and names. Positions are offsets into the whole module, so errors point at the right byte.
 *
 * <p>LEB128 follows the specification's {@code uN}/{@code sN} exactly: at most {@code ceil(N/7)} bytes
 * ("integer representation too long"), and the bits of the last byte beyond N must be zero (unsigned) or
 * copies of the sign bit (signed) ("integer too large").
 */
final class ByteReader {
    static final String UNEXPECTED_END = "unexpected end of section or function";

    private final byte[] bytes;
    private final int end;
    private int pos;

    ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    ByteReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    int pos() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    static MalformedException malformed(String message, int offset) {
        return new MalformedException(message, offset);
    }

    /** After reading something declared as {@code size} bytes from {@code start}: it must have been exactly that. */
    void checkSize(int start, int size) {
        if (pos != start + size) throw malformed("section size mismatch", start);
    }

    // ---- fixed width ----

    int u8() {
        if (pos >= end) throw malformed(UNEXPECTED_END, end);
        return bytes[pos++] & 0xFF;
    }

    /** The next byte without consuming it. */
    int peek() {
        if (pos >= end) throw malformed(UNEXPECTED_END, end);
        return bytes[pos] & 0xFF;
    }

    int fixed32() {
        require(4);
        int v = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16
                | (bytes[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    long fixed64() {
        long lo = fixed32() & 0xFFFF_FFFFL;
        long hi = fixed32() & 0xFFFF_FFFFL;
        return hi << 32 | lo;
    }

    byte[] bytes(int n) {
        require(n);
        pos += n;
        return Arrays.copyOfRange(bytes, pos - n, pos);
    }

    void skip(int n) {
        require(n);
        pos += n;
    }

    private void require(int n) {
        if (n < 0 || n > end - pos) throw malformed(UNEXPECTED_END, end);
    }

    /**
     * A single-byte {@code s7} as the type encodings use it: a byte with the continuation bit set would
     * need more than one byte for 7 bits.
     */
    int s7Byte() {
        int b = u8();
        if ((b & 0x80) != 0) throw malformed("integer representation too long", pos);
        return b;
    }

    /** A byte that must be 0x00: the reserved memory index of memory instructions. */
    void zeroByte() {
        int at = pos;
        if (u8() != 0) throw malformed("zero byte expected", at);
    }

    // ---- LEB128 ----

    /** An unsigned 32-bit LEB128, returned as a non-negative long. */
    long u32() {
        return unsigned(32);
    }

    /**
     * A u32 index for the model's int fields. Values from 2^31 on are well-formed but can never be in range
     * of an index space, so they saturate to {@code Integer.MAX_VALUE}: still out of range for the validator.
     */
    int index() {
        return (int) Math.min(unsigned(32), Integer.MAX_VALUE);
    }

    long u64() {
        return unsigned(64);
    }

    int s32() {
        return (int) signed(32);
    }

    long s33() {
        return signed(33);
    }

    long s64() {
        return signed(64);
    }

    /** An unsigned LEB128 of at most {@code bits} significant bits (bits = 1 for the limits flag). */
    long unsigned(int bits) {
        long result = 0;
        int shift = 0;
        int bitsLeft = bits;
        while (true) {
            int at = pos;
            int b = u8();
            if (bitsLeft < 7 && (b & 0x7F) >= 1 << bitsLeft) throw malformed("integer too large", at);
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
            shift += 7;
            bitsLeft -= 7;
            if (bitsLeft <= 0) throw malformed("integer representation too long", pos);
        }
    }

    /** A signed LEB128 of at most {@code bits} significant bits, sign-extended to a long. */
    long signed(int bits) {
        long result = 0;
        int shift = 0;
        int bitsLeft = bits;
        while (true) {
            int at = pos;
            int b = u8();
            if (bitsLeft < 7) {
                // the unused high bits of the last byte, including the sign bit, must all be equal
                int mask = (-1 << (bitsLeft - 1)) & 0x7F;
                int high = b & mask;
                if (high != 0 && high != mask) throw malformed("integer too large", at);
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
                return result;
            }
            bitsLeft -= 7;
            if (bitsLeft <= 0) throw malformed("integer representation too long", pos);
        }
    }

    // ---- lengths and names ----

    /**
     * A u32 length or vector count. Like the reference interpreter, it is checked against the bytes left in
     * the module counted from the length field itself: a larger value can never be satisfied.
     */
    int length() {
        int at = pos;
        long n = u32();
        if (n > end - at) throw malformed("length out of bounds", at);
        return (int) n;
    }

    /** A vector: a length, then that many elements read by {@code element}. */
    <T> List<T> vec(Function<ByteReader, T> element) {
        int n = length();
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(element.apply(this));
        return out;
    }

    /** A name: a length-prefixed string that must be well-formed UTF-8. */
    String name() {
        int at = pos;
        int n = length();
        int start = pos;
        skip(n);
        if (!Utf8.isWellFormed(bytes, start, start + n)) throw malformed("malformed UTF-8 encoding", at);
        return new String(bytes, start, n, StandardCharsets.UTF_8);
    }
}
