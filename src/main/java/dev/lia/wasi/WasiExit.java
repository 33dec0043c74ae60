package dev.lia.wasi;

/**
 * The program called {@code proc_exit}: the activation ends and this propagates to whoever called
 * into the machine, which should treat {@link #code()} as the program's exit status.
 */
public final class WasiExit extends dev.lia.wasm.runtime.HostExit {
    public WasiExit(int code) {
        super(code, "proc_exit(" + Integer.toUnsignedString(code) + ")");
    }
}
