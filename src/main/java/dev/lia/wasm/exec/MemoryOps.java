package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.Op;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The {@link Op#MEM_BASE MEM_*} ops: memory instructions on a memory other than memory 0
 * (multi-memory) or on a 64-bit memory (memory64). The loop keeps its own code for memory 0 with
 * 32-bit addresses; these run from {@link RareOps}, slower but out of its way. A 64-bit memory's
 * addresses are whole i64 slots; a 32-bit memory's are the low 32 bits, unsigned.
 */
final class MemoryOps {
    private MemoryOps() {}

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static Trap outOfBounds() {
        return new Trap("out of bounds memory access");
    }

    /** An address operand as the unsigned number it is for memory {@code m}. */
    private static long address(Memory m, long slot) {
        return m.is64() ? slot : slot & 0xFFFFFFFFL;
    }

    /** The effective address of an access of {@code size} bytes at {@code base + offset} (both unsigned), or a trap. */
    private static int effective(long base, long offset, int size, byte[] mem) {
        int length = mem.length;
        if (Long.compareUnsigned(base, length) > 0 || Long.compareUnsigned(offset, length) > 0) throw outOfBounds();
        long ea = base + offset; // both at most length < 2^31: no overflow
        if (ea > length - size) throw outOfBounds();
        return (int) ea;
    }

    /** Checks {@code [at, at + n)} (unsigned) lies in an area of {@code length} bytes. */
    private static int range(long at, long n, int length) {
        if (Long.compareUnsigned(at, length) > 0 || Long.compareUnsigned(n, length - at) > 0) throw outOfBounds();
        return (int) at;
    }

    /** Executes the MEM_* op at {@code pc}; returns the position of the next instruction. */
    static int execute(long[] s, int[] code, int pc, int fp, Instance inst) {
        switch (code[pc]) {
            case Op.MEM_LOAD -> {
                Memory m = inst.memory(code[pc + 3]);
                byte[] mem = m.bytes();
                long offset = (code[pc + 5] & 0xFFFFFFFFL) | ((long) code[pc + 6] << 32);
                long base = address(m, s[fp + code[pc + 4]]);
                int d = fp + code[pc + 1];
                switch (code[pc + 2]) {
                    case 0x28, 0x2A, 0x34 -> s[d] = (int) INT.get(mem, effective(base, offset, 4, mem));
                    case 0x29, 0x2B -> s[d] = (long) LONG.get(mem, effective(base, offset, 8, mem));
                    case 0x2C, 0x30 -> s[d] = mem[effective(base, offset, 1, mem)];
                    case 0x2D, 0x31 -> s[d] = mem[effective(base, offset, 1, mem)] & 0xFF;
                    case 0x2E, 0x32 -> s[d] = (short) SHORT.get(mem, effective(base, offset, 2, mem));
                    case 0x2F, 0x33 -> s[d] = (short) SHORT.get(mem, effective(base, offset, 2, mem)) & 0xFFFF;
                    case 0x35 -> s[d] = (int) INT.get(mem, effective(base, offset, 4, mem)) & 0xFFFFFFFFL;
                    default -> throw new IllegalStateException("not a load: " + code[pc + 2]);
                }
            }
            case Op.MEM_STORE -> {
                Memory m = inst.memory(code[pc + 2]);
                byte[] mem = m.bytes();
                long offset = (code[pc + 5] & 0xFFFFFFFFL) | ((long) code[pc + 6] << 32);
                long base = address(m, s[fp + code[pc + 3]]);
                long v = s[fp + code[pc + 4]];
                switch (code[pc + 1]) {
                    case 0x36, 0x38, 0x3E -> INT.set(mem, effective(base, offset, 4, mem), (int) v);
                    case 0x37, 0x39 -> LONG.set(mem, effective(base, offset, 8, mem), v);
                    case 0x3A, 0x3C -> mem[effective(base, offset, 1, mem)] = (byte) v;
                    case 0x3B, 0x3D -> SHORT.set(mem, effective(base, offset, 2, mem), (short) v);
                    default -> throw new IllegalStateException("not a store: " + code[pc + 1]);
                }
            }
            case Op.MEM_SIZE -> s[fp + code[pc + 1]] = inst.memory(code[pc + 2]).pages();
            case Op.MEM_GROW -> {
                Memory m = inst.memory(code[pc + 2]);
                long delta = address(m, s[fp + code[pc + 3]]);
                long old = m.grow(delta);
                s[fp + code[pc + 1]] = m.is64() ? old : (int) old;
            }
            case Op.MEM_COPY -> {
                Memory dm = inst.memory(code[pc + 1]);
                Memory sm = inst.memory(code[pc + 2]);
                // the count has the smaller of the two address types
                long n = dm.is64() && sm.is64() ? s[fp + code[pc + 5]] : s[fp + code[pc + 5]] & 0xFFFFFFFFL;
                int src = range(address(sm, s[fp + code[pc + 4]]), n, sm.bytes().length);
                int dst = range(address(dm, s[fp + code[pc + 3]]), n, dm.bytes().length);
                System.arraycopy(sm.bytes(), src, dm.bytes(), dst, (int) n);
            }
            case Op.MEM_FILL -> {
                Memory m = inst.memory(code[pc + 1]);
                long n = address(m, s[fp + code[pc + 4]]);
                int dst = range(address(m, s[fp + code[pc + 2]]), n, m.bytes().length);
                Arrays.fill(m.bytes(), dst, dst + (int) n, (byte) s[fp + code[pc + 3]]);
            }
            case Op.MEM_INIT -> {
                byte[] data = inst.dataSegment(code[pc + 1]);
                if (data == null) data = new byte[0]; // dropped
                Memory m = inst.memory(code[pc + 2]);
                long n = s[fp + code[pc + 5]] & 0xFFFFFFFFL;
                int src = range(s[fp + code[pc + 4]] & 0xFFFFFFFFL, n, data.length);
                int dst = range(address(m, s[fp + code[pc + 3]]), n, m.bytes().length);
                System.arraycopy(data, src, m.bytes(), dst, (int) n);
            }
            default -> throw new IllegalStateException("unknown internal opcode " + code[pc]);
        }
        return pc + 1 + Op.operandCount(code, pc);
    }
}
