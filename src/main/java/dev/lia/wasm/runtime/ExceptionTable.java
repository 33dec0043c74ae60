package dev.lia.wasm.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exception objects of a store (exception handling). An exnref in a slot is the object's index here
 * plus one (0 is null, as for every reference). Objects are never changed after they are made. The saved
 * state does not record these indices as they are: it numbers the objects its frames reach in the order
 * it meets them (see docs/state-format.md), so equal states encode equally however many objects a run made.
 */
public final class ExceptionTable {
    /** One exception: its tag and its payload as raw slots (a v128 parameter takes two). */
    public record Exn(TagInstance tag, long[] payload) {
        public Exn {
            payload = payload.clone();
        }

        @Override
        public long[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Exn e && e.tag == tag && Arrays.equals(e.payload, payload);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(tag) * 31 + Arrays.hashCode(payload);
        }
    }

    private final List<Exn> objects = new ArrayList<>();
    /** The size at which the machine next compacts the table while it runs (see {@link #compactionDue}). */
    private int compactAt = COMPACT_FIRST;
    /** The first size at which a running machine compacts the table. */
    public static final int COMPACT_FIRST = 4096;

    /** Whether the table has grown to the size at which a running machine should drop what nothing reaches. */
    public boolean compactionDue() {
        return objects.size() >= compactAt;
    }

    /** After a compaction: the next one comes when the table has grown to twice what survived (at least {@link #COMPACT_FIRST}). */
    void compacted() {
        compactAt = Math.max(COMPACT_FIRST, 2 * objects.size());
    }

    /** A new exception object; returns its exnref. */
    public long add(TagInstance tag, long[] payload) {
        if (payload.length != tag.type().paramSlots()) {
            throw new IllegalArgumentException("tag payload takes " + tag.type().paramSlots() + " slots, got " + payload.length);
        }
        return add(new Exn(tag, payload));
    }

    /** Adds an exception object (one made before, e.g. one a host kept); returns its exnref. */
    public long add(Exn exn) {
        objects.add(exn);
        return objects.size();
    }

    /** The exnref of this very object, if the table holds it at {@code exnref}; else adds it again. */
    public long refTo(Exn exn, long exnref) {
        if (exnref > 0 && exnref <= objects.size() && objects.get((int) (exnref - 1)) == exn) return exnref;
        return add(exn);
    }

    /**
     * Drops every object, when nothing can refer to them any more: no frame is suspended, no global
     * or table of {@code store} holds an exnref and the store holds no GC object (whose fields might) (the machine calls this when it goes idle). Exceptions
     * in flight outside the machine keep their objects ({@link ThrownException} holds its own).
     */
    public void dropUnreachable(Store store) {
        if (objects.isEmpty()) return;
        if (store.heap().size() > 0) return; // a GC object's field may hold an exnref
        for (int a = 0; a < store.globalCount(); a++) {
            GlobalInstance g = store.global(a);
            if (isExn(g.type().type()) && g.get() != 0) return;
        }
        for (int a = 0; a < store.tableCount(); a++) {
            Table t = store.table(a);
            if (!isExn(t.elemType())) continue;
            for (long e : t.elements()) if (e != 0) return;
        }
        objects.clear();
    }

    private static boolean isExn(dev.lia.wasm.syntax.ValType t) {
        return t.isRef() && t.heap == dev.lia.wasm.syntax.ValType.EXN;
    }

    /** The exception an exnref (not null) refers to. */
    public Exn get(long exnref) {
        if (exnref <= 0 || exnref > objects.size()) throw new IllegalArgumentException("no exception object " + exnref);
        return objects.get((int) (exnref - 1));
    }

    /** How many objects the table holds. */
    public int size() {
        return objects.size();
    }

    /** Replaces every object, e.g. with those a saved state holds (exnref i + 1 is {@code exns.get(i)}). */
    public void replaceAll(List<Exn> exns) {
        objects.clear();
        objects.addAll(exns);
        compacted();
    }
}
