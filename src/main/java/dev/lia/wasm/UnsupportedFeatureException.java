package dev.lia.wasm;

/** The module is valid but uses what this engine does not run (e.g. more locals than it allocates). */
public final class UnsupportedFeatureException extends ModuleException {
    public UnsupportedFeatureException(String message, int offset) {
        super(message, offset);
    }

    @Override
    public String kind() {
        return "unsupported";
    }
}
