package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.Op;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Table;

import java.util.Arrays;

/**
 * Instructions that do not earn a place in the interpreter loop: float rounding, min/max,
 * conversions, references, tables and bulk memory. Operands are frame slots as in the loop.
 */
final class RareOps {
    private RareOps() {}

    private static Trap tableOutOfBounds() {
        return new Trap("out of bounds table access");
    }

    private static Trap memoryOutOfBounds() {
        return new Trap("out of bounds memory access");
    }

    private static float f32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    /** Checks {@code [at, at + n)} (unsigned) lies in a table of {@code size} elements; returns {@code at}. */
    private static int tableRange(long at, long n, int size) {
        if (Long.compareUnsigned(at, size) > 0 || Long.compareUnsigned(n, size - at) > 0) throw tableOutOfBounds();
        return (int) at;
    }

    private static long u32(long slot) {
        return slot & 0xFFFFFFFFL;
    }

    /** Executes the instruction at {@code pc}; returns the position of the next one. */
    static int execute(Machine m, int[] code, int pc, int fp, Instance inst) {
        long[] s = m.stack();
        int op = code[pc];
        if (Op.isSimd(op)) return SimdOps.execute(m, code, pc, fp, inst);
        if (Op.isException(op)) return ExceptionOps.execute(m, code, pc, fp, inst);
        if (Op.isRef(op)) return RefOps.execute(m, code, pc, fp, inst);
        switch (op) {
            case Op.STEP: return m.step(code, pc, fp, inst); // debug code only
            // ---- f32 arithmetic and compares (C code mostly computes in f64) ----
            case 0x5B: s[fp + code[pc + 1]] = f32(s[fp + code[pc + 2]]) == f32(s[fp + code[pc + 3]]) ? 1 : 0; break;
            case 0x5C: s[fp + code[pc + 1]] = f32(s[fp + code[pc + 2]]) != f32(s[fp + code[pc + 3]]) ? 1 : 0; break;
            case 0x5D: s[fp + code[pc + 1]] = f32(s[fp + code[pc + 2]]) < f32(s[fp + code[pc + 3]]) ? 1 : 0; break;
            case 0x5E: s[fp + code[pc + 1]] = f32(s[fp + code[pc + 2]]) > f32(s[fp + code[pc + 3]]) ? 1 : 0; break;
            case 0x5F: s[fp + code[pc + 1]] = f32(s[fp + code[pc + 2]]) <= f32(s[fp + code[pc + 3]]) ? 1 : 0; break;
            case 0x60: s[fp + code[pc + 1]] = f32(s[fp + code[pc + 2]]) >= f32(s[fp + code[pc + 3]]) ? 1 : 0; break;
            case 0x8B: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] & 0x7FFFFFFF; break;
            case 0x8C: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ 0x80000000; break;
            case 0x91: s[fp + code[pc + 1]] = Numerics.f32Sqrt((int) s[fp + code[pc + 2]]); break;
            case 0x92: s[fp + code[pc + 1]] = Numerics.f32Add((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); break;
            case 0x93: s[fp + code[pc + 1]] = Numerics.f32Sub((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); break;
            case 0x94: s[fp + code[pc + 1]] = Numerics.f32Mul((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); break;
            case 0x95: s[fp + code[pc + 1]] = Numerics.f32Div((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); break;
            case 0x98: s[fp + code[pc + 1]] = ((int) s[fp + code[pc + 2]] & 0x7FFFFFFF) | ((int) s[fp + code[pc + 3]] & 0x80000000); break;
            // ---- float rounding, min, max: OP d a [b] ----
            case 0x8D: s[fp + code[pc + 1]] = Numerics.f32Ceil((int) s[fp + code[pc + 2]]); break;
            case 0x8E: s[fp + code[pc + 1]] = Numerics.f32Floor((int) s[fp + code[pc + 2]]); break;
            case 0x8F: s[fp + code[pc + 1]] = Numerics.f32Trunc((int) s[fp + code[pc + 2]]); break;
            case 0x90: s[fp + code[pc + 1]] = Numerics.f32Nearest((int) s[fp + code[pc + 2]]); break;
            case 0x96: s[fp + code[pc + 1]] = Numerics.f32Min((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); break;
            case 0x97: s[fp + code[pc + 1]] = Numerics.f32Max((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); break;
            case 0x9B: s[fp + code[pc + 1]] = Numerics.f64Ceil(s[fp + code[pc + 2]]); break;
            case 0x9C: s[fp + code[pc + 1]] = Numerics.f64Floor(s[fp + code[pc + 2]]); break;
            case 0x9D: s[fp + code[pc + 1]] = Numerics.f64Trunc(s[fp + code[pc + 2]]); break;
            case 0x9E: s[fp + code[pc + 1]] = Numerics.f64Nearest(s[fp + code[pc + 2]]); break;
            case 0xA4: s[fp + code[pc + 1]] = Numerics.f64Min(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); break;
            case 0xA5: s[fp + code[pc + 1]] = Numerics.f64Max(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); break;
            case Op.REF_IS_NULL:
                s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == Ref.NULL ? 1 : 0;
                break;
            case Op.REF_FUNC:
                s[fp + code[pc + 1]] = Ref.func(inst.function(code[pc + 2]).address());
                break;
            // Indices of i32 tables are sign-extended in their slots: compared unsigned as longs, those
            // from 2^31 on are out of bounds, as they are; table64 indices are whole slots.
            case Op.TABLE_GET: {
                Table t = inst.table(code[pc + 2]);
                long i = s[fp + code[pc + 3]];
                if (Long.compareUnsigned(i, t.size()) >= 0) throw tableOutOfBounds();
                s[fp + code[pc + 1]] = t.elements()[(int) i];
                break;
            }
            case Op.TABLE_SET: {
                Table t = inst.table(code[pc + 1]);
                long i = s[fp + code[pc + 2]];
                if (Long.compareUnsigned(i, t.size()) >= 0) throw tableOutOfBounds();
                t.elements()[(int) i] = s[fp + code[pc + 3]];
                break;
            }
            case Op.TABLE_SIZE:
                s[fp + code[pc + 1]] = inst.table(code[pc + 2]).size();
                break;
            case Op.TABLE_GROW: {
                Table t = inst.table(code[pc + 2]);
                long old = t.grow(t.index(s[fp + code[pc + 4]]), s[fp + code[pc + 3]]);
                s[fp + code[pc + 1]] = t.is64() ? old : (int) old;
                break;
            }
            case Op.TABLE_FILL: {
                Table t = inst.table(code[pc + 1]);
                long n = t.index(s[fp + code[pc + 4]]);
                int dst = tableRange(t.index(s[fp + code[pc + 2]]), n, t.size());
                Arrays.fill(t.elements(), dst, dst + (int) n, s[fp + code[pc + 3]]);
                break;
            }
            case Op.TABLE_COPY: {
                Table dstTable = inst.table(code[pc + 1]);
                Table srcTable = inst.table(code[pc + 2]);
                long n = dstTable.is64() && srcTable.is64() ? s[fp + code[pc + 5]] : u32(s[fp + code[pc + 5]]);
                int src = tableRange(srcTable.index(s[fp + code[pc + 4]]), n, srcTable.size());
                int dst = tableRange(dstTable.index(s[fp + code[pc + 3]]), n, dstTable.size());
                System.arraycopy(srcTable.elements(), src, dstTable.elements(), dst, (int) n);
                break;
            }
            case Op.TABLE_INIT: {
                long[] elems = inst.elementSegment(code[pc + 1]);
                if (elems == null) elems = new long[0]; // dropped
                Table t = inst.table(code[pc + 2]);
                long dst = t.index(s[fp + code[pc + 3]]);
                long src = u32(s[fp + code[pc + 4]]);
                long n = u32(s[fp + code[pc + 5]]);
                if (Long.compareUnsigned(dst, t.size()) > 0 || src + n > elems.length || dst + n > t.size()) throw tableOutOfBounds();
                System.arraycopy(elems, (int) src, t.elements(), (int) dst, (int) n);
                break;
            }
            case Op.ELEM_DROP:
                inst.dropElementSegment(code[pc + 1]);
                break;
            case Op.MEMORY_INIT: {
                byte[] data = inst.dataSegment(code[pc + 1]);
                if (data == null) data = new byte[0]; // dropped
                byte[] mem = inst.memory().bytes();
                long dst = u32(s[fp + code[pc + 2]]);
                long src = u32(s[fp + code[pc + 3]]);
                long n = u32(s[fp + code[pc + 4]]);
                if (src + n > data.length || dst + n > mem.length) throw memoryOutOfBounds();
                System.arraycopy(data, (int) src, mem, (int) dst, (int) n);
                break;
            }
            case Op.DATA_DROP:
                inst.dropDataSegment(code[pc + 1]);
                break;
            case Op.MEMORY_COPY: {
                byte[] mem = inst.memory().bytes();
                long dst = u32(s[fp + code[pc + 1]]);
                long src = u32(s[fp + code[pc + 2]]);
                long n = u32(s[fp + code[pc + 3]]);
                if (src + n > mem.length || dst + n > mem.length) throw memoryOutOfBounds();
                System.arraycopy(mem, (int) src, mem, (int) dst, (int) n);
                break;
            }
            case Op.MEMORY_FILL: {
                Memory memory = inst.memory();
                long dst = u32(s[fp + code[pc + 1]]);
                long n = u32(s[fp + code[pc + 3]]);
                if (dst + n > memory.bytes().length) throw memoryOutOfBounds();
                Arrays.fill(memory.bytes(), (int) dst, (int) (dst + n), (byte) s[fp + code[pc + 2]]);
                break;
            }
            default:
                if (op >= 0xA8 && op <= 0xBB) {
                    s[fp + code[pc + 1]] = Conversions.apply(op, s[fp + code[pc + 2]]);
                } else if (op >= Op.MEM_BASE && op <= Op.MEM_END) {
                    return MemoryOps.execute(s, code, pc, fp, inst);
                } else if (op >= Op.FC_BASE && op < Op.FC_BASE + 8) {
                    s[fp + code[pc + 1]] = Conversions.saturating(op - Op.FC_BASE, s[fp + code[pc + 2]]);
                } else {
                    throw new IllegalStateException("unknown internal opcode " + op);
                }
        }
        return pc + 1 + Op.operandCount(code, pc);
    }
}
