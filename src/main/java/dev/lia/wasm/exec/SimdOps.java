package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.Op;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.syntax.ValType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * The SIMD instructions (internal opcodes {@link Op#SIMD_BASE}..{@link Op#SIMD_END}), run from
 * {@link RareOps}. A v128 sits in two consecutive slots, the low 64 bits (lanes 0..) first; lanes are
 * little-endian within it, as in memory.
 *
 * <p>Determinism: float lane arithmetic goes through {@link Numerics} lane by lane, so a NaN result
 * is the canonical NaN exactly as for the scalar instructions; {@code abs}, {@code neg},
 * {@code pmin} and {@code pmax} only move bits and keep payloads, as the specification says.
 * Relaxed SIMD instructions compute the result the specification's deterministic profile names
 * (see {@link #relaxed}).
 */
final class SimdOps {
    private SimdOps() {}

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Raw values of {@code types} as slots, 32-bit ones sign-extended (a v128 is two slots, kept as they are). */
    static long[] normalize(long[] values, List<ValType> types) {
        int slot = 0;
        for (ValType t : types) {
            if (t == ValType.I32 || t == ValType.F32) values[slot] = (int) values[slot];
            slot += t.slots();
        }
        return values;
    }

    // ---- lanes: a v128 as lo, hi ----

    private static int[] i8(long lo, long hi) {
        int[] r = new int[16];
        for (int i = 0; i < 8; i++) {
            r[i] = (byte) (lo >>> (8 * i));
            r[i + 8] = (byte) (hi >>> (8 * i));
        }
        return r;
    }

    private static int[] i16(long lo, long hi) {
        int[] r = new int[8];
        for (int i = 0; i < 4; i++) {
            r[i] = (short) (lo >>> (16 * i));
            r[i + 4] = (short) (hi >>> (16 * i));
        }
        return r;
    }

    private static int[] i32(long lo, long hi) {
        return new int[] {(int) lo, (int) (lo >>> 32), (int) hi, (int) (hi >>> 32)};
    }

    private static int[] lanes(int width, long lo, long hi) {
        return width == 8 ? i8(lo, hi) : width == 16 ? i16(lo, hi) : i32(lo, hi);
    }

    /** Writes lanes of {@code width} bits (8, 16, 32) to slots d, d+1. */
    private static void put(long[] s, int d, int width, int[] r) {
        int perHalf = 64 / width;
        long mask = (1L << width) - 1;
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < perHalf; i++) {
            lo |= (r[i] & mask) << (width * i);
            hi |= (r[i + perHalf] & mask) << (width * i);
        }
        s[d] = lo;
        s[d + 1] = hi;
    }

    private static void unary(long[] s, int d, int a, int width, IntUnaryOperator f) {
        int[] x = lanes(width, s[a], s[a + 1]);
        for (int i = 0; i < x.length; i++) x[i] = f.applyAsInt(x[i]);
        put(s, d, width, x);
    }

    private static void binary(long[] s, int d, int a, int b, int width, IntBinaryOperator f) {
        int[] x = lanes(width, s[a], s[a + 1]);
        int[] y = lanes(width, s[b], s[b + 1]);
        for (int i = 0; i < x.length; i++) x[i] = f.applyAsInt(x[i], y[i]);
        put(s, d, width, x);
    }

    private static void unary64(long[] s, int d, int a, LongUnaryOperator f) {
        long lo = f.applyAsLong(s[a]);
        long hi = f.applyAsLong(s[a + 1]);
        s[d] = lo;
        s[d + 1] = hi;
    }

    private static void binary64(long[] s, int d, int a, int b, LongBinaryOperator f) {
        long lo = f.applyAsLong(s[a], s[b]);
        long hi = f.applyAsLong(s[a + 1], s[b + 1]);
        s[d] = lo;
        s[d + 1] = hi;
    }

    /** Shifts by a scalar: the count is taken modulo the lane width. */
    private static void shift(long[] s, int d, int a, int count, int width, int kind) {
        int k = count & (width - 1);
        if (width == 64) {
            unary64(s, d, a, x -> kind == 0 ? x << k : kind == 1 ? x >> k : x >>> k);
            return;
        }
        int mask = width == 32 ? -1 : (1 << width) - 1;
        unary(s, d, a, width, x -> kind == 0 ? x << k : kind == 1 ? x >> k : (x & mask) >>> k);
    }

    private static int sat(int v, int min, int max) {
        return v < min ? min : Math.min(v, max);
    }

    private static int u8(int x) {
        return x & 0xFF;
    }

    private static int u16(int x) {
        return x & 0xFFFF;
    }

    private static int mask(boolean b) {
        return b ? -1 : 0;
    }

    private static long mask64(boolean b) {
        return b ? -1L : 0L;
    }

    private static float f32(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    // ---- memory ----

    /**
     * The effective address of an access of {@code size} bytes: the address operand at {@code addrAt}
     * (an i32 taken as unsigned, or an i64 on a 64-bit memory) plus the u64 offset at {@code offsetAt}
     * (two ints, low half first), as an index of {@code mem}; traps unless all of it lies inside.
     */
    private static int address(long[] s, int fp, int[] code, int addrAt, int offsetAt, int size, Memory memory, byte[] mem) {
        long raw = s[fp + code[addrAt]];
        long address = memory.is64() ? raw : raw & 0xFFFFFFFFL;
        long offset = (code[offsetAt] & 0xFFFFFFFFL) | ((long) code[offsetAt + 1] << 32);
        long ea = address + offset;
        // unsigned: an address or offset of 2^63 or more, or a sum that wraps, is far beyond any memory
        if (address < 0 || offset < 0 || ea < 0 || ea > mem.length - (long) size) throw new Trap("out of bounds memory access");
        return (int) ea;
    }

    private static long load(byte[] mem, int ea, int size) {
        return switch (size) {
            case 1 -> mem[ea] & 0xFFL;
            case 2 -> (short) SHORT.get(mem, ea) & 0xFFFFL;
            case 4 -> (int) INT.get(mem, ea) & 0xFFFFFFFFL;
            default -> (long) LONG.get(mem, ea);
        };
    }

    private static void store(byte[] mem, int ea, int size, long v) {
        switch (size) {
            case 1 -> mem[ea] = (byte) v;
            case 2 -> SHORT.set(mem, ea, (short) v);
            case 4 -> INT.set(mem, ea, (int) v);
            default -> LONG.set(mem, ea, v);
        }
    }

    /** Lane {@code lane} of {@code size} bytes of the v128 in slots a, a+1, zero-extended. */
    private static long lane(long[] s, int a, int size, int lane) {
        int bit = lane * size * 8;
        long half = bit < 64 ? s[a] : s[a + 1];
        int shift = bit & 63;
        return size == 8 ? half : (half >>> shift) & ((1L << (size * 8)) - 1);
    }

    /** Replaces lane {@code lane} of {@code size} bytes of the v128 at a into d. */
    private static void replace(long[] s, int d, int a, int size, int lane, long v) {
        long lo = s[a];
        long hi = s[a + 1];
        int bit = lane * size * 8;
        int shift = bit & 63;
        long m = size == 8 ? -1L : ((1L << (size * 8)) - 1) << shift;
        long bits = size == 8 ? v : (v << shift) & m;
        if (bit < 64) lo = (lo & ~m) | bits;
        else hi = (hi & ~m) | bits;
        s[d] = lo;
        s[d + 1] = hi;
    }

    /** Loads {@code count} lanes of {@code size} bytes, extended (signed or not) to twice their width. */
    private static void loadExtend(long[] s, int d, byte[] mem, int ea, int size, boolean signed) {
        int count = 8 / size;
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            long v = load(mem, ea + i * size, size);
            if (signed) v = size == 1 ? (byte) v : size == 2 ? (short) v : (int) v;
            r[i] = (int) v;
        }
        if (size == 4) {
            long[] w = new long[2];
            for (int i = 0; i < 2; i++) w[i] = signed ? r[i] : r[i] & 0xFFFFFFFFL;
            s[d] = w[0];
            s[d + 1] = w[1];
        } else {
            put(s, d, size * 16, r);
        }
    }

    private static long splat(long v, int size) {
        long r = 0;
        long m = size == 8 ? -1L : (1L << (size * 8)) - 1;
        for (int i = 0; i < 8 / size; i++) r |= (v & m) << (i * size * 8);
        return r;
    }

    /** Executes the SIMD instruction at {@code pc}; returns the position of the next one. */
    static int execute(Machine m, int[] code, int pc, int fp, Instance inst) {
        long[] s = m.stack();
        int op = code[pc];
        switch (op) {
            case Op.V128_GLOBAL_GET: {
                GlobalInstance g = inst.global(code[pc + 2]);
                int d = fp + code[pc + 1];
                s[d] = g.get();
                s[d + 1] = g.high();
                break;
            }
            case Op.V128_GLOBAL_SET: {
                GlobalInstance g = inst.global(code[pc + 1]);
                int a = fp + code[pc + 2];
                g.set(s[a]);
                g.setHigh(s[a + 1]);
                break;
            }
            case Op.V128_SELECT: {
                int d = fp + code[pc + 1];
                int src = fp + ((int) s[fp + code[pc + 4]] != 0 ? code[pc + 2] : code[pc + 3]);
                long lo = s[src];
                long hi = s[src + 1];
                s[d] = lo;
                s[d + 1] = hi;
                break;
            }
            default:
                int sub = op - Op.SIMD_BASE;
                if (sub <= 0x0B || (sub >= 0x54 && sub <= 0x5D)) memory(sub, s, code, pc, fp, inst);
                else if (sub >= 0x100) relaxed(sub, s, code, pc, fp);
                else vector(sub, s, code, pc, fp);
        }
        return pc + 1 + Op.operandCount(code, pc);
    }

    /**
     * Loads and stores. Operands: {@code [d] addr [vec] offsetLo offsetHi memory [lane]}; the memory
     * index is that of the instance's memories (imports first), any of them, 32- or 64-bit.
     */
    private static void memory(int sub, long[] s, int[] code, int pc, int fp, Instance inst) {
        switch (sub) {
            case 0x0B: { // v128.store addr value offset memory
                Memory memory = inst.memory(code[pc + 5]);
                byte[] mem = memory.bytes();
                int ea = address(s, fp, code, pc + 1, pc + 3, 16, memory, mem);
                int v = fp + code[pc + 2];
                LONG.set(mem, ea, s[v]);
                LONG.set(mem, ea + 8, s[v + 1]);
                return;
            }
            case 0x54: case 0x55: case 0x56: case 0x57: { // load_lane d addr vec offset memory lane
                int size = 1 << (sub - 0x54);
                Memory memory = inst.memory(code[pc + 6]);
                byte[] mem = memory.bytes();
                int ea = address(s, fp, code, pc + 2, pc + 4, size, memory, mem);
                replace(s, fp + code[pc + 1], fp + code[pc + 3], size, code[pc + 7], load(mem, ea, size));
                return;
            }
            case 0x58: case 0x59: case 0x5A: case 0x5B: { // store_lane addr vec offset memory lane
                int size = 1 << (sub - 0x58);
                Memory memory = inst.memory(code[pc + 5]);
                byte[] mem = memory.bytes();
                int ea = address(s, fp, code, pc + 1, pc + 3, size, memory, mem);
                store(mem, ea, size, lane(s, fp + code[pc + 2], size, code[pc + 6]));
                return;
            }
            default:
                break;
        }
        // loads: d addr offset memory
        int d = fp + code[pc + 1];
        Memory memory = inst.memory(code[pc + 5]);
        byte[] mem = memory.bytes();
        switch (sub) {
            case 0x00: {
                int ea = address(s, fp, code, pc + 2, pc + 3, 16, memory, mem);
                s[d] = (long) LONG.get(mem, ea);
                s[d + 1] = (long) LONG.get(mem, ea + 8);
                break;
            }
            case 0x01: case 0x02: case 0x03: case 0x04: case 0x05: case 0x06: {
                int size = 1 << ((sub - 1) / 2);
                int ea = address(s, fp, code, pc + 2, pc + 3, 8, memory, mem);
                loadExtend(s, d, mem, ea, size, (sub & 1) == 1);
                break;
            }
            case 0x07: case 0x08: case 0x09: case 0x0A: {
                int size = 1 << (sub - 7);
                int ea = address(s, fp, code, pc + 2, pc + 3, size, memory, mem);
                long v = splat(load(mem, ea, size), size);
                s[d] = v;
                s[d + 1] = v;
                break;
            }
            case 0x5C: case 0x5D: {
                int size = sub == 0x5C ? 4 : 8;
                int ea = address(s, fp, code, pc + 2, pc + 3, size, memory, mem);
                s[d] = load(mem, ea, size);
                s[d + 1] = 0;
                break;
            }
            default:
                throw new IllegalStateException("unknown SIMD memory instruction " + sub);
        }
    }

    /** The non-memory instructions: {@code OP d a [b [c]] [lane]}. */
    private static void vector(int sub, long[] s, int[] code, int pc, int fp) {
        int d = fp + code[pc + 1];
        int a = fp + code[pc + 2];
        int b = fp + code[pc + 3]; // the second operand, when there is one
        switch (sub) {
            case 0x0D: { // shuffle d a b w0..w3
                int[] x = i8(s[a], s[a + 1]);
                int[] y = i8(s[b], s[b + 1]);
                int[] r = new int[16];
                for (int i = 0; i < 16; i++) {
                    int sel = (code[pc + 4 + i / 4] >>> (8 * (i % 4))) & 0xFF;
                    r[i] = sel < 16 ? x[sel] : y[sel - 16];
                }
                put(s, d, 8, r);
                break;
            }
            case 0x0E: { // swizzle
                int[] x = i8(s[a], s[a + 1]);
                int[] y = i8(s[b], s[b + 1]);
                int[] r = new int[16];
                for (int i = 0; i < 16; i++) r[i] = u8(y[i]) < 16 ? x[u8(y[i])] : 0;
                put(s, d, 8, r);
                break;
            }
            case 0x0F: { long v = splat(s[a], 1); s[d] = v; s[d + 1] = v; break; }
            case 0x10: { long v = splat(s[a], 2); s[d] = v; s[d + 1] = v; break; }
            case 0x11: case 0x13: { long v = splat(s[a], 4); s[d] = v; s[d + 1] = v; break; }
            case 0x12: case 0x14: { long v = s[a]; s[d] = v; s[d + 1] = v; break; }
            // extract_lane d a lane
            case 0x15: s[d] = (byte) lane(s, a, 1, code[pc + 3]); break;
            case 0x16: s[d] = lane(s, a, 1, code[pc + 3]); break;
            case 0x18: s[d] = (short) lane(s, a, 2, code[pc + 3]); break;
            case 0x19: s[d] = lane(s, a, 2, code[pc + 3]); break;
            case 0x1B: case 0x1F: s[d] = (int) lane(s, a, 4, code[pc + 3]); break;
            case 0x1D: case 0x21: s[d] = lane(s, a, 8, code[pc + 3]); break;
            // replace_lane d a x lane
            case 0x17: replace(s, d, a, 1, code[pc + 4], s[b]); break;
            case 0x1A: replace(s, d, a, 2, code[pc + 4], s[b]); break;
            case 0x1C: case 0x20: replace(s, d, a, 4, code[pc + 4], s[b]); break;
            case 0x1E: case 0x22: replace(s, d, a, 8, code[pc + 4], s[b]); break;
            // i8x16 compares
            case 0x23: binary(s, d, a, b, 8, (x, y) -> mask(x == y)); break;
            case 0x24: binary(s, d, a, b, 8, (x, y) -> mask(x != y)); break;
            case 0x25: binary(s, d, a, b, 8, (x, y) -> mask(x < y)); break;
            case 0x26: binary(s, d, a, b, 8, (x, y) -> mask(u8(x) < u8(y))); break;
            case 0x27: binary(s, d, a, b, 8, (x, y) -> mask(x > y)); break;
            case 0x28: binary(s, d, a, b, 8, (x, y) -> mask(u8(x) > u8(y))); break;
            case 0x29: binary(s, d, a, b, 8, (x, y) -> mask(x <= y)); break;
            case 0x2A: binary(s, d, a, b, 8, (x, y) -> mask(u8(x) <= u8(y))); break;
            case 0x2B: binary(s, d, a, b, 8, (x, y) -> mask(x >= y)); break;
            case 0x2C: binary(s, d, a, b, 8, (x, y) -> mask(u8(x) >= u8(y))); break;
            // i16x8 compares
            case 0x2D: binary(s, d, a, b, 16, (x, y) -> mask(x == y)); break;
            case 0x2E: binary(s, d, a, b, 16, (x, y) -> mask(x != y)); break;
            case 0x2F: binary(s, d, a, b, 16, (x, y) -> mask(x < y)); break;
            case 0x30: binary(s, d, a, b, 16, (x, y) -> mask(u16(x) < u16(y))); break;
            case 0x31: binary(s, d, a, b, 16, (x, y) -> mask(x > y)); break;
            case 0x32: binary(s, d, a, b, 16, (x, y) -> mask(u16(x) > u16(y))); break;
            case 0x33: binary(s, d, a, b, 16, (x, y) -> mask(x <= y)); break;
            case 0x34: binary(s, d, a, b, 16, (x, y) -> mask(u16(x) <= u16(y))); break;
            case 0x35: binary(s, d, a, b, 16, (x, y) -> mask(x >= y)); break;
            case 0x36: binary(s, d, a, b, 16, (x, y) -> mask(u16(x) >= u16(y))); break;
            // i32x4 compares
            case 0x37: binary(s, d, a, b, 32, (x, y) -> mask(x == y)); break;
            case 0x38: binary(s, d, a, b, 32, (x, y) -> mask(x != y)); break;
            case 0x39: binary(s, d, a, b, 32, (x, y) -> mask(x < y)); break;
            case 0x3A: binary(s, d, a, b, 32, (x, y) -> mask(Integer.compareUnsigned(x, y) < 0)); break;
            case 0x3B: binary(s, d, a, b, 32, (x, y) -> mask(x > y)); break;
            case 0x3C: binary(s, d, a, b, 32, (x, y) -> mask(Integer.compareUnsigned(x, y) > 0)); break;
            case 0x3D: binary(s, d, a, b, 32, (x, y) -> mask(x <= y)); break;
            case 0x3E: binary(s, d, a, b, 32, (x, y) -> mask(Integer.compareUnsigned(x, y) <= 0)); break;
            case 0x3F: binary(s, d, a, b, 32, (x, y) -> mask(x >= y)); break;
            case 0x40: binary(s, d, a, b, 32, (x, y) -> mask(Integer.compareUnsigned(x, y) >= 0)); break;
            // f32x4 compares
            case 0x41: binary(s, d, a, b, 32, (x, y) -> mask(f32(x) == f32(y))); break;
            case 0x42: binary(s, d, a, b, 32, (x, y) -> mask(f32(x) != f32(y))); break;
            case 0x43: binary(s, d, a, b, 32, (x, y) -> mask(f32(x) < f32(y))); break;
            case 0x44: binary(s, d, a, b, 32, (x, y) -> mask(f32(x) > f32(y))); break;
            case 0x45: binary(s, d, a, b, 32, (x, y) -> mask(f32(x) <= f32(y))); break;
            case 0x46: binary(s, d, a, b, 32, (x, y) -> mask(f32(x) >= f32(y))); break;
            // f64x2 compares
            case 0x47: binary64(s, d, a, b, (x, y) -> mask64(f64(x) == f64(y))); break;
            case 0x48: binary64(s, d, a, b, (x, y) -> mask64(f64(x) != f64(y))); break;
            case 0x49: binary64(s, d, a, b, (x, y) -> mask64(f64(x) < f64(y))); break;
            case 0x4A: binary64(s, d, a, b, (x, y) -> mask64(f64(x) > f64(y))); break;
            case 0x4B: binary64(s, d, a, b, (x, y) -> mask64(f64(x) <= f64(y))); break;
            case 0x4C: binary64(s, d, a, b, (x, y) -> mask64(f64(x) >= f64(y))); break;
            // bitwise
            case 0x4D: unary64(s, d, a, x -> ~x); break;
            case 0x4E: binary64(s, d, a, b, (x, y) -> x & y); break;
            case 0x4F: binary64(s, d, a, b, (x, y) -> x & ~y); break;
            case 0x50: binary64(s, d, a, b, (x, y) -> x | y); break;
            case 0x51: binary64(s, d, a, b, (x, y) -> x ^ y); break;
            case 0x52: { // bitselect d a b c
                int c = fp + code[pc + 4];
                long lo = (s[a] & s[c]) | (s[b] & ~s[c]);
                long hi = (s[a + 1] & s[c + 1]) | (s[b + 1] & ~s[c + 1]);
                s[d] = lo;
                s[d + 1] = hi;
                break;
            }
            case 0x53: s[d] = (s[a] | s[a + 1]) != 0 ? 1 : 0; break;
            case 0x5E: { // f32x4.demote_f64x2_zero
                long lo = (Numerics.f32DemoteF64(s[a]) & 0xFFFFFFFFL) | ((long) Numerics.f32DemoteF64(s[a + 1]) << 32);
                s[d] = lo;
                s[d + 1] = 0;
                break;
            }
            case 0x5F: { // f64x2.promote_low_f32x4
                long lo = Numerics.f64PromoteF32((int) s[a]);
                long hi = Numerics.f64PromoteF32((int) (s[a] >>> 32));
                s[d] = lo;
                s[d + 1] = hi;
                break;
            }
            // i8x16
            case 0x60: unary(s, d, a, 8, Math::abs); break;
            case 0x61: unary(s, d, a, 8, x -> -x); break;
            case 0x62: unary(s, d, a, 8, x -> Integer.bitCount(u8(x))); break;
            case 0x63: s[d] = allTrue(lanes(8, s[a], s[a + 1])); break;
            case 0x64: s[d] = bitmask(lanes(8, s[a], s[a + 1])); break;
            case 0x65: narrow(s, d, a, b, -128, 127); break;
            case 0x66: narrow(s, d, a, b, 0, 255); break;
            case 0x6B: shift(s, d, a, (int) s[b], 8, 0); break;
            case 0x6C: shift(s, d, a, (int) s[b], 8, 1); break;
            case 0x6D: shift(s, d, a, (int) s[b], 8, 2); break;
            case 0x6E: binary(s, d, a, b, 8, Integer::sum); break;
            case 0x6F: binary(s, d, a, b, 8, (x, y) -> sat(x + y, -128, 127)); break;
            case 0x70: binary(s, d, a, b, 8, (x, y) -> sat(u8(x) + u8(y), 0, 255)); break;
            case 0x71: binary(s, d, a, b, 8, (x, y) -> x - y); break;
            case 0x72: binary(s, d, a, b, 8, (x, y) -> sat(x - y, -128, 127)); break;
            case 0x73: binary(s, d, a, b, 8, (x, y) -> sat(u8(x) - u8(y), 0, 255)); break;
            case 0x76: binary(s, d, a, b, 8, Math::min); break;
            case 0x77: binary(s, d, a, b, 8, (x, y) -> u8(x) < u8(y) ? x : y); break;
            case 0x78: binary(s, d, a, b, 8, Math::max); break;
            case 0x79: binary(s, d, a, b, 8, (x, y) -> u8(x) > u8(y) ? x : y); break;
            case 0x7B: binary(s, d, a, b, 8, (x, y) -> (u8(x) + u8(y) + 1) >>> 1); break;
            // f32x4 / f64x2 rounding
            case 0x67: unary(s, d, a, 32, Numerics::f32Ceil); break;
            case 0x68: unary(s, d, a, 32, Numerics::f32Floor); break;
            case 0x69: unary(s, d, a, 32, Numerics::f32Trunc); break;
            case 0x6A: unary(s, d, a, 32, Numerics::f32Nearest); break;
            case 0x74: unary64(s, d, a, Numerics::f64Ceil); break;
            case 0x75: unary64(s, d, a, Numerics::f64Floor); break;
            case 0x7A: unary64(s, d, a, Numerics::f64Trunc); break;
            case 0x94: unary64(s, d, a, Numerics::f64Nearest); break;
            // extadd_pairwise
            case 0x7C: pairwise(s, d, a, 8, true); break;
            case 0x7D: pairwise(s, d, a, 8, false); break;
            case 0x7E: pairwise(s, d, a, 16, true); break;
            case 0x7F: pairwise(s, d, a, 16, false); break;
            // i16x8
            case 0x80: unary(s, d, a, 16, Math::abs); break;
            case 0x81: unary(s, d, a, 16, x -> -x); break;
            case 0x82: binary(s, d, a, b, 16, (x, y) -> sat((x * y + 0x4000) >> 15, -32768, 32767)); break;
            case 0x83: s[d] = allTrue(lanes(16, s[a], s[a + 1])); break;
            case 0x84: s[d] = bitmask(lanes(16, s[a], s[a + 1])); break;
            case 0x85: narrow(s, d, a, b, -32768, 32767); break;
            case 0x86: narrow(s, d, a, b, 0, 65535); break;
            case 0x87: extend(s, d, a, 8, false, true); break;
            case 0x88: extend(s, d, a, 8, true, true); break;
            case 0x89: extend(s, d, a, 8, false, false); break;
            case 0x8A: extend(s, d, a, 8, true, false); break;
            case 0x8B: shift(s, d, a, (int) s[b], 16, 0); break;
            case 0x8C: shift(s, d, a, (int) s[b], 16, 1); break;
            case 0x8D: shift(s, d, a, (int) s[b], 16, 2); break;
            case 0x8E: binary(s, d, a, b, 16, Integer::sum); break;
            case 0x8F: binary(s, d, a, b, 16, (x, y) -> sat(x + y, -32768, 32767)); break;
            case 0x90: binary(s, d, a, b, 16, (x, y) -> sat(u16(x) + u16(y), 0, 65535)); break;
            case 0x91: binary(s, d, a, b, 16, (x, y) -> x - y); break;
            case 0x92: binary(s, d, a, b, 16, (x, y) -> sat(x - y, -32768, 32767)); break;
            case 0x93: binary(s, d, a, b, 16, (x, y) -> sat(u16(x) - u16(y), 0, 65535)); break;
            case 0x95: binary(s, d, a, b, 16, (x, y) -> x * y); break;
            case 0x96: binary(s, d, a, b, 16, Math::min); break;
            case 0x97: binary(s, d, a, b, 16, (x, y) -> u16(x) < u16(y) ? x : y); break;
            case 0x98: binary(s, d, a, b, 16, Math::max); break;
            case 0x99: binary(s, d, a, b, 16, (x, y) -> u16(x) > u16(y) ? x : y); break;
            case 0x9B: binary(s, d, a, b, 16, (x, y) -> (u16(x) + u16(y) + 1) >>> 1); break;
            case 0x9C: extmul(s, d, a, b, 8, false, true); break;
            case 0x9D: extmul(s, d, a, b, 8, true, true); break;
            case 0x9E: extmul(s, d, a, b, 8, false, false); break;
            case 0x9F: extmul(s, d, a, b, 8, true, false); break;
            // i32x4
            case 0xA0: unary(s, d, a, 32, Math::abs); break;
            case 0xA1: unary(s, d, a, 32, x -> -x); break;
            case 0xA3: s[d] = allTrue(lanes(32, s[a], s[a + 1])); break;
            case 0xA4: s[d] = bitmask(lanes(32, s[a], s[a + 1])); break;
            case 0xA7: extend(s, d, a, 16, false, true); break;
            case 0xA8: extend(s, d, a, 16, true, true); break;
            case 0xA9: extend(s, d, a, 16, false, false); break;
            case 0xAA: extend(s, d, a, 16, true, false); break;
            case 0xAB: shift(s, d, a, (int) s[b], 32, 0); break;
            case 0xAC: shift(s, d, a, (int) s[b], 32, 1); break;
            case 0xAD: shift(s, d, a, (int) s[b], 32, 2); break;
            case 0xAE: binary(s, d, a, b, 32, Integer::sum); break;
            case 0xB1: binary(s, d, a, b, 32, (x, y) -> x - y); break;
            case 0xB5: binary(s, d, a, b, 32, (x, y) -> x * y); break;
            case 0xB6: binary(s, d, a, b, 32, Math::min); break;
            case 0xB7: binary(s, d, a, b, 32, (x, y) -> Integer.compareUnsigned(x, y) < 0 ? x : y); break;
            case 0xB8: binary(s, d, a, b, 32, Math::max); break;
            case 0xB9: binary(s, d, a, b, 32, (x, y) -> Integer.compareUnsigned(x, y) > 0 ? x : y); break;
            case 0xBA: { // i32x4.dot_i16x8_s
                int[] x = i16(s[a], s[a + 1]);
                int[] y = i16(s[b], s[b + 1]);
                int[] r = new int[4];
                for (int i = 0; i < 4; i++) r[i] = x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1];
                put(s, d, 32, r);
                break;
            }
            case 0xBC: extmul(s, d, a, b, 16, false, true); break;
            case 0xBD: extmul(s, d, a, b, 16, true, true); break;
            case 0xBE: extmul(s, d, a, b, 16, false, false); break;
            case 0xBF: extmul(s, d, a, b, 16, true, false); break;
            // i64x2
            case 0xC0: unary64(s, d, a, Math::abs); break;
            case 0xC1: unary64(s, d, a, x -> -x); break;
            case 0xC3: s[d] = s[a] != 0 && s[a + 1] != 0 ? 1 : 0; break;
            case 0xC4: s[d] = (int) ((s[a] >>> 63) | ((s[a + 1] >>> 63) << 1)); break;
            case 0xC7: extend(s, d, a, 32, false, true); break;
            case 0xC8: extend(s, d, a, 32, true, true); break;
            case 0xC9: extend(s, d, a, 32, false, false); break;
            case 0xCA: extend(s, d, a, 32, true, false); break;
            case 0xCB: shift(s, d, a, (int) s[b], 64, 0); break;
            case 0xCC: shift(s, d, a, (int) s[b], 64, 1); break;
            case 0xCD: shift(s, d, a, (int) s[b], 64, 2); break;
            case 0xCE: binary64(s, d, a, b, Long::sum); break;
            case 0xD1: binary64(s, d, a, b, (x, y) -> x - y); break;
            case 0xD5: binary64(s, d, a, b, (x, y) -> x * y); break;
            case 0xD6: binary64(s, d, a, b, (x, y) -> mask64(x == y)); break;
            case 0xD7: binary64(s, d, a, b, (x, y) -> mask64(x != y)); break;
            case 0xD8: binary64(s, d, a, b, (x, y) -> mask64(x < y)); break;
            case 0xD9: binary64(s, d, a, b, (x, y) -> mask64(x > y)); break;
            case 0xDA: binary64(s, d, a, b, (x, y) -> mask64(x <= y)); break;
            case 0xDB: binary64(s, d, a, b, (x, y) -> mask64(x >= y)); break;
            case 0xDC: extmul(s, d, a, b, 32, false, true); break;
            case 0xDD: extmul(s, d, a, b, 32, true, true); break;
            case 0xDE: extmul(s, d, a, b, 32, false, false); break;
            case 0xDF: extmul(s, d, a, b, 32, true, false); break;
            // f32x4
            case 0xE0: unary(s, d, a, 32, x -> x & 0x7FFFFFFF); break;
            case 0xE1: unary(s, d, a, 32, x -> x ^ 0x80000000); break;
            case 0xE3: unary(s, d, a, 32, Numerics::f32Sqrt); break;
            case 0xE4: binary(s, d, a, b, 32, Numerics::f32Add); break;
            case 0xE5: binary(s, d, a, b, 32, Numerics::f32Sub); break;
            case 0xE6: binary(s, d, a, b, 32, Numerics::f32Mul); break;
            case 0xE7: binary(s, d, a, b, 32, Numerics::f32Div); break;
            case 0xE8: binary(s, d, a, b, 32, Numerics::f32Min); break;
            case 0xE9: binary(s, d, a, b, 32, Numerics::f32Max); break;
            case 0xEA: binary(s, d, a, b, 32, (x, y) -> f32(y) < f32(x) ? y : x); break;
            case 0xEB: binary(s, d, a, b, 32, (x, y) -> f32(x) < f32(y) ? y : x); break;
            // f64x2
            case 0xEC: unary64(s, d, a, x -> x & 0x7FFFFFFFFFFFFFFFL); break;
            case 0xED: unary64(s, d, a, x -> x ^ 0x8000000000000000L); break;
            case 0xEF: unary64(s, d, a, Numerics::f64Sqrt); break;
            case 0xF0: binary64(s, d, a, b, Numerics::f64Add); break;
            case 0xF1: binary64(s, d, a, b, Numerics::f64Sub); break;
            case 0xF2: binary64(s, d, a, b, Numerics::f64Mul); break;
            case 0xF3: binary64(s, d, a, b, Numerics::f64Div); break;
            case 0xF4: binary64(s, d, a, b, Numerics::f64Min); break;
            case 0xF5: binary64(s, d, a, b, Numerics::f64Max); break;
            case 0xF6: binary64(s, d, a, b, (x, y) -> f64(y) < f64(x) ? y : x); break;
            case 0xF7: binary64(s, d, a, b, (x, y) -> f64(x) < f64(y) ? y : x); break;
            // conversions
            case 0xF8: unary(s, d, a, 32, Numerics::i32TruncSatF32S); break;
            case 0xF9: unary(s, d, a, 32, Numerics::i32TruncSatF32U); break;
            case 0xFA: unary(s, d, a, 32, Numerics::f32ConvertI32S); break;
            case 0xFB: unary(s, d, a, 32, Numerics::f32ConvertI32U); break;
            case 0xFC: case 0xFD: { // i32x4.trunc_sat_f64x2_{s,u}_zero
                boolean signed = sub == 0xFC;
                int x = signed ? Numerics.i32TruncSatF64S(s[a]) : Numerics.i32TruncSatF64U(s[a]);
                int y = signed ? Numerics.i32TruncSatF64S(s[a + 1]) : Numerics.i32TruncSatF64U(s[a + 1]);
                s[d] = (x & 0xFFFFFFFFL) | ((long) y << 32);
                s[d + 1] = 0;
                break;
            }
            case 0xFE: case 0xFF: { // f64x2.convert_low_i32x4_{s,u}
                boolean signed = sub == 0xFE;
                int x = (int) s[a];
                int y = (int) (s[a] >>> 32);
                s[d] = signed ? Numerics.f64ConvertI32S(x) : Numerics.f64ConvertI32U(x);
                s[d + 1] = signed ? Numerics.f64ConvertI32S(y) : Numerics.f64ConvertI32U(y);
                break;
            }
            default:
                throw new IllegalStateException("unknown SIMD instruction 0xFD " + sub);
        }
    }

    private static long allTrue(int[] lanes) {
        for (int x : lanes) if (x == 0) return 0;
        return 1;
    }

    private static long bitmask(int[] lanes) {
        int r = 0;
        for (int i = 0; i < lanes.length; i++) if (lanes[i] < 0) r |= 1 << i;
        return r;
    }

    /** Narrows two vectors of lanes twice as wide as the result's, saturating to [min, max]. */
    private static void narrow(long[] s, int d, int a, int b, int min, int max) {
        int wide = max > 255 || min < -128 ? 32 : 16;
        int[] x = lanes(wide, s[a], s[a + 1]);
        int[] y = lanes(wide, s[b], s[b + 1]);
        int[] r = new int[x.length * 2];
        for (int i = 0; i < x.length; i++) {
            r[i] = sat(x[i], min, max);
            r[i + x.length] = sat(y[i], min, max);
        }
        put(s, d, wide / 2, r);
    }

    /** Extends the low or high half of lanes {@code width} bits wide to lanes twice as wide. */
    private static void extend(long[] s, int d, int a, int width, boolean high, boolean signed) {
        if (width == 32) {
            long half = high ? s[a + 1] : s[a];
            long lo = signed ? (long) (int) half : half & 0xFFFFFFFFL;
            long hi = signed ? half >> 32 : half >>> 32;
            s[d] = lo;
            s[d + 1] = hi;
            return;
        }
        int[] x = lanes(width, s[a], s[a + 1]);
        int n = x.length / 2;
        int[] r = new int[n];
        int m = (1 << width) - 1;
        for (int i = 0; i < n; i++) {
            int v = x[high ? i + n : i];
            r[i] = signed ? v : v & m;
        }
        put(s, d, width * 2, r);
    }

    /** Multiplies the low or high halves of lanes {@code width} bits wide into lanes twice as wide. */
    private static void extmul(long[] s, int d, int a, int b, int width, boolean high, boolean signed) {
        if (width == 32) {
            long x = high ? s[a + 1] : s[a];
            long y = high ? s[b + 1] : s[b];
            long lo = signed ? (long) (int) x * (int) y : (x & 0xFFFFFFFFL) * (y & 0xFFFFFFFFL);
            long hi = signed ? (x >> 32) * (y >> 32) : (x >>> 32) * (y >>> 32);
            s[d] = lo;
            s[d + 1] = hi;
            return;
        }
        int[] x = lanes(width, s[a], s[a + 1]);
        int[] y = lanes(width, s[b], s[b + 1]);
        int n = x.length / 2;
        int[] r = new int[n];
        int m = (1 << width) - 1;
        for (int i = 0; i < n; i++) {
            int u = x[high ? i + n : i];
            int v = y[high ? i + n : i];
            r[i] = signed ? u * v : (u & m) * (v & m);
        }
        put(s, d, width * 2, r);
    }

    /** Adds adjacent lane pairs into lanes twice as wide. */
    private static void pairwise(long[] s, int d, int a, int width, boolean signed) {
        int[] x = lanes(width, s[a], s[a + 1]);
        int m = (1 << width) - 1;
        int[] r = new int[x.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = signed ? x[2 * i] + x[2 * i + 1] : (x[2 * i] & m) + (x[2 * i + 1] & m);
        }
        put(s, d, width * 2, r);
    }

    /**
     * Relaxed SIMD (0xFD 0x100..0x113), {@code OP d a b [c]}, as the specification's deterministic profile
     * prescribes (every relaxation parameter 0): swizzle, truncations, min, max and q15mulr behave as
     * their non-relaxed forms (i8x16.swizzle, trunc_sat, min, max, q15mulr_sat_s); laneselect is
     * v128.bitselect; madd and nmadd are unfused ({@code a * b} rounded, then {@code + c} rounded, NaNs
     * canonical); the dot products take the second operand as signed and add the i16 pairs saturating.
     */
    private static void relaxed(int sub, long[] s, int[] code, int pc, int fp) {
        int d = fp + code[pc + 1];
        int a = fp + code[pc + 2];
        int b = fp + code[pc + 3];
        switch (sub) {
            case 0x100 -> vector(0x0E, s, code, pc, fp);
            case 0x101 -> vector(0xF8, s, code, pc, fp);
            case 0x102 -> vector(0xF9, s, code, pc, fp);
            case 0x103 -> vector(0xFC, s, code, pc, fp);
            case 0x104 -> vector(0xFD, s, code, pc, fp);
            case 0x105, 0x106 -> {
                int[] x = i32(s[a], s[a + 1]);
                int[] y = i32(s[b], s[b + 1]);
                int c = fp + code[pc + 4];
                int[] z = i32(s[c], s[c + 1]);
                for (int i = 0; i < 4; i++) {
                    int u = sub == 0x106 ? x[i] ^ 0x80000000 : x[i];
                    x[i] = Numerics.f32Add(Numerics.f32Mul(u, y[i]), z[i]);
                }
                put(s, d, 32, x);
            }
            case 0x107, 0x108 -> {
                int c = fp + code[pc + 4];
                long sign = sub == 0x108 ? 0x8000000000000000L : 0;
                long lo = Numerics.f64Add(Numerics.f64Mul(s[a] ^ sign, s[b]), s[c]);
                long hi = Numerics.f64Add(Numerics.f64Mul(s[a + 1] ^ sign, s[b + 1]), s[c + 1]);
                s[d] = lo;
                s[d + 1] = hi;
            }
            case 0x109, 0x10A, 0x10B, 0x10C -> vector(0x52, s, code, pc, fp);
            case 0x10D -> vector(0xE8, s, code, pc, fp);
            case 0x10E -> vector(0xE9, s, code, pc, fp);
            case 0x10F -> vector(0xF4, s, code, pc, fp);
            case 0x110 -> vector(0xF5, s, code, pc, fp);
            case 0x111 -> vector(0x82, s, code, pc, fp);
            case 0x112 -> put(s, d, 16, dotSaturating(s, a, b));
            case 0x113 -> {
                int[] pairs = dotSaturating(s, a, b);
                int c = fp + code[pc + 4];
                int[] r = i32(s[c], s[c + 1]);
                for (int i = 0; i < 4; i++) r[i] += pairs[2 * i] + pairs[2 * i + 1];
                put(s, d, 32, r);
            }
            default -> throw new IllegalStateException("unknown SIMD instruction 0xFD " + sub);
        }
    }

    /** i8 lanes times i8 lanes (both signed), adjacent products added into i16 lanes with signed saturation. */
    private static int[] dotSaturating(long[] s, int a, int b) {
        int[] x = i8(s[a], s[a + 1]);
        int[] y = i8(s[b], s[b + 1]);
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) r[i] = sat(x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1], -32768, 32767);
        return r;
    }
}
