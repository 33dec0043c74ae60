package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.GlobalType;

/** A global variable: its type and current value as raw bits (a v128: low half in value, high half in high). */
public final class GlobalInstance implements Extern {
    private final GlobalType type;
    public long value;
    /** The high 64 bits of a v128 global; 0 for other types. */
    public long high;

    public GlobalInstance(GlobalType type, long value) {
        this.type = type;
        this.value = value;
    }

    public GlobalInstance(GlobalType type, long value, long high) {
        this(type, value);
        this.high = high;
    }

    public GlobalType type() {
        return type;
    }

    @Override
    public ExternKind kind() {
        return ExternKind.GLOBAL;
    }
}
