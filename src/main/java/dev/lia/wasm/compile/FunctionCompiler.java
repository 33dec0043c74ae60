package dev.lia.wasm.compile;

import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.wasm.syntax.BlockType;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Local;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Lowers one validated function body to internal code. Because the body is valid, the operand
 * stack height before every instruction is known statically; the compiler tracks it to turn each
 * branch into a jump plus (when needed) a move of the branch's values to the label's height.
 * Unreachable code is not emitted.
 */
final class FunctionCompiler {
    private final Module module;
    private final List<FuncType> funcTypes;
    private final int index;
    private final FunctionBody body;
    private final FuncType type;
    private final CodeBuffer out = new CodeBuffer();
    private final List<Frame> frames = new ArrayList<>();
    private int height;
    private int maxHeight;
    /** Nesting depth of blocks opened inside dead code, which are skipped whole. */
    private int deadDepth;

    private enum Kind { FUNC, BLOCK, LOOP, IF }

    /** A control frame: one open block, loop, if or the function body itself. */
    private static final class Frame {
        final Kind kind;
        final int base;
        final int params;
        final int results;
        final int start;
        final List<Integer> forwardPatches = new ArrayList<>();
        int elsePatch = -1;
        boolean unreachable;

        Frame(Kind kind, int base, int params, int results, int start) {
            this.kind = kind;
            this.base = base;
            this.params = params;
            this.results = results;
            this.start = start;
        }

        int labelArity() {
            return kind == Kind.LOOP ? params : results;
        }
    }

    FunctionCompiler(Module module, List<FuncType> funcTypes, int index, FunctionBody body) {
        this.module = module;
        this.funcTypes = funcTypes;
        this.index = index;
        this.body = body;
        this.type = funcTypes.get(index);
    }

    CompiledFunction compile() {
        ValType[] localTypes = localTypes();
        height = localTypes.length;
        maxHeight = height;
        frames.add(new Frame(Kind.FUNC, 0, 0, type.results().size(), 0));
        for (Instruction in : body.body().instructions()) {
            if (current().unreachable) skipDead(in);
            else lower(in);
        }
        out.mark(body.endOffset());
        for (int at : frames.get(0).forwardPatches) out.set(at, out.size()); // br_table entries that return
        out.emit(Op.RETURN);
        return new CompiledFunction(index, type, localTypes, out.code(), maxHeight, out.pcs(), out.offsets());
    }

    private ValType[] localTypes() {
        long declared = body.localCount();
        long total = type.params().size() + declared;
        if (total > Integer.MAX_VALUE - 1024) {
            throw new UnsupportedFeatureException("too many locals: " + total, body.offset());
        }
        ValType[] types = new ValType[(int) total];
        int i = 0;
        for (ValType p : type.params()) types[i++] = p;
        for (Local l : body.locals()) {
            for (long k = 0; k < l.count(); k++) types[i++] = l.type();
        }
        return types;
    }

    private Frame current() {
        return frames.get(frames.size() - 1);
    }

    private void push(int n) {
        height += n;
        if (height > maxHeight) maxHeight = height;
    }

    private void pop(int n) {
        height -= n;
    }

    /** Dead code is skipped up to the else or end that makes code reachable again. */
    private void skipDead(Instruction in) {
        switch (in.op) {
            case BLOCK, LOOP, IF -> deadDepth++;
            case ELSE -> {
                if (deadDepth == 0) lowerElse(in);
            }
            case END -> {
                if (deadDepth > 0) deadDepth--;
                else lowerEnd(in);
            }
            default -> { }
        }
    }

    private void lower(Instruction in) {
        Opcode op = in.op;
        out.mark(in.offset);
        if (op.isSimd()) {
            throw new UnsupportedFeatureException("SIMD instructions are not supported yet (" + op.text + ")", in.offset);
        }
        switch (op) {
            case UNREACHABLE -> {
                out.emit(Op.UNREACHABLE);
                current().unreachable = true;
            }
            case NOP -> { }
            case BLOCK, LOOP -> {
                int p = BlockType.params(in.a, module.types()).size();
                int r = BlockType.results(in.a, module.types()).size();
                frames.add(new Frame(op == Opcode.LOOP ? Kind.LOOP : Kind.BLOCK, height - p, p, r, out.size()));
            }
            case IF -> {
                pop(1);
                int p = BlockType.params(in.a, module.types()).size();
                int r = BlockType.results(in.a, module.types()).size();
                Frame f = new Frame(Kind.IF, height - p, p, r, out.size());
                out.emit(Op.BR_UNLESS, 0);
                f.elsePatch = out.size() - 1;
                frames.add(f);
            }
            case ELSE -> lowerElse(in);
            case END -> lowerEnd(in);
            case BR -> {
                branch((int) in.a);
                current().unreachable = true;
            }
            case BR_IF -> {
                pop(1);
                branchIf((int) in.a);
            }
            case BR_TABLE -> {
                pop(1);
                out.emit(Op.BR_TABLE, in.labels.length - 1);
                for (int depth : in.labels) tableEntry(depth);
                current().unreachable = true;
            }
            case RETURN -> {
                out.emit(Op.RETURN);
                current().unreachable = true;
            }
            case CALL -> {
                FuncType t = funcTypes.get((int) in.a);
                out.emit(Op.CALL, (int) in.a);
                pop(t.params().size());
                push(t.results().size());
            }
            case CALL_INDIRECT -> {
                FuncType t = module.types().get((int) in.a);
                out.emit(Op.CALL_INDIRECT, (int) in.a, (int) in.b);
                pop(1 + t.params().size());
                push(t.results().size());
            }
            case DROP -> {
                out.emit(Op.DROP);
                pop(1);
            }
            case SELECT, SELECT_T -> {
                out.emit(Op.SELECT);
                pop(2);
            }
            case LOCAL_GET -> {
                out.emit(Op.LOCAL_GET, (int) in.a);
                push(1);
            }
            case LOCAL_SET -> {
                out.emit(Op.LOCAL_SET, (int) in.a);
                pop(1);
            }
            case LOCAL_TEE -> out.emit(Op.LOCAL_TEE, (int) in.a);
            case GLOBAL_GET -> {
                out.emit(Op.GLOBAL_GET, (int) in.a);
                push(1);
            }
            case GLOBAL_SET -> {
                out.emit(Op.GLOBAL_SET, (int) in.a);
                pop(1);
            }
            case TABLE_GET -> out.emit(Op.TABLE_GET, (int) in.a);
            case TABLE_SET -> {
                out.emit(Op.TABLE_SET, (int) in.a);
                pop(2);
            }
            case I32_CONST, F32_CONST -> {
                out.emit(op.code, (int) in.a);
                push(1);
            }
            case I64_CONST, F64_CONST -> {
                out.emit(op.code, (int) in.a, (int) (in.a >>> 32));
                push(1);
            }
            case REF_NULL -> {
                out.emit(Op.REF_NULL);
                push(1);
            }
            case REF_IS_NULL -> out.emit(Op.REF_IS_NULL);
            case REF_FUNC -> {
                out.emit(Op.REF_FUNC, (int) in.a);
                push(1);
            }
            case MEMORY_INIT -> {
                out.emit(Op.MEMORY_INIT, (int) in.a);
                pop(3);
            }
            case DATA_DROP -> out.emit(Op.DATA_DROP, (int) in.a);
            case MEMORY_COPY -> {
                out.emit(Op.MEMORY_COPY);
                pop(3);
            }
            case MEMORY_FILL -> {
                out.emit(Op.MEMORY_FILL);
                pop(3);
            }
            case TABLE_INIT -> {
                out.emit(Op.TABLE_INIT, (int) in.a, (int) in.b);
                pop(3);
            }
            case ELEM_DROP -> out.emit(Op.ELEM_DROP, (int) in.a);
            case TABLE_COPY -> {
                out.emit(Op.TABLE_COPY, (int) in.a, (int) in.b);
                pop(3);
            }
            case TABLE_GROW -> {
                out.emit(Op.TABLE_GROW, (int) in.a);
                pop(1);
            }
            case TABLE_SIZE -> {
                out.emit(Op.TABLE_SIZE, (int) in.a);
                push(1);
            }
            case TABLE_FILL -> {
                out.emit(Op.TABLE_FILL, (int) in.a);
                pop(3);
            }
            default -> lowerSimple(in);
        }
    }

    /** Instructions with a fixed signature: numeric ops, loads, stores, memory.size/grow. */
    private void lowerSimple(Instruction in) {
        Opcode op = in.op;
        if (!op.hasSignature()) throw new IllegalStateException("no lowering for " + op.text);
        int code = op.code >= Opcode.PREFIX_FC ? Op.FC_BASE + (op.code - Opcode.PREFIX_FC) : op.code;
        out.emit(code);
        if (op.imm == Opcode.Imm.MEMARG) out.emit((int) in.b);
        pop(op.params.size());
        push(op.results.size());
    }

    private void lowerElse(Instruction in) {
        Frame f = current();
        if (!f.unreachable) {
            out.mark(in.offset);
            out.emit(Op.BR, 0);
            f.forwardPatches.add(out.size() - 1);
        }
        out.set(f.elsePatch, out.size());
        f.elsePatch = -1;
        f.unreachable = false;
        height = f.base + f.params;
    }

    private void lowerEnd(Instruction in) {
        Frame f = frames.remove(frames.size() - 1);
        int here = out.size();
        if (f.elsePatch >= 0) out.set(f.elsePatch, here);
        for (int at : f.forwardPatches) out.set(at, here);
        height = f.base + f.results;
        if (height > maxHeight) maxHeight = height;
    }

    private Frame label(int depth) {
        return frames.get(frames.size() - 1 - depth);
    }

    /** The jump target of a label, or -1 (patched later) for a forward one; records the patch site. */
    private int target(Frame f, int operandPosition) {
        if (f.kind == Kind.LOOP) return f.start;
        f.forwardPatches.add(operandPosition);
        return -1;
    }

    private void branch(int depth) {
        Frame f = label(depth);
        if (f.kind == Kind.FUNC) {
            out.emit(Op.RETURN);
            return;
        }
        int arity = f.labelArity();
        if (height - arity == f.base) {
            out.emit(Op.BR, 0);
            out.set(out.size() - 1, target(f, out.size() - 1));
        } else {
            out.emit(Op.BR_MOVE, 0, f.base, arity);
            out.set(out.size() - 3, target(f, out.size() - 3));
        }
    }

    private void branchIf(int depth) {
        Frame f = label(depth);
        if (f.kind == Kind.FUNC) {
            out.emit(Op.BR_IF_RETURN);
            return;
        }
        int arity = f.labelArity();
        if (height - arity == f.base) {
            out.emit(Op.BR_IF, 0);
            out.set(out.size() - 1, target(f, out.size() - 1));
        } else {
            out.emit(Op.BR_IF_MOVE, 0, f.base, arity);
            out.set(out.size() - 3, target(f, out.size() - 3));
        }
    }

    private void tableEntry(int depth) {
        Frame f = label(depth);
        // An entry for the function's label jumps, without moving anything, to the final RETURN.
        int base = f.kind == Kind.FUNC ? height - f.results : f.base;
        out.emit(0, base, f.labelArity());
        out.set(out.size() - 3, target(f, out.size() - 3));
    }
}
