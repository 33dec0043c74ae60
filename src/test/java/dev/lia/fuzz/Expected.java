package dev.lia.fuzz;

import dev.lia.script.syntax.CompileException;
import dev.lia.wasm.InvalidException;
import dev.lia.wasm.MalformedException;
import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.state.StateException;
import dev.lia.wasm.LimitException;
import dev.lia.wasm.text.TextFormatException;

/**
 * The documented errors for bad input. A fuzz target lets only these through as "rejected"; any
 * other throwable (a RuntimeException from a bug, a StackOverflowError, an OutOfMemoryError)
 * propagates and is a finding.
 */
final class Expected {
    private Expected() {}

    /** Runs {@code body}; returns normally if it succeeded or threw a documented rejection. */
    static void rejectionOnly(Runnable body) {
        try {
            body.run();
        } catch (MalformedException | InvalidException | UnsupportedFeatureException | TextFormatException
                 | CompileException | LimitException | StateException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) throw new AssertionError("rejection without a message", e);
        }
    }
}
