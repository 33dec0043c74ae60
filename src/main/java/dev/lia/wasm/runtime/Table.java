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
    private long[] elements;
    /** Whether indices are i64 (table64). */
    private final boolean is64;

    public Table(ValType elemType, int initialSize, long declaredMax, int limitSize, long init) {
        this(elemType, initialSize, declaredMax, limitSize, init, false);
    }

    /** As {@link #Table(ValType, int, long, int, long)}, with i64 indices if {@code is64} (table64). */
    public Table(ValType elemType, int initialSize, long declaredMax, int limitSize, long init, boolean is64) {
        this.is64 = is64;
        this.elemType = elemType;
        this.declaredMax = declaredMax;
        this.limitSize = limitSize;
        this.elements = new long[initialSize];
        if (init != Ref.NULL) Arrays.fill(elements, init);
    }

    /** The elements as reference bits; replaced by a larger copy when the table grows. */
    public long[] elements() {
        return elements;
    }

    public int size() {
        return elements.length;
    }

    /**
     * The canonical types of the module that defined this (its concrete heap types index them), or null for one
     * the host made: import matching compares concrete types through them (3.0 subtyping across modules).
     */
    private dev.lia.wasm.types.DefType[] typeContext;

    public dev.lia.wasm.types.DefType[] typeContext() {
        return typeContext;
    }

    public void setTypeContext(dev.lia.wasm.types.DefType[] types) {
        this.typeContext = types;
    }

    public ValType elemType() {
        return elemType;
    }

    public TableType type() {
        return new TableType(elemType, new dev.lia.wasm.syntax.SizeRange(size(), declaredMax), is64);
    }

    /** Whether indices are i64 (table64). */
    public boolean is64() {
        return is64;
    }

    /** An index or size operand as the unsigned number it is for this table. */
    public long index(long slot) {
        return is64 ? slot : slot & 0xFFFFFFFFL;
    }

    /** Grows by {@code delta} elements set to {@code init}; returns the old size, or -1 if refused. */
    public int grow(int delta, long init) {
        return (int) grow(delta & 0xFFFFFFFFL, init);
    }

    /** Grows by {@code delta} (unsigned) elements set to {@code init}; returns the old size, or -1 if refused. */
    public long grow(long delta, long init) {
        int old = size();
        if (delta < 0 || delta > Integer.MAX_VALUE) return -1;
        long wanted = (long) old + delta;
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
