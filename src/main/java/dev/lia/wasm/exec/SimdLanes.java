package dev.lia.wasm.exec;

/**
 * SIMD for compiled code, one 64-bit half of a v128 at a time: a v128 is two slots (low 64 bits
 * first, see {@link dev.lia.wasm.compile.Op}), and most instructions compute each half of the
 * result from the same half of their operands, so the emitter calls a {@code long -> long} method
 * here twice and nothing is allocated. Instructions whose halves mix (narrow, swizzle, extend,
 * bitmask, ...) have methods that take what one result half needs. Public because generated
 * classes call them; not an embedding API.
 *
 * <p>Every method computes exactly {@link SimdOps}' lanes (the interpreter's): float lanes through
 * {@link Numerics}, so NaNs are canonical as there; relaxed instructions as the deterministic profile.
 * Names: the instruction, as the text format spells it without dots.
 */
public final class SimdLanes {
    private SimdLanes() {}

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL, HIGH1 = 0x8080808080808080L;
    private static final long LOW15 = 0x7FFF7FFF7FFF7FFFL, HIGH16 = 0x8000800080008000L;

    // ---- lanes of a half ----

    private static int i8(long v, int bit) {
        return (byte) (v >>> bit);
    }

    private static int u8(long v, int bit) {
        return (int) (v >>> bit) & 0xFF;
    }

    private static int i16(long v, int bit) {
        return (short) (v >>> bit);
    }

    private static int u16(long v, int bit) {
        return (int) (v >>> bit) & 0xFFFF;
    }

    private static int hi32(long v) {
        return (int) (v >>> 32);
    }

    private static long pack32(int lo, int hi) {
        return (lo & 0xFFFFFFFFL) | ((long) hi << 32);
    }

    private static int sat(int v, int min, int max) {
        return v < min ? min : Math.min(v, max);
    }

    /** Each byte 0xFF where the byte of {@code x} is nonzero, else 0. */
    private static long nonzero8(long x) {
        long t = (((x & LOW7) + LOW7) | x) & HIGH1;
        return (t >>> 7) * 0xFF;
    }

    private static long nonzero16(long x) {
        long t = (((x & LOW15) + LOW15) | x) & HIGH16;
        return (t >>> 15) * 0xFFFF;
    }

    // ---- i8x16 ----

    public static long i8x16add(long a, long b) {
        return ((a & LOW7) + (b & LOW7)) ^ ((a ^ b) & HIGH1);
    }

    public static long i8x16sub(long a, long b) {
        return ((a | HIGH1) - (b & LOW7)) ^ ((a ^ ~b) & HIGH1);
    }

    public static long i8x16eq(long a, long b) {
        return ~nonzero8(a ^ b);
    }

    public static long i8x16ne(long a, long b) {
        return nonzero8(a ^ b);
    }

    /** Each byte 0xFF where {@code a}'s byte is below {@code b}'s, signed: unsigned with the sign bits flipped. */
    public static long i8x16ltS(long a, long b) {
        return i8x16ltU(a ^ HIGH1, b ^ HIGH1);
    }

    /**
     * Each byte 0xFF where {@code a}'s byte is below {@code b}'s, unsigned: the borrow out of each
     * byte's subtraction ({@code ~a & b}, or {@code a}, {@code b} alike in the top bit and the
     * difference's top bit set), spread over the byte.
     */
    public static long i8x16ltU(long a, long b) {
        long borrow = ((~a & b) | (~(a ^ b) & i8x16sub(a, b))) & HIGH1;
        return (borrow >>> 7) * 0xFF;
    }

    public static long i8x16gtS(long a, long b) {
        return i8x16ltS(b, a);
    }

    public static long i8x16gtU(long a, long b) {
        return i8x16ltU(b, a);
    }

    public static long i8x16leS(long a, long b) {
        return ~i8x16ltS(b, a);
    }

    public static long i8x16leU(long a, long b) {
        return ~i8x16ltU(b, a);
    }

    public static long i8x16geS(long a, long b) {
        return ~i8x16ltS(a, b);
    }

    public static long i8x16geU(long a, long b) {
        return ~i8x16ltU(a, b);
    }

    public static long i8x16abs(long a) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (long) (Math.abs(i8(a, i)) & 0xFF) << i;
        return r;
    }

    public static long i8x16neg(long a) {
        return i8x16sub(0, a);
    }

    public static long i8x16popcnt(long a) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (long) Integer.bitCount(u8(a, i)) << i;
        return r;
    }

    public static long i8x16addSatS(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (long) (sat(i8(a, i) + i8(b, i), -128, 127) & 0xFF) << i;
        return r;
    }

    public static long i8x16addSatU(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (long) Math.min(u8(a, i) + u8(b, i), 255) << i;
        return r;
    }

    public static long i8x16subSatS(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (long) (sat(i8(a, i) - i8(b, i), -128, 127) & 0xFF) << i;
        return r;
    }

    public static long i8x16subSatU(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (long) Math.max(u8(a, i) - u8(b, i), 0) << i;
        return r;
    }

    public static long i8x16minS(long a, long b) {
        long m = i8x16ltS(a, b);
        return (a & m) | (b & ~m);
    }

    public static long i8x16minU(long a, long b) {
        long m = i8x16ltU(a, b);
        return (a & m) | (b & ~m);
    }

    public static long i8x16maxS(long a, long b) {
        long m = i8x16ltS(b, a);
        return (a & m) | (b & ~m);
    }

    public static long i8x16maxU(long a, long b) {
        long m = i8x16ltU(b, a);
        return (a & m) | (b & ~m);
    }

    public static long i8x16avgrU(long a, long b) {
        return (a | b) - (((a ^ b) >>> 1) & LOW7); // per byte: ceil((x + y) / 2), no carry out of a byte
    }

    public static long i8x16shl(long a, int count) {
        int k = count & 7;
        long keep = (0xFFL >>> k) * 0x0101010101010101L; // the bits of each byte that stay in it
        return (a & keep) << k;
    }

    public static long i8x16shrS(long a, int count) {
        int k = count & 7;
        long r = 0;
        for (int i = 0; i < 64; i += 8) r |= (long) ((i8(a, i) >> k) & 0xFF) << i;
        return r;
    }

    public static long i8x16shrU(long a, int count) {
        int k = count & 7;
        long keep = (0xFFL >>> k) * 0x0101010101010101L;
        return (a >>> k) & keep;
    }

    /** 1 if no lane of the v128 is 0, else 0. */
    public static long i8x16allTrue(long lo, long hi) {
        return (~nonzero8(lo) | ~nonzero8(hi)) == 0 ? 1 : 0;
    }

    public static long i8x16bitmask(long lo, long hi) {
        return bits8(lo) | (bits8(hi) << 8);
    }

    private static long bits8(long v) {
        long r = 0;
        for (int i = 0; i < 8; i++) r |= ((v >>> (8 * i + 7)) & 1) << i;
        return r;
    }

    /** i8x16.narrow_i16x8_s: one result half from one operand's two halves. */
    public static long i8x16narrowS(long lo, long hi) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= (long) (sat(i16(lo, 16 * i), -128, 127) & 0xFF) << (8 * i);
            r |= (long) (sat(i16(hi, 16 * i), -128, 127) & 0xFF) << (8 * i + 32);
        }
        return r;
    }

    public static long i8x16narrowU(long lo, long hi) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= (long) sat(i16(lo, 16 * i), 0, 255) << (8 * i);
            r |= (long) sat(i16(hi, 16 * i), 0, 255) << (8 * i + 32);
        }
        return r;
    }

    /** i8x16.swizzle: one result half from the whole of {@code a} and the same half of the indices. */
    public static long i8x16swizzle(long aLo, long aHi, long s) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int k = u8(s, i);
            if (k < 16) r |= ((k < 8 ? aLo >>> (8 * k) : aHi >>> (8 * (k - 8))) & 0xFF) << i;
        }
        return r;
    }

    public static long splat8(long v) {
        return (v & 0xFF) * 0x0101010101010101L;
    }

    // ---- i16x8 ----

    public static long i16x8add(long a, long b) {
        return ((a & LOW15) + (b & LOW15)) ^ ((a ^ b) & HIGH16);
    }

    public static long i16x8sub(long a, long b) {
        return ((a | HIGH16) - (b & LOW15)) ^ ((a ^ ~b) & HIGH16);
    }

    public static long i16x8mul(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) ((i16(a, i) * i16(b, i)) & 0xFFFF) << i;
        return r;
    }

    public static long i16x8eq(long a, long b) {
        return ~nonzero16(a ^ b);
    }

    public static long i16x8ne(long a, long b) {
        return nonzero16(a ^ b);
    }

    public static long i16x8ltS(long a, long b) {
        return i16x8ltU(a ^ HIGH16, b ^ HIGH16);
    }

    /** As {@link #i8x16ltU}, for 16-bit lanes. */
    public static long i16x8ltU(long a, long b) {
        long borrow = ((~a & b) | (~(a ^ b) & i16x8sub(a, b))) & HIGH16;
        return (borrow >>> 15) * 0xFFFF;
    }

    public static long i16x8gtS(long a, long b) {
        return i16x8ltS(b, a);
    }

    public static long i16x8gtU(long a, long b) {
        return i16x8ltU(b, a);
    }

    public static long i16x8leS(long a, long b) {
        return ~i16x8ltS(b, a);
    }

    public static long i16x8leU(long a, long b) {
        return ~i16x8ltU(b, a);
    }

    public static long i16x8geS(long a, long b) {
        return ~i16x8ltS(a, b);
    }

    public static long i16x8geU(long a, long b) {
        return ~i16x8ltU(a, b);
    }

    public static long i16x8abs(long a) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) (Math.abs(i16(a, i)) & 0xFFFF) << i;
        return r;
    }

    public static long i16x8neg(long a) {
        return i16x8sub(0, a);
    }

    public static long i16x8addSatS(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) (sat(i16(a, i) + i16(b, i), -32768, 32767) & 0xFFFF) << i;
        return r;
    }

    public static long i16x8addSatU(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) Math.min(u16(a, i) + u16(b, i), 65535) << i;
        return r;
    }

    public static long i16x8subSatS(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) (sat(i16(a, i) - i16(b, i), -32768, 32767) & 0xFFFF) << i;
        return r;
    }

    public static long i16x8subSatU(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) Math.max(u16(a, i) - u16(b, i), 0) << i;
        return r;
    }

    public static long i16x8minS(long a, long b) {
        long m = i16x8ltS(a, b);
        return (a & m) | (b & ~m);
    }

    public static long i16x8minU(long a, long b) {
        long m = i16x8ltU(a, b);
        return (a & m) | (b & ~m);
    }

    public static long i16x8maxS(long a, long b) {
        long m = i16x8ltS(b, a);
        return (a & m) | (b & ~m);
    }

    public static long i16x8maxU(long a, long b) {
        long m = i16x8ltU(b, a);
        return (a & m) | (b & ~m);
    }

    public static long i16x8avgrU(long a, long b) {
        return (a | b) - (((a ^ b) >>> 1) & LOW15);
    }

    public static long i16x8q15mulrSatS(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) (sat((i16(a, i) * i16(b, i) + 0x4000) >> 15, -32768, 32767) & 0xFFFF) << i;
        return r;
    }

    public static long i16x8shl(long a, int count) {
        int k = count & 15;
        long keep = (0xFFFFL >>> k) * 0x0001000100010001L;
        return (a & keep) << k;
    }

    public static long i16x8shrS(long a, int count) {
        int k = count & 15;
        long r = 0;
        for (int i = 0; i < 64; i += 16) r |= (long) ((i16(a, i) >> k) & 0xFFFF) << i;
        return r;
    }

    public static long i16x8shrU(long a, int count) {
        int k = count & 15;
        long keep = (0xFFFFL >>> k) * 0x0001000100010001L;
        return (a >>> k) & keep;
    }

    public static long i16x8allTrue(long lo, long hi) {
        return (~nonzero16(lo) | ~nonzero16(hi)) == 0 ? 1 : 0;
    }

    public static long i16x8bitmask(long lo, long hi) {
        return bits16(lo) | (bits16(hi) << 4);
    }

    private static long bits16(long v) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= ((v >>> (16 * i + 15)) & 1) << i;
        return r;
    }

    public static long i16x8narrowS(long lo, long hi) {
        return pack32(narrow16(lo, -32768, 32767), narrow16(hi, -32768, 32767));
    }

    public static long i16x8narrowU(long lo, long hi) {
        return pack32(narrow16(lo, 0, 65535), narrow16(hi, 0, 65535));
    }

    private static int narrow16(long v, int min, int max) {
        return (sat((int) v, min, max) & 0xFFFF) | (sat(hi32(v), min, max) << 16);
    }

    /** i16x8.extend_*_i8x16_s: the four i8 lanes in the low 32 bits of {@code v}, sign-extended. */
    public static long i16x8extendS(long v) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= (long) (i8(v, 8 * i) & 0xFFFF) << (16 * i);
        return r;
    }

    public static long i16x8extendU(long v) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= (long) u8(v, 8 * i) << (16 * i);
        return r;
    }

    /** i16x8.extmul_*_i8x16_s: the four i8 lanes in the low 32 bits of each operand. */
    public static long i16x8extmulS(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= (long) ((i8(a, 8 * i) * i8(b, 8 * i)) & 0xFFFF) << (16 * i);
        return r;
    }

    public static long i16x8extmulU(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= (long) ((u8(a, 8 * i) * u8(b, 8 * i)) & 0xFFFF) << (16 * i);
        return r;
    }

    public static long i16x8extaddPairwiseS(long a) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= (long) ((i8(a, 16 * i) + i8(a, 16 * i + 8)) & 0xFFFF) << (16 * i);
        return r;
    }

    public static long i16x8extaddPairwiseU(long a) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= (long) (u8(a, 16 * i) + u8(a, 16 * i + 8)) << (16 * i);
        return r;
    }

    /** i16x8.relaxed_dot_i8x16_i7x16_s (deterministic: both signed, pairs added saturating). */
    public static long i16x8relaxedDot(long a, long b) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= (long) (dotPair(a, b, 16 * i) & 0xFFFF) << (16 * i);
        return r;
    }

    private static int dotPair(long a, long b, int bit) {
        return sat(i8(a, bit) * i8(b, bit) + i8(a, bit + 8) * i8(b, bit + 8), -32768, 32767);
    }

    public static long splat16(long v) {
        return (v & 0xFFFF) * 0x0001000100010001L;
    }

    // ---- i32x4 ----

    public static long i32x4add(long a, long b) {
        return pack32((int) a + (int) b, hi32(a) + hi32(b));
    }

    public static long i32x4sub(long a, long b) {
        return pack32((int) a - (int) b, hi32(a) - hi32(b));
    }

    public static long i32x4mul(long a, long b) {
        return pack32((int) a * (int) b, hi32(a) * hi32(b));
    }

    private static long mask32(boolean lo, boolean hi) {
        return (lo ? 0xFFFFFFFFL : 0) | (hi ? 0xFFFFFFFF00000000L : 0);
    }

    public static long i32x4eq(long a, long b) {
        return mask32((int) a == (int) b, hi32(a) == hi32(b));
    }

    public static long i32x4ne(long a, long b) {
        return ~i32x4eq(a, b);
    }

    public static long i32x4ltS(long a, long b) {
        return mask32((int) a < (int) b, hi32(a) < hi32(b));
    }

    public static long i32x4ltU(long a, long b) {
        return mask32(Integer.compareUnsigned((int) a, (int) b) < 0, Integer.compareUnsigned(hi32(a), hi32(b)) < 0);
    }

    public static long i32x4gtS(long a, long b) {
        return i32x4ltS(b, a);
    }

    public static long i32x4gtU(long a, long b) {
        return i32x4ltU(b, a);
    }

    public static long i32x4leS(long a, long b) {
        return ~i32x4ltS(b, a);
    }

    public static long i32x4leU(long a, long b) {
        return ~i32x4ltU(b, a);
    }

    public static long i32x4geS(long a, long b) {
        return ~i32x4ltS(a, b);
    }

    public static long i32x4geU(long a, long b) {
        return ~i32x4ltU(a, b);
    }

    public static long i32x4abs(long a) {
        return pack32(Math.abs((int) a), Math.abs(hi32(a)));
    }

    public static long i32x4neg(long a) {
        return pack32(-(int) a, -hi32(a));
    }

    public static long i32x4minS(long a, long b) {
        return pack32(Math.min((int) a, (int) b), Math.min(hi32(a), hi32(b)));
    }

    public static long i32x4minU(long a, long b) {
        long m = i32x4ltU(a, b);
        return (a & m) | (b & ~m);
    }

    public static long i32x4maxS(long a, long b) {
        return pack32(Math.max((int) a, (int) b), Math.max(hi32(a), hi32(b)));
    }

    public static long i32x4maxU(long a, long b) {
        long m = i32x4ltU(b, a);
        return (a & m) | (b & ~m);
    }

    public static long i32x4shl(long a, int count) {
        int k = count & 31;
        return pack32((int) a << k, hi32(a) << k);
    }

    public static long i32x4shrS(long a, int count) {
        int k = count & 31;
        return pack32((int) a >> k, hi32(a) >> k);
    }

    public static long i32x4shrU(long a, int count) {
        int k = count & 31;
        return pack32((int) a >>> k, hi32(a) >>> k);
    }

    public static long i32x4allTrue(long lo, long hi) {
        return (int) lo != 0 && hi32(lo) != 0 && (int) hi != 0 && hi32(hi) != 0 ? 1 : 0;
    }

    public static long i32x4bitmask(long lo, long hi) {
        return ((lo >>> 31) & 1) | ((lo >>> 62) & 2) | (((hi >>> 31) & 1) << 2) | (((hi >>> 63) & 1) << 3);
    }

    public static long i32x4dotI16x8S(long a, long b) {
        return pack32(i16(a, 0) * i16(b, 0) + i16(a, 16) * i16(b, 16), i16(a, 32) * i16(b, 32) + i16(a, 48) * i16(b, 48));
    }

    /** i32x4.extend_*_i16x8_s: the two i16 lanes in the low 32 bits of {@code v}. */
    public static long i32x4extendS(long v) {
        return pack32(i16(v, 0), i16(v, 16));
    }

    public static long i32x4extendU(long v) {
        return pack32(u16(v, 0), u16(v, 16));
    }

    public static long i32x4extmulS(long a, long b) {
        return pack32(i16(a, 0) * i16(b, 0), i16(a, 16) * i16(b, 16));
    }

    public static long i32x4extmulU(long a, long b) {
        return pack32(u16(a, 0) * u16(b, 0), u16(a, 16) * u16(b, 16));
    }

    public static long i32x4extaddPairwiseS(long a) {
        return pack32(i16(a, 0) + i16(a, 16), i16(a, 32) + i16(a, 48));
    }

    public static long i32x4extaddPairwiseU(long a) {
        return pack32(u16(a, 0) + u16(a, 16), u16(a, 32) + u16(a, 48));
    }

    /** i32x4.relaxed_dot_i8x16_i7x16_add_s: the i16 pair sums (saturated) of each i32 lane, plus {@code c}'s lane. */
    public static long i32x4relaxedDotAdd(long a, long b, long c) {
        int lo = (int) c + dotPair(a, b, 0) + dotPair(a, b, 16);
        int hi = hi32(c) + dotPair(a, b, 32) + dotPair(a, b, 48);
        return pack32(lo, hi);
    }

    public static long splat32(long v) {
        return (v & 0xFFFFFFFFL) * 0x0000000100000001L;
    }

    // ---- i64x2 (each half is one lane) ----

    public static long i64x2abs(long a) {
        return Math.abs(a);
    }

    public static long i64x2eq(long a, long b) {
        return a == b ? -1L : 0;
    }

    public static long i64x2ne(long a, long b) {
        return a != b ? -1L : 0;
    }

    public static long i64x2ltS(long a, long b) {
        return a < b ? -1L : 0;
    }

    public static long i64x2gtS(long a, long b) {
        return a > b ? -1L : 0;
    }

    public static long i64x2leS(long a, long b) {
        return a <= b ? -1L : 0;
    }

    public static long i64x2geS(long a, long b) {
        return a >= b ? -1L : 0;
    }

    public static long i64x2shl(long a, int count) {
        return a << (count & 63);
    }

    public static long i64x2shrS(long a, int count) {
        return a >> (count & 63);
    }

    public static long i64x2shrU(long a, int count) {
        return a >>> (count & 63);
    }

    public static long i64x2allTrue(long lo, long hi) {
        return lo != 0 && hi != 0 ? 1 : 0;
    }

    public static long i64x2bitmask(long lo, long hi) {
        return (lo >>> 63) | ((hi >>> 63) << 1);
    }

    /** i64x2.extend_*_i32x4_s: the i32 lane in the low 32 bits of {@code v}. */
    public static long i64x2extendS(long v) {
        return (int) v;
    }

    public static long i64x2extendU(long v) {
        return v & 0xFFFFFFFFL;
    }

    public static long i64x2extmulS(long a, long b) {
        return (long) (int) a * (int) b;
    }

    public static long i64x2extmulU(long a, long b) {
        return (a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL);
    }

    // ---- v128 ----

    public static long andnot(long a, long b) {
        return a & ~b;
    }

    public static long not(long a) {
        return ~a;
    }

    public static long bitselect(long a, long b, long c) {
        return (a & c) | (b & ~c);
    }

    public static long anyTrue(long lo, long hi) {
        return (lo | hi) != 0 ? 1 : 0;
    }

    /** The lane of {@code bits} bits at bit {@code shift} of a half, zero-extended. */
    public static long extractU(long half, int shift, int bits) {
        return (half >>> shift) & ((1L << bits) - 1);
    }

    /** The half with the lane of {@code bits} bits (8, 16, 32) at bit {@code shift} replaced by {@code v}'s low bits. */
    public static long replace(long half, long v, int shift, int bits) {
        long m = ((1L << bits) - 1) << shift;
        return (half & ~m) | ((v << shift) & m);
    }

    // ---- f32x4 ----

    public static long f32x4add(long a, long b) {
        return pack32(Numerics.f32Add((int) a, (int) b), Numerics.f32Add(hi32(a), hi32(b)));
    }

    public static long f32x4sub(long a, long b) {
        return pack32(Numerics.f32Sub((int) a, (int) b), Numerics.f32Sub(hi32(a), hi32(b)));
    }

    public static long f32x4mul(long a, long b) {
        return pack32(Numerics.f32Mul((int) a, (int) b), Numerics.f32Mul(hi32(a), hi32(b)));
    }

    public static long f32x4div(long a, long b) {
        return pack32(Numerics.f32Div((int) a, (int) b), Numerics.f32Div(hi32(a), hi32(b)));
    }

    public static long f32x4min(long a, long b) {
        return pack32(Numerics.f32Min((int) a, (int) b), Numerics.f32Min(hi32(a), hi32(b)));
    }

    public static long f32x4max(long a, long b) {
        return pack32(Numerics.f32Max((int) a, (int) b), Numerics.f32Max(hi32(a), hi32(b)));
    }

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    public static long f32x4pmin(long a, long b) {
        return pack32(f((int) b) < f((int) a) ? (int) b : (int) a, f(hi32(b)) < f(hi32(a)) ? hi32(b) : hi32(a));
    }

    public static long f32x4pmax(long a, long b) {
        return pack32(f((int) a) < f((int) b) ? (int) b : (int) a, f(hi32(a)) < f(hi32(b)) ? hi32(b) : hi32(a));
    }

    public static long f32x4eq(long a, long b) {
        return mask32(f((int) a) == f((int) b), f(hi32(a)) == f(hi32(b)));
    }

    public static long f32x4ne(long a, long b) {
        return mask32(f((int) a) != f((int) b), f(hi32(a)) != f(hi32(b)));
    }

    public static long f32x4lt(long a, long b) {
        return mask32(f((int) a) < f((int) b), f(hi32(a)) < f(hi32(b)));
    }

    public static long f32x4gt(long a, long b) {
        return mask32(f((int) a) > f((int) b), f(hi32(a)) > f(hi32(b)));
    }

    public static long f32x4le(long a, long b) {
        return mask32(f((int) a) <= f((int) b), f(hi32(a)) <= f(hi32(b)));
    }

    public static long f32x4ge(long a, long b) {
        return mask32(f((int) a) >= f((int) b), f(hi32(a)) >= f(hi32(b)));
    }

    public static long f32x4abs(long a) {
        return a & 0x7FFFFFFF7FFFFFFFL;
    }

    public static long f32x4neg(long a) {
        return a ^ 0x8000000080000000L;
    }

    public static long f32x4sqrt(long a) {
        return pack32(Numerics.f32Sqrt((int) a), Numerics.f32Sqrt(hi32(a)));
    }

    public static long f32x4ceil(long a) {
        return pack32(Numerics.f32Ceil((int) a), Numerics.f32Ceil(hi32(a)));
    }

    public static long f32x4floor(long a) {
        return pack32(Numerics.f32Floor((int) a), Numerics.f32Floor(hi32(a)));
    }

    public static long f32x4trunc(long a) {
        return pack32(Numerics.f32Trunc((int) a), Numerics.f32Trunc(hi32(a)));
    }

    public static long f32x4nearest(long a) {
        return pack32(Numerics.f32Nearest((int) a), Numerics.f32Nearest(hi32(a)));
    }

    public static long i32x4truncSatF32x4S(long a) {
        return pack32(Numerics.i32TruncSatF32S((int) a), Numerics.i32TruncSatF32S(hi32(a)));
    }

    public static long i32x4truncSatF32x4U(long a) {
        return pack32(Numerics.i32TruncSatF32U((int) a), Numerics.i32TruncSatF32U(hi32(a)));
    }

    public static long f32x4convertI32x4S(long a) {
        return pack32(Numerics.f32ConvertI32S((int) a), Numerics.f32ConvertI32S(hi32(a)));
    }

    public static long f32x4convertI32x4U(long a) {
        return pack32(Numerics.f32ConvertI32U((int) a), Numerics.f32ConvertI32U(hi32(a)));
    }

    /** f32x4.demote_f64x2_zero's low half (its high half is 0). */
    public static long f32x4demoteF64x2Zero(long lo, long hi) {
        return pack32(Numerics.f32DemoteF64(lo), Numerics.f32DemoteF64(hi));
    }

    public static long i32x4truncSatF64x2SZero(long lo, long hi) {
        return pack32(Numerics.i32TruncSatF64S(lo), Numerics.i32TruncSatF64S(hi));
    }

    public static long i32x4truncSatF64x2UZero(long lo, long hi) {
        return pack32(Numerics.i32TruncSatF64U(lo), Numerics.i32TruncSatF64U(hi));
    }

    /** f32x4.relaxed_madd, deterministic: unfused, {@code a * b} rounded, then {@code + c}. */
    public static long f32x4relaxedMadd(long a, long b, long c) {
        return pack32(Numerics.f32Add(Numerics.f32Mul((int) a, (int) b), (int) c),
                Numerics.f32Add(Numerics.f32Mul(hi32(a), hi32(b)), hi32(c)));
    }

    public static long f32x4relaxedNmadd(long a, long b, long c) {
        return f32x4relaxedMadd(a ^ 0x8000000080000000L, b, c);
    }

    public static long f32x4splat(long v) {
        return splat32(v);
    }

    // ---- f64x2 (each half is one lane) ----

    public static long f64x2pmin(long a, long b) {
        return Double.longBitsToDouble(b) < Double.longBitsToDouble(a) ? b : a;
    }

    public static long f64x2pmax(long a, long b) {
        return Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? b : a;
    }

    public static long f64x2eq(long a, long b) {
        return Double.longBitsToDouble(a) == Double.longBitsToDouble(b) ? -1L : 0;
    }

    public static long f64x2ne(long a, long b) {
        return Double.longBitsToDouble(a) != Double.longBitsToDouble(b) ? -1L : 0;
    }

    public static long f64x2lt(long a, long b) {
        return Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? -1L : 0;
    }

    public static long f64x2gt(long a, long b) {
        return Double.longBitsToDouble(a) > Double.longBitsToDouble(b) ? -1L : 0;
    }

    public static long f64x2le(long a, long b) {
        return Double.longBitsToDouble(a) <= Double.longBitsToDouble(b) ? -1L : 0;
    }

    public static long f64x2ge(long a, long b) {
        return Double.longBitsToDouble(a) >= Double.longBitsToDouble(b) ? -1L : 0;
    }

    public static long f64x2abs(long a) {
        return a & 0x7FFFFFFFFFFFFFFFL;
    }

    public static long f64x2neg(long a) {
        return a ^ 0x8000000000000000L;
    }

    /** f64x2.promote_low_f32x4: the f32 lane in the low 32 bits of {@code v}. */
    public static long f64x2promote(long v) {
        return Numerics.f64PromoteF32((int) v);
    }

    public static long f64x2convertS(long v) {
        return Numerics.f64ConvertI32S((int) v);
    }

    public static long f64x2convertU(long v) {
        return Numerics.f64ConvertI32U((int) v);
    }

    public static long f64x2relaxedMadd(long a, long b, long c) {
        return Numerics.f64Add(Numerics.f64Mul(a, b), c);
    }

    public static long f64x2relaxedNmadd(long a, long b, long c) {
        return Numerics.f64Add(Numerics.f64Mul(a ^ 0x8000000000000000L, b), c);
    }
}
