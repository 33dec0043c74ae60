package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.FuncType;

/** A host function registered in a store. */
public final class HostFunctionInstance extends FunctionInstance {
    private final String name;
    private final HostFunction implementation;
    private final AsyncHostFunction asyncImplementation;

    HostFunctionInstance(FuncType type, int typeId, int address, String name, HostFunction implementation,
                         AsyncHostFunction asyncImplementation) {
        super(type, typeId, address);
        this.name = name;
        this.implementation = implementation;
        this.asyncImplementation = asyncImplementation;
    }

    /**
     * The Java implementation, or null for a yielding function (see {@link Store#yieldingFunction}) and
     * an asynchronous one: the machine suspends with a host call for both.
     */
    public HostFunction implementation() {
        return implementation;
    }

    /** The implementation of an asynchronous host function (see {@link Store#asyncFunction}), or null. */
    public AsyncHostFunction asyncImplementation() {
        return asyncImplementation;
    }

    @Override
    public String name() {
        return name;
    }
}
