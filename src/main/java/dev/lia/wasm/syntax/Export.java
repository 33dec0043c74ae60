package dev.lia.wasm.syntax;

/** An export: a name bound to an index in one of the module's index spaces. */
public record Export(String name, ExternKind kind, int index) {}
