package dev.lia.embed;

import dev.lia.script.value.Value;
import dev.lia.wasm.runtime.HostYield;

/**
 * A Java implementation of a WebAssembly function import, with typed values: the arguments arrive as
 * {@link Value}s of the import's parameter types, and the result is converted to the import's result
 * types.
 *
 * <pre>{@code
 * .host("env", "log", args -> { System.out.println(args[0].asI32()); return null; })   // (param i32)
 * .host("env", "random", args -> 0.25)                                                 // (result f64)
 * .host("env", "divmod", args -> new Object[] {7, 1})                                  // (result i32 i32)
 * }</pre>
 *
 * <p>What {@link #call} may return: nothing ({@code null}) for an import without results; for one
 * result a {@link Value} of its type or a Java number ({@code Integer}, {@code Long}, {@code Float},
 * {@code Double}) that converts to it exactly; for several an {@code Object[]} or {@code List} of
 * those. Anything else fails the call with a message naming the import.
 *
 * <p>Host functions must be deterministic for saved states and replays to agree. One that cannot
 * answer now throws {@link #notNow(String)} before any side effect: a script's run then blocks on
 * the import (a {@code Blocked} outcome, answered with {@code ScriptSession.resolve}), and a direct
 * {@code ModuleInstance.call} traps.
 */
@FunctionalInterface
public interface Host {
    Object call(Value... args);

    /** What a host function throws when it cannot answer now: the script blocks on the import instead. */
    static RuntimeException notNow(String reason) {
        return new HostYield(reason);
    }
}
