package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.Op;
import dev.lia.wasm.runtime.GcHeap;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.syntax.ArrayType;
import dev.lia.wasm.syntax.FieldType;
import dev.lia.wasm.syntax.StructType;
import dev.lia.wasm.syntax.ValType;

/**
 * The GC instructions (3.0, see {@link Op#STRUCT_NEW}): allocation in the store's {@link GcHeap} and
 * field and element access. A field or element is one slot; packed ones hold their 8 or 16 bits.
 */
final class GcOps {
    private GcOps() {}

    static int execute(Machine m, int[] code, int pc, int fp, Instance inst) {
        long[] s = m.stack();
        GcHeap heap = m.store().heap();
        int op = code[pc];
        switch (op) {
            case Op.STRUCT_NEW -> { // d type base (the fields' operands from base on, a v128 in two slots)
                int type = code[pc + 2];
                java.util.List<FieldType> fields = struct(inst, type).fields();
                long[] slots = new long[slotCount(fields)];
                int from = fp + code[pc + 3];
                for (int i = 0, j = 0; i < fields.size(); i++) {
                    FieldType f = fields.get(i);
                    slots[j] = store(f, s[from + j]);
                    if (width(f) == 2) slots[j + 1] = s[from + j + 1];
                    j += width(f);
                }
                s[fp + code[pc + 1]] = heap.allocate(inst.defTypes()[type], slots, -1);
            }
            case Op.STRUCT_NEW_DEFAULT -> { // d type
                int type = code[pc + 2];
                s[fp + code[pc + 1]] = heap.allocate(inst.defTypes()[type], new long[slotCount(struct(inst, type).fields())], -1);
            }
            case Op.STRUCT_GET -> { // d ref type field sign
                GcHeap.Obj o = object(heap, s[fp + code[pc + 2]], "null structure reference");
                java.util.List<FieldType> fields = struct(inst, code[pc + 3]).fields();
                FieldType f = fields.get(code[pc + 4]);
                int at = slotOffset(fields, code[pc + 4]);
                s[fp + code[pc + 1]] = load(f, o.slots()[at], code[pc + 5] == 1);
                if (width(f) == 2) s[fp + code[pc + 1] + 1] = o.slots()[at + 1];
            }
            case Op.STRUCT_SET -> { // ref value type field
                GcHeap.Obj o = object(heap, s[fp + code[pc + 1]], "null structure reference");
                java.util.List<FieldType> fields = struct(inst, code[pc + 3]).fields();
                FieldType f = fields.get(code[pc + 4]);
                int at = slotOffset(fields, code[pc + 4]);
                o.slots()[at] = store(f, s[fp + code[pc + 2]]);
                if (width(f) == 2) o.slots()[at + 1] = s[fp + code[pc + 2] + 1];
            }
            case Op.ARRAY_NEW -> { // d type value len
                int type = code[pc + 2];
                FieldType f = array(inst, type);
                int w = width(f);
                long[] slots = newArray(heap, s[fp + code[pc + 4]], w);
                fill(slots, 0, slots.length / w, w, store(f, s[fp + code[pc + 3]]), w == 2 ? s[fp + code[pc + 3] + 1] : 0);
                s[fp + code[pc + 1]] = heap.allocate(inst.defTypes()[type], slots, slots.length / w);
            }
            case Op.ARRAY_NEW_DEFAULT -> { // d type len
                int w = width(array(inst, code[pc + 2]));
                long[] slots = newArray(heap, s[fp + code[pc + 3]], w);
                s[fp + code[pc + 1]] = heap.allocate(inst.defTypes()[code[pc + 2]], slots, slots.length / w);
            }
            case Op.ARRAY_NEW_FIXED -> { // d type base n (a v128 element in two slots)
                int type = code[pc + 2];
                FieldType f = array(inst, type);
                int w = width(f);
                long[] slots = newArray(heap, code[pc + 4], w);
                for (int i = 0; i < slots.length; i += w) {
                    slots[i] = store(f, s[fp + code[pc + 3] + i]);
                    if (w == 2) slots[i + 1] = s[fp + code[pc + 3] + i + 1];
                }
                s[fp + code[pc + 1]] = heap.allocate(inst.defTypes()[type], slots, slots.length / w);
            }
            case Op.ARRAY_NEW_DATA, Op.ARRAY_NEW_ELEM -> { // d type segment offset len
                int type = code[pc + 2];
                long offset = s[fp + code[pc + 4]] & 0xFFFFFFFFL;
                long len = s[fp + code[pc + 5]] & 0xFFFFFFFFL;
                long[] slots = op == Op.ARRAY_NEW_DATA ? fromData(inst, array(inst, type), code[pc + 3], offset, len, heap)
                        : fromElem(inst, code[pc + 3], offset, len, heap);
                s[fp + code[pc + 1]] = heap.allocate(inst.defTypes()[type], slots, (int) len);
            }
            case Op.ARRAY_GET -> { // d ref index type sign
                GcHeap.Obj o = object(heap, s[fp + code[pc + 2]], "null array reference");
                FieldType f = array(inst, code[pc + 4]);
                int i = index(o, s[fp + code[pc + 3]], 1) * width(f);
                s[fp + code[pc + 1]] = load(f, o.slots()[i], code[pc + 5] == 1);
                if (width(f) == 2) s[fp + code[pc + 1] + 1] = o.slots()[i + 1];
            }
            case Op.ARRAY_SET -> { // ref index value type
                GcHeap.Obj o = object(heap, s[fp + code[pc + 1]], "null array reference");
                FieldType f = array(inst, code[pc + 4]);
                int i = index(o, s[fp + code[pc + 2]], 1) * width(f);
                o.slots()[i] = store(f, s[fp + code[pc + 3]]);
                if (width(f) == 2) o.slots()[i + 1] = s[fp + code[pc + 3] + 1];
            }
            case Op.ARRAY_LEN -> s[fp + code[pc + 1]] = object(heap, s[fp + code[pc + 2]], "null array reference").length();
            case Op.ARRAY_FILL -> { // ref offset value n type
                GcHeap.Obj o = object(heap, s[fp + code[pc + 1]], "null array reference");
                long n = s[fp + code[pc + 4]] & 0xFFFFFFFFL;
                int at = index(o, s[fp + code[pc + 2]], n);
                FieldType f = array(inst, code[pc + 5]);
                int w = width(f);
                fill(o.slots(), at, (int) n, w, store(f, s[fp + code[pc + 3]]), w == 2 ? s[fp + code[pc + 3] + 1] : 0);
            }
            case Op.ARRAY_COPY -> { // dst dstOffset src srcOffset n
                GcHeap.Obj d = object(heap, s[fp + code[pc + 1]], "null array reference");
                GcHeap.Obj src = object(heap, s[fp + code[pc + 3]], "null array reference");
                long n = s[fp + code[pc + 5]] & 0xFFFFFFFFL;
                int to = index(d, s[fp + code[pc + 2]], n);
                int from = index(src, s[fp + code[pc + 4]], n);
                int w = d.length() > 0 ? d.slots().length / d.length() : 1; // both arrays' elements have one storage type
                System.arraycopy(src.slots(), from * w, d.slots(), to * w, (int) n * w);
            }
            case Op.ARRAY_INIT_DATA, Op.ARRAY_INIT_ELEM -> { // ref dstOffset srcOffset n type segment
                GcHeap.Obj o = object(heap, s[fp + code[pc + 1]], "null array reference");
                long n = s[fp + code[pc + 4]] & 0xFFFFFFFFL;
                int to = index(o, s[fp + code[pc + 2]], n);
                long from = s[fp + code[pc + 3]] & 0xFFFFFFFFL;
                long[] values = op == Op.ARRAY_INIT_DATA ? fromData(inst, array(inst, code[pc + 5]), code[pc + 6], from, n, null)
                        : fromElem(inst, code[pc + 6], from, n, null);
                System.arraycopy(values, 0, o.slots(), to * (op == Op.ARRAY_INIT_DATA ? width(array(inst, code[pc + 5])) : 1), values.length);
            }
            default -> throw new IllegalStateException("unknown internal opcode " + op);
        }
        return pc + 1 + Op.operandCount(code, pc);
    }

    private static StructType struct(Instance inst, int type) {
        return (StructType) inst.module().typeSection().types().get(type).comp();
    }

    private static FieldType array(Instance inst, int type) {
        return ((ArrayType) inst.module().typeSection().types().get(type).comp()).element();
    }

    private static GcHeap.Obj object(GcHeap heap, long ref, String nullMessage) {
        if (ref == Ref.NULL) throw new Trap(nullMessage);
        return heap.get(ref);
    }

    /** The start of {@code [at, at + n)} in an array, or "out of bounds array access". */
    private static int index(GcHeap.Obj o, long at, long n) {
        long i = at & 0xFFFFFFFFL;
        if (i + n > o.length()) throw new Trap("out of bounds array access");
        return (int) i;
    }

    /** The slots of an array of {@code length} elements of {@code width} slots each, after checking the heap has room. */
    private static long[] newArray(GcHeap heap, long length, int width) {
        long slots = (length & 0xFFFFFFFFL) * width;
        heap.reserve(slots);
        return new long[(int) slots];
    }

    /** Slots a field takes: two for a v128 (low half first), else one. */
    private static int width(FieldType f) {
        return f.packed() == 0 && f.type() == ValType.V128 ? 2 : 1;
    }

    private static int slotCount(java.util.List<FieldType> fields) {
        int n = 0;
        for (FieldType f : fields) n += width(f);
        return n;
    }

    private static int slotOffset(java.util.List<FieldType> fields, int field) {
        return slotCount(fields.subList(0, field));
    }

    /** Sets {@code n} elements of {@code width} slots from element {@code at} on to ({@code lo}, {@code hi}). */
    private static void fill(long[] slots, int at, int n, int width, long lo, long hi) {
        if (width == 1) {
            java.util.Arrays.fill(slots, at, at + n, lo);
            return;
        }
        for (int i = at; i < at + n; i++) {
            slots[2 * i] = lo;
            slots[2 * i + 1] = hi;
        }
    }

    /** A value as a field keeps it: packed ones to their bits. */
    private static long store(FieldType f, long v) {
        return f.packed() == 8 ? v & 0xFF : f.packed() == 16 ? v & 0xFFFF : v;
    }

    private static long load(FieldType f, long v, boolean signed) {
        if (f.packed() == 8) return signed ? (byte) v : v;
        if (f.packed() == 16) return signed ? (short) v : v;
        return v;
    }

    private static int byteSize(FieldType f) {
        if (f.packed() != 0) return f.packed() / 8;
        if (f.type() == ValType.V128) return 16;
        return f.type() == ValType.I32 || f.type() == ValType.F32 ? 4 : 8;
    }

    private static long[] fromData(Instance inst, FieldType f, int data, long offset, long n, GcHeap heap) {
        byte[] bytes = inst.dataSegment(data);
        if (bytes == null) bytes = new byte[0]; // dropped
        int size = byteSize(f);
        if (offset + n * size > bytes.length) throw new Trap("out of bounds memory access");
        int w = width(f);
        if (heap != null) heap.reserve(n * w);
        long[] out = new long[(int) n * w];
        for (int i = 0; i < out.length; i++) { // a v128 element is two 8-byte halves, low first
            int part = size == 16 ? 8 : size;
            long v = 0;
            int at = (int) offset + i * part;
            for (int b = part - 1; b >= 0; b--) v = (v << 8) | (bytes[at + b] & 0xFF);
            if (part == 4) v = (int) v; // 32-bit values sit sign-extended in slots
            out[i] = store(f, v);
        }
        return out;
    }

    private static long[] fromElem(Instance inst, int elem, long offset, long n, GcHeap heap) {
        long[] refs = inst.elementSegment(elem);
        if (refs == null) refs = new long[0]; // dropped
        if (offset + n > refs.length) throw new Trap("out of bounds table access");
        if (heap != null) heap.reserve(n);
        return java.util.Arrays.copyOfRange(refs, (int) offset, (int) (offset + n));
    }
}
