package dev.lia.wasm.runtime;

import dev.lia.wasm.Trap;
import dev.lia.wasm.types.DefType;

import java.util.ArrayList;
import java.util.List;

/**
 * The GC objects of a store (3.0): structs and arrays. A reference to one is {@link Ref#object} of its
 * index here. An object is its canonical type and its fields (a struct) or elements (an array) as raw
 * slots, one per field or element (two for a v128, low half first); packed i8 and i16 values are kept
 * zero-extended. Objects live as long as the store: nothing is collected while a store runs, and a
 * saved state keeps only what its roots reach (see docs/state-format.md), renumbered canonically.
 */
public final class GcHeap {
    /** One object. {@code length} is the element count of an array (its slots may be twice that), -1 for a struct. */
    public record Obj(DefType type, long[] slots, int length) {}

    private final List<Obj> objects = new ArrayList<>();
    private long slotCount;
    private final long maxSlots;

    /** A heap that holds at most {@code maxSlots} slots in all (each object counts one more for itself). */
    public GcHeap(long maxSlots) {
        this.maxSlots = maxSlots;
    }

    /** Allocates an object; traps when the heap limit would be exceeded. */
    public long allocate(DefType type, long[] slots, int length) {
        long need = slots.length + 1L;
        if (slotCount + need > maxSlots) {
            throw new Trap("resource limit exceeded: GC heap of " + maxSlots + " slots is full");
        }
        slotCount += need;
        objects.add(new Obj(type, slots, length));
        return Ref.object(objects.size() - 1);
    }

    /** Checks an allocation of {@code slots} slots could succeed, before its contents are computed. */
    public void reserve(long slots) {
        if (slots < 0 || slotCount + slots + 1 > maxSlots) {
            throw new Trap("resource limit exceeded: GC heap of " + maxSlots + " slots is full");
        }
    }

    public Obj get(long ref) {
        return objects.get(Ref.objectIndex(ref));
    }

    public DefType typeOf(long ref) {
        int i = Ref.objectIndex(ref);
        return i >= 0 && i < objects.size() ? objects.get(i).type() : null;
    }

    /** The slots the heap counts against its cap: each object's, plus one for the object itself. */
    public long slots() {
        return slotCount;
    }

    public int size() {
        return objects.size();
    }

    /** Replaces every object, e.g. with those a saved state holds (object i is {@code objs.get(i)}). */
    public void replaceAll(List<Obj> objs) {
        objects.clear();
        objects.addAll(objs);
        slotCount = 0;
        for (Obj o : objs) slotCount += o.slots().length + 1L;
    }
}
