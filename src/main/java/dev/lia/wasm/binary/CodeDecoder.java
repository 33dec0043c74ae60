package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Local;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;

import static dev.lia.wasm.binary.ByteReader.malformed;

/** Decodes the code section: for each function its size, local declarations and body. */
final class CodeDecoder {
    /** A function may declare at most 2^32 - 1 locals in total. */
    private static final long MAX_LOCALS = 0xFFFF_FFFFL;

    private final ByteReader r;
    private final InstructionDecoder instructions;

    CodeDecoder(ByteReader r) {
        this.r = r;
        this.instructions = new InstructionDecoder(r);
    }

    /** Whether some body uses {@code memory.init} or {@code data.drop}, which need a data count section. */
    boolean usesDataIndex() {
        return instructions.usesDataIndex();
    }

    List<FunctionBody> bodies() {
        int n = r.length();
        List<FunctionBody> bodies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) bodies.add(body());
        return bodies;
    }

    private FunctionBody body() {
        int offset = r.pos();
        int size = r.length();
        int start = r.pos();
        List<Local> locals = locals();
        Expr body = instructions.expr();
        int endOffset = r.pos() - 1; // the final end is the single byte just consumed
        r.checkSize(start, size);
        return new FunctionBody(locals, body, offset, endOffset);
    }

    private List<Local> locals() {
        int at = r.pos();
        int runs = r.length();
        List<Local> locals = new ArrayList<>(runs);
        long total = 0;
        for (int i = 0; i < runs; i++) {
            long count = r.u32();
            ValType type = TypeDecoder.valType(r);
            total += count;
            locals.add(new Local(count, type));
        }
        if (total > MAX_LOCALS) throw malformed("too many locals", at);
        return locals;
    }
}
