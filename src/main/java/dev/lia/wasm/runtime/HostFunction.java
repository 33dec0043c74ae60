package dev.lia.wasm.runtime;

/** A function implemented in Java. Arguments and results are raw value bits (see {@link Ref} for references). */
@FunctionalInterface
public interface HostFunction {
    /**
     * @param caller the instance whose code made the call (null when the host called the function directly)
     * @return the results, as many as the function type says
     */
    long[] call(Instance caller, long[] args);
}
