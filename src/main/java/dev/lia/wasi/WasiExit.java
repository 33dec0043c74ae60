package dev.lia.wasi;

/**
 * The program called {@code proc_exit}: the activation ends and this propagates to whoever called
 * into the machine, which should treat {@link #code()} as the program's exit status.
 */
public final class WasiExit extends RuntimeException {
    private final int code;

    public WasiExit(int code) {
        super("proc_exit(" + Integer.toUnsignedString(code) + ")", null, false, false);
        this.code = code;
    }

    /** The exit code the program passed (an unsigned 32-bit value in an int). */
    public int code() {
        return code;
    }
}
