package dev.lia.wasm.runtime;

/**
 * A function implemented in Java. Arguments and results are raw value bits (see {@link Ref} for references),
 * one {@code long} per value and two for a v128 (low half first).
 */
@FunctionalInterface
public interface HostFunction {
    /**
     * @param caller the instance whose code made the call (null when the host called the function directly)
     * @return the results, as many slots as the function type says ({@link dev.lia.wasm.syntax.FuncType#resultSlots()})
     */
    long[] call(Instance caller, long[] args);
}
