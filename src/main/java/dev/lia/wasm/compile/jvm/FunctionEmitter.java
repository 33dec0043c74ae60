package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.Op;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import dev.lia.wasm.exec.Compiled;
import dev.lia.wasm.exec.CompiledCode;
import dev.lia.wasm.exec.RawMemOps;

/**
 * Turns one function's register code into a static JVM method, instruction by instruction: every
 * frame slot is a {@code long} JVM local, so the method computes exactly the interpreter's slot
 * values and can hand its frame back to the interpreter at any stop.
 *
 * <p>The method is {@code static long f<index>(Machine m, Instance inst, int fp, int depth, int room,
 * long fuel, int entry, long arg0, ...)} (see {@link #descriptor}): it runs the frame at {@code fp}
 * with the arguments as its first slots and returns the fuel left; a single result goes through
 * {@code Compiled.setResult}, more results into the value stack at {@code fp}. Fuel is charged where
 * the interpreter charges it. A stop (out of fuel; a callee that unwinds) writes the slots that hold
 * wasm values into the value stack through the spill chain, then the frame record, and throws or
 * rethrows {@code Unwind}. A nonzero {@code entry} is a loop start: the slots are read from the value
 * stack and the code continues there.
 */
final class FunctionEmitter implements Opcodes {
    static final String MACHINE = "dev/lia/wasm/exec/Machine";
    static final String INSTANCE = "dev/lia/wasm/runtime/Instance";
    static final String COMPILED = "dev/lia/wasm/exec/Compiled";
    static final String JIT_OPS = "dev/lia/wasm/exec/JitOps";
    static final String RAW_MEM_OPS = "dev/lia/wasm/exec/RawMemOps";
    static final String NUMERICS = "dev/lia/wasm/exec/Numerics";
    static final String TRAP = "dev/lia/wasm/Trap";
    static final String UNWIND = "dev/lia/wasm/exec/Unwind";
    static final String FUNCTION_INSTANCE = "dev/lia/wasm/runtime/FunctionInstance";
    /** The interpreter's way in ({@code e<index>}, the bridge): the arguments in the value stack. */
    static final String DESCRIPTOR = "(L" + MACHINE + ";L" + INSTANCE + ";IIIJI)J";
    /** Parameter slots past which a function is left to the interpreter (a JVM method takes 255 slots of parameters). */
    static final int MAX_PARAMS = 120;

    /**
     * A function's method: {@link #DESCRIPTOR}'s parameters, then one {@code long} per parameter slot
     * of the function, so that a call passes its arguments in JVM registers.
     */
    static String descriptor(int paramSlots) {
        return "(L" + MACHINE + ";L" + INSTANCE + ";IIIJI" + "J".repeat(paramSlots) + ")J";
    }

    // JVM locals: the fixed parameters, then two per frame slot (the wasm parameters first, passed
    // as the method's own), then the method's state (S, MEM, PC, EXC, numbered after the slots).
    private static final int M = 0, INST = 1, FP = 2, DEPTH = 3, ROOM = 4, FUEL = 5, ENTRY = 7, SLOT0 = 8;
    private final int S, MEM, PC, EXC, CALLEE, CALLEE_INDEX, NEXT;

    /** What the emitter needs to know of the other functions of the module. */
    interface Callees {
        /** The class holding function {@code index}'s method, or null if calls to it go through the machine. */
        String classOf(int index);

        CompiledFunction code(int index);

        int frameCost(int index);

        /** Parameter and result counts of type {@code typeIndex}. */
        int[] typeArity(int typeIndex);

        /** Parameter and result counts of function {@code index} (imports included). */
        int[] functionArity(int index);

        /** The class holding {@code i<params>}, the module's {@code call_indirect} switches (see {@link JvmTranslator}). */
        String indirectOwner();

        /** The locals function {@code index}'s method writes through to the value stack ({@link WriteThrough}). */
        java.util.BitSet writeThrough(int index);

        /** Whether memory 0 has 64-bit addresses (memory64): SIMD accesses to it then run the interpreter's code. */
        boolean memory0Is64();
    }

    private final CompiledFunction f;
    private final MethodVisitor mv;
    private final Callees callees;
    private final int[] code;
    private final int frameSize;
    private final Label[] at;
    private final Map<Integer, Label> stops = new LinkedHashMap<>();
    private final List<Runnable> late = new ArrayList<>();
    /** {@code chain[k]}: the spill chain's entry that writes slots {@code operandBase + k - 1} down (see {@link #emitSpill}). */
    private final Label[] chain;
    /** Where stops with a given operand-stack end join the chain (after taking the value stack). */
    private final Map<Integer, Label> stopEntries = new java.util.TreeMap<>();
    private final TreeSet<Integer> loopStarts = new TreeSet<>();
    /** The loop starts (where a stop may take a refill and go on, see {@link #refillAtLoop}). */
    private final java.util.BitSet loops = new java.util.BitSet();
    /** Locals written through to the value stack at every write, so that stops need not write them (see {@link WriteThrough}). */
    private final java.util.BitSet through;

    /**
     * Which entries a method has. A function whose method would be too large for HotSpot with both
     * kinds of entry is split into two methods with the same body: {@code f<index>} entered at the
     * start (it passes loop entries on), and {@code o<index>} entered at loop starts only.
     */
    enum Shape {
        /** {@code f<index>}: the start and every loop start. */
        WHOLE,
        /** {@code f<index>}: the start only (the interpreter keeps a frame it runs elsewhere). */
        START_ONLY,
        /** {@code f<index>}: the start; a loop entry goes to {@code o<index>}. */
        SPLIT_START,
        /** {@code o<index>}: the loop starts only. */
        SPLIT_LOOPS,
        /**
         * {@code f<index>} runs the body as regions, each a method of its own ({@code f<index>_<k>},
         * see {@link #region}); it is entered at the start and at every loop start.
         */
        REGIONS
    }

    /** The instructions compiled code runs through the interpreter's own code for them ({@code RareOps}); any other is not taken. */
    private static final java.util.Set<Integer> RARE = java.util.Set.of(Op.REF_IS_NULL, Op.REF_FUNC, Op.TABLE_GET, Op.TABLE_SET,
            Op.TABLE_SIZE, Op.TABLE_GROW, Op.TABLE_FILL, Op.TABLE_COPY, Op.TABLE_INIT, Op.ELEM_DROP, Op.MEMORY_INIT, Op.DATA_DROP,
            Op.MEMORY_COPY, Op.MEMORY_FILL);

    /** Whether the code has loads or stores (the only readers of {@code MEM}): a call's callee and caller skip taking the memory if not. */
    private final boolean accessesMemory;
    private final Shape shape;
    private final boolean loopEntries;
    /** A region's code range {@code [lo, hi)} (the whole code for a method of the whole body). */
    private int lo, hi;
    /** Whether this emits one region of a {@link Shape#REGIONS} function (see {@link #region}). */
    private boolean inRegion;
    /** A region's exits: the positions outside it that it branches or falls to, each with its label. */
    private final Map<Integer, Label> exits = new java.util.TreeMap<>();
    /** Where exits with a given operand-stack end join the spill chain. */
    private final Map<Integer, Label> exitEntries = new java.util.TreeMap<>();

    FunctionEmitter(CompiledFunction f, MethodVisitor mv, Callees callees, Shape shape) {
        this.through = callees.writeThrough(f.index());
        this.shape = shape;
        this.lo = 0;
        this.hi = f.code().length;
        this.loopEntries = shape == Shape.WHOLE || shape == Shape.SPLIT_LOOPS;
        this.f = f;
        this.mv = mv;
        this.callees = callees;
        this.code = f.code();
        this.frameSize = f.frameSize();
        this.at = new Label[code.length + 1];
        int state = SLOT0 + 2 * (frameSize - f.constants().length);
        this.S = state;
        this.MEM = state + 1;
        this.PC = state + 2;
        this.EXC = state + 3;
        this.CALLEE = state + 4;
        this.CALLEE_INDEX = state + 5;
        this.NEXT = state + 6;
        this.chain = new Label[frameSize - f.operandBase() + 1];
        boolean memory = false;
        for (int p = 0; p < code.length; p += 1 + Op.operandCount(code, p)) {
            if (code[p] == Op.LOOP) loops.set(p);
            if ((code[p] >= 0x28 && code[p] <= 0x3E) || SimdEmitter.accessesMemory(code[p])) memory = true;
        }
        this.accessesMemory = memory;
        for (int k = 0; k < chain.length; k++) chain[k] = new Label();
    }

    /** The most JVM locals a function's method uses. */
    static int maxLocals(CompiledFunction f) {
        return SLOT0 + 2 * f.frameSize() + 7;
    }

    /** Emits the method's code; returns the label after its last instruction (for its size). */
    Label emit() {
        Label bodyStart = new Label();
        Label bodyEnd = new Label();
        Label trapHandler = new Label();
        Label osr = new Label();
        mv.visitCode();
        mv.visitTryCatchBlock(bodyStart, bodyEnd, trapHandler, TRAP);
        // Prologue: to the entry asked for, the start (emitStart) or a loop start (emitOsr).
        for (int p = 0; p < code.length; p += 1 + Op.operandCount(code, p)) {
            if (code[p] == Op.LOOP && loopEntries) loopStarts.add(p);
        }
        if (f.paramCount() > MAX_PARAMS) throw new Untranslatable("more than " + MAX_PARAMS + " parameter slots");
        if (shape == Shape.SPLIT_LOOPS) {
            mv.visitJumpInsn(GOTO, osr);
        } else if (shape == Shape.SPLIT_START) {
            Label start = new Label();
            mv.visitVarInsn(ILOAD, ENTRY);
            mv.visitJumpInsn(IFEQ, start);
            pushFixed(mv, M, 0, true);
            for (int i = 0; i < f.paramCount(); i++) load(i);
            mv.visitMethodInsn(INVOKESTATIC, callees.classOf(f.index()), "o" + f.index(), descriptor(f.paramCount()), false);
            mv.visitInsn(LRETURN);
            mv.visitLabel(start);
        } else if (!loopStarts.isEmpty()) {
            mv.visitVarInsn(ILOAD, ENTRY);
            mv.visitJumpInsn(IFNE, osr);
        }
        Label slowEntry = new Label();
        Label prologue = new Label();
        mv.visitLabel(prologue);
        mv.visitLineNumber(Compiled.PROLOGUE_LINE, prologue); // a trap here is the caller's (see Compiled.trapped)
        if (shape != Shape.SPLIT_LOOPS) emitStart(slowEntry);
        mv.visitLabel(bodyStart);
        emitBody(bodyEnd);
        emitStops();
        if (!loopStarts.isEmpty()) emitOsr(osr);
        if (shape != Shape.SPLIT_LOOPS) emitSlowEntry(slowEntry);
        emitTrapHandler(trapHandler);
        return endMethod();
    }

    /** The instructions of {@code [lo, hi)}, then the code placed after them (taken branches, call handlers). */
    private void emitBody(Label bodyEnd) {
        for (int p = lo; p < hi; ) {
            mv.visitLabel(at(p));
            if (code[p] != Op.LOOP) mv.visitLineNumber(p + 1, at(p)); // LOOP emits nothing: the next instruction's line is the one its bytecode needs
            int next = p + 1 + Op.operandCount(code, p);
            instruction(p, next);
            p = next;
        }
        mv.visitLabel(at(hi));
        if (hi < code.length) {
            mv.visitJumpInsn(GOTO, jumpTarget(hi)); // a region falls into the next
        } else { // the register code ends with a return or a branch: this is never reached
            throwNew(mv, "java/lang/IllegalStateException", "ran off the end of function " + f.index());
        }
        mv.visitLabel(bodyEnd);
        for (int i = 0; i < late.size(); i++) late.get(i).run();
    }

    /** Out of fuel: each stop position records itself and joins the spill chain where its operand stack ends; so do a region's exits. */
    private void emitStops() {
        for (Map.Entry<Integer, Label> stop : stops.entrySet()) {
            mv.visitLabel(stop.getValue());
            int pc = stop.getKey();
            if (loops.get(pc)) refillAtLoop(pc);
            pushInt(stop.getKey()); // small: a function may have hundreds of stops
            mv.visitJumpInsn(GOTO, stopEntry(f.operandBase() + heightAt(stop.getKey())));
        }
        for (Map.Entry<Integer, Label> entry : stopEntries.entrySet()) {
            mv.visitLabel(entry.getValue());
            mv.visitVarInsn(ISTORE, PC);
            noUnwind();
            reloadStack();
            mv.visitJumpInsn(GOTO, spillFrom(entry.getKey()));
        }
        for (Map.Entry<Integer, Label> exit : exits.entrySet()) {
            mv.visitLabel(exit.getValue());
            pushInt(exit.getKey());
            mv.visitJumpInsn(GOTO, exitEntries.computeIfAbsent(f.operandBase() + heightAt(exit.getKey()), k -> new Label()));
        }
        for (Map.Entry<Integer, Label> entry : exitEntries.entrySet()) {
            mv.visitLabel(entry.getValue());
            mv.visitVarInsn(ISTORE, NEXT);
            reloadStack();
            mv.visitJumpInsn(GOTO, spillFrom(entry.getKey()));
        }
        emitSpill();
    }

    /**
     * Emits region {@code [lo, hi)} of a {@link Shape#REGIONS} function as {@code static long
     * f<index>_<k>(m, inst, fp, depth, room, fuel, pc)} ({@link #DESCRIPTOR}): for a function whose
     * method would be too large, the body is cut at positions where the frame holds exactly the wasm
     * operand stack, and each piece is a method. A region reads the frame's slots from the value stack
     * (where the function's start, the region before or the interpreter left them), continues at
     * {@code pc} (one of {@code entries}) and runs until it leaves its range: then it writes its slots
     * back as a stop would (the spill chain, entered at the operand stack's end at the target), sets
     * {@code Compiled.next} to the position it leaves for, or -1 when the function returned, and
     * returns the fuel left. Its stops, traps, calls and fuel are exactly those of the whole method;
     * it runs in the function's frame (the same {@code fp} and {@code depth}). Returns the label after
     * its last instruction (for its size).
     */
    Label region(int lo, int hi, int[] entries) {
        this.lo = lo;
        this.hi = hi;
        this.inRegion = true;
        Label bodyStart = new Label();
        Label bodyEnd = new Label();
        Label trapHandler = new Label();
        mv.visitCode();
        mv.visitTryCatchBlock(bodyStart, bodyEnd, trapHandler, TRAP);
        mv.visitInsn(ICONST_M1);
        mv.visitVarInsn(ISTORE, NEXT);
        enterFromStack(entries, "no entry of the region at that position");
        mv.visitLabel(bodyStart);
        emitBody(bodyEnd);
        emitStops();
        emitTrapHandler(trapHandler);
        return endMethod();
    }

    /**
     * Emits {@code f<index>} of a {@link Shape#REGIONS} function, whose regions start at
     * {@code bounds[k]} (the last bound is the code's end): the call's checks and the slots into the
     * value stack at the start (arguments, locals zero), then it runs region after region, each from
     * where the one before left, until one returns. Entered at a loop start, the slots are in the value
     * stack already. It has no handlers: its regions record the frame at stops and traps, and every
     * line of it is {@link Compiled#PROLOGUE_LINE}, so a trap's backtrace passes over it.
     */
    Label dispatcher(int[] bounds) {
        if (f.paramCount() > MAX_PARAMS) throw new Untranslatable("more than " + MAX_PARAMS + " parameter slots");
        mv.visitCode();
        Label prologue = new Label();
        mv.visitLabel(prologue);
        mv.visitLineNumber(Compiled.PROLOGUE_LINE, prologue);
        Label loop = new Label();
        Label after = new Label();
        Label slowEntry = new Label();
        mv.visitVarInsn(ILOAD, ENTRY); // from here on the position the next region starts at
        mv.visitJumpInsn(IFNE, loop);
        emitCallChecks(slowEntry);
        reloadStack();
        storeArguments(0, f.paramCount());
        int zeros = f.localCount() - f.paramCount();
        if (zeros > 0) {
            mv.visitVarInsn(ALOAD, S);
            stackIndex(f.paramCount());
            stackIndex(f.localCount());
            mv.visitInsn(LCONST_0);
            mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([JIIJ)V", false);
        }
        mv.visitLabel(loop);
        int n = bounds.length - 1;
        for (int k = 0; k < n; k++) {
            Label other = new Label();
            if (k < n - 1) {
                mv.visitVarInsn(ILOAD, ENTRY);
                pushInt(bounds[k + 1]);
                mv.visitJumpInsn(IF_ICMPGE, other);
            }
            pushFixed(mv, M, 0, true);
            mv.visitMethodInsn(INVOKESTATIC, callees.classOf(f.index()), regionName(f.index(), k), DESCRIPTOR, false);
            mv.visitJumpInsn(GOTO, after);
            mv.visitLabel(other);
        }
        mv.visitLabel(after);
        mv.visitVarInsn(LSTORE, FUEL);
        mv.visitVarInsn(ALOAD, M);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "next", "(L" + MACHINE + ";)I", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, ENTRY);
        mv.visitJumpInsn(IFGE, loop);
        mv.visitVarInsn(LLOAD, FUEL);
        mv.visitInsn(LRETURN);
        emitSlowEntry(slowEntry);
        return endMethod();
    }

    /** Ends the method; the returned label's offset is its size in bytes (what trials measure). */
    private Label endMethod() {
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return end;
    }

    /** The label of code position {@code p}, made when first asked for (most positions never are: only instruction starts). */
    private Label at(int p) {
        Label l = at[p];
        if (l == null) at[p] = l = new Label();
        return l;
    }

    /** After {@link #emit}: the bytecode offset of each code position (and of the code's end, last). */
    int[] offsets() {
        int[] o = new int[code.length + 1];
        int last = 0;
        for (int p = code.length; p >= 0; p--) { // positions inside an instruction take the next instruction's offset
            try {
                if (at[p] != null) last = at[p].getOffset();
            } catch (IllegalStateException notVisited) {
                // not an instruction start
            }
            o[p] = last;
        }
        return o;
    }

    /** The method of region {@code k} of function {@code index} (the name {@code Compiled.trapped} knows as the function's). */
    static String regionName(int index, int k) {
        return "f" + index + "_" + k;
    }

    /**
     * Entered at the start: the call's checks (outside the trap handler: a trap there is the
     * caller's), the slow way if the fuel is gone or the Java stack short, then the slots: the
     * arguments are the method's parameters, locals zero, constants pushed where read.
     */
    private void emitStart(Label slowEntry) {
        emitCallChecks(slowEntry);
        initState();
        for (int k = 0; k < f.paramCount(); k++) if (through.get(k)) storeToStack(k);
        for (int k = f.paramCount(); k < frameSize; k++) { // the parameters' slots are the method's own
            if (isConstant(k)) continue;
            mv.visitInsn(LCONST_0);
            store(k);
        }
    }

    /**
     * The call's checks at a method's start: to {@code slowEntry}, which makes the interpreter's
     * (call depth, value stack), if the Java stack is short or the fuel gone. Room left means both
     * limits are far ({@code Machine.compiledRoom}), so the common call reads no memory here.
     */
    private void emitCallChecks(Label slowEntry) {
        mv.visitVarInsn(ILOAD, ROOM);
        mv.visitJumpInsn(IFLT, slowEntry);
        jumpIfFuelGone(slowEntry);
    }

    /** Pushes {@code fp + frameSize}, the end of this function's frame in the value stack. */
    private void pushFrameEnd() {
        mv.visitVarInsn(ILOAD, FP);
        pushInt(frameSize);
        mv.visitInsn(IADD);
    }

    private void emitTrapHandler(Label trapHandler) {
        mv.visitLabel(trapHandler);
        mv.visitVarInsn(ALOAD, INST);
        pushInt(f.index());
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "trapped", "(L" + TRAP + ";L" + INSTANCE + ";I)L" + TRAP + ";", false);
        mv.visitInsn(ATHROW);
    }

    /** {@code if (fuel < 0) goto target}. */
    private void jumpIfFuelGone(Label target) {
        mv.visitVarInsn(LLOAD, FUEL);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLT, target);
    }

    /** A call that found the fuel gone or the Java stack short: the interpreter's checks, then the slow way, as the interpreter would call. */
    private void emitSlowEntry(Label slowEntry) {
        mv.visitLabel(slowEntry);
        mv.visitLineNumber(Compiled.PROLOGUE_LINE, slowEntry); // its traps are the caller's, or the interpreter's frames for this call
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ILOAD, DEPTH);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        pushFrameEnd();
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "prepareCall", "(L" + MACHINE + ";II)V", false);
        reloadStack();
        storeArguments(0, f.paramCount());
        pushFrameIdentity();
        mv.visitVarInsn(ILOAD, FP);
        mv.visitVarInsn(ILOAD, DEPTH);
        mv.visitVarInsn(ILOAD, ROOM);
        mv.visitVarInsn(LLOAD, FUEL);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "callSlow", "(L" + MACHINE + ";L" + INSTANCE + ";IIIIJ)J", false);
        if (f.resultCount() == 1) { // the interpreter left it in the value stack
            mv.visitVarInsn(ALOAD, M);
            mv.visitVarInsn(ILOAD, FP);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "resultFromStack", "(L" + MACHINE + ";I)V", false);
        }
        mv.visitInsn(LRETURN);
    }

    /** {@code EXC = (Unwind) null}: a stop of this frame's own, not a callee's unwind passing (typed, so frames merge). */
    private void noUnwind() {
        mv.visitInsn(ACONST_NULL);
        mv.visitTypeInsn(CHECKCAST, UNWIND);
        mv.visitVarInsn(ASTORE, EXC);
    }

    /** Memory, and the locals the stops use, defined on every path. */
    private void initState() {
        if (!through.isEmpty()) reloadStack(); // written through from the first store on
        reloadMemory();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, PC);
        noUnwind();
    }

    /**
     * The JVM local of frame slot {@code k}: two per slot, the constants left out (their slots are
     * never written, so {@link #load} pushes the value itself: smaller code, fewer locals).
     */
    private int slot(int k) {
        if (isConstant(k)) throw new IllegalStateException("constant slot " + k + " of function " + f.index() + " written");
        return SLOT0 + 2 * (k < f.localCount() ? k : k - f.constants().length);
    }

    private boolean isConstant(int k) {
        return k >= f.localCount() && k < f.localCount() + f.constants().length;
    }

    // ---- one instruction ----

    private void instruction(int p, int next) {
        int op = code[p];
        switch (op) {
            case Op.UNREACHABLE -> {
                mv.visitMethodInsn(INVOKESTATIC, COMPILED, "unreachable", "()L" + TRAP + ";", false);
                mv.visitInsn(ATHROW);
            }
            case Op.STEP -> throw new Untranslatable("debug code");
            case Op.LOOP -> { } // a label, and an entry (see emitOsr)
            case Op.BR -> {
                charge(code[p + 1]);
                branchTo(code[p + 1], code[p + 2]);
            }
            case Op.BR_MOVE -> {
                charge(code[p + 1]);
                move(code[p + 3], code[p + 4], code[p + 5]);
                branchTo(code[p + 1], code[p + 2]);
            }
            case Op.BR_IF, Op.BR_UNLESS -> {
                int cost = code[p + 1];
                charge(cost);
                loadInt(code[p + 2]);
                conditional(op == Op.BR_IF ? IFNE : IFEQ, cost, code[p + 3], next, null);
            }
            case Op.BR_IF_MOVE -> {
                int cost = code[p + 1];
                charge(cost);
                loadInt(code[p + 2]);
                int to = code[p + 4], from = code[p + 5], arity = code[p + 6];
                conditional(IFNE, cost, code[p + 3], next, () -> move(to, from, arity));
            }
            case Op.BR_IF_RETURN -> {
                charge(code[p + 1]);
                loadInt(code[p + 2]);
                Label notTaken = new Label();
                mv.visitJumpInsn(IFEQ, notTaken);
                returnSlots(code[p + 4], code[p + 3]);
                mv.visitLabel(notTaken);
                checkStop(code[p + 1], next);
            }
            case Op.COPY -> {
                load(code[p + 2]);
                store(code[p + 1]);
            }
            case Op.RETURN_ONE -> {
                charge(code[p + 1]);
                returnSlots(code[p + 2], 1);
            }
            case Op.RETURN -> {
                charge(code[p + 1]);
                returnSlots(code[p + 3], code[p + 2]);
            }
            case Op.FUEL -> {
                charge(code[p + 1]);
                checkStop(code[p + 1], next);
            }
            case Op.BR_TABLE -> brTable(p);
            case Op.CALL -> call(p, next);
            case Op.CALL_INDIRECT -> callIndirect(p, next); // call_ref too: table -1, the slot a funcref
            case Op.SELECT -> {
                Label other = new Label();
                Label done = new Label();
                loadInt(code[p + 4]);
                mv.visitJumpInsn(IFEQ, other);
                load(code[p + 2]);
                store(code[p + 1]);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(other);
                load(code[p + 3]);
                store(code[p + 1]);
                mv.visitLabel(done);
            }
            case Op.GLOBAL_GET -> {
                global(code[p + 2]);
                mv.visitMethodInsn(INVOKEVIRTUAL, "dev/lia/wasm/runtime/GlobalInstance", "get", "()J", false);
                store(code[p + 1]);
            }
            case Op.GLOBAL_SET -> {
                global(code[p + 1]);
                load(code[p + 2]);
                mv.visitMethodInsn(INVOKEVIRTUAL, "dev/lia/wasm/runtime/GlobalInstance", "set", "(J)V", false);
            }
            case Op.MEMORY_SIZE -> {
                mv.visitVarInsn(ALOAD, INST);
                mv.visitMethodInsn(INVOKESTATIC, COMPILED, "memorySize", "(L" + INSTANCE + ";)J", false);
                store(code[p + 1]);
            }
            case Op.MEMORY_GROW -> {
                mv.visitVarInsn(ALOAD, INST);
                load(code[p + 2]);
                mv.visitMethodInsn(INVOKESTATIC, COMPILED, "memoryGrow", "(L" + INSTANCE + ";J)J", false);
                store(code[p + 1]);
                reloadMemory();
            }
            default -> {
                if (op >= 0x28 && op <= 0x35) {
                    mv.visitVarInsn(ALOAD, MEM);
                    load(code[p + 2]);
                    if (RawMemOps.AVAILABLE) { // the offset with BASE added: see RawMemOps
                        pushLong((code[p + 3] & 0xFFFFFFFFL) + RawMemOps.BASE);
                        mv.visitMethodInsn(INVOKESTATIC, RAW_MEM_OPS, RawMemOps.method(op), "([BJJ)J", false);
                        long mask = RawMemOps.zeroExtend(op);
                        if (mask != 0) {
                            pushLong(mask);
                            mv.visitInsn(LAND);
                        }
                    } else {
                        pushLong(code[p + 3] & 0xFFFFFFFFL);
                        mv.visitMethodInsn(INVOKESTATIC, JIT_OPS, String.format("ld%02X", op), "([BJJ)J", false);
                    }
                    store(code[p + 1]);
                } else if (op >= 0x36 && op <= 0x3E) {
                    mv.visitVarInsn(ALOAD, MEM);
                    load(code[p + 1]);
                    if (RawMemOps.AVAILABLE) { // the offset first, with BASE added, and the value narrowed: see RawMemOps
                        pushLong((code[p + 3] & 0xFFFFFFFFL) + RawMemOps.BASE);
                        load(code[p + 2]);
                        String d = RawMemOps.storeDescriptor(op);
                        if (!d.equals("([BJJJ)V")) mv.visitInsn(L2I);
                        if (d.equals("([BJJB)V")) mv.visitInsn(I2B);
                        if (d.equals("([BJJS)V")) mv.visitInsn(I2S);
                        mv.visitMethodInsn(INVOKESTATIC, RAW_MEM_OPS, RawMemOps.method(op), d, false);
                    } else {
                        load(code[p + 2]);
                        pushLong(code[p + 3] & 0xFFFFFFFFL);
                        mv.visitMethodInsn(INVOKESTATIC, JIT_OPS, String.format("st%02X", op), "([BJJJ)V", false);
                    }
                } else if (op >= Op.BR_IF_I32_EQ && op <= Op.BR_IF_I32_GE_U) {
                    fusedBranch(p, next);
                } else if (JitOpsTable.arity(op) > 0) {
                    numeric(p, op);
                } else if (RARE.contains(op)) {
                    rare(p);
                } else if (Op.isSimd(op)) {
                    simd().emit(p);
                } else if (Op.isRef(op) || Op.isGc(op)) { // straight-line: no branch, no call (br_on_* are a test and a BR_IF)
                    int[][] slots = GcSlots.of(code, p, frameSize);
                    if (slots == null) rare(p);
                    else interpretOne(p, slots[0], slots[1]);
                } else if (op >= Op.MEM_BASE && op <= Op.MEM_END) {
                    memoryOp(p, op);
                } else {
                    throw new Untranslatable("internal opcode " + op);
                }
            }
        }
    }

    private void numeric(int p, int op) {
        int arity = JitOpsTable.arity(op);
        int inline = arity == 2 ? InlineOps.binary(op) : -1;
        if (inline >= 0) { // the JVM instruction itself: nothing for C1 to inline (see InlineOps)
            boolean narrow = InlineOps.isI32(op);
            if (narrow) loadInt(code[p + 2]);
            else load(code[p + 2]);
            if (narrow || InlineOps.isShift(op)) loadInt(code[p + 3]);
            else load(code[p + 3]);
            mv.visitInsn(inline);
            if (narrow) mv.visitInsn(I2L);
            store(code[p + 1]);
            return;
        }
        load(code[p + 2]);
        if (arity == 2) load(code[p + 3]);
        String numerics = InlineOps.numericsMethod(op);
        if (numerics != null) { // skips JitOps' wrapper, which would take C1's inlining budget too
            mv.visitMethodInsn(INVOKESTATIC, NUMERICS, numerics, "(JJ)J", false);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, JIT_OPS, String.format("op%02X", op), arity == 1 ? "(J)J" : "(JJ)J", false);
        }
        store(code[p + 1]);
    }

    /** Anything else runs through the interpreter's code for it, with the frame's slots in the value stack. */
    private void rare(int p) {
        reloadStack();
        for (int k = 0; k < frameSize; k++) storeToStack(k);
        pushFrameIdentity();
        pushInt(p);
        mv.visitVarInsn(ILOAD, FP);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "rare", "(L" + MACHINE + ";L" + INSTANCE + ";III)V", false);
        reloadStack();
        readSlots();
        reloadMemory();
    }

    private void fusedBranch(int p, int next) {
        int op = code[p];
        int cost = code[p + 1];
        charge(cost);
        boolean unsigned = op == 0xF5 || op == 0xF7 || op == 0xF9 || op == 0xFB;
        loadInt(code[p + 2]);
        loadInt(code[p + 3]);
        if (unsigned) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
        int jump = unsigned ? switch (op) {
            case 0xF5 -> IFLT;
            case 0xF7 -> IFGT;
            case 0xF9 -> IFLE;
            default -> IFGE;
        } : switch (op) {
            case 0xF2 -> IF_ICMPEQ;
            case 0xF3 -> IF_ICMPNE;
            case 0xF4 -> IF_ICMPLT;
            case 0xF6 -> IF_ICMPGT;
            case 0xF8 -> IF_ICMPLE;
            default -> IF_ICMPGE;
        };
        conditional(jump, cost, code[p + 4], next, null);
    }

    /**
     * A conditional branch whose test is on the operand stack ({@code jump} takes it): taken, it
     * runs {@code taken} (a move) and goes to {@code target}; not taken, it falls through to {@code next}.
     * Either way it stops first if the fuel ran out.
     */
    private void conditional(int jump, int cost, int target, int next, Runnable taken) {
        if (cost == 0 && taken == null) {
            mv.visitJumpInsn(jump, jumpTarget(target));
            return;
        }
        Label takenLabel = new Label();
        mv.visitJumpInsn(jump, takenLabel);
        checkStop(cost, next); // not taken: falls through to the next instruction
        late.add(() -> { // taken: out of line
            mv.visitLabel(takenLabel);
            if (taken != null) taken.run();
            branchTo(cost, target);
        });
    }

    private void brTable(int p) {
        int cost = code[p + 1];
        charge(cost);
        int n = code[p + 3];
        Label[] cases = new Label[n + 1];
        for (int e = 0; e <= n; e++) cases[e] = new Label();
        if (n > 0) {
            loadInt(code[p + 2]);
            Label[] table = new Label[n];
            System.arraycopy(cases, 0, table, 0, n);
            mv.visitTableSwitchInsn(0, n - 1, cases[n], table); // a negative index is out of range: the default, as unsigned
        }
        for (int e = 0; e <= n; e++) {
            int entry = p + 4 + 4 * e;
            mv.visitLabel(cases[e]);
            move(code[entry + 1], code[entry + 2], code[entry + 3]);
            branchTo(cost, code[entry]);
        }
    }

    private void call(int p, int next) {
        int cost = code[p + 1];
        int callee = code[p + 2];
        int argBase = code[p + 3];
        int[] arity = callees.functionArity(callee);
        line(next, new Label()); // during a call the interpreter stands after it
        charge(cost);
        String owner = callees.classOf(callee);
        if (owner == null) {
            reloadStack();
            storeArguments(argBase, arity[0]);
        }
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, UNWIND);
        mv.visitLabel(tryStart);
        if (owner != null) { // the callee's prologue makes the call's checks; the arguments go as the method's parameters
            mv.visitVarInsn(ALOAD, M);
            mv.visitVarInsn(ALOAD, INST);
            calleeFp(argBase);
            calleeDepth();
            mv.visitVarInsn(ILOAD, ROOM);
            pushInt(callees.frameCost(callee));
            mv.visitInsn(ISUB);
            mv.visitVarInsn(LLOAD, FUEL);
            mv.visitInsn(ICONST_0);
            for (int i = 0; i < arity[0]; i++) load(argBase + i);
            mv.visitMethodInsn(INVOKESTATIC, owner, "f" + callee, descriptor(arity[0]), false);
            mv.visitVarInsn(LSTORE, FUEL);
        } else {
            pushFrameIdentity();
            pushInt(next);
            mv.visitVarInsn(ILOAD, FP);
            pushInt(callee);
            calleeFp(argBase);
            calleeDepth();
            mv.visitVarInsn(ILOAD, ROOM);
            mv.visitVarInsn(LLOAD, FUEL);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "call", "(L" + MACHINE + ";L" + INSTANCE + ";IIIIIIIJ)J", false);
            mv.visitVarInsn(LSTORE, FUEL);
        }
        mv.visitLabel(tryEnd);
        afterCall(argBase, arity[1], next, handler, owner != null);
    }

    /**
     * {@code call_indirect}: the callee resolved with the interpreter's traps; a compiled function of
     * this instance is called through the module's switch on its index with the arguments as
     * parameters, anything else through {@code Compiled.dispatch} with them in the value stack.
     */
    private void callIndirect(int p, int next) {
        int cost = code[p + 1];
        int typeIndex = code[p + 2];
        int argBase = code[p + 5];
        int[] arity = callees.typeArity(typeIndex);
        charge(cost);
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ALOAD, INST);
        pushInt(typeIndex);
        pushInt(code[p + 3]);
        load(code[p + 4]);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "indirect", "(L" + MACHINE + ";L" + INSTANCE + ";IIJ)L" + FUNCTION_INSTANCE + ";", false);
        mv.visitVarInsn(ASTORE, CALLEE);
        line(next, new Label()); // resolved (its traps stand at the instruction), the call stands after it
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        Label slow = new Label();
        Label done = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, UNWIND);
        mv.visitLabel(tryStart);
        boolean fast = arity[0] <= MAX_PARAMS;
        if (fast) {
            mv.visitVarInsn(ALOAD, CALLEE);
            mv.visitVarInsn(ALOAD, INST);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "compiledIndex", "(L" + FUNCTION_INSTANCE + ";L" + INSTANCE + ";)I", false);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ISTORE, CALLEE_INDEX);
            mv.visitJumpInsn(IFLT, slow);
            mv.visitVarInsn(ILOAD, CALLEE_INDEX);
            mv.visitVarInsn(ALOAD, M);
            mv.visitVarInsn(ALOAD, INST);
            calleeFp(argBase);
            calleeDepth();
            mv.visitVarInsn(ILOAD, ROOM);
            mv.visitVarInsn(LLOAD, FUEL);
            for (int i = 0; i < arity[0]; i++) load(argBase + i);
            mv.visitMethodInsn(INVOKESTATIC, callees.indirectOwner(), "i" + arity[0], indirectDescriptor(arity[0]), false);
            mv.visitVarInsn(LSTORE, FUEL);
            mv.visitJumpInsn(GOTO, done);
        }
        mv.visitLabel(slow);
        reloadStack();
        storeArguments(argBase, arity[0]);
        mv.visitVarInsn(ALOAD, CALLEE);
        pushFrameIdentity();
        pushInt(next);
        mv.visitVarInsn(ILOAD, FP);
        calleeFp(argBase);
        calleeDepth();
        mv.visitVarInsn(ILOAD, ROOM);
        mv.visitVarInsn(LLOAD, FUEL);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "dispatch",
                "(L" + FUNCTION_INSTANCE + ";L" + MACHINE + ";L" + INSTANCE + ";IIIIIIJ)J", false);
        mv.visitVarInsn(LSTORE, FUEL);
        if (arity[1] == 1 && fast) { // to the direct calls' convention
            mv.visitVarInsn(ALOAD, M);
            calleeFp(argBase);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "resultFromStack", "(L" + MACHINE + ";I)V", false);
        }
        mv.visitLabel(done);
        mv.visitLabel(tryEnd);
        afterCall(argBase, arity[1], next, handler, fast);
    }

    /** {@code i<params>(index, m, inst, fp, depth, room, fuel, args...)}: calls compiled function {@code index} of the module. */
    static String indirectDescriptor(int paramSlots) {
        return "(IL" + MACHINE + ";L" + INSTANCE + ";IIIJ" + "J".repeat(paramSlots) + ")J";
    }

    /**
     * After a call: memory may have moved; the results come back (a compiled method's single result
     * through {@code Compiled.result}, others in the value stack); fuel may have run out.
     */
    private void afterCall(int argBase, int results, int next, Label handler, boolean direct) {
        reloadMemory();
        if (!through.isEmpty()) reloadStack(); // the callee may have grown it: writes through go to the new one
        if (direct && results == 1) {
            mv.visitVarInsn(ALOAD, M);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "result", "(L" + MACHINE + ";)J", false);
            mv.visitVarInsn(LSTORE, slot(argBase));
        } else if (results > 0) {
            reloadStack();
            for (int i = 0; i < results; i++) {
                loadFromStack(argBase + i);
                mv.visitVarInsn(LSTORE, slot(argBase + i));
            }
        }
        jumpIfFuelGone(stop(next));
        late.add(() -> { // a callee unwound: this frame writes its slots below the arguments and its record
            mv.visitLabel(handler);
            mv.visitVarInsn(ASTORE, EXC);
            pushInt(next);
            mv.visitVarInsn(ISTORE, PC);
            reloadStack(); // the callee may have grown it
            mv.visitJumpInsn(GOTO, spillFrom(argBase));
        });
    }

    private void storeArguments(int argBase, int count) {
        for (int i = 0; i < count; i++) storeToStack(argBase + i);
    }

    private void calleeFp(int argBase) {
        mv.visitVarInsn(ILOAD, FP);
        pushInt(argBase);
        mv.visitInsn(IADD);
    }

    private void calleeDepth() {
        mv.visitVarInsn(ILOAD, DEPTH);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
    }

    /** Returns: a single result through {@code Compiled.setResult}, others into the value stack at the frame. */
    private void returnSlots(int from, int count) {
        if (count == 1) {
            mv.visitVarInsn(ALOAD, M);
            load(from);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "setResult", "(L" + MACHINE + ";J)V", false);
            returnFuel(-1);
            return;
        }
        if (count > 0) reloadStack();
        for (int i = 0; i < count; i++) {
            mv.visitVarInsn(ALOAD, S);
            mv.visitVarInsn(ILOAD, FP);
            if (i > 0) {
                pushInt(i);
                mv.visitInsn(IADD);
            }
            load(from + i);
            mv.visitInsn(LASTORE);
        }
        returnFuel(-1);
    }

    /**
     * Returns the fuel left; a region first sets {@code Compiled.next}: where the function goes on
     * ({@code next}, from the local {@code NEXT} if {@code next} is -2), or -1 when it returned.
     */
    private void returnFuel(int next) {
        if (inRegion) {
            mv.visitVarInsn(ALOAD, M);
            if (next == -2) mv.visitVarInsn(ILOAD, NEXT);
            else pushInt(next);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "setNext", "(L" + MACHINE + ";I)V", false);
        }
        mv.visitVarInsn(LLOAD, FUEL);
        mv.visitInsn(LRETURN);
    }

    /** Where a branch to {@code target} goes: its instruction, or out of the region. */
    private Label jumpTarget(int target) {
        return target >= lo && target < hi ? at(target) : exits.computeIfAbsent(target, k -> new Label());
    }

    /** Copies {@code arity} slots from {@code from} to {@code to} as one move (overlap allowed). */
    private void move(int to, int from, int arity) {
        if (to == from) return;
        for (int i = 0; i < arity; i++) load(from + i);
        for (int i = arity - 1; i >= 0; i--) store(to + i);
    }

    // ---- fuel and stops ----

    private void charge(int cost) {
        if (cost == 0) return;
        mv.visitVarInsn(LLOAD, FUEL);
        pushLong(cost);
        mv.visitInsn(LSUB);
        mv.visitVarInsn(LSTORE, FUEL);
    }

    /**
     * Stops before {@code pc} if the fuel ran out. Fuel never runs out where nothing was charged
     * (it is non-negative between charges), so a zero cost needs no test.
     */
    private void checkStop(int cost, int pc) {
        if (cost == 0) return;
        jumpIfFuelGone(stop(pc));
    }

    private void branchTo(int cost, int target) {
        checkStop(cost, target);
        mv.visitJumpInsn(GOTO, jumpTarget(target));
    }

    private Label stopEntry(int upto) {
        return stopEntries.computeIfAbsent(upto, k -> new Label());
    }

    /** The spill chain's entry that writes slots {@code upto - 1} down to 0 (the value stack taken). */
    private Label spillFrom(int upto) {
        return chain[upto - f.operandBase()];
    }

    /**
     * The operand-stack height where the interpreter stands at {@code pc}; where no instruction
     * starts (a stop the interpreter cannot reach), the whole frame.
     */
    private int heightAt(int pc) {
        if (pc == 0) return 0;
        int h = f.heightIfStart(pc);
        return h >= 0 ? h : frameSize - f.operandBase();
    }

    private Label stop(int pc) {
        return stops.computeIfAbsent(pc, k -> new Label());
    }

    /**
     * Out of fuel before loop start {@code pc} (a back edge, where a fuel slice mostly ends): the
     * host may refill at once ({@code Compiled.refuel}), and the loop goes on in this method. Only
     * there, to keep methods small: a stop elsewhere unwinds first and the machine asks then.
     */
    private void refillAtLoop(int pc) {
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(LLOAD, FUEL);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "refuel", "(L" + MACHINE + ";J)J", false);
        mv.visitVarInsn(LSTORE, FUEL);
        if (!through.isEmpty()) reloadStack(); // the host's refill may have run code that grew it
        mv.visitVarInsn(LLOAD, FUEL);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGE, jumpTarget(pc)); // in a region, a loop start elsewhere is an exit
    }

    /**
     * The spill chain: entered at {@link #spillFrom}{@code (upto)}, it writes slots {@code upto-1 .. 0}
     * (the constants aside) into the value stack, then either records this frame as a caller and
     * rethrows the unwind in {@code EXC}, or stops out of fuel before {@code PC}. Each stop enters it
     * at a fixed point, the end of the operand stack there, so that HotSpot sees only the slots that
     * hold wasm values live at the stop: a slot above the operand stack is not part of the frame's
     * state (a saved state and the interpreter's restore skip it), and keeping it alive would give
     * every method the whole frame's register pressure.
     */
    private void emitSpill() {
        int base = f.operandBase();
        for (int k = frameSize; k > base; k--) {
            mv.visitLabel(chain[k - base]);
            storeToStack(k - 1);
        }
        mv.visitLabel(chain[0]);
        for (int k = f.localCount() - 1; k >= 0; k--) if (!through.get(k)) storeToStack(k);
        if (inRegion) { // leaving the region (not a stop): the slots are where the next region reads them
            Label stopping = new Label();
            mv.visitVarInsn(ILOAD, NEXT);
            mv.visitJumpInsn(IFLT, stopping);
            returnFuel(-2);
            mv.visitLabel(stopping);
        }
        if (f.constants().length > 0) {
            pushFrameIdentity();
            mv.visitVarInsn(ILOAD, FP);
            mv.visitMethodInsn(INVOKESTATIC, COMPILED, "spillConstants", "(L" + MACHINE + ";L" + INSTANCE + ";II)V", false);
        }
        Label fuelStop = new Label();
        mv.visitVarInsn(ALOAD, EXC);
        mv.visitJumpInsn(IFNULL, fuelStop);
        pushFrameIdentity();
        mv.visitVarInsn(ILOAD, PC);
        mv.visitVarInsn(ILOAD, FP);
        mv.visitVarInsn(ILOAD, DEPTH);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "saveCaller", "(L" + MACHINE + ";L" + INSTANCE + ";IIII)V", false);
        mv.visitVarInsn(ALOAD, EXC);
        mv.visitInsn(ATHROW);
        mv.visitLabel(fuelStop);
        pushFrameIdentity();
        mv.visitVarInsn(ILOAD, PC);
        mv.visitVarInsn(ILOAD, FP);
        mv.visitVarInsn(ILOAD, DEPTH);
        mv.visitVarInsn(LLOAD, FUEL);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "fuelStop", "(L" + MACHINE + ";L" + INSTANCE + ";IIIIJ)L" + UNWIND + ";", false);
        mv.visitInsn(ATHROW);
    }

    /** Continuing at a loop start: every slot comes from the value stack, where the interpreter left it. */
    private void emitOsr(Label osr) {
        mv.visitLabel(osr);
        enterFromStack(loopStarts.stream().mapToInt(Integer::intValue).toArray(), "no loop starts at the entry position");
    }

    /**
     * Entered with the frame in the value stack (a loop entry; a region's entry): the method's state,
     * every slot from the value stack, then on to position {@code ENTRY}, one of {@code positions}.
     */
    private void enterFromStack(int[] positions, String noSuchPosition) {
        initState();
        if (through.isEmpty()) reloadStack(); // else initState took it
        readSlots();
        Label[] targets = new Label[positions.length];
        for (int i = 0; i < positions.length; i++) targets[i] = at(positions[i]);
        Label bad = new Label();
        mv.visitVarInsn(ILOAD, ENTRY);
        mv.visitLookupSwitchInsn(bad, positions, targets);
        mv.visitLabel(bad);
        throwNew(mv, "java/lang/IllegalStateException", noSuchPosition);
    }

    /** Every slot but the constants from the value stack ({@code S} taken). */
    private void readSlots() {
        for (int k = 0; k < frameSize; k++) {
            if (isConstant(k)) continue;
            loadFromStack(k);
            mv.visitVarInsn(LSTORE, slot(k));
        }
    }

    // ---- SIMD (SimdEmitter) ----

    private SimdEmitter simd;

    private SimdEmitter simd() {
        if (simd == null) simd = new SimdEmitter(new SimdFrame(), code);
        return simd;
    }

    /** This method's slots and state, as {@link SimdEmitter} uses them. */
    private final class SimdFrame implements SimdEmitter.Frame {
        @Override
        public MethodVisitor mv() {
            return mv;
        }

        @Override
        public void load(int k) {
            FunctionEmitter.this.load(k);
        }

        @Override
        public void loadInt(int k) {
            FunctionEmitter.this.loadInt(k);
        }

        @Override
        public void store(int k) {
            FunctionEmitter.this.store(k);
        }

        @Override
        public void loadMemory() {
            mv.visitVarInsn(ALOAD, MEM);
        }

        @Override
        public void global(int index) {
            FunctionEmitter.this.global(index);
        }

        @Override
        public boolean memory0Is64() {
            return callees.memory0Is64();
        }

        @Override
        public void interpret(int p, int[] reads, int[] writes) {
            interpretOne(p, reads, writes);
        }
    }

    /**
     * A memory instruction on memory64 or a memory other than 0 ({@code Op.MEM_*}): the interpreter's
     * code for it, with its operand slots passed through the value stack (see the layouts in {@code Op}).
     */
    private void memoryOp(int p, int op) {
        int[] none = {};
        switch (op) {
            case Op.MEM_LOAD -> interpretOne(p, new int[] {code[p + 4]}, new int[] {code[p + 1]});
            case Op.MEM_STORE -> interpretOne(p, new int[] {code[p + 3], code[p + 4]}, none);
            case Op.MEM_SIZE -> interpretOne(p, none, new int[] {code[p + 1]});
            case Op.MEM_GROW -> {
                interpretOne(p, new int[] {code[p + 3]}, new int[] {code[p + 1]});
                reloadMemory(); // memory 0 itself may be a memory64 that grew
            }
            case Op.MEM_COPY, Op.MEM_INIT -> interpretOne(p, new int[] {code[p + 3], code[p + 4], code[p + 5]}, none);
            case Op.MEM_FILL -> interpretOne(p, new int[] {code[p + 2], code[p + 3], code[p + 4]}, none);
            default -> throw new Untranslatable("internal opcode " + op);
        }
    }

    /**
     * The instruction at {@code p} through the interpreter's code for it, as {@link #rare} but with
     * only slots {@code reads} written to the value stack and {@code writes} read back (a constant
     * slot among those is never written: it is skipped).
     */
    private void interpretOne(int p, int[] reads, int[] writes) {
        reloadStack();
        for (int k : reads) storeToStack(k);
        pushFrameIdentity();
        pushInt(p);
        mv.visitVarInsn(ILOAD, FP);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "rare", "(L" + MACHINE + ";L" + INSTANCE + ";III)V", false);
        for (int k : writes) {
            if (isConstant(k)) continue;
            loadFromStack(k);
            store(k);
        }
    }

    // ---- small pieces ----

    /** Pushes the machine, the instance and this function's index: how every call out of the method begins. */
    private void pushFrameIdentity() {
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ALOAD, INST);
        pushInt(f.index());
    }

    /**
     * Pushes a method's fixed parameters ({@code m, inst, fp, depth, room, fuel, entry}) from JVM locals
     * laid out the same way from {@code first}: {@code room} less {@code roomCost}, and {@code entry}
     * from local {@code first + 7}, or 0 (the start) if {@code entryFromLocal} is false.
     */
    static void pushFixed(MethodVisitor mv, int first, int roomCost, boolean entryFromLocal) {
        mv.visitVarInsn(ALOAD, first);
        mv.visitVarInsn(ALOAD, first + 1);
        mv.visitVarInsn(ILOAD, first + 2);
        mv.visitVarInsn(ILOAD, first + 3);
        mv.visitVarInsn(ILOAD, first + 4);
        if (roomCost != 0) {
            mv.visitLdcInsn(roomCost);
            mv.visitInsn(ISUB);
        }
        mv.visitVarInsn(LLOAD, first + 5);
        if (entryFromLocal) mv.visitVarInsn(ILOAD, first + 7);
        else mv.visitInsn(ICONST_0);
    }

    /** Emits {@code throw new TYPE(message)} (an exception type with a String constructor). */
    static void throwNew(MethodVisitor mv, String type, String message) {
        mv.visitTypeInsn(NEW, type);
        mv.visitInsn(DUP);
        mv.visitLdcInsn(message);
        mv.visitMethodInsn(INVOKESPECIAL, type, "<init>", "(Ljava/lang/String;)V", false);
        mv.visitInsn(ATHROW);
    }

    private void load(int k) {
        if (isConstant(k)) pushLong(f.constants()[k - f.localCount()]);
        else mv.visitVarInsn(LLOAD, slot(k));
    }

    /** Pushes slot {@code k}'s low 32 bits as an int (a constant as the int itself: fewer bytes than {@code ldc2_w}, {@code l2i}). */
    private void loadInt(int k) {
        if (isConstant(k)) {
            pushInt((int) f.constants()[k - f.localCount()]);
        } else {
            mv.visitVarInsn(LLOAD, slot(k));
            mv.visitInsn(L2I);
        }
    }

    private void store(int k) {
        mv.visitVarInsn(LSTORE, slot(k));
        if (through.get(k)) storeToStack(k);
    }

    /** From here on, the Java stack shows code position {@code pc} for this method (line pc + 1). */
    private void line(int pc, Label here) {
        mv.visitLabel(here);
        mv.visitLineNumber(pc + 1, here);
    }

    private void global(int index) {
        mv.visitVarInsn(ALOAD, INST);
        pushInt(index);
        mv.visitMethodInsn(INVOKEVIRTUAL, INSTANCE, "global", "(I)Ldev/lia/wasm/runtime/GlobalInstance;", false);
    }

    /** Pushes {@code s[fp + k]}. */
    private void loadFromStack(int k) {
        mv.visitVarInsn(ALOAD, S);
        stackIndex(k);
        mv.visitInsn(LALOAD);
    }

    /** {@code s[fp + k] = slot k}. */
    private void storeToStack(int k) {
        mv.visitVarInsn(ALOAD, S);
        stackIndex(k);
        load(k);
        mv.visitInsn(LASTORE);
    }

    private void stackIndex(int k) {
        mv.visitVarInsn(ILOAD, FP);
        if (k != 0) {
            pushInt(k);
            mv.visitInsn(IADD);
        }
    }

    private void reloadStack() {
        mv.visitVarInsn(ALOAD, M);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "stack", "(L" + MACHINE + ";)[J", false);
        mv.visitVarInsn(ASTORE, S);
    }

    /** Takes the memory's bytes into {@code MEM}; nothing for a function without loads or stores, which never reads it. */
    private void reloadMemory() {
        if (!accessesMemory) return;
        mv.visitVarInsn(ALOAD, INST);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "mem", "(L" + INSTANCE + ";)[B", false);
        mv.visitVarInsn(ASTORE, MEM);
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    private void pushLong(long v) {
        if (v == 0) mv.visitInsn(LCONST_0);
        else if (v == 1) mv.visitInsn(LCONST_1);
        else mv.visitLdcInsn(v);
    }
}
