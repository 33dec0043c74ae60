package dev.lia.wasm.syntax;

/** A linear memory's limits, in 64 KiB pages. */
public record MemoryType(SizeRange limits) {}
