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
    /** Whether memory 0 has i64 addresses (memory64): then it too goes through the MEM_* ops. */
    private final boolean memory0Is64;
    private final boolean debug;
    private final CodeBuffer out = new CodeBuffer();
    private final List<Frame> frames = new ArrayList<>();
    private final Map<Long, Integer> constantSlots = new HashMap<>();
    private final List<Long> constants = new ArrayList<>();

    private int localCount;
    /** Whether a v128 was ever on the operand stack. */
    private boolean vectors;
    private ValType[] localTypes;
    /** The first slot of each local when some local is a v128 (which takes two); null when slot = index. */
    private int[] localSlot;
    /** Per stack height: whether that slot is the high half of a v128 operand. */
    private boolean[] highHalf = new boolean[16];
    /** v128 constants (as low:high) and the first of their two slots. */
    private final Map<String, Integer> vectorSlots = new HashMap<>();
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
        List<ValType> paramTypes = List.of();
        List<ValType> resultTypes = List.of();
        final List<Integer> forwardPatches = new ArrayList<>();
        int elsePatch = -1;
        /** For a try_table: the position of its {@link Op#TRY}'s end operand, patched at its end; else -1. */
        int tryEndPatch = -1;
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
        this.memory0Is64 = memory0Is64(module);
    }

    CompiledFunction compile() {
        localTypes = localTypes();
        localCount = localTypes.length;
        collectConstants();
        operandBase = localCount + constants.size();
        Frame fn = new Frame(Kind.FUNC, 0, 0, type.resultSlots(), 0);
        fn.resultTypes = type.results();
        frames.add(fn);
        for (Instruction in : body.body().instructions()) {
            if (current().unreachable) skipDead(in);
            else lower(in);
        }
        out.mark(body.endOffset(), type.resultSlots());
        step();
        finalReturn();
        long[] constantValues = new long[constants.size()];
        for (int i = 0; i < constantValues.length; i++) constantValues[i] = constants.get(i);
        return new CompiledFunction(index, type, localTypes, constantValues, out.code(),
                operandBase + maxHeight, out.pcs(), out.offsets(), out.heights(), vectors);
    }

    private ValType[] localTypes() {
        long total = type.params().size() + body.localCount();
        if (total > 50_000_000) throw new UnsupportedFeatureException("too many locals: " + total, body.offset());
        long vectors = type.params().stream().filter(t -> t == ValType.V128).count();
        for (Local l : body.locals()) if (l.type() == ValType.V128) vectors += l.count();
        if (total + vectors > 50_000_000) throw new UnsupportedFeatureException("too many locals: " + total, body.offset());
        // one entry per slot: a v128 local has two, both V128
        ValType[] types = new ValType[(int) (total + vectors)];
        if (vectors > 0) localSlot = new int[(int) total];
        int i = 0;
        int local = 0;
        for (ValType p : type.params()) i = addLocal(types, i, local++, p);
        for (Local l : body.locals()) {
            for (long k = 0; k < l.count(); k++) i = addLocal(types, i, local++, l.type());
        }
        return types;
    }

    private int addLocal(ValType[] types, int slot, int local, ValType t) {
        if (localSlot != null) localSlot[local] = slot;
        types[slot++] = t;
        if (t == ValType.V128) types[slot++] = t;
        return slot;
    }

    private int slotOf(int local) {
        return localSlot == null ? local : localSlot[local];
    }

    private ValType localType(int local) {
        return localTypes[slotOf(local)];
    }

    private ValType globalType(int global) {
        int imported = 0;
        for (dev.lia.wasm.syntax.Import imp : module.imports()) {
            if (imp.desc() instanceof dev.lia.wasm.syntax.Import.Global g) {
                if (imported == global) return g.type().type();
                imported++;
            }
        }
        return module.globals().get(global - imported).type().type();
    }

    /** Every constant gets one slot, shared by equal bit patterns. */
    private void collectConstants() {
        for (Instruction in : body.body().instructions()) {
            switch (in.op) {
                case I32_CONST, F32_CONST -> constantSlot((int) in.a);
                case I64_CONST, F64_CONST -> constantSlot(in.a);
                case REF_NULL -> constantSlot(0);
                case V128_CONST -> vectorSlot(in.bytes);
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

    /** A v128 constant gets two consecutive slots, low half first, shared by equal constants. */
    private int vectorSlot(byte[] bytes) {
        long lo = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
        long hi = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(8);
        String key = lo + ":" + hi;
        Integer slot = vectorSlots.get(key);
        if (slot == null) {
            slot = localCount + constants.size();
            vectorSlots.put(key, slot);
            constants.add(lo);
            constants.add(hi);
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
        if (height == stack.length) {
            stack = java.util.Arrays.copyOf(stack, height * 2);
            highHalf = java.util.Arrays.copyOf(highHalf, height * 2);
        }
        highHalf[height] = false;
        stack[height++] = slot;
        if (height > maxHeight) maxHeight = height;
    }

    /** Pushes a v128 held in slots {@code slot} and {@code slot + 1}. */
    private void pushVector(int slot) {
        vectors = true;
        push(slot);
        push(slot + 1);
        highHalf[height - 1] = true;
    }

    /** Pushes a value of type {@code t} that is in slot {@code slot} (and the next, for a v128). */
    private void push(int slot, ValType t) {
        if (t == ValType.V128) pushVector(slot);
        else push(slot);
    }

    /** Whether the operand on top is a v128. */
    private boolean topIsVector() {
        return height > 0 && highHalf[height - 1];
    }

    /** Pops an operand of either width; returns its (first) slot. */
    private int popValue() {
        if (topIsVector()) height--;
        return stack[--height];
    }

    /** Marks the home slots from height {@code from} on as holding values of {@code types}. */
    private void homeTypes(int from, List<ValType> types) {
        int h = from;
        for (ValType t : types) {
            highHalf[h++] = false;
            if (t == ValType.V128) highHalf[h++] = true;
        }
    }

    private static int slots(List<ValType> types) {
        return FuncType.slots(types);
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
            case BLOCK, LOOP, IF, TRY_TABLE -> deadDepth++;
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
                List<ValType> pt = BlockType.params(in.a, module.types());
                List<ValType> rt = BlockType.results(in.a, module.types());
                int p = slots(pt);
                int r = slots(rt);
                if (op == Opcode.LOOP) flushCost(); // the loop's start is a label: charge what ran before it
                label();
                Frame f = new Frame(op == Opcode.LOOP ? Kind.LOOP : Kind.BLOCK, height - p, p, r, out.size());
                f.paramTypes = pt;
                f.resultTypes = rt;
                frames.add(f);
                if (op == Opcode.LOOP && !debug) loopStart = out.size();
            }
            case IF -> {
                int compare = takeFusableCompare(in);
                int cond = pop();
                materialize();
                List<ValType> pt = BlockType.params(in.a, module.types());
                List<ValType> rt = BlockType.results(in.a, module.types());
                int p = slots(pt);
                int r = slots(rt);
                Frame f = new Frame(Kind.IF, height - p, p, r, out.size());
                f.paramTypes = pt;
                f.resultTypes = rt;
                emitConditional(compare, cond, true);
                f.elsePatch = out.size() - 1;
                frames.add(f);
            }
            case TRY_TABLE -> lowerTryTable(in);
            case THROW -> {
                FuncType t = tagType((int) in.a);
                materialize();
                int argBase = height - t.paramSlots();
                control(Op.THROW);
                emit((int) in.a, home(argBase));
                current().unreachable = true;
            }
            case THROW_REF -> {
                int ref = pop();
                control(Op.THROW_REF);
                emit0(ref);
                current().unreachable = true;
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
            case CALL -> call(Op.CALL, in);
            case CALL_INDIRECT -> call(Op.CALL_INDIRECT, in);
            case RETURN_CALL, RETURN_CALL_INDIRECT -> {
                call(op == Opcode.RETURN_CALL ? Op.RETURN_CALL : Op.RETURN_CALL_INDIRECT, in);
                emitReturn(); // reached only when the callee was a host function
                current().unreachable = true;
            }
            // call_ref: call_indirect without a table, the reference on top where the element index would be
            case CALL_REF -> call(Op.CALL_INDIRECT, new Instruction(op, in.a, -1, 0, null, null, in.offset));
            case RETURN_CALL_REF -> {
                call(Op.RETURN_CALL_INDIRECT, new Instruction(op, in.a, -1, 0, null, null, in.offset));
                emitReturn();
                current().unreachable = true;
            }
            case REF_EQ -> {
                int b = pop();
                emitWithResult(Op.REF_EQ, pop(), b);
            }
            case REF_AS_NON_NULL -> emitWithResult(Op.REF_AS_NON_NULL, pop());
            case REF_I31 -> emitWithResult(Op.REF_I31, pop());
            case I31_GET_S, I31_GET_U -> emitWithResult(Op.I31_GET, pop(), op == Opcode.I31_GET_S ? 1 : 0);
            case ANY_CONVERT_EXTERN -> emitWithResult(Op.ANY_CONVERT_EXTERN, pop());
            case EXTERN_CONVERT_ANY -> emitWithResult(Op.EXTERN_CONVERT_ANY, pop());
            case REF_TEST, REF_TEST_NULL -> emitWithResult(Op.REF_TEST, pop(), (int) in.a, op == Opcode.REF_TEST_NULL ? 1 : 0);
            case REF_CAST, REF_CAST_NULL -> emitWithResult(Op.REF_CAST, pop(), (int) in.a, op == Opcode.REF_CAST_NULL ? 1 : 0);
            case STRUCT_NEW -> {
                int n = gcSlots((int) in.a);
                materialize();
                int base = height - n;
                height = base;
                emitWithResult(Op.STRUCT_NEW, (int) in.a, home(base));
            }
            case STRUCT_NEW_DEFAULT -> {
                gcFields((int) in.a);
                emitWithResult(Op.STRUCT_NEW_DEFAULT, (int) in.a);
            }
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                if (gcField((int) in.a, (int) in.b) == ValType.V128) {
                    int ref = pop();
                    emitPlain(Op.STRUCT_GET, home(height), ref, (int) in.a, (int) in.b, 0);
                    pushVector(home(height));
                } else {
                    emitWithResult(Op.STRUCT_GET, pop(), (int) in.a, (int) in.b, op == Opcode.STRUCT_GET_S ? 1 : 0);
                }
            }
            case STRUCT_SET -> {
                gcFields((int) in.a);
                int value = popValue();
                emitPlain(Op.STRUCT_SET, pop(), value, (int) in.a, (int) in.b);
            }
            case ARRAY_NEW -> {
                gcFields((int) in.a);
                int len = pop();
                emitWithResult(Op.ARRAY_NEW, (int) in.a, popValue(), len);
            }
            case ARRAY_NEW_DEFAULT -> {
                gcFields((int) in.a);
                emitWithResult(Op.ARRAY_NEW_DEFAULT, (int) in.a, pop());
            }
            case ARRAY_NEW_FIXED -> {
                int width = gcSlots((int) in.a);
                materialize();
                int base = height - (int) in.b * width;
                height = base;
                emitWithResult(Op.ARRAY_NEW_FIXED, (int) in.a, home(base), (int) in.b);
            }
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM -> {
                gcFields((int) in.a);
                int len = pop();
                emitWithResult(op == Opcode.ARRAY_NEW_DATA ? Op.ARRAY_NEW_DATA : Op.ARRAY_NEW_ELEM, (int) in.a, (int) in.b, pop(), len);
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                int index = pop();
                if (gcField((int) in.a, 0) == ValType.V128) {
                    int ref = pop();
                    emitPlain(Op.ARRAY_GET, home(height), ref, index, (int) in.a, 0);
                    pushVector(home(height));
                } else {
                    emitWithResult(Op.ARRAY_GET, pop(), index, (int) in.a, op == Opcode.ARRAY_GET_S ? 1 : 0);
                }
            }
            case ARRAY_SET -> {
                gcFields((int) in.a);
                int value = popValue();
                int index = pop();
                emitPlain(Op.ARRAY_SET, pop(), index, value, (int) in.a);
            }
            case ARRAY_LEN -> emitWithResult(Op.ARRAY_LEN, pop());
            case ARRAY_FILL -> {
                gcFields((int) in.a);
                int n = pop();
                int value = popValue();
                int offset = pop();
                emitPlain(Op.ARRAY_FILL, pop(), offset, value, n, (int) in.a);
            }
            case ARRAY_COPY -> {
                int n = pop();
                int srcOffset = pop();
                int src = pop();
                int dstOffset = pop();
                emitPlain(Op.ARRAY_COPY, pop(), dstOffset, src, srcOffset, n);
            }
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> {
                gcFields((int) in.a);
                int n = pop();
                int srcOffset = pop();
                int dstOffset = pop();
                emitPlain(op == Opcode.ARRAY_INIT_DATA ? Op.ARRAY_INIT_DATA : Op.ARRAY_INIT_ELEM, pop(), dstOffset, srcOffset, n,
                        (int) in.a, (int) in.b);
            }
            case BR_ON_NULL -> branchOnRef(in, Op.REF_IS_NULL, false);
            case BR_ON_NON_NULL -> branchOnRef(in, Op.REF_IS_NON_NULL, true);
            case BR_ON_CAST, BR_ON_CAST_FAIL -> branchOnRef(in, op == Opcode.BR_ON_CAST ? Op.REF_TEST : Op.REF_TEST_FAIL, true);
            case DROP -> popValue();
            case SELECT, SELECT_T -> {
                int cond = pop();
                if (topIsVector()) {
                    int b = popValue();
                    int a = popValue();
                    out.emit(Op.V128_SELECT, home(height), a, b);
                    emit0(cond);
                    pushVector(home(height));
                } else {
                    int b = pop();
                    int a = pop();
                    emitWithResult(Op.SELECT, a, b, cond);
                }
            }
            case LOCAL_GET -> push(slotOf((int) in.a), localType((int) in.a));
            case LOCAL_SET, LOCAL_TEE -> {
                int local = (int) in.a;
                boolean tee = op == Opcode.LOCAL_TEE;
                if (localType(local) == ValType.V128) {
                    int slot = slotOf(local);
                    setLocal(slot + 1, false);
                    setLocal(slot, false);
                    if (tee) pushVector(slot);
                } else {
                    setLocal(slotOf(local), tee);
                }
            }
            case GLOBAL_GET -> {
                if (globalType((int) in.a) == ValType.V128) {
                    emit(Op.V128_GLOBAL_GET, home(height), (int) in.a);
                    pushVector(home(height));
                } else {
                    emitWithResult(Op.GLOBAL_GET, (int) in.a);
                }
            }
            case GLOBAL_SET -> {
                if (globalType((int) in.a) == ValType.V128) emit(Op.V128_GLOBAL_SET, (int) in.a, popValue());
                else emit(Op.GLOBAL_SET, (int) in.a, pop());
            }
            case V128_CONST -> pushVector(vectorSlot(in.bytes));
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
            case MEMORY_SIZE -> {
                if (fastMemory(in.a)) emitWithResult(Op.MEMORY_SIZE);
                else emitWithResult(Op.MEM_SIZE, (int) in.a);
            }
            case MEMORY_GROW -> {
                if (fastMemory(in.a)) emitWithResult(Op.MEMORY_GROW, pop());
                else emitWithResult(Op.MEM_GROW, (int) in.a, pop());
            }
            case MEMORY_INIT -> {
                if (fastMemory(in.b)) emitTernary(Op.MEMORY_INIT, (int) in.a);
                else emitTernary(Op.MEM_INIT, (int) in.a, (int) in.b);
            }
            case DATA_DROP -> emit(Op.DATA_DROP, (int) in.a);
            case MEMORY_COPY -> {
                if (fastMemory(in.a) && fastMemory(in.b)) emitTernary(Op.MEMORY_COPY);
                else emitTernary(Op.MEM_COPY, (int) in.a, (int) in.b);
            }
            case MEMORY_FILL -> {
                if (fastMemory(in.a)) emitTernary(Op.MEMORY_FILL);
                else emitTernary(Op.MEM_FILL, (int) in.a);
            }
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
            default -> {
                if (op.isSimd()) lowerSimd(in);
                else lowerSimple(in);
            }
        }
    }

    /** A SIMD instruction: {@code OP [d] sources... immediates...} (see {@link Op}). */
    private void lowerSimd(Instruction in) {
        Opcode op = in.op;
        int n = op.params.size();
        int[] sources = new int[n];
        for (int i = n - 1; i >= 0; i--) sources[i] = popValue();
        out.emit(Op.simd(op));
        int d = home(height);
        if (!op.results.isEmpty()) out.emit(d);
        for (int src : sources) out.emit(src);
        switch (op.imm) {
            // any memory (multi-memory), 32- or 64-bit: the u64 offset as two ints (low half first), then the memory
            case MEMARG -> out.emit((int) in.b, (int) (in.b >>> 32), (int) in.c);
            case MEMARG_LANE -> {
                out.emit((int) in.b, (int) (in.b >>> 32), (int) dev.lia.wasm.syntax.LaneAccess.memory(in));
                out.emit(dev.lia.wasm.syntax.LaneAccess.lane(in));
            }
            case LANE -> out.emit((int) in.a);
            case SHUFFLE -> {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(in.bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < 4; i++) out.emit(b.getInt(4 * i));
            }
            default -> { }
        }
        retargetable = -1;
        if (!op.results.isEmpty()) push(d, op.results.get(0));
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

    /**
     * Whether memory {@code index} is memory 0 with 32-bit addresses, which the loop's own memory
     * ops serve; other memories go through the MEM_* ops.
     */
    private boolean fastMemory(long index) {
        return index == 0 && !memory0Is64;
    }

    private static boolean memory0Is64(Module module) {
        for (dev.lia.wasm.syntax.Import imp : module.imports()) {
            if (imp.desc() instanceof dev.lia.wasm.syntax.Import.Memory mem) return mem.type().is64();
        }
        return !module.memories().isEmpty() && module.memories().get(0).is64();
    }

    /** Instructions with a fixed signature: numeric ops, loads, stores. */
    private void lowerSimple(Instruction in) {
        Opcode op = in.op;
        if (!op.hasSignature()) throw new IllegalStateException("no lowering for " + op.text);
        int code = op.code >= Opcode.PREFIX_FC ? Op.FC_BASE + (op.code - Opcode.PREFIX_FC) : op.code;
        if (op.imm == Opcode.Imm.MEMARG && !fastMemory(in.c)) {
            if (op.results.isEmpty()) {
                int value = pop();
                int address = pop();
                out.emit(Op.MEM_STORE, code, (int) in.c, address);
                emit0(value);
            } else {
                emitWithResult(Op.MEM_LOAD, code, (int) in.c, pop());
            }
            out.emit((int) in.b, (int) (in.b >>> 32));
        } else if (op.imm == Opcode.Imm.MEMARG) {
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

    /**
     * br_on_null, br_on_non_null, br_on_cast(_fail): the test {@code testOp} of the reference on top goes to
     * a slot above it, then a conditional branch. The reference goes with the branch when {@code carried}
     * (it is the label's last value), else it is set aside for the branch and stays for the fallthrough
     * (br_on_null). On the fallthrough br_on_non_null drops it (it was null); the others keep it.
     */
    private void branchOnRef(Instruction in, int testOp, boolean carried) {
        int ref = stack[height - 1];
        if (testOp == Op.REF_TEST || testOp == Op.REF_TEST_FAIL) {
            int flags = in.labels[0];
            emitWithResult(testOp, ref, (int) in.c, (flags & 2) != 0 ? 1 : 0);
        } else {
            emitWithResult(testOp, ref);
        }
        int cond = pop();
        if (!carried) pop();
        materialize();
        branch(label((int) in.a), cond);
        if (!carried) push(ref);
        else if (in.op == Opcode.BR_ON_NON_NULL) pop();
        retargetable = -1;
    }

    /** The fields of struct type {@code type}, or the element of an array type. */
    private List<dev.lia.wasm.syntax.FieldType> gcFields(int type) {
        dev.lia.wasm.syntax.CompType c = module.typeSection().types().get(type).comp();
        return c instanceof dev.lia.wasm.syntax.StructType st ? st.fields() : List.of(((dev.lia.wasm.syntax.ArrayType) c).element());
    }

    /** The slots the fields of struct type {@code type} take as operands (one element's for an array): a v128 two. */
    private int gcSlots(int type) {
        int n = 0;
        for (dev.lia.wasm.syntax.FieldType f : gcFields(type)) n += f.packed() == 0 && f.type() == ValType.V128 ? 2 : 1;
        return n;
    }

    /** The value type field {@code field} of {@code type} unpacks to (V128 for a v128 one). */
    private ValType gcField(int type, int field) {
        dev.lia.wasm.syntax.FieldType f = gcFields(type).get(field);
        return f.packed() == 0 ? f.type() : ValType.I32;
    }

    /** Emits {@code op} and its operands, with no result. */
    private void emitPlain(int op, int... operands) {
        out.emit(op);
        for (int x : operands) out.emit(x);
        retargetable = -1;
    }

    /** A call op (direct ones are even: {@link Op#isCall}); the arguments are materialized first. */
    private void call(int callOp, Instruction in) {
        boolean direct = (callOp & 1) == 0;
        FuncType t = direct ? funcTypes.get((int) in.a) : module.types().get((int) in.a);
        int element = direct ? -1 : pop();
        materialize();
        int argBase = height - t.paramSlots();
        control(callOp);
        if (direct) out.emit((int) in.a);
        else out.emit((int) in.a, (int) in.b, element);
        emit0(home(argBase));
        callResults(t, argBase);
    }

    private void callResults(FuncType t, int argBase) {
        height = argBase;
        for (ValType r : t.results()) {
            pushResult();
            if (r == ValType.V128) {
                vectors = true;
                pushResult();
                highHalf[height - 1] = true;
            }
        }
        label(); // results are written by the callee, not by a retargetable instruction
    }

    private void emitReturn() {
        int n = type.resultSlots();
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
        int n = type.resultSlots();
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
        homeTypes(f.base, f.paramTypes);
        label();
    }

    /**
     * try_table: a block, preceded by a {@link Op#TRY} that lists its catch clauses. Their labels are those
     * around the try_table; each gets its target (patched like a branch's) and the slot its values go to.
     */
    private void lowerTryTable(Instruction in) {
        materialize();
        List<ValType> pt = BlockType.params(in.a, module.types());
        List<ValType> rt = BlockType.results(in.a, module.types());
        int p = slots(pt);
        int r = slots(rt);
        label();
        int n = in.labels.length / 3;
        out.emit(Op.TRY, n);
        int endPatch = out.size();
        out.emit(0);
        for (int k = 0; k < in.labels.length; k += 3) {
            Frame target = label(in.labels[k + 2]);
            out.emit(in.labels[k], in.labels[k + 1]);
            out.emit(0);
            patchTarget(target, out.size() - 1);
            out.emit(home(target.base));
        }
        retargetable = -1;
        Frame f = new Frame(Kind.BLOCK, height - p, p, r, out.size());
        f.paramTypes = pt;
        f.resultTypes = rt;
        f.tryEndPatch = endPatch;
        frames.add(f);
    }

    /** The type of tag {@code index} of the module's tag index space (imports first). */
    private FuncType tagType(int index) {
        int imported = 0;
        for (dev.lia.wasm.syntax.Import imp : module.imports()) {
            if (imp.desc() instanceof dev.lia.wasm.syntax.Import.Tag t) {
                if (imported == index) return module.types().get(t.typeIndex());
                imported++;
            }
        }
        return module.types().get(module.tags().get(index - imported));
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
        if (f.tryEndPatch >= 0) out.set(f.tryEndPatch, here);
        if (f.elsePatch >= 0) out.set(f.elsePatch, here);
        for (int at : f.forwardPatches) out.set(at, here);
        height = f.base + f.results;
        if (height > maxHeight) maxHeight = height;
        if (height > stack.length) {
            stack = java.util.Arrays.copyOf(stack, height * 2);
            highHalf = java.util.Arrays.copyOf(highHalf, height * 2);
        }
        for (int h = 0; h < height; h++) stack[h] = home(h);
        homeTypes(f.base, f.resultTypes);
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
