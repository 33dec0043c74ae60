package dev.lia.wasm.syntax;

/** A run of {@code count} locals of one type, as the code section declares them. */
public record Local(long count, ValType type) {}
