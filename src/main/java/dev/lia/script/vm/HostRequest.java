package dev.lia.script.vm;

import dev.lia.script.syntax.Type;
import java.util.List;

/**
 * Thrown by an {@link AnsweringHost} that needs something from outside before it can answer a call
 * (WASI's {@code fd_read} on stdin with no input buffered): the script blocks with the request
 * {@code name()} expecting values of the types {@code expects}, as for an {@code ext} request. The
 * host function must throw it before it changes anything; when the request is resolved the VM gives
 * the answer to {@link AnsweringHost#answer} and makes the same call again.
 */
public final class HostRequest extends RuntimeException {
    private final String request;
    private final List<Type> expects;

    public HostRequest(String request, List<Type> expects) {
        super("waiting for " + request, null, false, false);
        this.request = request;
        this.expects = List.copyOf(expects);
    }

    /** The request's name, as the blocked outcome shows it (e.g. {@code wasi.stdin}). */
    public String request() {
        return request;
    }

    /** The types the answer must have. */
    public List<Type> expects() {
        return expects;
    }
}
