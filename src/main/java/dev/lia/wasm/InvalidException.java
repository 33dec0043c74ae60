package dev.lia.wasm;

/** The module is well-formed but does not validate. {@code offset} is the byte offset of the problem, or -1. */
public final class InvalidException extends ModuleException {
    public InvalidException(String message, int offset) {
        super(message, offset);
    }

    @Override
    public String kind() {
        return "invalid";
    }
}
