package dev.lia.wasm.runtime;

import java.util.concurrent.CompletableFuture;

/** What an {@link AsyncHostFunction} gets besides its arguments. */
public interface HostContext {
    /** The instance whose code made the call (null when the host function was called directly). */
    Instance caller();

    /**
     * Calls a function re-entrantly, nested inside the pending host call: it runs above the suspended
     * caller, before that caller continues. Only valid while the host call is pending.
     */
    CompletableFuture<long[]> call(FunctionInstance function, long... args);
}
