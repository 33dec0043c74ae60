package dev.lia.state;

import dev.lia.wasm.exec.FrameTypes;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.runtime.ExceptionTable;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.GcHeap;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.TagInstance;
import dev.lia.wasm.syntax.CompType;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.types.DefType;
import dev.lia.wasm.types.Subtyping;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds what a state's references reach, in a store restored by {@link Snapshots}: the exception objects,
 * the GC heap (with its slot accounting, so the heap cap counts from what was loaded) and the element segments
 * that held GC objects; then checks every reference of the state (globals, tables, segments, frames, payloads,
 * fields) against its type, so that no object a loaded state names is missing or of the wrong kind: code then
 * meets only what validated code could have made. Each failure is a {@code MALFORMED} state naming the place.
 */
final class HeapRestore {
    private final Store store;
    private final TypeNames names;
    /** The types of the instance that defined each global, table and tag (none for the host's). */
    private final Map<Extern, DefType[]> contexts = new IdentityHashMap<>();
    private int objectCount;
    private DefType[] objectTypes = new DefType[0];

    private HeapRestore(Store store, TypeNames names, List<Instance> instances) {
        this.store = store;
        this.names = names;
        for (Instance inst : instances) {
            DefType[] t = inst.defTypes();
            for (int i = inst.module().importCount(ExternKind.GLOBAL); i < inst.globalCount(); i++) contexts.put(inst.global(i), t);
            for (int i = inst.module().importCount(ExternKind.TABLE); i < inst.tableCount(); i++) contexts.put(inst.table(i), t);
            for (int i = inst.module().importCount(ExternKind.TAG); i < inst.tagCount(); i++) contexts.put(inst.tag(i), t);
        }
    }

    /** After the store's contents and the machine's frames are in place. */
    static void restore(EngineState s, Store store, List<Instance> instances, TypeNames names) {
        HeapRestore r = new HeapRestore(store, names, instances);
        EngineState.Heap heap = s.heap();
        r.exceptions(heap.exceptions());
        r.objects(heap.objects());
        r.segments(heap.segments(), instances);
        r.checkRoots(s, instances);
    }

    private void exceptions(List<MachineState.Exn> exns) {
        List<ExceptionTable.Exn> objects = new ArrayList<>(exns.size());
        for (int i = 0; i < exns.size(); i++) {
            MachineState.Exn x = exns.get(i);
            if (x.tagAddress() >= store.tagCount()) throw bad("exception " + (i + 1) + " has tag " + x.tagAddress() + " of " + store.tagCount());
            TagInstance tag = store.tag(x.tagAddress());
            if (x.payload().length != tag.type().paramSlots()) {
                throw bad("exception " + (i + 1) + "'s payload has " + x.payload().length + " slots, its tag takes " + tag.type().paramSlots());
            }
            objects.add(new ExceptionTable.Exn(tag, x.payload()));
        }
        store.exceptions().replaceAll(objects);
    }

    private void objects(List<EngineState.HeapObject> objects) {
        objectCount = objects.size();
        objectTypes = new DefType[objectCount];
        long slots = 0;
        for (int i = 0; i < objectCount; i++) { // sizes first: nothing is allocated for a heap over the cap
            EngineState.HeapObject o = objects.get(i);
            CompType c = comp(o, i);
            if ((c instanceof dev.lia.wasm.syntax.ArrayType) != (o.length() >= 0)) throw bad("object " + i + " has length " + o.length() + " for its type");
            if (o.fields().length != ObjectFields.byteLength(c, Math.max(o.length(), 0))) {
                throw bad("object " + i + " has " + o.fields().length + " bytes of fields, its type takes " + ObjectFields.byteLength(c, Math.max(o.length(), 0)));
            }
            slots += ObjectFields.slotLength(c, Math.max(o.length(), 0)) + 1;
            if (slots > Store.GC_HEAP_SLOTS) {
                throw new StateException(StateException.Kind.TOO_LARGE, "the GC heap holds more than " + Store.GC_HEAP_SLOTS + " slots, its limit");
            }
            objectTypes[i] = names.type(o.module(), o.type());
        }
        List<GcHeap.Obj> live = new ArrayList<>(objectCount);
        for (int i = 0; i < objectCount; i++) {
            EngineState.HeapObject o = objects.get(i);
            CompType c = names.comp(o.module(), o.type());
            DefType[] ctx = names.types(o.module());
            String where = "object " + i;
            live.add(new GcHeap.Obj(objectTypes[i], ObjectFields.decode(c, o.fields(), Math.max(o.length(), 0), (t, v) -> {
                check(t, ctx, v, where);
                return v;
            }), o.length()));
        }
        store.heap().replaceAll(live);
    }

    /** The composite type of object {@code i}, after checking the state names it canonically. */
    private CompType comp(EngineState.HeapObject o, int i) {
        if (o.module() >= names.moduleCount() || o.type() >= names.typeCount(o.module())) {
            throw bad("object " + i + " is of type " + o.type() + " of module " + o.module() + ", which does not exist");
        }
        int[] first = names.nameOf(names.type(o.module(), o.type()));
        if (first[0] != o.module() || first[1] != o.type()) {
            throw bad("object " + i + " names its type as type " + o.type() + " of module " + o.module() + ", not by its first name, type "
                    + first[1] + " of module " + first[0]);
        }
        CompType c = names.comp(o.module(), o.type());
        if (c instanceof FuncType) throw bad("object " + i + " is of a function type");
        return c;
    }

    private void segments(List<EngineState.SegmentData> segments, List<Instance> instances) {
        int lastInstance = -1, lastSegment = -1;
        for (EngineState.SegmentData d : segments) {
            String where = "element segment " + d.segment() + " of instance " + d.instance();
            if (d.instance() >= instances.size() || d.segment() >= instances.get(d.instance()).elementSegmentCount()) throw bad(where + " does not exist");
            if (d.instance() < lastInstance || (d.instance() == lastInstance && d.segment() <= lastSegment)) throw bad(where + " is out of order");
            lastInstance = d.instance();
            lastSegment = d.segment();
            Instance inst = instances.get(d.instance());
            long[] now = inst.elementSegment(d.segment());
            if (now == null) throw bad(where + " was dropped");
            if (now.length != d.elements().length) throw bad(where + " has " + d.elements().length + " elements, the module's " + now.length);
            ValType type = inst.module().elements().get(d.segment()).type();
            for (long v : d.elements()) check(type, inst.defTypes(), v, where);
            inst.restoreElementSegment(d.segment(), d.elements());
            if (!HeapWalk.holdsObjects(inst, d.segment())) throw bad(where + " holds no GC object and must be left out");
        }
        for (int n = 0; n < instances.size(); n++) {
            for (int i = 0; i < instances.get(n).elementSegmentCount(); i++) {
                boolean listed = false;
                for (EngineState.SegmentData d : segments) listed |= d.instance() == n && d.segment() == i;
                if (!listed && HeapWalk.holdsObjects(instances.get(n), i)) throw bad("element segment " + i + " of instance " + n + " holds GC objects the state leaves out");
            }
        }
    }

    private void checkRoots(EngineState s, List<Instance> instances) {
        for (int a = 0; a < store.globalCount(); a++) {
            check(store.global(a).type().type(), contexts.get(store.global(a)), store.global(a).get(), "global " + a);
        }
        for (int a = 0; a < store.tableCount(); a++) {
            for (long v : store.table(a).elements()) check(store.table(a).elemType(), contexts.get(store.table(a)), v, "table " + a);
        }
        FrameTypes types = new FrameTypes(store);
        for (int i = 0; i < s.machine().frames().size(); i++) {
            MachineState.Frame f = s.machine().frames().get(i);
            ValType[] t = types.of(f);
            DefType[] ctx = ((dev.lia.wasm.runtime.WasmFunction) store.function(f.functionAddress())).instance.defTypes();
            for (int k = 0; k < t.length; k++) check(t[k], ctx, f.slots()[k], "frame " + i);
        }
        for (int i = 0; i < store.exceptions().size(); i++) {
            ExceptionTable.Exn x = store.exceptions().get(i + 1);
            ValType[] t = FrameTypes.slotTypes(x.tag().type().params());
            long[] payload = x.payload();
            for (int k = 0; k < t.length; k++) check(t[k], contexts.get(x.tag()), payload[k], "exception " + (i + 1));
        }
    }

    /**
     * Checks that {@code v} is a value of reference type {@code t} (whose concrete heap types index {@code ctx},
     * null when unknown: a host's global or table) in the loaded store; numbers are not checked.
     */
    private void check(ValType t, DefType[] ctx, long v, String where) {
        if (t == null || !t.isRef() || v == Ref.NULL) return;
        if (HeapWalk.isExn(t)) {
            if (v < 0 || v > store.exceptions().size()) throw bad(where + " refers to exception " + v + ", of " + store.exceptions().size());
            return;
        }
        int heap = t.heap;
        if (heap >= 0 && ctx != null && heap >= ctx.length) throw bad(where + " has a type the module does not have");
        DefType concrete = heap >= 0 && ctx != null ? ctx[heap] : null;
        int top = heap < 0 ? Subtyping.top(heap, null) : concrete == null ? -1 : Subtyping.top(concrete.kind, null);
        long tag = v & Ref.TAG_MASK;
        long low = v & ~Ref.TAG_MASK;
        boolean ok;
        if (tag == 0 && (top == ValType.FUNC || top == -1)) {
            ok = v <= store.functionCount();
            if (ok && concrete != null) {
                FunctionInstance f = store.function(Ref.funcAddress(v));
                ok = Store.defType(f.typeId()).isSubtypeOf(concrete);
            }
            if (!ok) throw bad(where + " refers to function " + (v - 1) + ", which does not exist or is of another type");
            return;
        }
        if (top == ValType.EXTERN) {
            if (tag == 0) return; // a host reference
            ok = tag == (Ref.EXTERNALIZED | Ref.I31) ? low <= 0x7FFFFFFFL : tag == (Ref.EXTERNALIZED | Ref.OBJECT) && low < objectCount;
        } else if (tag == Ref.I31) {
            ok = low <= 0x7FFFFFFFL && (heap == ValType.ANY || heap == ValType.EQ || heap == ValType.I31);
        } else if (tag == Ref.OBJECT) {
            if (low >= objectCount) throw bad(where + " refers to GC object " + low + ", of " + objectCount);
            DefType o = objectTypes[(int) low];
            ok = top == -1 || (concrete != null ? o.isSubtypeOf(concrete) : Subtyping.abstractMatches(o.kind, heap));
        } else {
            ok = tag == Ref.HOST_ANY && heap == ValType.ANY;
        }
        if (!ok) throw bad(where + " holds 0x" + Long.toHexString(v) + ", not a reference of type " + t);
    }

    private static StateException bad(String message) {
        return new StateException(StateException.Kind.MALFORMED, message);
    }
}
