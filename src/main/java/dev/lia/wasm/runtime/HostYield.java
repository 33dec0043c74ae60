package dev.lia.wasm.runtime;

/**
 * Thrown by a {@link HostFunction} that cannot answer now (say, input that has not arrived): the
 * machine suspends exactly as for a yielding function, and the driver answers the call later.
 * The function must throw it before any side effect, since the driver's answer replaces the call.
 */
public final class HostYield extends RuntimeException {
    public HostYield(String reason) {
        super(reason, null, false, false);
    }
}
