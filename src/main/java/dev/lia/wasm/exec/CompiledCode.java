package dev.lia.wasm.exec;

import dev.lia.wasm.runtime.Instance;

/**
 * The base of the classes the compiled tier generates for functions: one per function, its code a
 * static method {@code f<index>}. {@link #enter} is the interpreter's way in.
 */
public abstract class CompiledCode {
    /**
     * Runs function {@code index} (this class's) as the frame at {@code fp}, number {@code depth},
     * until it returns (results at {@code fp}); returns the fuel left.
     *
     * @param room  the Java stack still allowed (see {@link Tiering#STACK_BUDGET})
     * @param entry 0 to start at the function's entry, or the code position of a loop start to
     *              continue a frame the interpreter ran there (all its slots are in the value stack)
     */
    public abstract long enter(int index, Machine m, Instance inst, int fp, int depth, int room, long fuel, int entry);
}
