package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.Op;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Table;

import java.util.Arrays;

/**
 * Instructions too rare to earn a place in the interpreter loop: references, tables, bulk memory
 * and the saturating truncations. They work on the machine's stack between {@code top} updates.
 */
final class RareOps {
    private RareOps() {}

    private static Trap tableOutOfBounds() {
        return new Trap("out of bounds table access");
    }

    private static Trap memoryOutOfBounds() {
        return new Trap("out of bounds memory access");
    }

    /** Executes {@code op} whose operands start at {@code pc}; returns the pc after them. */
    static int execute(Machine m, int op, int[] code, int pc, Instance inst) {
        long[] s = m.stack();
        int sp = m.top();
        switch (op) {
            case Op.REF_NULL:
                s[sp++] = Ref.NULL;
                break;
            case Op.REF_IS_NULL:
                s[sp - 1] = s[sp - 1] == Ref.NULL ? 1 : 0;
                break;
            case Op.REF_FUNC:
                s[sp++] = Ref.func(inst.functions[code[pc++]].address());
                break;
            case Op.TABLE_GET: {
                Table t = inst.tables[code[pc++]];
                int i = (int) s[sp - 1];
                if (Integer.compareUnsigned(i, t.size()) >= 0) throw tableOutOfBounds();
                s[sp - 1] = t.elements[i];
                break;
            }
            case Op.TABLE_SET: {
                Table t = inst.tables[code[pc++]];
                sp -= 2;
                int i = (int) s[sp];
                if (Integer.compareUnsigned(i, t.size()) >= 0) throw tableOutOfBounds();
                t.elements[i] = s[sp + 1];
                break;
            }
            case Op.TABLE_SIZE:
                s[sp++] = inst.tables[code[pc++]].size();
                break;
            case Op.TABLE_GROW: {
                Table t = inst.tables[code[pc++]];
                sp--;
                s[sp - 1] = t.grow((int) s[sp], s[sp - 1]);
                break;
            }
            case Op.TABLE_FILL: {
                Table t = inst.tables[code[pc++]];
                sp -= 3;
                long dst = s[sp] & 0xFFFFFFFFL;
                long n = s[sp + 2] & 0xFFFFFFFFL;
                if (dst + n > t.size()) throw tableOutOfBounds();
                Arrays.fill(t.elements, (int) dst, (int) (dst + n), s[sp + 1]);
                break;
            }
            case Op.TABLE_COPY: {
                Table dstT = inst.tables[code[pc++]];
                Table srcT = inst.tables[code[pc++]];
                sp -= 3;
                long dst = s[sp] & 0xFFFFFFFFL;
                long src = s[sp + 1] & 0xFFFFFFFFL;
                long n = s[sp + 2] & 0xFFFFFFFFL;
                if (src + n > srcT.size() || dst + n > dstT.size()) throw tableOutOfBounds();
                System.arraycopy(srcT.elements, (int) src, dstT.elements, (int) dst, (int) n);
                break;
            }
            case Op.TABLE_INIT: {
                int seg = code[pc++];
                Table t = inst.tables[code[pc++]];
                long[] elems = inst.elements[seg] == null ? new long[0] : inst.elements[seg];
                sp -= 3;
                long dst = s[sp] & 0xFFFFFFFFL;
                long src = s[sp + 1] & 0xFFFFFFFFL;
                long n = s[sp + 2] & 0xFFFFFFFFL;
                if (src + n > elems.length || dst + n > t.size()) throw tableOutOfBounds();
                System.arraycopy(elems, (int) src, t.elements, (int) dst, (int) n);
                break;
            }
            case Op.ELEM_DROP:
                inst.elements[code[pc++]] = null;
                break;
            case Op.MEMORY_INIT: {
                int seg = code[pc++];
                byte[] data = inst.datas[seg] == null ? new byte[0] : inst.datas[seg];
                byte[] mem = inst.memory0.bytes;
                sp -= 3;
                long dst = s[sp] & 0xFFFFFFFFL;
                long src = s[sp + 1] & 0xFFFFFFFFL;
                long n = s[sp + 2] & 0xFFFFFFFFL;
                if (src + n > data.length || dst + n > mem.length) throw memoryOutOfBounds();
                System.arraycopy(data, (int) src, mem, (int) dst, (int) n);
                break;
            }
            case Op.DATA_DROP:
                inst.datas[code[pc++]] = null;
                break;
            case Op.MEMORY_COPY: {
                byte[] mem = inst.memory0.bytes;
                sp -= 3;
                long dst = s[sp] & 0xFFFFFFFFL;
                long src = s[sp + 1] & 0xFFFFFFFFL;
                long n = s[sp + 2] & 0xFFFFFFFFL;
                if (src + n > mem.length || dst + n > mem.length) throw memoryOutOfBounds();
                System.arraycopy(mem, (int) src, mem, (int) dst, (int) n);
                break;
            }
            case Op.MEMORY_FILL: {
                Memory memory = inst.memory0;
                sp -= 3;
                long dst = s[sp] & 0xFFFFFFFFL;
                long n = s[sp + 2] & 0xFFFFFFFFL;
                if (dst + n > memory.bytes.length) throw memoryOutOfBounds();
                Arrays.fill(memory.bytes, (int) dst, (int) (dst + n), (byte) s[sp + 1]);
                break;
            }
            default:
                if (op >= Op.FC_BASE && op < Op.FC_BASE + 8) {
                    s[sp - 1] = Conversions.saturating(op - Op.FC_BASE, s[sp - 1]);
                    break;
                }
                throw new IllegalStateException("unknown internal opcode " + op);
        }
        m.setTop(sp);
        return pc;
    }
}
