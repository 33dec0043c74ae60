package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Local;

import java.util.List;

import static dev.lia.wasm.binary.ByteReader.malformed;

/** Decodes the code section: for each function its size, local declarations and body. */
final class CodeDecoder {
    /** A function may declare at most 2^32 - 1 locals in total. */
    private static final long MAX_LOCALS = 0xFFFF_FFFFL;

    private final ByteReader r;
    private final InstructionDecoder instructions;
    private final DecodeLimits limits;
    private long totalLocals;

    CodeDecoder(ByteReader r, DecodeLimits limits) {
        this.r = r;
        this.instructions = new InstructionDecoder(r);
        this.limits = limits;
    }

    /** Whether some body uses {@code memory.init} or {@code data.drop}, which need a data count section. */
    boolean usesDataIndex() {
        return instructions.usesDataIndex();
    }

    List<FunctionBody> bodies() {
        return r.vec(in -> body());
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
        List<Local> locals = r.vec(in -> {
            long count = in.u32();
            return new Local(count, TypeDecoder.valType(in));
        });
        long count = locals.stream().mapToLong(Local::count).sum();
        if (count > MAX_LOCALS) throw malformed("too many locals", at);
        // refused here, before the compiler sizes anything by the count
        if (count > limits.maxLocals()) throw DecodeLimits.exceeded("locals of a function", count, limits.maxLocals(), at);
        totalLocals += count;
        if (totalLocals > limits.maxTotalLocals()) {
            throw DecodeLimits.exceeded("locals of the module", totalLocals, limits.maxTotalLocals(), at);
        }
        return locals;
    }
}
