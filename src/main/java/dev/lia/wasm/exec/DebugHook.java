package dev.lia.wasm.exec;

import dev.lia.wasm.runtime.WasmFunction;

/**
 * What debug code calls before every instruction (see {@code ModuleCompiler.compile(module, true)}).
 * Fast code never calls it, so a machine without debug code pays nothing for the hook.
 */
@FunctionalInterface
public interface DebugHook {
    /**
     * Called before instruction number {@code instruction} of {@code function}'s code side table
     * ({@code function.code.offsets()[instruction]} is its byte offset). While it runs the machine
     * looks suspended before that instruction: {@link Machine#snapshot()} and {@link Machine#callDepth()}
     * describe it. The hook may read and write memory, globals and tables, but must not drive the
     * machine (start, run, resume, abort). An exception thrown here ends the activation like a trap.
     *
     * @return true to pause: {@link Machine#run()} returns {@link MachineOutcome.Paused} before the instruction,
     *         and the next {@code run()} calls the hook for it again
     */
    boolean beforeInstruction(Machine machine, WasmFunction function, int instruction);

    /**
     * Called when instruction number {@code instruction} of {@code function} traps, before the
     * activation ends: the machine looks suspended before that instruction, with every frame of the
     * call stack still there, so the hook can inspect the state that trapped (a post-mortem stop).
     * Whatever it does, the trap then ends the activation. The same rules as for
     * {@link #beforeInstruction} apply.
     */
    default void onTrap(Machine machine, WasmFunction function, int instruction, dev.lia.wasm.Trap trap) {}
}
