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

    /** A new exception object; returns its exnref. */
    public long add(TagInstance tag, long[] payload) {
        if (payload.length != tag.type().paramSlots()) {
            throw new IllegalArgumentException("tag payload takes " + tag.type().paramSlots() + " slots, got " + payload.length);
        }
        objects.add(new Exn(tag, payload));
        return objects.size();
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
    }
}
