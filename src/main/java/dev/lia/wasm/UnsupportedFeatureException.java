package dev.lia.wasm;

/** The module is valid but uses a feature this engine does not run yet (e.g. SIMD). */
public final class UnsupportedFeatureException extends WasmException {
    private final int offset;

    public UnsupportedFeatureException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }

    @Override
    public String kind() {
        return "unsupported";
    }
}
