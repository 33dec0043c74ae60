package dev.lia.state;

/** A store could not be reached or did not do what was asked (not a conflict: see {@link SessionConflictException}). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
