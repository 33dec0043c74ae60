package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.GlobalType;

/** A global variable: its type and current value as raw bits. */
public final class GlobalInstance implements Extern {
    private final GlobalType type;
    public long value;

    public GlobalInstance(GlobalType type, long value) {
        this.type = type;
        this.value = value;
    }

    public GlobalType type() {
        return type;
    }

    @Override
    public ExternKind kind() {
        return ExternKind.GLOBAL;
    }
}
