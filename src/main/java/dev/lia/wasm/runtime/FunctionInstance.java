package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;

/** A function in a store: defined by a module instance or provided by the host. */
public abstract sealed class FunctionInstance implements Extern permits WasmFunction, HostFunctionInstance {
    private final FuncType type;
    /** Canonical id of {@link #type} in the store, so signature checks compare ints. */
    final int typeId;
    /** The store address; a function reference is this plus one. */
    final int address;

    FunctionInstance(FuncType type, int typeId, int address) {
        this.type = type;
        this.typeId = typeId;
        this.address = address;
    }

    public FuncType type() {
        return type;
    }

    public int typeId() {
        return typeId;
    }

    public int address() {
        return address;
    }

    /** A name for backtraces. */
    public abstract String name();

    @Override
    public ExternKind kind() {
        return ExternKind.FUNC;
    }
}
