package dev.lia.wasm;

/** The module is valid but uses a feature this engine does not run yet (e.g. SIMD). */
public final class UnsupportedFeatureException extends ModuleException {
    public UnsupportedFeatureException(String message, int offset) {
        super(message, offset);
    }

    @Override
    public String kind() {
        return "unsupported";
    }
}
