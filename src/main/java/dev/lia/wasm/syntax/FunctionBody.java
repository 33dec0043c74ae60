package dev.lia.wasm.syntax;

import java.util.List;

/**
 * The code of one defined function: its declared locals (beyond the parameters) and body.
 * {@code offset} is the byte offset of the body's size field in the module; {@code endOffset} that of the final
 * {@code end} opcode.
 */
public record FunctionBody(List<Local> locals, Expr body, int offset, int endOffset) {
    public FunctionBody {
        locals = List.copyOf(locals);
    }

    /** Number of declared locals (not counting parameters). */
    public long localCount() {
        long n = 0;
        for (Local l : locals) n += l.count();
        return n;
    }
}
