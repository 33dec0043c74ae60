package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.GlobalType;

/** A global variable: its type and current value as raw bits (a v128: low half in value, high half in high). */
public final class GlobalInstance implements Extern {
    private final GlobalType type;
    /** The value's bits (a v128's low half); read and written through {@link #get()} and {@link #set(long)}. */
    private long value;
    /** The high 64 bits of a v128 global; 0 for other types. */
    private long high;

    public GlobalInstance(GlobalType type, long value) {
        this.type = type;
        this.value = value;
    }

    /** The value as raw bits (i32 and f32 in the low 32 bits). */
    public long get() {
        return value;
    }

    /** Sets the value's raw bits; the caller has checked that the global is mutable, if that matters to it. */
    public void set(long bits) {
        value = bits;
    }

    public GlobalInstance(GlobalType type, long value, long high) {
        this(type, value);
        this.high = high;
    }

    /** The high 64 bits of a v128 value (0 for other types). */
    public long high() {
        return high;
    }

    public void setHigh(long bits) {
        high = bits;
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

    public GlobalType type() {
        return type;
    }

    @Override
    public ExternKind kind() {
        return ExternKind.GLOBAL;
    }
}
