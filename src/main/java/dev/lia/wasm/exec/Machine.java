package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.Op;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.HostYield;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Instantiator;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.ValType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The interpreter: one loop over flat internal code with an explicit value stack and frame stack,
 * so no wasm call recurses on the Java stack. One machine serves one store.
 *
 * <p>Every value sits in a {@code long} slot as raw bits; 32-bit values (i32, f32) are kept
 * sign-extended from their {@code int}. A frame's slots start at its frame pointer: parameters,
 * then locals, then the operand stack.
 */
public final class Machine {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] NO_MEMORY = new byte[0];
    private static final int INITIAL_STACK = 1 << 14;
    private static final int INITIAL_FRAMES = 256;

    private final Store store;
    private final int maxCallDepth;
    private final int maxStackSlots;

    /** The value stack; replaced by a larger copy when a call needs more room. */
    private long[] stack = new long[INITIAL_STACK];
    /** First free slot whenever the loop is not running. */
    private int top;

    // The frame stack: the suspended callers of the running (or suspended) function.
    private WasmFunction[] frameFunction = new WasmFunction[INITIAL_FRAMES];
    private int[] framePc = new int[INITIAL_FRAMES];
    private int[] frameFp = new int[INITIAL_FRAMES];
    private int depth;

    // The current frame while the loop is not running: where a suspended activation continues.
    private WasmFunction currentFunction;
    private int currentPc;
    private int currentFp;

    // Activations: each started call from outside (the host, a driver) runs until its entry function
    // returns. They nest: a driver may start one while another is suspended in a host call.
    private int[] activationDepth = new int[8];
    private int[] activationFp = new int[8];
    private int activations;

    public Machine(Store store) {
        this.store = store;
        this.maxCallDepth = store.limits().maxCallDepth();
        this.maxStackSlots = store.limits().maxStackSlots();
    }

    public Store store() {
        return store;
    }

    /** Links and allocates the module, runs its active segments and its start function. */
    public Instance instantiate(CompiledModule module, ImportResolver imports) {
        Instance instance = Instantiator.instantiate(store, module, imports);
        int start = module.module().start();
        if (start >= 0) invoke(instance.functions[start]);
        return instance;
    }

    /**
     * Calls a function with raw argument bits and returns raw result bits, answering calls to
     * yielding host functions with their implementation. Throws {@link Trap}.
     */
    public long[] invoke(FunctionInstance function, long... args) {
        checkArity(function, args);
        if (function instanceof HostFunctionInstance host) return callHostDirectly(host, null, args.clone());
        start(function, args);
        Outcome outcome = run();
        while (outcome instanceof Outcome.HostCall call) {
            long[] results;
            try {
                results = callHostDirectly(call.function(), call.caller(), call.args());
            } catch (RuntimeException | Error e) {
                abort();
                if (e instanceof HostYield) {
                    throw new Trap("host function " + call.function().name() + " cannot answer: " + e.getMessage());
                }
                throw e;
            }
            outcome = resume(results);
        }
        return ((Outcome.Done) outcome).results();
    }

    /** Abandons the innermost activation (suspended in a host call); the one beneath, if any, becomes current. */
    public void abort() {
        if (activations == 0) throw new IllegalStateException("no activation to abort");
        endActivation();
    }

    /**
     * Begins an activation of a wasm function; {@link #run()} executes it. If another activation is
     * suspended in a host call, the new one nests above it and must finish before that one resumes.
     */
    public void start(FunctionInstance function, long... args) {
        checkArity(function, args);
        if (!(function instanceof WasmFunction wasm)) {
            throw new IllegalArgumentException("start() takes a wasm function; call host functions directly");
        }
        int fp = top;
        ensureStack(fp + wasm.code.maxHeight());
        if (activations > 0) saveCurrentAsCaller();
        if (activations == activationDepth.length) {
            activationDepth = Arrays.copyOf(activationDepth, activations * 2);
            activationFp = Arrays.copyOf(activationFp, activations * 2);
        }
        List<ValType> params = function.type().params();
        for (int i = 0; i < args.length; i++) stack[fp + i] = normalize(args[i], params.get(i));
        activationDepth[activations] = depth;
        activationFp[activations] = fp;
        activations++;
        enter(wasm, fp);
    }

    /** Continues the innermost activation after a {@link Outcome.HostCall}, with the call's results. */
    public Outcome resume(long[] results) {
        if (currentFunction == null) throw new IllegalStateException("nothing is suspended");
        ensureStack(top + results.length);
        for (long r : results) stack[top++] = r;
        return run();
    }

    /**
     * The suspended call stacks as data. The machine must not be running: take it between
     * {@link #run()} calls (after a {@link Outcome.HostCall}) or after {@link #start} and before run.
     */
    public MachineState snapshot() {
        if (activations == 0) return MachineState.IDLE;
        if (currentFunction == null) throw new IllegalStateException("the machine is running");
        List<MachineState.Frame> frames = new java.util.ArrayList<>(depth + 1);
        int[] starts = Arrays.copyOf(activationDepth, activations);
        for (int d = 0; d < depth; d++) {
            int end = d + 1 < depth ? frameFp[d + 1] : currentFp; // a frame's slots end where the next begins
            frames.add(frameState(frameFunction[d], framePc[d], frameFp[d], end));
        }
        frames.add(frameState(currentFunction, currentPc, currentFp, top));
        return new MachineState(frames, starts);
    }

    private MachineState.Frame frameState(WasmFunction f, int pc, int fp, int end) {
        int resume = pc == 0 ? MachineState.AT_ENTRY : f.code.callOffsetBefore(pc);
        return new MachineState.Frame(f.address(), resume, Arrays.copyOfRange(stack, fp, end));
    }

    /** Rebuilds suspended call stacks taken by {@link #snapshot()}, on an idle machine over an equivalent store. */
    public void restore(MachineState state) {
        if (activations != 0) throw new IllegalStateException("restore needs an idle machine");
        if (state.isIdle()) return;
        List<MachineState.Frame> frames = state.frames();
        int[] starts = state.activationStarts();
        if (starts.length == 0 || starts[0] != 0) throw new IllegalArgumentException("malformed machine state: activations");
        int fp = top;
        int a = 0;
        for (int i = 0; i < frames.size(); i++) {
            MachineState.Frame frame = frames.get(i);
            if (!(store.function(frame.functionAddress()) instanceof WasmFunction f)) {
                throw new IllegalArgumentException("malformed machine state: function " + frame.functionAddress() + " is not wasm code");
            }
            int pc = frame.resumeOffset() == MachineState.AT_ENTRY ? 0 : f.code.pcAfterCallAt(frame.resumeOffset());
            ensureStack(fp + frame.slots().length + f.code.maxHeight());
            System.arraycopy(frame.slots(), 0, stack, fp, frame.slots().length);
            while (a < starts.length && starts[a] == i) {
                if (activations == activationDepth.length) {
                    activationDepth = Arrays.copyOf(activationDepth, activations * 2);
                    activationFp = Arrays.copyOf(activationFp, activations * 2);
                }
                activationDepth[activations] = i;
                activationFp[activations] = fp;
                activations++;
                a++;
            }
            if (i + 1 < frames.size()) {
                pushFrame(f, pc, fp);
            } else {
                currentFunction = f;
                currentPc = pc;
                currentFp = fp;
                top = fp + frame.slots().length;
            }
            fp += frame.slots().length;
        }
    }

    /** Whether an activation is suspended (in a host call) or ready to run. */
    public boolean isActive() {
        return activations > 0;
    }

    /** Number of wasm frames on the stack, the current one included. */
    public int callDepth() {
        return depth + (currentFunction != null ? 1 : 0);
    }

    private static void checkArity(FunctionInstance function, long[] args) {
        if (args.length != function.type().params().size()) {
            throw new IllegalArgumentException("expected " + function.type().params().size() + " arguments, got " + args.length);
        }
    }

    private long[] callHostDirectly(HostFunctionInstance host, Instance caller, long[] args) {
        if (host.implementation() == null) throw new HostYield("it is answered by a driver, and there is none");
        return normalize(host.implementation().call(caller, args), host.type().results(), host);
    }

    /** Sets up a fresh frame for {@code f} whose arguments are at {@code fp}, as the current frame. */
    private void enter(WasmFunction f, int fp) {
        CompiledFunction cf = f.code;
        Arrays.fill(stack, fp + cf.paramCount(), fp + cf.localCount(), 0L);
        currentFunction = f;
        currentPc = 0;
        currentFp = fp;
        top = fp + cf.localCount();
    }

    private void saveCurrentAsCaller() {
        pushFrame(currentFunction, currentPc, currentFp);
        currentFunction = null;
    }

    /** Ends the innermost activation; an activation suspended beneath it becomes current again. */
    private void endActivation() {
        activations--;
        depth = activationDepth[activations];
        top = activationFp[activations];
        currentFunction = null;
        if (activations > 0) {
            depth--;
            currentFunction = frameFunction[depth];
            currentPc = framePc[depth];
            currentFp = frameFp[depth];
            frameFunction[depth] = null;
        }
    }

    private static long normalize(long bits, ValType type) {
        return type == ValType.I32 || type == ValType.F32 ? (long) (int) bits : bits;
    }

    private static long[] normalize(long[] results, List<ValType> types, FunctionInstance f) {
        if (results == null || results.length != types.size()) {
            throw new Trap("host function " + f.name() + " returned " + (results == null ? 0 : results.length)
                    + " values, expected " + types.size());
        }
        for (int i = 0; i < results.length; i++) results[i] = normalize(results[i], types.get(i));
        return results;
    }

    private void ensureStack(int slots) {
        if (slots <= stack.length) return;
        if (slots > maxStackSlots) throw new Trap("call stack exhausted");
        stack = Arrays.copyOf(stack, Math.min(maxStackSlots, Math.max(slots, stack.length * 2)));
    }

    /** Saves a caller; the callee becomes frame number depth + 1, which must stay within the limit. */
    private void pushFrame(WasmFunction f, int pc, int fp) {
        if (depth + 1 >= maxCallDepth) throw new Trap("call stack exhausted");
        if (depth == frameFunction.length) {
            int n = Math.min(maxCallDepth, depth * 2);
            frameFunction = Arrays.copyOf(frameFunction, n);
            framePc = Arrays.copyOf(framePc, n);
            frameFp = Arrays.copyOf(frameFp, n);
        }
        frameFunction[depth] = f;
        framePc[depth] = pc;
        frameFp[depth] = fp;
        depth++;
    }

    private static byte[] bytesOf(Instance inst) {
        Memory m = inst.memory0;
        return m == null ? NO_MEMORY : m.bytes;
    }

    /** The effective address of an access of {@code size} bytes, or a trap if it is out of bounds. */
    private static int address(long base, int offset, int size, byte[] mem) {
        long ea = (base & 0xFFFFFFFFL) + (offset & 0xFFFFFFFFL);
        if (ea > mem.length - size) throw new Trap("out of bounds memory access");
        return (int) ea;
    }

    private static Trap trap(String message) {
        return new Trap(message);
    }

    /**
     * Runs the innermost activation until its entry function returns ({@link Outcome.Done}) or it
     * calls a yielding host function ({@link Outcome.HostCall}, continued by {@link #resume}).
     * A trap ends the activation and is thrown.
     */
    public Outcome run() {
        if (currentFunction == null) throw new IllegalStateException("no activation to run");
        final int entryDepth = activationDepth[activations - 1];
        WasmFunction fn = currentFunction;
        CompiledFunction cf = fn.code;
        int[] code = cf.code();
        Instance inst = fn.instance;
        byte[] mem = bytesOf(inst);
        long[] s = stack;
        int fp = currentFp;
        int sp = top;
        int pc = currentPc;
        currentFunction = null;
        try {
        while (true) {
            int op = code[pc++];
            switch (op) {
                case Op.UNREACHABLE:
                    throw trap("unreachable");
                case Op.BR:
                    pc = code[pc];
                    break;
                case Op.BR_MOVE: {
                    int arity = code[pc + 2];
                    int dst = fp + code[pc + 1];
                    System.arraycopy(s, sp - arity, s, dst, arity);
                    sp = dst + arity;
                    pc = code[pc];
                    break;
                }
                case Op.BR_IF:
                    if ((int) s[--sp] != 0) pc = code[pc];
                    else pc++;
                    break;
                case Op.BR_IF_MOVE:
                    if ((int) s[--sp] != 0) {
                        int arity = code[pc + 2];
                        int dst = fp + code[pc + 1];
                        System.arraycopy(s, sp - arity, s, dst, arity);
                        sp = dst + arity;
                        pc = code[pc];
                    } else {
                        pc += 3;
                    }
                    break;
                case Op.BR_UNLESS:
                    if ((int) s[--sp] == 0) pc = code[pc];
                    else pc++;
                    break;
                case Op.BR_TABLE: {
                    int n = code[pc];
                    int i = (int) s[--sp];
                    int entryAt = pc + 1 + 3 * (Integer.compareUnsigned(i, n) < 0 ? i : n);
                    int arity = code[entryAt + 2];
                    int dst = fp + code[entryAt + 1];
                    if (dst != sp - arity) System.arraycopy(s, sp - arity, s, dst, arity);
                    sp = dst + arity;
                    pc = code[entryAt];
                    break;
                }
                case Op.BR_IF_RETURN:
                    if ((int) s[--sp] == 0) break;
                    // fall through: the branch is taken
                case Op.RETURN: {
                    int n = cf.resultCount();
                    if (n == 1) s[fp] = s[sp - 1];
                    else System.arraycopy(s, sp - n, s, fp, n);
                    sp = fp + n;
                    if (depth == entryDepth) {
                        long[] results = Arrays.copyOfRange(s, fp, sp);
                        endActivation();
                        return new Outcome.Done(results);
                    }
                    depth--;
                    fn = frameFunction[depth];
                    frameFunction[depth] = null;
                    pc = framePc[depth];
                    fp = frameFp[depth];
                    cf = fn.code;
                    code = cf.code();
                    inst = fn.instance;
                    mem = bytesOf(inst);
                    break;
                }
                case Op.CALL:
                case Op.CALL_INDIRECT: {
                    FunctionInstance callee;
                    if (op == Op.CALL) {
                        callee = inst.functions[code[pc++]];
                    } else {
                        callee = indirectCallee(inst, code[pc], code[pc + 1], (int) s[--sp]);
                        pc += 2;
                    }
                    if (callee instanceof WasmFunction wf) {
                        pushFrame(fn, pc, fp);
                        CompiledFunction ncf = wf.code;
                        int nfp = sp - ncf.paramCount();
                        if (nfp + ncf.maxHeight() > s.length) {
                            ensureStack(nfp + ncf.maxHeight());
                            s = stack;
                        }
                        fn = wf;
                        cf = ncf;
                        code = ncf.code();
                        fp = nfp;
                        sp = nfp + ncf.localCount();
                        Arrays.fill(s, nfp + ncf.paramCount(), sp, 0L);
                        pc = 0;
                        if (wf.instance != inst) {
                            inst = wf.instance;
                        }
                        mem = bytesOf(inst);
                    } else {
                        HostFunctionInstance host = (HostFunctionInstance) callee;
                        int n = host.type().params().size();
                        long[] args = Arrays.copyOfRange(s, sp - n, sp);
                        top = sp - n;
                        if (host.implementation() == null) { // a yielding import: the driver answers it
                            currentFunction = fn;
                            currentPc = pc;
                            currentFp = fp;
                            return new Outcome.HostCall(host, inst, args);
                        }
                        // A host may re-enter the machine: leave the frame where a nested start() saves it.
                        currentFunction = fn;
                        currentPc = pc;
                        currentFp = fp;
                        long[] results;
                        try {
                            results = callHostDirectly(host, inst, args);
                        } catch (HostYield yield) { // the host cannot answer now: the driver will
                            return new Outcome.HostCall(host, inst, args);
                        }
                        currentFunction = null;
                        sp = pushResults(results);
                        s = stack;
                        mem = bytesOf(inst);
                    }
                    break;
                }
                case Op.DROP:
                    sp--;
                    break;
                case Op.SELECT: {
                    sp -= 2;
                    if ((int) s[sp + 1] == 0) s[sp - 1] = s[sp];
                    break;
                }
                case Op.LOCAL_GET:
                    s[sp++] = s[fp + code[pc++]];
                    break;
                case Op.LOCAL_SET:
                    s[fp + code[pc++]] = s[--sp];
                    break;
                case Op.LOCAL_TEE:
                    s[fp + code[pc++]] = s[sp - 1];
                    break;
                case Op.GLOBAL_GET:
                    s[sp++] = inst.globals[code[pc++]].value;
                    break;
                case Op.GLOBAL_SET:
                    inst.globals[code[pc++]].value = s[--sp];
                    break;

                // ---- memory ----
                case 0x28: // i32.load
                    s[sp - 1] = (int) INT.get(mem, address(s[sp - 1], code[pc++], 4, mem));
                    break;
                case 0x29: // i64.load
                    s[sp - 1] = (long) LONG.get(mem, address(s[sp - 1], code[pc++], 8, mem));
                    break;
                case 0x2A: // f32.load
                    s[sp - 1] = (int) INT.get(mem, address(s[sp - 1], code[pc++], 4, mem));
                    break;
                case 0x2B: // f64.load
                    s[sp - 1] = (long) LONG.get(mem, address(s[sp - 1], code[pc++], 8, mem));
                    break;
                case 0x2C: // i32.load8_s
                case 0x30: // i64.load8_s
                    s[sp - 1] = mem[address(s[sp - 1], code[pc++], 1, mem)];
                    break;
                case 0x2D: // i32.load8_u
                case 0x31: // i64.load8_u
                    s[sp - 1] = mem[address(s[sp - 1], code[pc++], 1, mem)] & 0xFF;
                    break;
                case 0x2E: // i32.load16_s
                case 0x32: // i64.load16_s
                    s[sp - 1] = (short) SHORT.get(mem, address(s[sp - 1], code[pc++], 2, mem));
                    break;
                case 0x2F: // i32.load16_u
                case 0x33: // i64.load16_u
                    s[sp - 1] = (short) SHORT.get(mem, address(s[sp - 1], code[pc++], 2, mem)) & 0xFFFF;
                    break;
                case 0x34: // i64.load32_s
                    s[sp - 1] = (int) INT.get(mem, address(s[sp - 1], code[pc++], 4, mem));
                    break;
                case 0x35: // i64.load32_u
                    s[sp - 1] = (int) INT.get(mem, address(s[sp - 1], code[pc++], 4, mem)) & 0xFFFFFFFFL;
                    break;
                case 0x36: // i32.store
                case 0x38: // f32.store
                case 0x3E: // i64.store32
                    sp -= 2;
                    INT.set(mem, address(s[sp], code[pc++], 4, mem), (int) s[sp + 1]);
                    break;
                case 0x37: // i64.store
                case 0x39: // f64.store
                    sp -= 2;
                    LONG.set(mem, address(s[sp], code[pc++], 8, mem), s[sp + 1]);
                    break;
                case 0x3A: // i32.store8
                case 0x3C: // i64.store8
                    sp -= 2;
                    mem[address(s[sp], code[pc++], 1, mem)] = (byte) s[sp + 1];
                    break;
                case 0x3B: // i32.store16
                case 0x3D: // i64.store16
                    sp -= 2;
                    SHORT.set(mem, address(s[sp], code[pc++], 2, mem), (short) s[sp + 1]);
                    break;
                case Op.MEMORY_SIZE:
                    s[sp++] = inst.memory0.pages();
                    break;
                case Op.MEMORY_GROW:
                    s[sp - 1] = inst.memory0.grow((int) s[sp - 1]);
                    mem = bytesOf(inst);
                    break;

                // ---- constants ----
                case Op.I32_CONST:
                case Op.F32_CONST:
                    s[sp++] = code[pc++];
                    break;
                case Op.I64_CONST:
                case Op.F64_CONST:
                    s[sp++] = (code[pc] & 0xFFFFFFFFL) | ((long) code[pc + 1] << 32);
                    pc += 2;
                    break;

                // ---- i32 comparisons ----
                case 0x45: s[sp - 1] = (int) s[sp - 1] == 0 ? 1 : 0; break;
                case 0x46: sp--; s[sp - 1] = (int) s[sp - 1] == (int) s[sp] ? 1 : 0; break;
                case 0x47: sp--; s[sp - 1] = (int) s[sp - 1] != (int) s[sp] ? 1 : 0; break;
                case 0x48: sp--; s[sp - 1] = (int) s[sp - 1] < (int) s[sp] ? 1 : 0; break;
                case 0x49: sp--; s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) < 0 ? 1 : 0; break;
                case 0x4A: sp--; s[sp - 1] = (int) s[sp - 1] > (int) s[sp] ? 1 : 0; break;
                case 0x4B: sp--; s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) > 0 ? 1 : 0; break;
                case 0x4C: sp--; s[sp - 1] = (int) s[sp - 1] <= (int) s[sp] ? 1 : 0; break;
                case 0x4D: sp--; s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) <= 0 ? 1 : 0; break;
                case 0x4E: sp--; s[sp - 1] = (int) s[sp - 1] >= (int) s[sp] ? 1 : 0; break;
                case 0x4F: sp--; s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) >= 0 ? 1 : 0; break;
                // ---- i64 comparisons ----
                case 0x50: s[sp - 1] = s[sp - 1] == 0 ? 1 : 0; break;
                case 0x51: sp--; s[sp - 1] = s[sp - 1] == s[sp] ? 1 : 0; break;
                case 0x52: sp--; s[sp - 1] = s[sp - 1] != s[sp] ? 1 : 0; break;
                case 0x53: sp--; s[sp - 1] = s[sp - 1] < s[sp] ? 1 : 0; break;
                case 0x54: sp--; s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) < 0 ? 1 : 0; break;
                case 0x55: sp--; s[sp - 1] = s[sp - 1] > s[sp] ? 1 : 0; break;
                case 0x56: sp--; s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) > 0 ? 1 : 0; break;
                case 0x57: sp--; s[sp - 1] = s[sp - 1] <= s[sp] ? 1 : 0; break;
                case 0x58: sp--; s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) <= 0 ? 1 : 0; break;
                case 0x59: sp--; s[sp - 1] = s[sp - 1] >= s[sp] ? 1 : 0; break;
                case 0x5A: sp--; s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) >= 0 ? 1 : 0; break;
                // ---- f32 comparisons ----
                case 0x5B: sp--; s[sp - 1] = f32(s[sp - 1]) == f32(s[sp]) ? 1 : 0; break;
                case 0x5C: sp--; s[sp - 1] = f32(s[sp - 1]) != f32(s[sp]) ? 1 : 0; break;
                case 0x5D: sp--; s[sp - 1] = f32(s[sp - 1]) < f32(s[sp]) ? 1 : 0; break;
                case 0x5E: sp--; s[sp - 1] = f32(s[sp - 1]) > f32(s[sp]) ? 1 : 0; break;
                case 0x5F: sp--; s[sp - 1] = f32(s[sp - 1]) <= f32(s[sp]) ? 1 : 0; break;
                case 0x60: sp--; s[sp - 1] = f32(s[sp - 1]) >= f32(s[sp]) ? 1 : 0; break;
                // ---- f64 comparisons ----
                case 0x61: sp--; s[sp - 1] = f64(s[sp - 1]) == f64(s[sp]) ? 1 : 0; break;
                case 0x62: sp--; s[sp - 1] = f64(s[sp - 1]) != f64(s[sp]) ? 1 : 0; break;
                case 0x63: sp--; s[sp - 1] = f64(s[sp - 1]) < f64(s[sp]) ? 1 : 0; break;
                case 0x64: sp--; s[sp - 1] = f64(s[sp - 1]) > f64(s[sp]) ? 1 : 0; break;
                case 0x65: sp--; s[sp - 1] = f64(s[sp - 1]) <= f64(s[sp]) ? 1 : 0; break;
                case 0x66: sp--; s[sp - 1] = f64(s[sp - 1]) >= f64(s[sp]) ? 1 : 0; break;

                // ---- i32 arithmetic ----
                case 0x67: s[sp - 1] = Integer.numberOfLeadingZeros((int) s[sp - 1]); break;
                case 0x68: s[sp - 1] = Integer.numberOfTrailingZeros((int) s[sp - 1]); break;
                case 0x69: s[sp - 1] = Integer.bitCount((int) s[sp - 1]); break;
                case 0x6A: sp--; s[sp - 1] = (int) s[sp - 1] + (int) s[sp]; break;
                case 0x6B: sp--; s[sp - 1] = (int) s[sp - 1] - (int) s[sp]; break;
                case 0x6C: sp--; s[sp - 1] = (int) s[sp - 1] * (int) s[sp]; break;
                case 0x6D: sp--; s[sp - 1] = Numerics.i32DivS((int) s[sp - 1], (int) s[sp]); break;
                case 0x6E: sp--; s[sp - 1] = Numerics.i32DivU((int) s[sp - 1], (int) s[sp]); break;
                case 0x6F: sp--; s[sp - 1] = Numerics.i32RemS((int) s[sp - 1], (int) s[sp]); break;
                case 0x70: sp--; s[sp - 1] = Numerics.i32RemU((int) s[sp - 1], (int) s[sp]); break;
                case 0x71: sp--; s[sp - 1] = (int) s[sp - 1] & (int) s[sp]; break;
                case 0x72: sp--; s[sp - 1] = (int) s[sp - 1] | (int) s[sp]; break;
                case 0x73: sp--; s[sp - 1] = (int) s[sp - 1] ^ (int) s[sp]; break;
                case 0x74: sp--; s[sp - 1] = (int) s[sp - 1] << (int) s[sp]; break;
                case 0x75: sp--; s[sp - 1] = (int) s[sp - 1] >> (int) s[sp]; break;
                case 0x76: sp--; s[sp - 1] = (int) s[sp - 1] >>> (int) s[sp]; break;
                case 0x77: sp--; s[sp - 1] = Integer.rotateLeft((int) s[sp - 1], (int) s[sp]); break;
                case 0x78: sp--; s[sp - 1] = Integer.rotateRight((int) s[sp - 1], (int) s[sp]); break;
                // ---- i64 arithmetic ----
                case 0x79: s[sp - 1] = Long.numberOfLeadingZeros(s[sp - 1]); break;
                case 0x7A: s[sp - 1] = Long.numberOfTrailingZeros(s[sp - 1]); break;
                case 0x7B: s[sp - 1] = Long.bitCount(s[sp - 1]); break;
                case 0x7C: sp--; s[sp - 1] += s[sp]; break;
                case 0x7D: sp--; s[sp - 1] -= s[sp]; break;
                case 0x7E: sp--; s[sp - 1] *= s[sp]; break;
                case 0x7F: sp--; s[sp - 1] = Numerics.i64DivS(s[sp - 1], s[sp]); break;
                case 0x80: sp--; s[sp - 1] = Numerics.i64DivU(s[sp - 1], s[sp]); break;
                case 0x81: sp--; s[sp - 1] = Numerics.i64RemS(s[sp - 1], s[sp]); break;
                case 0x82: sp--; s[sp - 1] = Numerics.i64RemU(s[sp - 1], s[sp]); break;
                case 0x83: sp--; s[sp - 1] &= s[sp]; break;
                case 0x84: sp--; s[sp - 1] |= s[sp]; break;
                case 0x85: sp--; s[sp - 1] ^= s[sp]; break;
                case 0x86: sp--; s[sp - 1] <<= s[sp]; break;
                case 0x87: sp--; s[sp - 1] >>= s[sp]; break;
                case 0x88: sp--; s[sp - 1] >>>= s[sp]; break;
                case 0x89: sp--; s[sp - 1] = Long.rotateLeft(s[sp - 1], (int) s[sp]); break;
                case 0x8A: sp--; s[sp - 1] = Long.rotateRight(s[sp - 1], (int) s[sp]); break;
                // ---- f32 arithmetic ----
                case 0x8B: s[sp - 1] = (int) s[sp - 1] & 0x7FFFFFFF; break;
                case 0x8C: s[sp - 1] = (int) s[sp - 1] ^ 0x80000000; break;
                case 0x8D: s[sp - 1] = Numerics.f32Ceil((int) s[sp - 1]); break;
                case 0x8E: s[sp - 1] = Numerics.f32Floor((int) s[sp - 1]); break;
                case 0x8F: s[sp - 1] = Numerics.f32Trunc((int) s[sp - 1]); break;
                case 0x90: s[sp - 1] = Numerics.f32Nearest((int) s[sp - 1]); break;
                case 0x91: s[sp - 1] = Numerics.f32Sqrt((int) s[sp - 1]); break;
                case 0x92: sp--; s[sp - 1] = Numerics.f32Add((int) s[sp - 1], (int) s[sp]); break;
                case 0x93: sp--; s[sp - 1] = Numerics.f32Sub((int) s[sp - 1], (int) s[sp]); break;
                case 0x94: sp--; s[sp - 1] = Numerics.f32Mul((int) s[sp - 1], (int) s[sp]); break;
                case 0x95: sp--; s[sp - 1] = Numerics.f32Div((int) s[sp - 1], (int) s[sp]); break;
                case 0x96: sp--; s[sp - 1] = Numerics.f32Min((int) s[sp - 1], (int) s[sp]); break;
                case 0x97: sp--; s[sp - 1] = Numerics.f32Max((int) s[sp - 1], (int) s[sp]); break;
                case 0x98: sp--; s[sp - 1] = ((int) s[sp - 1] & 0x7FFFFFFF) | ((int) s[sp] & 0x80000000); break;
                // ---- f64 arithmetic ----
                case 0x99: s[sp - 1] &= 0x7FFFFFFFFFFFFFFFL; break;
                case 0x9A: s[sp - 1] ^= 0x8000000000000000L; break;
                case 0x9B: s[sp - 1] = Numerics.f64Ceil(s[sp - 1]); break;
                case 0x9C: s[sp - 1] = Numerics.f64Floor(s[sp - 1]); break;
                case 0x9D: s[sp - 1] = Numerics.f64Trunc(s[sp - 1]); break;
                case 0x9E: s[sp - 1] = Numerics.f64Nearest(s[sp - 1]); break;
                case 0x9F: s[sp - 1] = Numerics.f64Sqrt(s[sp - 1]); break;
                case 0xA0: sp--; s[sp - 1] = Numerics.f64Add(s[sp - 1], s[sp]); break;
                case 0xA1: sp--; s[sp - 1] = Numerics.f64Sub(s[sp - 1], s[sp]); break;
                case 0xA2: sp--; s[sp - 1] = Numerics.f64Mul(s[sp - 1], s[sp]); break;
                case 0xA3: sp--; s[sp - 1] = Numerics.f64Div(s[sp - 1], s[sp]); break;
                case 0xA4: sp--; s[sp - 1] = Numerics.f64Min(s[sp - 1], s[sp]); break;
                case 0xA5: sp--; s[sp - 1] = Numerics.f64Max(s[sp - 1], s[sp]); break;
                case 0xA6: sp--; s[sp - 1] = (s[sp - 1] & 0x7FFFFFFFFFFFFFFFL) | (s[sp] & 0x8000000000000000L); break;

                // ---- conversions ----
                case 0xA7: s[sp - 1] = (int) s[sp - 1]; break; // i32.wrap_i64
                case 0xAC: break; // i64.extend_i32_s: the slot already holds the sign-extended value
                case 0xAD: s[sp - 1] &= 0xFFFFFFFFL; break; // i64.extend_i32_u
                case 0xBC: case 0xBE: break; // i32.reinterpret_f32, f32.reinterpret_i32: same bits
                case 0xBD: case 0xBF: break; // i64.reinterpret_f64, f64.reinterpret_i64
                case 0xC0: s[sp - 1] = (byte) s[sp - 1]; break;
                case 0xC1: s[sp - 1] = (short) s[sp - 1]; break;
                case 0xC2: s[sp - 1] = (byte) s[sp - 1]; break;
                case 0xC3: s[sp - 1] = (short) s[sp - 1]; break;
                case 0xC4: s[sp - 1] = (int) s[sp - 1]; break;
                case 0xA8: case 0xA9: case 0xAA: case 0xAB:
                case 0xAE: case 0xAF: case 0xB0: case 0xB1:
                case 0xB2: case 0xB3: case 0xB4: case 0xB5: case 0xB6:
                case 0xB7: case 0xB8: case 0xB9: case 0xBA: case 0xBB:
                    s[sp - 1] = Conversions.apply(op, s[sp - 1]);
                    break;

                default: {
                    // Rare instructions live outside the loop to keep it small enough for the JIT.
                    top = sp;
                    pc = RareOps.execute(this, op, code, pc, inst);
                    sp = top;
                    s = stack;
                    mem = bytesOf(inst);
                }
            }
        }
        } catch (Trap trap) {
            if (trap.backtrace().isEmpty()) trap.setBacktrace(backtrace(fn, pc));
            endActivation();
            throw trap;
        } catch (RuntimeException | Error e) { // a host's failure ends the activation like a trap
            endActivation();
            throw e;
        }
    }

    private static float f32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    private static double f64(long slot) {
        return Double.longBitsToDouble(slot);
    }

    private FunctionInstance indirectCallee(Instance inst, int typeIndex, int tableIndex, int elementIndex) {
        long[] elements = inst.tables[tableIndex].elements;
        if (Integer.compareUnsigned(elementIndex, elements.length) >= 0) throw trap("undefined element");
        long ref = elements[elementIndex];
        if (ref == 0) throw trap("uninitialized element " + elementIndex);
        FunctionInstance f = store.function((int) (ref - 1));
        if (f.typeId() != inst.typeIds[typeIndex]) throw trap("indirect call type mismatch");
        return f;
    }

    /** Pushes a host function's results at {@link #top}; returns the new top. */
    private int pushResults(long[] results) {
        ensureStack(top + results.length);
        System.arraycopy(results, 0, stack, top, results.length);
        return top + results.length;
    }

    /** The wasm call stack at a trap, innermost first: function names and instruction byte offsets. */
    private List<Trap.Frame> backtrace(WasmFunction fn, int pc) {
        List<Trap.Frame> frames = new java.util.ArrayList<>();
        frames.add(new Trap.Frame(fn.name(), fn.code.byteOffset(pc - 1)));
        for (int d = depth - 1; d >= 0 && frames.size() < 64; d--) {
            WasmFunction f = frameFunction[d];
            frames.add(new Trap.Frame(f.name(), f.code.byteOffset(framePc[d] - 1)));
        }
        return frames;
    }

    // ---- access for RareOps ----

    long[] stack() {
        return stack;
    }

    int top() {
        return top;
    }

    void setTop(int top) {
        this.top = top;
    }
}
