package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import java.util.Arrays;

/** A table of references stored as raw {@link Ref} values. */
public final class Table implements Extern {
    private final ValType elemType;
    private final long declaredMax;
    private final int limitSize;
    public long[] elements;

    public Table(ValType elemType, int initialSize, long declaredMax, int limitSize, long init) {
        this.elemType = elemType;
        this.declaredMax = declaredMax;
        this.limitSize = limitSize;
        this.elements = new long[initialSize];
        if (init != Ref.NULL) Arrays.fill(elements, init);
    }

    public int size() {
        return elements.length;
    }

    public ValType elemType() {
        return elemType;
    }

    public TableType type() {
        return new TableType(elemType, new dev.lia.wasm.syntax.SizeRange(size(), declaredMax));
    }

    /** Grows by {@code delta} elements set to {@code init}; returns the old size, or -1 if refused. */
    public int grow(int delta, long init) {
        int old = size();
        long wanted = (long) old + (delta & 0xFFFFFFFFL);
        long max = declaredMax >= 0 ? Math.min(declaredMax, limitSize) : limitSize;
        if (wanted > max) return -1;
        elements = Arrays.copyOf(elements, (int) wanted);
        if (init != Ref.NULL) Arrays.fill(elements, old, (int) wanted, init);
        return old;
    }

    @Override
    public ExternKind kind() {
        return ExternKind.TABLE;
    }
}
