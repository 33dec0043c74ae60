package dev.lia.wasm;

/**
 * Base of every error the engine reports about a module or its execution. Messages start with the
 * specification's wording (the spec test suite compares by prefix).
 */
public abstract class WasmException extends RuntimeException {
    protected WasmException(String message) {
        super(message, null, false, false); // no stack trace: these are expected outcomes, not bugs
    }

    /** With {@code javaTrace}, the Java stack is recorded (traps: compiled code reads its positions from it). */
    protected WasmException(String message, boolean javaTrace) {
        super(message, null, false, javaTrace);
    }

    /** One word naming the kind of failure: malformed, invalid, unlinkable, trap. */
    public abstract String kind();
}
