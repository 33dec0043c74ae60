package dev.lia.wasm.debug;

/** Thrown out of the machine's run when a {@link StopHandler} aborts it: the activation is gone. */
public final class DebugAbort extends RuntimeException {
    public DebugAbort() {
        super("aborted by the debugger", null, false, false);
    }
}
