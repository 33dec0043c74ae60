package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.BlockType;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Local;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import dev.lia.wasm.types.Subtyping;

import java.util.List;

import static dev.lia.wasm.syntax.ValType.FUNCREF;
import static dev.lia.wasm.syntax.ValType.I32;

/**
 * The typing rule of every instruction, applied to a {@link TypeStack} one instruction at a time.
 * The validator drives it over a function body; a compiler can drive it the same way and read the
 * stack's height and operand types between steps.
 *
 * <p>Immediates (indices, alignment, lanes) are checked before operands, as the reference
 * interpreter does, so "unknown ..." wins over "type mismatch" when both apply.
 */
public final class InstructionTyper {
    private final ModuleContext ctx;
    private final Locals locals;
    private final List<ValType> results;
    private final TypeStack stack = new TypeStack();
    /** Parameters are always initialized; only declared locals are tracked. */
    private final long params;

    /** Starts typing the body of a function of type {@code type} with the given declared locals. */
    public InstructionTyper(ModuleContext ctx, FuncType type, List<Local> declared) {
        this.ctx = ctx;
        this.locals = new Locals(type.params(), declared);
        this.params = type.params().size();
        this.results = type.results();
        stack.types = ctx.defs();
        for (Local l : declared) ctx.checkType(l.type(), -1);
        stack.pushCtrl(Opcode.BLOCK, List.of(), results);
    }

    public TypeStack stack() {
        return stack;
    }

    public Locals locals() {
        return locals;
    }

    /** Checks the function's implicit final {@code end}, at byte offset {@code endOffset}. */
    public void finish(int endOffset) {
        stack.at = endOffset;
        if (stack.depth() != 1) throw new InvalidException("unclosed block at end of function", endOffset);
        stack.popCtrl();
    }

    /** Applies one instruction's typing rule. */
    public void step(Instruction ins) {
        stack.at = ins.offset;
        Opcode op = ins.op;
        if (op.hasSignature()) {
            checkImmediates(ins);
            if (!addresses64(ins)) {
                stack.popAll(op.params);
                stack.pushAll(op.results);
            } else {
                memory64(ins);
            }
            return;
        }
        switch (op) {
            case UNREACHABLE -> stack.unreachable();
            case NOP -> { }
            case BLOCK, LOOP -> enter(op, ins.a);
            case IF -> {
                if (!BlockType.isTypeIndex(ins.a)) ctx.checkType(BlockType.valType(ins.a), ins.offset); // before the operand
                stack.pop(I32);
                enter(op, ins.a);
            }
            case ELSE -> {
                if (stack.depth() < 2 || stack.top().opcode != Opcode.IF) throw invalid("else without if", ins);
                ControlFrame f = stack.popCtrl();
                stack.pushCtrl(Opcode.ELSE, f.startTypes, f.endTypes);
            }
            case END -> end(ins);
            case TRY_TABLE -> tryTable(ins);
            case THROW -> {
                popOperands(ctx.tag(ins.a, ins.offset).params());
                stack.unreachable();
            }
            case THROW_REF -> {
                stack.pop(ValType.EXNREF);
                stack.unreachable();
            }
            case BR -> {
                stack.popAll(stack.frame(ins.a).labelTypes());
                stack.unreachable();
            }
            case BR_IF -> {
                List<ValType> types = stack.frame(ins.a).labelTypes();
                stack.pop(I32);
                stack.popAll(types);
                stack.pushAll(types);
            }
            case BR_TABLE -> brTable(ins.labels);
            case RETURN -> {
                stack.popAll(results);
                stack.unreachable();
            }
            case CALL -> call(ctx.func(ins.a, ins.offset));
            case RETURN_CALL -> returnCall(ctx.func(ins.a, ins.offset));
            case RETURN_CALL_INDIRECT -> {
                TableType table = ctx.table(ins.b, ins.offset);
                FuncType type = ctx.type(ins.a, ins.offset);
                if (!ctx.matches(table.elemType(), FUNCREF)) throw stack.mismatch();
                stack.pop(table.indexType());
                returnCall(type);
            }
            case CALL_INDIRECT -> {
                TableType table = ctx.table(ins.b, ins.offset);
                FuncType type = ctx.type(ins.a, ins.offset);
                if (!ctx.matches(table.elemType(), FUNCREF)) throw stack.mismatch();
                stack.pop(table.indexType());
                call(type);
            }
            case CALL_REF -> {
                FuncType type = ctx.type(ins.a, ins.offset);
                stack.pop(ValType.ref(true, (int) ins.a));
                call(type);
            }
            case RETURN_CALL_REF -> {
                FuncType type = ctx.type(ins.a, ins.offset);
                stack.pop(ValType.ref(true, (int) ins.a));
                returnCall(type);
            }
            case DROP -> stack.pop();
            case SELECT -> select();
            case SELECT_T -> {
                if (ins.labels == null || ins.labels.length != 1) throw invalid("invalid result arity", ins);
                ValType t = ctx.checkType(ValType.fromId(ins.labels[0]), ins.offset);
                stack.pop(I32);
                stack.pop(t);
                stack.pop(t);
                stack.push(t);
            }
            case LOCAL_GET -> {
                ValType t = locals.type(ins.a, ins.offset);
                if (!t.defaultable() && ins.a >= params && !stack.isInitialized(ins.a)) throw invalid("uninitialized local", ins);
                stack.push(t);
            }
            case LOCAL_SET -> {
                ValType t = locals.type(ins.a, ins.offset);
                stack.pop(t);
                if (!t.defaultable()) stack.initialize(ins.a);
            }
            case LOCAL_TEE -> {
                ValType t = locals.type(ins.a, ins.offset);
                stack.pop(t);
                stack.push(t);
                if (!t.defaultable()) stack.initialize(ins.a);
            }
            case GLOBAL_GET -> stack.push(ctx.global(ins.a, ins.offset).type());
            case GLOBAL_SET -> {
                var g = ctx.global(ins.a, ins.offset);
                if (!g.mutable()) throw invalid("global is immutable", ins);
                stack.pop(g.type());
            }
            // indices and sizes have the table's index type (i64 for table64)
            case TABLE_GET -> {
                ValType t = tableType(ins.a, ins);
                stack.pop(indexType(ins.a, ins));
                stack.push(t);
            }
            case TABLE_SET -> {
                ValType t = tableType(ins.a, ins);
                stack.pop(t);
                stack.pop(indexType(ins.a, ins));
            }
            case TABLE_SIZE -> {
                tableType(ins.a, ins);
                stack.push(indexType(ins.a, ins));
            }
            case TABLE_GROW -> {
                ValType t = tableType(ins.a, ins);
                ValType at = indexType(ins.a, ins);
                stack.pop(at);
                stack.pop(t);
                stack.push(at);
            }
            case TABLE_FILL -> {
                ValType t = tableType(ins.a, ins);
                ValType at = indexType(ins.a, ins);
                stack.pop(at);
                stack.pop(t);
                stack.pop(at);
            }
            case TABLE_COPY -> { // a = destination, b = source
                if (!ctx.matches(tableType(ins.b, ins), tableType(ins.a, ins))) throw stack.mismatch();
                ValType dst = indexType(ins.a, ins);
                ValType src = indexType(ins.b, ins);
                stack.pop(dst == ValType.I64 && src == ValType.I64 ? ValType.I64 : I32);
                stack.pop(src);
                stack.pop(dst);
            }
            case TABLE_INIT -> { // a = element segment, b = table
                ValType t = tableType(ins.b, ins);
                if (!ctx.matches(ctx.elem(ins.a, ins.offset), t)) throw stack.mismatch();
                popI32s(2);
                stack.pop(indexType(ins.b, ins));
            }
            case ELEM_DROP -> ctx.elem(ins.a, ins.offset);
            case REF_NULL -> stack.push(refType(ins));
            case REF_IS_NULL -> {
                ValType t = stack.pop();
                if (t != null && !t.isRef()) throw stack.mismatch();
                stack.push(I32);
            }
            case REF_FUNC -> {
                ctx.func(ins.a, ins.offset);
                if (!ctx.declared(ins.a)) throw invalid("undeclared function reference", ins);
                stack.push(ValType.ref(false, ctx.funcTypeIndex(ins.a)));
            }
            case REF_EQ -> {
                stack.pop(ValType.EQREF);
                stack.pop(ValType.EQREF);
                stack.push(I32);
            }
            case REF_AS_NON_NULL -> {
                ValType t = popRef();
                stack.push(t == null ? null : t.withNullable(false));
            }
            case BR_ON_NULL -> {
                ValType t = popRef();
                List<ValType> label = stack.frame(ins.a).labelTypes();
                stack.popAll(label);
                stack.pushAll(label);
                stack.push(t == null ? null : t.withNullable(false));
            }
            case BR_ON_NON_NULL -> {
                ValType t = popRef();
                List<ValType> label = stack.frame(ins.a).labelTypes();
                if (label.isEmpty() || !label.get(label.size() - 1).isRef()) throw stack.mismatch();
                stack.push(t == null ? null : t.withNullable(false));
                stack.popAll(label);
                stack.pushAll(label.subList(0, label.size() - 1));
            }
            case REF_TEST, REF_TEST_NULL, REF_CAST, REF_CAST_NULL -> {
                int heap = checkHeap(ins.a, ins);
                boolean nullable = op == Opcode.REF_TEST_NULL || op == Opcode.REF_CAST_NULL;
                stack.pop(ValType.ref(true, Subtyping.top(heap, ctx.defs())));
                stack.push(op == Opcode.REF_TEST || op == Opcode.REF_TEST_NULL ? I32 : ValType.ref(nullable, heap));
            }
            case BR_ON_CAST, BR_ON_CAST_FAIL -> brOnCast(ins);
            case ANY_CONVERT_EXTERN -> {
                ValType t = stack.pop(ValType.EXTERNREF);
                stack.push(ValType.ref(t == null || t.nullable, ValType.ANY));
            }
            case EXTERN_CONVERT_ANY -> {
                ValType t = stack.pop(ValType.ANYREF);
                stack.push(ValType.ref(t == null || t.nullable, ValType.EXTERN));
            }
            case REF_I31 -> {
                stack.pop(I32);
                stack.push(ValType.ref(false, ValType.I31));
            }
            case I31_GET_S, I31_GET_U -> {
                stack.pop(ValType.I31REF);
                stack.push(I32);
            }
            default -> {
                if (!GcTyping.step(ctx, stack, ins)) throw invalid("unsupported instruction " + op.text, ins);
            }
        }
    }

    /** Pops a reference operand (of any reference type); null when Unknown. */
    private ValType popRef() {
        ValType t = stack.pop();
        if (t != null && !t.isRef()) throw stack.mismatch();
        return t;
    }

    private int checkHeap(long heap, Instruction ins) {
        if (heap >= 0) ctx.subType(heap, ins.offset);
        return (int) heap;
    }

    /**
     * br_on_cast l rt1 rt2 (and _fail): rt2 must match rt1; the label takes rt2 (for _fail: rt1 minus rt2),
     * the fallthrough keeps the other one.
     */
    private void brOnCast(Instruction ins) {
        int flags = ins.labels[0];
        ValType from = ValType.ref((flags & 1) != 0, checkHeap(ins.b, ins));
        ValType to = ValType.ref((flags & 2) != 0, checkHeap(ins.c, ins));
        if (!ctx.matches(to, from)) throw new InvalidException("type mismatch: br_on_cast's target type " + to + " does not match " + from, ins.offset);
        ValType diff = ValType.ref(from.nullable && !to.nullable, from.heap);
        boolean fail = ins.op == Opcode.BR_ON_CAST_FAIL;
        ValType onBranch = fail ? diff : to;
        ValType onFall = fail ? to : diff;
        stack.pop(from);
        List<ValType> label = stack.frame(ins.a).labelTypes();
        if (label.isEmpty()) throw stack.mismatch();
        if (!ctx.matches(onBranch, label.get(label.size() - 1))) throw stack.mismatch();
        List<ValType> rest = label.subList(0, label.size() - 1);
        stack.popAll(rest);
        stack.pushAll(rest);
        stack.push(onFall);
    }

    /** Immediates of fixed-signature instructions: memory, data and lane indices, alignment. */
    private void checkImmediates(Instruction ins) {
        switch (ins.op.imm) {
            case MEMARG -> memarg(ins);
            case MEMARG_LANE -> {
                memarg(ins);
                SimdImmediates.checkLanes(ins);
            }
            case MEM -> ctx.memory(ins.a, ins.offset);
            case MEMORY_COPY -> {
                ctx.memory(ins.a, ins.offset);
                ctx.memory(ins.b, ins.offset);
            }
            case MEMORY_INIT -> { // a = data segment, b = memory; the memory is checked first
                ctx.memory(ins.b, ins.offset);
                ctx.data(ins.a, ins.offset);
            }
            case DATA -> ctx.data(ins.a, ins.offset);
            case LANE, SHUFFLE -> SimdImmediates.checkLanes(ins);
            default -> { }
        }
    }

    /** The memory an instruction with a memory immediate addresses (for memory.copy the destination). */
    private long memoryIndex(Instruction ins) {
        return switch (ins.op.imm) {
            case MEMARG -> ins.c;
            case MEM, MEMORY_COPY -> ins.a;
            case MEMORY_INIT -> ins.b;
            case MEMARG_LANE -> dev.lia.wasm.syntax.LaneAccess.memory(ins);
            default -> 0;
        };
    }

    /** Whether a (validated-immediates) memory instruction addresses a memory with i64 addresses. */
    private boolean addresses64(Instruction ins) {
        return switch (ins.op.imm) {
            case MEMARG, MEMARG_LANE, MEM, MEMORY_INIT -> ctx.memory(memoryIndex(ins), ins.offset).is64();
            case MEMORY_COPY -> ctx.memory(ins.a, ins.offset).is64() || ctx.memory(ins.b, ins.offset).is64();
            default -> false;
        };
    }

    /**
     * Memory instructions on a memory with i64 addresses (memory64): addresses, sizes and page counts
     * are i64; memory.copy's count is i64 only when both memories are.
     */
    private void memory64(Instruction ins) {
        Opcode op = ins.op;
        switch (op) {
            case MEMORY_SIZE -> stack.push(ValType.I64);
            case MEMORY_GROW -> {
                stack.pop(ValType.I64);
                stack.push(ValType.I64);
            }
            case MEMORY_FILL -> {
                stack.pop(ValType.I64);
                stack.pop(I32);
                stack.pop(ValType.I64);
            }
            case MEMORY_INIT -> {
                stack.pop(I32);
                stack.pop(I32);
                stack.pop(ValType.I64);
            }
            case MEMORY_COPY -> {
                ValType dst = ctx.memory(ins.a, ins.offset).addressType();
                ValType src = ctx.memory(ins.b, ins.offset).addressType();
                stack.pop(dst == ValType.I64 && src == ValType.I64 ? ValType.I64 : I32);
                stack.pop(src);
                stack.pop(dst);
            }
            default -> { // loads and stores: the address is the first operand
                List<ValType> params = new java.util.ArrayList<>(op.params);
                params.set(0, ValType.I64);
                stack.popAll(params);
                stack.pushAll(op.results);
            }
        }
    }

    /**
     * The memory (index {@code c}; for SIMD lane accesses see {@link dev.lia.wasm.syntax.LaneAccess}) must exist, the alignment (a log2 in
     * {@code a}) must not exceed the access size, and the offset must fit the memory's address type.
     */
    private void memarg(Instruction ins) {
        MemoryType memory = ctx.memory(memoryIndex(ins), ins.offset);
        int size = ins.op.accessSize;
        if (ins.a < 0 || ins.a > 30 || (1L << ins.a) > size) {
            throw invalid("alignment must not be larger than natural", ins);
        }
        if (!memory.is64() && (ins.b >>> 32) != 0) throw invalid("offset out of range", ins);
    }

    private void enter(Opcode op, long blockType) {
        if (!BlockType.isTypeIndex(blockType)) ctx.checkType(BlockType.valType(blockType), stack.at);
        List<ValType> in = BlockType.params(checkBlockType(blockType), ctx.types());
        List<ValType> out = BlockType.results(blockType, ctx.types());
        stack.popAll(in);
        stack.pushCtrl(op, in, out);
    }

    private long checkBlockType(long blockType) {
        if (BlockType.isTypeIndex(blockType)) ctx.type(blockType, stack.at);
        else if (blockType != BlockType.EMPTY && BlockType.valType(blockType) == null) {
            throw new InvalidException("invalid block type", stack.at);
        }
        return blockType;
    }

    /** Pops an instruction's operands; a mismatch is reported as the reference interpreter words it. */
    private void popOperands(List<ValType> want) {
        int available = stack.height() - stack.top().height;
        StringBuilder have = new StringBuilder("[");
        for (int i = Math.min(available, want.size()) - 1; i >= 0; i--) {
            ValType t = stack.peek(i);
            have.append(have.length() > 1 ? " " : "").append(t == null ? "unknown" : t.text);
        }
        try {
            stack.popAll(want);
        } catch (InvalidException e) {
            StringBuilder need = new StringBuilder("[");
            for (ValType t : want) need.append(need.length() > 1 ? " " : "").append(t.text);
            throw new InvalidException("type mismatch: instruction requires " + need + "] but stack has " + have + "]", stack.at);
        }
    }

    /**
     * try_table: a block whose catch clauses name labels around it. A clause's values (the tag's
     * parameters, then an exnref for the _ref forms) must be what its label takes.
     */
    private void tryTable(Instruction ins) {
        checkBlockType(ins.a);
        int[] c = ins.labels;
        for (int k = 0; k < c.length; k += 3) {
            List<ValType> values = new java.util.ArrayList<>();
            if (c[k] < Opcode.CATCH_ALL) values.addAll(ctx.tag(Integer.toUnsignedLong(c[k + 1]), ins.offset).params());
            if (c[k] == Opcode.CATCH_REF || c[k] == Opcode.CATCH_ALL_REF) values.add(ValType.ref(false, ValType.EXN));
            List<ValType> label = stack.frame(Integer.toUnsignedLong(c[k + 2])).labelTypes();
            if (!matchAll(values, label)) {
                throw new InvalidException("type mismatch: catch clause gives " + values + ", its label takes " + label, ins.offset);
            }
        }
        enter(Opcode.BLOCK, ins.a);
    }

    private boolean matchAll(List<ValType> as, List<ValType> bs) {
        if (as.size() != bs.size()) return false;
        for (int i = 0; i < as.size(); i++) if (!ctx.matches(as.get(i), bs.get(i))) return false;
        return true;
    }

    private void end(Instruction ins) {
        if (stack.depth() < 2) throw invalid("unexpected end", ins);
        ControlFrame f = stack.popCtrl();
        if (f.opcode == Opcode.IF) {
            // No else: the implicit empty else must turn the params into the results.
            stack.pushCtrl(Opcode.ELSE, f.startTypes, f.endTypes);
            stack.popCtrl();
        }
        stack.pushAll(f.endTypes);
    }

    private void brTable(int[] labels) {
        for (int l : labels) stack.frame(Integer.toUnsignedLong(l));
        stack.pop(I32);
        List<ValType> fallback = stack.frame(Integer.toUnsignedLong(labels[labels.length - 1])).labelTypes();
        for (int i = 0; i < labels.length - 1; i++) {
            List<ValType> types = stack.frame(Integer.toUnsignedLong(labels[i])).labelTypes();
            if (types.size() != fallback.size()) throw stack.mismatch();
            // Each target must accept the operands; re-push what was popped so Unknowns stay Unknown.
            ValType[] popped = stack.popAll(types);
            for (ValType t : popped) stack.push(t);
        }
        stack.popAll(fallback);
        stack.unreachable();
    }

    private void call(FuncType type) {
        stack.popAll(type.params());
        stack.pushAll(type.results());
    }

    /** Tail calls: the callee's results must match this function's (3.0 tail calls). */
    private void returnCall(FuncType type) {
        if (type.results().size() != results.size()) throw stack.mismatch();
        for (int i = 0; i < results.size(); i++) if (!ctx.matches(type.results().get(i), results.get(i))) throw stack.mismatch();
        stack.popAll(type.params());
        stack.unreachable();
    }

    private void select() {
        stack.pop(I32);
        ValType t1 = stack.pop();
        ValType t2 = stack.pop();
        // Untyped select only takes numeric or vector operands; references need the typed form.
        boolean ok = (isNum(t1) && isNum(t2)) || (isVec(t1) && isVec(t2));
        if (!ok || (t1 != t2 && t1 != null && t2 != null)) throw stack.mismatch();
        stack.push(t1 == null ? t2 : t1);
    }

    private static boolean isNum(ValType t) {
        return t == null || t.isNum();
    }

    private static boolean isVec(ValType t) {
        return t == null || t == ValType.V128;
    }

    private ValType indexType(long index, Instruction ins) {
        return ctx.table(index, ins.offset).indexType();
    }

    private ValType tableType(long index, Instruction ins) {
        return ctx.table(index, ins.offset).elemType();
    }

    private ValType refType(Instruction ins) {
        return ValType.ref(true, checkHeap(ins.a, ins));
    }

    private void popI32s(int n) {
        for (int i = 0; i < n; i++) stack.pop(I32);
    }

    private static InvalidException invalid(String message, Instruction ins) {
        return new InvalidException(message, ins.offset);
    }
}
