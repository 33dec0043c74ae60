package dev.lia.state;

import dev.lia.wasm.runtime.HostFunction;

/**
 * Java host functions that keep state of their own between calls (WASI's clock, random source,
 * descriptors and buffered stdin): a session's saved state carries that state, so the functions go
 * on in another process exactly where they were. Each of the functions given to a
 * {@link LiveSession} implements {@link Function} and names its component; the session saves each
 * component once, under its name ("hosts" section of the state format).
 */
public interface HostComponent {
    /** The name the state keeps the component's bytes under; unique among a session's components. */
    String name();

    /** The component's state as canonical bytes: equal states give equal bytes. */
    byte[] save();

    /**
     * Takes a state {@link #save()} gave, replacing the component's own.
     *
     * @throws IllegalArgumentException if the bytes are not such a state (the component is unusable then)
     */
    void load(byte[] state);

    /**
     * Says whether the session is being replayed: the events' effects outside the state (a program's
     * output) happened when they first ran and must not happen again, so a component holds them
     * back while {@code on}. By default nothing is held back.
     */
    default void replaying(boolean on) {}

    /** A host function that is part of a component. */
    interface Function extends HostFunction {
        HostComponent component();
    }
}
