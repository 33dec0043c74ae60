package dev.lia.wasm.snapshot;

/** State of an instance that a module of its own cannot hold. */
public final class SnapshotException extends RuntimeException {
    public SnapshotException(String message) {
        super(message);
    }
}
