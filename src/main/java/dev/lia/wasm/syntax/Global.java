package dev.lia.wasm.syntax;

/** A global defined by the module, with its constant initializer. */
public record Global(GlobalType type, Expr init) {}
