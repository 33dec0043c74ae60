package dev.lia.wasm.syntax;

/** An import: module and field name plus what is imported. */
public record Import(String module, String name, Desc desc) {

    /** What an import brings in. */
    public sealed interface Desc permits Func, Table, Memory, Global, Tag {
        ExternKind kind();
    }

    /** A function import of the given type index. */
    public record Func(int typeIndex) implements Desc {
        public ExternKind kind() { return ExternKind.FUNC; }
    }

    public record Table(TableType type) implements Desc {
        public ExternKind kind() { return ExternKind.TABLE; }
    }

    public record Memory(MemoryType type) implements Desc {
        public ExternKind kind() { return ExternKind.MEMORY; }
    }

    public record Global(GlobalType type) implements Desc {
        public ExternKind kind() { return ExternKind.GLOBAL; }
    }

    /** A tag import (exception handling) of the given type index, whose results must be empty. */
    public record Tag(int typeIndex) implements Desc {
        public ExternKind kind() { return ExternKind.TAG; }
    }

    public ExternKind kind() {
        return desc.kind();
    }
}
