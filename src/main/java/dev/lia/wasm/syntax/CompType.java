package dev.lia.wasm.syntax;

/** A composite type, what a type definition defines (3.0): a function, struct or array type. */
public sealed interface CompType permits FuncType, StructType, ArrayType {}
