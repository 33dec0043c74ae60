package dev.lia.state;

import dev.lia.wasm.exec.FrameTypes;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.runtime.ExceptionTable;
import dev.lia.wasm.runtime.GcHeap;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.CompType;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the exception objects and GC objects a store's roots reach, for a saved state. One walk, in a fixed
 * order: the globals (by store address), the tables (by address, each element in order), the element segments
 * that hold GC objects (instances in order, segments in order), the machine's frames (outermost first, locals
 * then operands), the arguments of a host call the script waits on; then each object found, in the order
 * found (an exception's payload, a struct's fields, an array's elements), the list growing as the walk goes.
 * Each kind is numbered in the order met: exceptions from 1 (0 is null), GC objects from 0. What the roots do
 * not reach is left out, so the numbering depends on the state alone, not on how many objects a run made, in
 * which order, or what it dropped; cycles are met once.
 *
 * <p>Which slots hold references comes from types (a slot is untyped bits): globals, tables and segments have
 * theirs, frames the code's ({@link FrameTypes}), payloads their tag's, fields their object's type. An exnref is
 * a reference of the exn hierarchy; a GC object is a reference whose tag is {@link Ref#OBJECT}, possibly
 * {@linkplain Ref#EXTERNALIZED externalized}; every other reference (null, i31, functions, host references)
 * is kept as it is.
 */
final class HeapWalk {
    private final Store store;
    private final TypeNames names;
    private final GcHeap heap;
    private final ExceptionTable exceptions;
    /** Live exnref to its number. */
    private final Map<Long, Long> exnNumbers = new HashMap<>();
    /** Live object index to its number plus one (0: not met yet). */
    private final int[] objectNumbers;
    /** Everything met, in order: an exnref (positive) or {@code -(object index + 1)}. */
    private final List<Long> met = new ArrayList<>();
    private int objectCount;

    final List<MachineState.Exn> exceptionList = new ArrayList<>();
    final List<EngineState.HeapObject> objectList = new ArrayList<>();

    HeapWalk(Store store, TypeNames names) {
        this.store = store;
        this.names = names;
        this.heap = store.heap();
        this.exceptions = store.exceptions();
        this.objectNumbers = new int[heap.size()];
    }

    static boolean isExn(ValType t) {
        return t != null && t.isRef() && (t.heap == ValType.EXN || t.heap == ValType.NOEXN);
    }

    /** A live reference of type {@code type} in the state's numbering (numbers met for the first time are queued). */
    long canonical(ValType type, long v) {
        if (v == Ref.NULL || type == null || !type.isRef()) return v;
        if (isExn(type)) {
            Long n = exnNumbers.get(v);
            if (n == null) {
                n = (long) exnNumbers.size() + 1;
                exnNumbers.put(v, n);
                met.add(v);
            }
            return n;
        }
        long tag = v & Ref.TAG_MASK & ~Ref.EXTERNALIZED;
        if (tag != Ref.OBJECT) return v;
        int live = Ref.objectIndex(v);
        if (objectNumbers[live] == 0) {
            objectNumbers[live] = ++objectCount;
            met.add(-(live + 1L));
        }
        return (v & Ref.TAG_MASK) | (objectNumbers[live] - 1);
    }

    /** {@code slots} with each slot of a reference type (types one per slot; missing or null: not a reference) canonical. */
    long[] canonical(ValType[] types, long[] slots) {
        long[] out = slots.clone();
        for (int k = 0; k < out.length && k < types.length; k++) out[k] = canonical(types[k], out[k]);
        return out;
    }

    long[] canonical(ValType type, long[] slots) {
        long[] out = slots.clone();
        for (int k = 0; k < out.length; k++) out[k] = canonical(type, out[k]);
        return out;
    }

    MachineState.Frame frame(FrameTypes types, MachineState.Frame f) {
        return new MachineState.Frame(f.functionAddress(), f.resumeOffset(), canonical(types.of(f), f.slots()));
    }

    /** Whether element segment {@code i} of {@code inst} holds a GC object (and so is a root the state keeps). */
    static boolean holdsObjects(Instance inst, int i) {
        long[] refs = inst.elementSegment(i);
        if (refs == null) return false;
        for (long r : refs) if ((r & Ref.TAG_MASK & ~Ref.EXTERNALIZED) == Ref.OBJECT) return true;
        return false;
    }

    /** After the roots: each object met, in order, its references met in turn (the list grows as it goes). */
    void finish() {
        for (int i = 0; i < met.size(); i++) {
            long m = met.get(i);
            if (m > 0) {
                ExceptionTable.Exn x = exceptions.get(m);
                ValType[] types = FrameTypes.slotTypes(x.tag().type().params());
                exceptionList.add(new MachineState.Exn(store.addressOf(x.tag()), canonical(types, x.payload())));
            } else {
                GcHeap.Obj o = heap.get(Ref.object((int) (-m - 1)));
                int[] name = names.nameOf(o.type());
                if (name == null) throw new IllegalStateException("a GC object's type is in none of the state's modules");
                CompType c = names.comp(name[0], name[1]);
                byte[] fields = ObjectFields.encode(c, o.slots(), Math.max(o.length(), 0), this::canonical);
                objectList.add(new EngineState.HeapObject(name[0], name[1], o.length(), fields));
            }
        }
    }
}
