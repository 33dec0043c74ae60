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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers one validated function body to register-style internal code (see {@link Op}).
 *
 * <p>Validation guarantees the operand stack height before every instruction, so each stack
 * height has a fixed slot, its <em>home</em>. The compiler keeps a virtual stack saying which
 * slot currently holds each operand: {@code local.get} and constants push a reference to the
 * local's or constant's slot and emit nothing; an instruction reads its operands from wherever
 * they are and writes its result home, or straight into a local when a {@code local.set}
 * follows. Before anything that leaves straight-line code (a branch, a label, a call) every
 * operand is copied home, so at those points the frame looks exactly like the WebAssembly
 * operand stack: that is what makes a suspended frame describable in the module's own terms.
 * Unreachable code is not emitted.
 *
 * <p>In <em>debug</em> mode ({@link ModuleCompiler#compile(Module, boolean)}) the code is plainer:
 * a {@link Op#STEP} precedes every instruction, every operand is home after every instruction (no
 * retargeting, no fused compares), so a debugger can stop before any instruction and read the
 * exact WebAssembly operand stack. Fuel is charged exactly as in the fast code, and both versions
 * mark the same instructions, so a frame can move between them by byte offset.
 */
final class FunctionCompiler {
    private final Module module;
    private final List<FuncType> funcTypes;
    private final int index;
    private final FunctionBody body;
    private final FuncType type;
    private final boolean debug;
    private final CodeBuffer out = new CodeBuffer();
    private final List<Frame> frames = new ArrayList<>();
    private final Map<Long, Integer> constantSlots = new HashMap<>();
    private final List<Long> constants = new ArrayList<>();

    private int localCount;
    /** First operand-stack slot: after the locals and the constants (known once all are collected). */
    private int operandBase;
    /** Virtual stack: the slot holding the operand at each height (heights count from 0). */
    private int[] stack = new int[16];
    private int height;
    private int maxHeight;
    /** Nesting depth of blocks opened inside dead code, which are skipped whole. */
    private int deadDepth;
    /** Code position of the destination operand of the last instruction, if it may be retargeted. */
    private int retargetable = -1;
    /** Where a compare removed by {@link #takeFusableCompare} had its operands: {a, b}, or {a} for eqz. */
    private int[] fusedOperands;
    /** The start of a loop whose first body instruction is still to come (it gets an {@link Op#LOOP}), or -1. */
    private int loopStart = -1;
    /** Instructions run since the last control transfer or label: the fuel the next one charges. */
    private int pendingCost;

    private enum Kind { FUNC, BLOCK, LOOP, IF }

    /** A control frame: one open block, loop, if, or the function body itself. */
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
        this(module, funcTypes, index, body, false);
    }

    FunctionCompiler(Module module, List<FuncType> funcTypes, int index, FunctionBody body, boolean debug) {
        this.debug = debug;
        this.module = module;
        this.funcTypes = funcTypes;
        this.index = index;
        this.body = body;
        this.type = funcTypes.get(index);
    }

    CompiledFunction compile() {
        ValType[] localTypes = localTypes();
        localCount = localTypes.length;
        collectConstants();
        operandBase = localCount + constants.size();
        frames.add(new Frame(Kind.FUNC, 0, 0, type.results().size(), 0));
        for (Instruction in : body.body().instructions()) {
            if (current().unreachable) skipDead(in);
            else lower(in);
        }
        out.mark(body.endOffset(), type.results().size());
        step();
        finalReturn();
        long[] constantValues = new long[constants.size()];
        for (int i = 0; i < constantValues.length; i++) constantValues[i] = constants.get(i);
        return new CompiledFunction(index, type, localTypes, constantValues, out.code(),
                operandBase + maxHeight, out.pcs(), out.offsets(), out.heights());
    }

    private ValType[] localTypes() {
        long total = type.params().size() + body.localCount();
        if (total > 50_000_000) throw new UnsupportedFeatureException("too many locals: " + total, body.offset());
        ValType[] types = new ValType[(int) total];
        int i = 0;
        for (ValType p : type.params()) types[i++] = p;
        for (Local l : body.locals()) {
            for (long k = 0; k < l.count(); k++) types[i++] = l.type();
        }
        return types;
    }

    /** Every constant gets one slot, shared by equal bit patterns. */
    private void collectConstants() {
        for (Instruction in : body.body().instructions()) {
            switch (in.op) {
                case I32_CONST, F32_CONST -> constantSlot((int) in.a);
                case I64_CONST, F64_CONST -> constantSlot(in.a);
                case REF_NULL -> constantSlot(0);
                default -> { }
            }
        }
    }

    private int constantSlot(long bits) {
        Integer slot = constantSlots.get(bits);
        if (slot == null) {
            slot = localCount + constants.size();
            constantSlots.put(bits, slot);
            constants.add(bits);
        }
        return slot;
    }

    private Frame current() {
        return frames.get(frames.size() - 1);
    }

    // ---- the virtual stack ----

    private int home(int h) {
        return operandBase + h;
    }

    private void push(int slot) {
        if (height == stack.length) stack = java.util.Arrays.copyOf(stack, height * 2);
        stack[height++] = slot;
        if (height > maxHeight) maxHeight = height;
    }

    private int pop() {
        return stack[--height];
    }

    /** Pushes a result that the last emitted instruction wrote home; it may be retargeted to a local. */
    private int pushResult() {
        int slot = home(height);
        push(slot);
        return slot;
    }

    /** Copies every operand that is not home there: the frame then matches the wasm operand stack. */
    private void materialize() {
        for (int h = 0; h < height; h++) {
            if (stack[h] != home(h)) {
                emit(Op.COPY, home(h), stack[h]);
                stack[h] = home(h);
            }
        }
    }

    /** Before local {@code slot} is overwritten, operands still reading it are copied home. */
    private void preserveLocal(int slot) {
        for (int h = 0; h < height; h++) {
            if (stack[h] == slot) {
                emit(Op.COPY, home(h), slot);
                stack[h] = home(h);
            }
        }
    }

    /** A jump target begins here: nothing before it may be retargeted. */
    private void label() {
        retargetable = -1;
    }

    // ---- emission ----

    private void emit(int op, int a) {
        out.emit(op, a);
        retargetable = -1;
    }

    private void emit(int op, int a, int b) {
        out.emit(op, a, b);
        retargetable = -1;
    }

    /** Emits {@code op d ...} whose destination {@code d} is the home of the next height. */
    private void emitWithResult(int op, int... sources) {
        out.emit(op);
        int dstAt = out.size();
        out.emit(home(height));
        for (int s : sources) out.emit(s);
        pushResult();
        retargetable = dstAt;
    }

    // ---- lowering ----

    /**
     * Dead code is skipped up to the else or end that makes code reachable again. That else or end
     * gets no offset mark: execution never stands before it (it is reached only through a branch,
     * which lands after it), and a mark there, with the dead code's stack height, would be the one
     * a stop at the join reports.
     */
    private void skipDead(Instruction in) {
        switch (in.op) {
            case BLOCK, LOOP, IF -> deadDepth++;
            case ELSE -> {
                if (deadDepth == 0) lowerElse(in);
            }
            case END -> {
                if (deadDepth > 0) deadDepth--;
                else lowerEnd();
            }
            default -> { }
        }
    }

    private void lower(Instruction in) {
        Opcode op = in.op;
        out.mark(in.offset, height);
        if (loopStart == out.size()) { // the first instruction of a loop body: its back edges land here
            emit0(Op.LOOP);
            loopStart = -1;
        }
        pendingCost++;
        if (op.isSimd()) {
            throw new UnsupportedFeatureException("SIMD instructions are not supported yet (" + op.text + ")", in.offset);
        }
        step();
        lowerOp(in, op);
        if (debug && !current().unreachable) {
            materialize(); // the next instruction's STEP sees the exact operand stack
            retargetable = -1;
        }
    }

    /** In debug code: the hook call before the instruction just marked. */
    private void step() {
        if (debug) {
            out.emit(Op.STEP, index, out.marks() - 1);
            retargetable = -1;
        }
    }

    private void lowerOp(Instruction in, Opcode op) {
        switch (op) {
            case UNREACHABLE -> {
                emit0(Op.UNREACHABLE);
                current().unreachable = true;
            }
            case NOP -> { }
            case BLOCK, LOOP -> {
                materialize();
                int p = BlockType.params(in.a, module.types()).size();
                int r = BlockType.results(in.a, module.types()).size();
                if (op == Opcode.LOOP) flushCost(); // the loop's start is a label: charge what ran before it
                label();
                frames.add(new Frame(op == Opcode.LOOP ? Kind.LOOP : Kind.BLOCK, height - p, p, r, out.size()));
                if (op == Opcode.LOOP && !debug) loopStart = out.size();
            }
            case IF -> {
                int compare = takeFusableCompare(in);
                int cond = pop();
                materialize();
                int p = BlockType.params(in.a, module.types()).size();
                int r = BlockType.results(in.a, module.types()).size();
                Frame f = new Frame(Kind.IF, height - p, p, r, out.size());
                emitConditional(compare, cond, true);
                f.elsePatch = out.size() - 1;
                frames.add(f);
            }
            case ELSE -> lowerElse(in);
            case END -> lowerEnd();
            case BR -> {
                materialize();
                branch(label((int) in.a), -1);
                current().unreachable = true;
            }
            case BR_IF -> {
                Frame target = label((int) in.a);
                boolean plain = target.kind != Kind.FUNC && height - 1 - target.labelArity() == target.base;
                int compare = plain ? takeFusableCompare(in) : -1;
                int cond = pop();
                materialize();
                if (compare >= 0) {
                    emitConditional(compare, cond, false);
                    patchTarget(target, out.size() - 1);
                } else {
                    branch(target, cond);
                }
            }
            case BR_TABLE -> {
                int index = pop();
                materialize();
                control(Op.BR_TABLE);
                out.emit(index, in.labels.length - 1);
                for (int depth : in.labels) tableEntry(label(depth));
                label();
                current().unreachable = true;
            }
            case RETURN -> {
                emitReturn();
                current().unreachable = true;
            }
            case CALL -> {
                FuncType t = funcTypes.get((int) in.a);
                materialize();
                int argBase = height - t.params().size();
                control(Op.CALL);
                out.emit((int) in.a);
                emit0(home(argBase));
                callResults(t, argBase);
            }
            case CALL_INDIRECT -> {
                FuncType t = module.types().get((int) in.a);
                int element = pop();
                materialize();
                int argBase = height - t.params().size();
                control(Op.CALL_INDIRECT);
                out.emit((int) in.a, (int) in.b, element);
                emit0(home(argBase));
                callResults(t, argBase);
            }
            case DROP -> pop();
            case SELECT, SELECT_T -> {
                int cond = pop();
                int b = pop();
                int a = pop();
                emitWithResult(Op.SELECT, a, b, cond);
            }
            case LOCAL_GET -> push((int) in.a);
            case LOCAL_SET -> setLocal((int) in.a, false);
            case LOCAL_TEE -> setLocal((int) in.a, true);
            case GLOBAL_GET -> emitWithResult(Op.GLOBAL_GET, (int) in.a);
            case GLOBAL_SET -> emit(Op.GLOBAL_SET, (int) in.a, pop());
            case TABLE_GET -> {
                int i = pop();
                emitWithResult(Op.TABLE_GET, (int) in.a, i);
            }
            case TABLE_SET -> {
                int value = pop();
                int i = pop();
                out.emit(Op.TABLE_SET, (int) in.a, i);
                emit0(value);
            }
            case I32_CONST, F32_CONST -> push(constantSlots.get((long) (int) in.a));
            case I64_CONST, F64_CONST -> push(constantSlots.get(in.a));
            case REF_NULL -> push(constantSlots.get(0L));
            case REF_IS_NULL -> emitWithResult(Op.REF_IS_NULL, pop());
            case REF_FUNC -> emitWithResult(Op.REF_FUNC, (int) in.a);
            case MEMORY_SIZE -> emitWithResult(Op.MEMORY_SIZE);
            case MEMORY_GROW -> emitWithResult(Op.MEMORY_GROW, pop());
            case MEMORY_INIT -> emitTernary(Op.MEMORY_INIT, (int) in.a);
            case DATA_DROP -> emit(Op.DATA_DROP, (int) in.a);
            case MEMORY_COPY -> emitTernary(Op.MEMORY_COPY);
            case MEMORY_FILL -> emitTernary(Op.MEMORY_FILL);
            case TABLE_INIT -> emitTernary(Op.TABLE_INIT, (int) in.a, (int) in.b);
            case ELEM_DROP -> emit(Op.ELEM_DROP, (int) in.a);
            case TABLE_COPY -> emitTernary(Op.TABLE_COPY, (int) in.a, (int) in.b);
            case TABLE_GROW -> {
                int n = pop();
                int init = pop();
                emitWithResult(Op.TABLE_GROW, (int) in.a, init, n);
            }
            case TABLE_SIZE -> emitWithResult(Op.TABLE_SIZE, (int) in.a);
            case TABLE_FILL -> emitTernary(Op.TABLE_FILL, (int) in.a);
            default -> lowerSimple(in);
        }
    }

    /**
     * If the branch condition on top was just computed by an i32 compare or eqz, removes that
     * instruction and returns its opcode (its operands go to {@link #fusedOperands}): the branch
     * will test the comparison itself. Otherwise returns -1.
     */
    private int takeFusableCompare(Instruction branch) {
        if (retargetable < 0 || stack[height - 1] != home(height - 1)) return -1;
        int start = retargetable - 1;
        int op = out.get(start);
        if (op < 0x45 || op > 0x4F || out.get(retargetable) != home(height - 1)) return -1;
        fusedOperands = op == 0x45 ? new int[] {out.get(start + 2)} : new int[] {out.get(start + 2), out.get(start + 3)};
        out.truncate(start);
        out.mark(branch.offset, height);
        retargetable = -1;
        return op;
    }

    /**
     * A conditional jump with its target left to patch (the last operand): taken when the condition
     * holds, or when it does not if {@code whenFalse}. {@code compare} is a fused compare or -1.
     */
    private void emitConditional(int compare, int cond, boolean whenFalse) {
        if (compare < 0) {
            control(whenFalse ? Op.BR_UNLESS : Op.BR_IF);
            emit(cond, 0);
        } else if (compare == 0x45) { // eqz: branch on the operand itself, the other way round
            control(whenFalse ? Op.BR_IF : Op.BR_UNLESS);
            emit(fusedOperands[0], 0);
        } else {
            control(Op.fusedBranch(compare, whenFalse));
            out.emit(fusedOperands[0], fusedOperands[1]);
            emit0(0);
        }
    }

    /** Emits a control transfer's opcode and its fuel cost: the instructions run since the last one. */
    private void control(int op) {
        out.emit(op, pendingCost);
        pendingCost = 0;
        retargetable = -1;
    }

    /** At a label that straight-line code falls into, charges that code with an explicit FUEL. */
    private void flushCost() {
        if (pendingCost > 0) emit(Op.FUEL, pendingCost);
        pendingCost = 0;
    }

    private void emit0(int v) {
        out.emit(v);
        retargetable = -1;
    }

    /** Bulk operations: {@code OP immediates... dst src n} popping three operands. */
    private void emitTernary(int op, int... immediates) {
        int n = pop();
        int src = pop();
        int dst = pop();
        out.emit(op);
        for (int imm : immediates) out.emit(imm);
        out.emit(dst, src, n);
        retargetable = -1;
    }

    /** Instructions with a fixed signature: numeric ops, loads, stores. */
    private void lowerSimple(Instruction in) {
        Opcode op = in.op;
        if (!op.hasSignature()) throw new IllegalStateException("no lowering for " + op.text);
        int code = op.code >= Opcode.PREFIX_FC ? Op.FC_BASE + (op.code - Opcode.PREFIX_FC) : op.code;
        if (op.imm == Opcode.Imm.MEMARG) {
            if (op.results.isEmpty()) { // a store
                int value = pop();
                int address = pop();
                out.emit(code, address, value);
                emit0((int) in.b);
            } else {
                emitWithResult(code, pop(), (int) in.b);
            }
        } else if (op.params.size() == 1) {
            emitWithResult(code, pop());
        } else {
            int b = pop();
            int a = pop();
            emitWithResult(code, a, b);
        }
    }

    private void setLocal(int local, boolean tee) {
        int src = stack[height - 1];
        if (!tee) height--;
        if (src == local) return; // local.set x of local.get x
        int top = home(height - (tee ? 1 : 0));
        // only if the last instruction emitted wrote this very slot: after a drop it wrote a dropped one
        boolean producedHere = src == top && retargetable >= 0 && out.get(retargetable) == top;
        // operands still reading the local's old value move home first (the tee'd value itself excepted)
        for (int h = 0; h < height - (tee ? 1 : 0); h++) {
            if (stack[h] == local) {
                emit(Op.COPY, home(h), local);
                stack[h] = home(h);
                producedHere = false;
            }
        }
        if (producedHere) {
            out.set(retargetable, local); // the producing instruction writes the local directly
            retargetable = -1;
        } else {
            emit(Op.COPY, local, src);
        }
        if (tee) stack[height - 1] = local;
    }

    private void callResults(FuncType t, int argBase) {
        height = argBase;
        for (int i = 0; i < t.results().size(); i++) pushResult();
        label(); // results are written by the callee, not by a retargetable instruction
    }

    private void emitReturn() {
        int n = type.results().size();
        if (n == 1) {
            control(Op.RETURN_ONE);
            emit0(stack[height - 1]);
        } else {
            materialize();
            control(Op.RETURN);
            emit(n, home(height - n));
        }
    }

    /**
     * The function's end. Branches to the function's label (from br_table) bring their results
     * to the first operand slots, so the return they land on reads from there.
     */
    private void finalReturn() {
        Frame fn = frames.get(0);
        boolean reachable = !fn.unreachable;
        if (fn.forwardPatches.isEmpty()) {
            if (reachable) emitReturn();
            return;
        }
        if (reachable) {
            materialize();
            flushCost();
        }
        label();
        for (int at : fn.forwardPatches) out.set(at, out.size());
        int n = type.results().size();
        control(n == 1 ? Op.RETURN_ONE : Op.RETURN);
        if (n == 1) emit0(home(0));
        else emit(n, home(0));
    }

    private void lowerElse(Instruction in) {
        Frame f = current();
        if (!f.unreachable) {
            materialize();
            control(Op.BR);
            emit0(0);
            f.forwardPatches.add(out.size() - 1);
        }
        out.set(f.elsePatch, out.size());
        f.elsePatch = -1;
        f.unreachable = false;
        pendingCost = 0; // the else branch starts a new straight-line run
        height = f.base + f.params;
        for (int h = 0; h < height; h++) stack[h] = home(h);
        label();
    }

    private void lowerEnd() {
        Frame f = frames.get(frames.size() - 1);
        if (f.kind == Kind.FUNC) return; // never reached: the body excludes the function's end
        if (!f.unreachable) {
            materialize();
            flushCost(); // the end is a label: charge the run that falls into it
        }
        pendingCost = 0;
        frames.remove(frames.size() - 1);
        int here = out.size();
        if (f.elsePatch >= 0) out.set(f.elsePatch, here);
        for (int at : f.forwardPatches) out.set(at, here);
        height = f.base + f.results;
        if (height > maxHeight) maxHeight = height;
        for (int h = 0; h < height; h++) stack[h] = home(h);
        label();
    }

    private Frame label(int depth) {
        return frames.get(frames.size() - 1 - depth);
    }

    /** Emits a branch (conditional when {@code cond >= 0}) to {@code f}'s label; operands are home. */
    private void branch(Frame f, int cond) {
        int arity = f.labelArity();
        if (f.kind == Kind.FUNC) {
            if (cond < 0) {
                emitReturn();
            } else {
                control(Op.BR_IF_RETURN);
                emit(cond, arity);
                emit0(home(height - arity));
            }
            return;
        }
        if (height - arity == f.base) {
            control(cond < 0 ? Op.BR : Op.BR_IF);
            if (cond < 0) out.emit(0);
            else out.emit(cond, 0);
            patchTarget(f, out.size() - 1);
        } else {
            control(cond < 0 ? Op.BR_MOVE : Op.BR_IF_MOVE);
            if (cond < 0) out.emit(0);
            else out.emit(cond, 0);
            int at = out.size() - 1;
            out.emit(home(f.base), home(height - arity), arity);
            patchTarget(f, at);
        }
        retargetable = -1;
    }

    private void tableEntry(Frame f) {
        int arity = f.labelArity();
        // The function's label is the final return, which reads the results from the first operand slots.
        out.emit(0, home(f.base), home(height - arity), arity);
        patchTarget(f, out.size() - 4);
    }

    /** Writes a loop's start now, or records a forward jump to patch at the label. */
    private void patchTarget(Frame f, int operandPosition) {
        if (f.kind == Kind.LOOP) out.set(operandPosition, f.start);
        else f.forwardPatches.add(operandPosition);
    }
}
