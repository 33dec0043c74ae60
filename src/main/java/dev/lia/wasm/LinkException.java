package dev.lia.wasm;

/** The module's imports cannot be satisfied (the spec's "unlinkable"): unknown import, incompatible import type. */
public final class LinkException extends WasmException {
    public LinkException(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "unlinkable";
    }
}
