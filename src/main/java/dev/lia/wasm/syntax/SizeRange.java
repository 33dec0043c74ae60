package dev.lia.wasm.syntax;

/** Size limits of a memory (in pages) or table (in elements); {@code max < 0} means no maximum. */
public record SizeRange(long min, long max) {
    public static final long NO_MAX = -1;

    public boolean hasMax() {
        return max >= 0;
    }
}
