package dev.lia.wasm;

/** The bytes (or text) are not a well-formed module. {@code offset} is the byte offset of the problem, or -1. */
public final class MalformedException extends ModuleException {
    public MalformedException(String message, int offset) {
        super(message, offset);
    }

    @Override
    public String kind() {
        return "malformed";
    }
}
