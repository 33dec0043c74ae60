package dev.lia.wasm;

/**
 * An error about a module's bytes or structure, at a position in its binary: malformed, invalid,
 * over a limit, or using a feature this engine does not run.
 */
public abstract class ModuleException extends WasmException {
    private final int offset;

    protected ModuleException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** The byte offset in the module of the problem, or -1 when there is none (a text module, a whole-module check). */
    public int offset() {
        return offset;
    }
}
