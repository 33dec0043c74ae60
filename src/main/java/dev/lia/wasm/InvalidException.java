package dev.lia.wasm;

/** The module is well-formed but does not validate. {@code offset} is the byte offset of the problem, or -1. */
public final class InvalidException extends WasmException {
    private final int offset;

    public InvalidException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }

    @Override
    public String kind() {
        return "invalid";
    }
}
