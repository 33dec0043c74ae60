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
    private final ExceptionTable.Exn exn;

    /** An exception in flight for an exception object of {@code store} (its exnref, not null). */
    public ThrownException(Store store, long exnref) {
        super(message(store.exceptions().get(exnref)));
        this.store = store;
        this.exnref = exnref;
        this.exn = store.exceptions().get(exnref);
    }

    /** A new exception object of {@code tag} with this payload (raw slots, a v128 taking two), in flight. */
    public ThrownException(Store store, TagInstance tag, long... payload) {
        this(store, store.exceptions().add(tag, payload));
    }

    private static String message(ExceptionTable.Exn e) {
        return "uncaught exception of a tag " + e.tag().type() + " with payload " + java.util.Arrays.toString(e.payload());
    }

    /**
     * The exception object's reference, as wasm holds it in an exnref: that of the store's table now (the
     * object is added again if the table dropped it since, e.g. a host throws an exception it kept).
     */
    public long exnref() {
        return store.exceptions().refTo(exn, exnref);
    }

    /** The exception object. */
    public ExceptionTable.Exn exception() {
        return exn;
    }

    public TagInstance tag() {
        return exn.tag();
    }

    /** The payload as raw slots. */
    public long[] payload() {
        return exn.payload();
    }

    public Store store() {
        return store;
    }

    @Override
    public String kind() {
        return "exception";
    }
}
