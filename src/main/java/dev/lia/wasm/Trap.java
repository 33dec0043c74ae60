package dev.lia.wasm;

/** Execution trapped: the spec's message ("integer divide by zero", "out of bounds memory access", ...). */
public class Trap extends WasmException {
    public Trap(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "trap";
    }
}
