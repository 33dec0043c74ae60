package dev.lia.wasm.text;

import dev.lia.wasm.MalformedException;
import dev.lia.wasm.WasmException;

/**
 * Text that is not well-formed WebAssembly text (or script) format. The message starts with the
 * specification's wording ("unexpected token", "unknown operator", "constant out of range", ...);
 * {@link #line()} and {@link #column()} (1-based) say where, once known.
 */
public final class TextFormatException extends WasmException {
    private final int position;
    private final int line;
    private final int column;

    /** An error at a code point index of the text; the reader turns it into a line and column. */
    public TextFormatException(String message, int position) {
        super(message);
        this.position = position;
        this.line = -1;
        this.column = -1;
    }

    public TextFormatException(String message, int position, int line, int column) {
        super(message);
        this.position = position;
        this.line = line;
        this.column = column;
    }

    /** The code point index in the text, or -1. */
    public int position() {
        return position;
    }

    /** 1-based line, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column (in code points), or -1 when unknown. */
    public int column() {
        return column;
    }

    /** {@code line:column: message}, or just the message when the place is unknown. */
    public String located() {
        return line > 0 ? line + ":" + column + ": " + getMessage() : getMessage();
    }

    /**
     * The same error as the binary side's exception type, for code that expects one (byte offset -1); the
     * place follows the message: {@code unknown operator foo (at 3:7)}.
     */
    public MalformedException toMalformed() {
        return new MalformedException(line > 0 ? getMessage() + " (at " + line + ":" + column + ")" : getMessage(), -1);
    }

    @Override
    public String kind() {
        return "malformed";
    }
}
