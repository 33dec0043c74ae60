package dev.lia.wasm.syntax;

/**
 * A linear memory's limits, in 64 KiB pages, and its address type: i32, or i64 when {@code is64}
 * (WebAssembly 3.0 memory64).
 */
public record MemoryType(SizeRange limits, boolean is64) {
    /** A memory with i32 addresses. */
    public MemoryType(SizeRange limits) {
        this(limits, false);
    }

    /** The value type of addresses (and of sizes and page counts): i32 or i64. */
    public ValType addressType() {
        return is64 ? ValType.I64 : ValType.I32;
    }
}
