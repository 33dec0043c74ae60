package dev.lia.wasm.syntax;

/** The kind of an import or export, with its binary code. */
public enum ExternKind {
    FUNC(0, "func"), TABLE(1, "table"), MEMORY(2, "memory"), GLOBAL(3, "global"), TAG(4, "tag");

    public final int code;
    public final String text;

    ExternKind(int code, String text) {
        this.code = code;
        this.text = text;
    }
}
