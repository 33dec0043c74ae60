package dev.lia.wasm.runtime;

import dev.lia.wasm.WasmException;

/**
 * A WebAssembly exception in flight (exception handling): thrown by {@code throw} or {@code throw_ref},
 * it unwinds wasm frames to the nearest {@code try_table} handler that catches it. One that no handler
 * catches leaves the machine as this exception (its own outcome, not a {@link dev.lia.wasm.Trap}).
 *
 * <p>A Java host function raises a wasm exception by throwing one made with
 * {@link #ThrownException(Store, TagInstance, long...)}; wasm code that called it catches it as if a wasm
 * callee had thrown it. A wasm exception that leaves a re-entrant call (a host calling back into wasm)
 * reaches the host as this exception; if the host lets it pass, it goes on unwinding the wasm frames below.
 */
public final class ThrownException extends WasmException {
    private final Store store;
    private final long exnref;

    /** An exception in flight for an exception object of {@code store} (its exnref, not null). */
    public ThrownException(Store store, long exnref) {
        super(message(store, exnref));
        this.store = store;
        this.exnref = exnref;
    }

    /** A new exception object of {@code tag} with this payload (raw slots, a v128 taking two), in flight. */
    public ThrownException(Store store, TagInstance tag, long... payload) {
        this(store, store.exceptions().add(tag, payload));
    }

    private static String message(Store store, long exnref) {
        ExceptionTable.Exn e = store.exceptions().get(exnref);
        return "uncaught exception of a tag " + e.tag().type() + " with payload " + java.util.Arrays.toString(e.payload());
    }

    /** The exception object's reference, as wasm holds it in an exnref. */
    public long exnref() {
        return exnref;
    }

    public TagInstance tag() {
        return store.exceptions().get(exnref).tag();
    }

    /** The payload as raw slots. */
    public long[] payload() {
        return store.exceptions().get(exnref).payload();
    }

    public Store store() {
        return store;
    }

    @Override
    public String kind() {
        return "exception";
    }
}
