package dev.lia.wasm.exec;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.runtime.ExceptionTable;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.TagInstance;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exception objects of a suspended machine in canonical form, for {@link Machine#snapshot()} and
 * {@link Machine#restore}. Slots are untyped, so which hold exnrefs comes from the code: a frame's locals
 * have their declared types, its operand stack the types the validator's algorithm gives at the frame's
 * position (replayed over the body up to it; this runs only when the store has exception objects).
 * The objects reached are numbered in the order met, only those reached, so the numbering depends on the
 * state alone: a straight run and a run suspended, saved and resumed any number of times number alike.
 */
final class ExceptionState {
    private final Store store;
    private final ExceptionTable table;
    /** Live exnref to canonical number. */
    private final Map<Long, Long> numbers = new HashMap<>();
    private final List<Long> found = new ArrayList<>();
    private final FrameTypes types;

    private ExceptionState(Store store) {
        this.store = store;
        this.table = store.exceptions();
        this.types = new FrameTypes(store);
    }

    /**
     * The frames with their exnrefs renumbered canonically, and the objects in that numbering: the machine's
     * view ({@link Machine#snapshot()}, the debugger's). Exnrefs in globals, tables and GC objects are not
     * its business; a saved state numbers every holder in one walk ({@code dev.lia.state.HeapWalk}).
     */
    static MachineState canonical(Store store, List<MachineState.Frame> frames, int[] starts, boolean inCall) {
        if (store.exceptions().size() == 0) return new MachineState(frames, starts, inCall);
        ExceptionState e = new ExceptionState(store);
        List<MachineState.Frame> out = new ArrayList<>(frames.size());
        for (MachineState.Frame f : frames) out.add(e.frame(f));
        List<MachineState.Exn> exns = new ArrayList<>();
        for (int i = 0; i < e.found.size(); i++) { // grows while payloads reach more objects
            ExceptionTable.Exn x = e.table.get(e.found.get(i));
            long[] payload = x.payload();
            e.renumber(payload, slotTypes(x.tag().type().params()), 0);
            exns.add(new MachineState.Exn(store.addressOf(x.tag()), payload));
        }
        return new MachineState(out, starts, inCall, exns);
    }

    /**
     * While the machine runs (at a {@code throw} at {@code pc} of the current frame, at {@code fp}): drops
     * the exception objects nothing reaches and renumbers the rest in place, so a long run that throws and
     * catches keeps a bounded table. Only when every holder of an exnref is known: a single activation run by
     * the interpreter alone (no compiled frame, whose JVM locals may hold exnrefs, and no host function
     * below it that may hold one), so the holders are the frames' slots, globals, tables and payloads.
     * Otherwise the table keeps growing until the machine goes idle.
     */
    static void compact(Machine m, dev.lia.wasm.runtime.Instance inst, int[] code, int pc, int fp) {
        LiveState live = m.live;
        if (live.activations != 1 || live.room != Tiering.STACK_BUDGET) return;
        if (m.store().heap().size() > 0) return; // GC objects' fields may hold exnrefs, which this walk does not see
        WasmFunction current = null;
        for (int i = 0; i < inst.functionCount(); i++) {
            if (inst.function(i) instanceof WasmFunction w && w.code().code() == code) current = w;
        }
        if (current == null) return;
        Store store = m.store();
        ExceptionState e = new ExceptionState(store);
        long[] s = live.stack;
        for (int d = 0; d < live.depth; d++) {
            WasmFunction f = live.frameFunction[d];
            int end = d + 1 < live.depth ? live.frameFp[d + 1] : fp;
            e.liveFrame(s, f, live.frameFp[d], end - (live.frameFp[d] + f.code().operandBase()), f.code().callOffsetBefore(live.framePc[d]));
        }
        e.liveFrame(s, current, fp, Integer.MAX_VALUE, current.code().byteOffset(pc)); // every operand is home at a throw
        for (int a = 0; a < store.globalCount(); a++) {
            dev.lia.wasm.runtime.GlobalInstance g = store.global(a);
            if (!isExn(g.type().type())) continue;
            long[] one = {g.get()};
            e.renumber(one, new ValType[] {ValType.EXNREF}, 0);
            g.set(one[0]);
        }
        for (int a = 0; a < store.tableCount(); a++) {
            dev.lia.wasm.runtime.Table t = store.table(a);
            if (!isExn(t.elemType())) continue;
            long[] elements = t.elements();
            ValType[] types = new ValType[elements.length];
            java.util.Arrays.fill(types, ValType.EXNREF);
            e.renumber(elements, types, 0);
        }
        List<ExceptionTable.Exn> kept = new ArrayList<>();
        for (int i = 0; i < e.found.size(); i++) { // grows while payloads reach more objects
            ExceptionTable.Exn x = e.table.get(e.found.get(i));
            ValType[] types = slotTypes(x.tag().type().params());
            if (java.util.Arrays.stream(types).noneMatch(ExceptionState::isExn)) {
                kept.add(x); // the same object: an exception in flight outside the machine still finds it
                continue;
            }
            long[] payload = x.payload();
            e.renumber(payload, types, 0);
            kept.add(new ExceptionTable.Exn(x.tag(), payload));
        }
        e.table.replaceAll(kept);
    }

    /**
     * Renumbers, in the value stack {@code s}, the exnrefs of the frame of {@code fn} at {@code fp}: its locals,
     * and its first {@code operands} operands, typed as the validator types them before the instruction at {@code offset}.
     */
    private void liveFrame(long[] s, WasmFunction fn, int fp, int operands, int offset) {
        CompiledFunction cf = fn.code();
        ValType[] locals = cf.localTypes();
        renumberAt(s, fp, locals);
        if (operands > 0) renumberAt(s, fp + cf.operandBase(), operandTypes(fn, offset, operands));
    }

    private void renumberAt(long[] s, int from, ValType[] types) {
        long[] part = java.util.Arrays.copyOfRange(s, from, from + types.length);
        renumber(part, types, 0);
        System.arraycopy(part, 0, s, from, types.length);
    }

    /**
     * Adds the state's exception objects to the store (state exnref i + 1 is {@code exceptions.get(i)}) and
     * returns where each went: {@code map[i + 1]} is the store's exnref of state object i ({@code map[0]} 0),
     * or null when they went where the state numbers them (a store without exception objects, as after a
     * load: the state's numbering is taken as it is). A store that holds objects already (a machine moved to
     * a fresh machine over the same store) keeps them, since its globals, tables and GC objects may refer to
     * them: the state's objects are added, an object equal to one the store holds (same tag, same payload, no
     * exnref in it) taking that one's place, which no program can tell apart, so moving does not grow the table.
     */
    static long[] restore(Store store, List<MachineState.Exn> exceptions) {
        if (exceptions.isEmpty()) return null;
        List<ExceptionTable.Exn> objects = new ArrayList<>(exceptions.size());
        for (MachineState.Exn x : exceptions) {
            if (x.tagAddress() < 0 || x.tagAddress() >= store.tagCount()) {
                throw new IllegalArgumentException("malformed machine state: an exception of tag " + x.tagAddress() + " of " + store.tagCount());
            }
            TagInstance tag = store.tag(x.tagAddress());
            if (x.payload().length != tag.type().paramSlots()) {
                throw new IllegalArgumentException("malformed machine state: an exception's payload has " + x.payload().length + " slots, its tag takes "
                        + tag.type().paramSlots());
            }
            objects.add(new ExceptionTable.Exn(tag, x.payload()));
        }
        ExceptionTable table = store.exceptions();
        if (table.size() == 0) {
            table.replaceAll(objects);
            return null;
        }
        Map<ExceptionTable.Exn, Long> held = new HashMap<>();
        for (int i = table.size(); i >= 1; i--) held.put(table.get(i), (long) i);
        long[] map = new long[objects.size() + 1];
        long next = table.size();
        for (int i = 0; i < objects.size(); i++) {
            ExceptionTable.Exn x = objects.get(i);
            Long same = hasExnref(x) ? null : held.get(x);
            map[i + 1] = same != null ? same : ++next;
        }
        for (int i = 0; i < objects.size(); i++) {
            ExceptionTable.Exn x = objects.get(i);
            if (map[i + 1] <= table.size()) continue; // an object the store holds
            long[] payload = x.payload();
            ValType[] types = slotTypes(x.tag().type().params());
            for (int k = 0; k < types.length; k++) if (isExn(types[k]) && payload[k] != 0) payload[k] = mapped(map, payload[k]);
            table.add(new ExceptionTable.Exn(x.tag(), payload));
        }
        return map;
    }

    private static boolean hasExnref(ExceptionTable.Exn x) {
        for (ValType t : slotTypes(x.tag().type().params())) if (isExn(t)) return true;
        return false;
    }

    private static long mapped(long[] map, long exnref) {
        if (exnref < 0 || exnref >= map.length) throw new IllegalArgumentException("malformed machine state: exnref " + exnref + " of " + (map.length - 1));
        return map[(int) exnref];
    }

    /** A frame's slots with their exnrefs moved as {@link #restore} placed the objects ({@code map} null: as they are). */
    static long[] restoredSlots(Store store, MachineState.Frame f, long[] map) {
        if (map == null) return f.slots();
        WasmFunction fn = (WasmFunction) store.function(f.functionAddress());
        long[] slots = f.slots().clone(); // the state stays as it was: it may be restored again
        ValType[] locals = fn.code().localTypes();
        int operands = slots.length - locals.length;
        ValType[] operandTypes = operands > 0 ? new FrameTypes(store).operandTypes(fn, f.resumeOffset(), operands) : new ValType[0];
        for (int k = 0; k < slots.length; k++) {
            ValType t = k < locals.length ? locals[k] : operandTypes[k - locals.length];
            if (isExn(t) && slots[k] != 0) slots[k] = mapped(map, slots[k]);
        }
        return slots;
    }

    /** Whether slots of this type hold exnrefs: exnref and (ref exn) (nullexnref holds only null). */
    static boolean isExn(ValType t) {
        return t != null && t.isRef() && t.heap == ValType.EXN;
    }

    private MachineState.Frame frame(MachineState.Frame f) {
        WasmFunction fn = (WasmFunction) store.function(f.functionAddress());
        CompiledFunction cf = fn.code();
        long[] slots = f.slots();
        ValType[] locals = cf.localTypes();
        renumber(slots, locals, 0);
        int operands = slots.length - locals.length;
        if (operands > 0) renumber(slots, operandTypes(fn, f.resumeOffset(), operands), locals.length);
        return new MachineState.Frame(f.functionAddress(), f.resumeOffset(), slots);
    }

    /** Renumbers the exnref slots of {@code slots} from {@code from} on, whose types (one per slot) are {@code types}. */
    private void renumber(long[] slots, ValType[] types, int from) {
        for (int k = 0; k < types.length && from + k < slots.length; k++) {
            if (!isExn(types[k]) || slots[from + k] == 0) continue;
            long live = slots[from + k];
            Long n = numbers.get(live);
            if (n == null) {
                found.add(live);
                n = (long) found.size();
                numbers.put(live, n);
            }
            slots[from + k] = n;
        }
    }

    private ValType[] operandTypes(WasmFunction fn, int offset, int count) {
        return types.operandTypes(fn, offset, count);
    }

    private static ValType[] slotTypes(List<ValType> values) {
        return FrameTypes.slotTypes(values);
    }
}
