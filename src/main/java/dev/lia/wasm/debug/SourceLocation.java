package dev.lia.wasm.debug;

/** A position in a source file, from DWARF line tables: {@code file:line}. Column 0 means unknown. */
public record SourceLocation(String file, int line, int column) {
    /** The file's last path component. */
    public String fileName() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? file : file.substring(slash + 1);
    }

    /** {@code file:line}, with the file's name only. */
    public String shortText() {
        return fileName() + ":" + line;
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
