package dev.lia.wasm.syntax;

/** An array type (GC): the type of its elements. */
public record ArrayType(FieldType element) implements CompType {}
