package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.FuncType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything instances share: the functions addressable by references, the instances themselves,
 * canonical signature ids and the resource limits.
 */
public final class Store {
    private final Limits limits;
    private final List<FunctionInstance> functions = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final Map<FuncType, Integer> typeIds = new HashMap<>();

    public Store(Limits limits) {
        this.limits = limits;
    }

    public Store() {
        this(Limits.DEFAULT);
    }

    public Limits limits() {
        return limits;
    }

    /** The canonical id of a signature: equal types get equal ids. */
    public int typeId(FuncType type) {
        return typeIds.computeIfAbsent(type, t -> typeIds.size());
    }

    /** Registers a host function so it can be imported and referenced. */
    public HostFunctionInstance hostFunction(String name, FuncType type, HostFunction implementation) {
        HostFunctionInstance f = new HostFunctionInstance(type, typeId(type), functions.size(), name, implementation, null);
        functions.add(f);
        return f;
    }

    /**
     * Registers an asynchronous host function, which answers with a future. When wasm calls it the
     * machine suspends with a host call (as for a yielding function); {@code AsyncMachine} continues
     * when the future completes, without a thread waiting, and the synchronous {@code Machine.invoke}
     * waits for it.
     */
    public HostFunctionInstance asyncFunction(String name, FuncType type, AsyncHostFunction implementation) {
        if (implementation == null) throw new IllegalArgumentException("an asynchronous host function needs an implementation");
        HostFunctionInstance f = new HostFunctionInstance(type, typeId(type), functions.size(), name, null, implementation);
        functions.add(f);
        return f;
    }

    /**
     * Registers a yielding host function: when wasm calls it, the machine stops with a host call
     * outcome and the driver (a script VM, an async host) supplies the results later.
     */
    public HostFunctionInstance yieldingFunction(String name, FuncType type) {
        return hostFunction(name, type, null);
    }

    WasmFunction addFunction(Instance instance, dev.lia.wasm.compile.CompiledFunction code) {
        WasmFunction f = new WasmFunction(instance, code, typeId(code.type()), functions.size());
        functions.add(f);
        return f;
    }

    void addInstance(Instance instance) {
        instances.add(instance);
    }

    /** The function at a store address (a reference minus one). */
    public FunctionInstance function(int address) {
        return functions.get(address);
    }

    public int functionCount() {
        return functions.size();
    }

    public List<Instance> instances() {
        return List.copyOf(instances);
    }
}
