package dev.lia.wasm.syntax;

/** How an element or data segment is used. */
public enum SegmentMode {
    /** Copied into a table or memory at instantiation, then dropped. */
    ACTIVE,
    /** Available to {@code table.init} / {@code memory.init} until dropped. */
    PASSIVE,
    /** Only declares functions referenced by {@code ref.func}; dropped at instantiation. */
    DECLARATIVE
}
