package dev.lia.wasm.runtime;

/**
 * A host function ended the program with an exit code, as a process ends (WASI's {@code proc_exit}
 * throws its subclass {@code dev.lia.wasi.WasiExit}). It is not a failure: a script run reports it
 * as an outcome of its own, with the code.
 */
public class HostExit extends RuntimeException {
    private final int code;

    public HostExit(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The exit code (an unsigned 32-bit value in an int). */
    public final int code() {
        return code;
    }
}
