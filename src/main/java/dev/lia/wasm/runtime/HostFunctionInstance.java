package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.FuncType;

/** A host function registered in a store. */
public final class HostFunctionInstance extends FunctionInstance {
    private final String name;
    private final HostFunction implementation;

    HostFunctionInstance(FuncType type, int typeId, int address, String name, HostFunction implementation) {
        super(type, typeId, address);
        this.name = name;
        this.implementation = implementation;
    }

    /** The Java implementation, or null for a yielding function (see {@link Store#yieldingFunction}). */
    public HostFunction implementation() {
        return implementation;
    }

    @Override
    public String name() {
        return name;
    }
}
