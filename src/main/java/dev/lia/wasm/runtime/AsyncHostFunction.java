package dev.lia.wasm.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A host function that answers later: it returns a future of its results (raw value bits, as many as
 * its type says) and must not block. Register it with {@link Store#asyncFunction}.
 */
@FunctionalInterface
public interface AsyncHostFunction {
    /**
     * @param context the calling instance, and a way to call back into wasm while this call is pending
     * @param args    the arguments' raw bits
     */
    CompletableFuture<long[]> call(HostContext context, long[] args);
}
