package dev.lia.wasm.runtime;

import dev.lia.wasm.Trap;
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
    /** The {@code throw} or {@code throw_ref} that raised it, or null (a host raised it). */
    private final Trap.Frame thrownAt;

    /** An exception in flight for an exception object of {@code store} (its exnref, not null). */
    public ThrownException(Store store, long exnref) {
        this(store, exnref, store.exceptions().get(exnref), null);
    }

    private ThrownException(Store store, long exnref, ExceptionTable.Exn exn, Trap.Frame thrownAt) {
        super(null);
        this.store = store;
        this.exnref = exnref;
        this.exn = exn;
        this.thrownAt = thrownAt;
    }

    /** The same exception, raised by the wasm instruction at {@code site} (its {@code throw} or {@code throw_ref}). */
    public ThrownException raisedAt(Trap.Frame site) {
        return new ThrownException(store, exnref, exn, site);
    }

    /** A new exception object of {@code tag} with this payload (raw slots, a v128 taking two), in flight. */
    public ThrownException(Store store, TagInstance tag, long... payload) {
        this(store, store.exceptions().add(tag, payload));
    }

    /**
     * {@code uncaught exception of tag "oops" with payload [7 : i32, 2.5 : f64]}: what a host or script
     * reports when nothing caught it. Made when asked, since most exceptions are caught.
     */
    @Override
    public String getMessage() {
        String payload = PayloadText.format(exn.tag().type().params(), exn.payload());
        return "uncaught exception of " + exn.tag().name() + (payload.isEmpty() ? "" : " with payload [" + payload + "]");
    }

    /**
     * Where wasm raised it: the function and byte offset of its {@code throw} or {@code throw_ref}
     * (always interpreted code, so the same in every tier); null if a host function raised it.
     */
    public Trap.Frame thrownAt() {
        return thrownAt;
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
