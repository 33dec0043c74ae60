package dev.lia.wasm.syntax;

/** A table's element reference type and limits. */
public record TableType(ValType elemType, SizeRange limits) {}
