package dev.lia.wasm.exec;

import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;

/**
 * The interpreter: one loop over flat internal code with an explicit value stack and frame stack,
 * so no wasm call recurses on the Java stack. One machine serves one store.
 */
public final class Machine {
    private final Store store;

    public Machine(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    /** Links and allocates the module, runs its active segments and its start function. */
    public Instance instantiate(CompiledModule module, ImportResolver imports) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Calls a function with raw argument bits; returns raw result bits. Throws {@link dev.lia.wasm.Trap}. */
    public long[] invoke(FunctionInstance function, long... args) {
        throw new UnsupportedOperationException("in progress");
    }
}
