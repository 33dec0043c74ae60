package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.Op;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.HostContext;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.HostYield;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Instantiator;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.ValType;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The interpreter: one loop over flat internal code with an explicit value stack and frame stack,
 * so no wasm call recurses on the Java stack, and the entries into compiled code. One machine serves
 * one store. Its execution state is one {@link LiveState}, which compiled code shares.
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

    private final Store store;
    final int maxCallDepth;
    private final int maxStackSlots;
    /** {@code live.stack.length}, kept beside {@link #maxCallDepth} for {@link Compiled#prepareCall} and {@link #compiledRoom}. */
    int stackLength;

    /** The execution state both tiers share. */
    final LiveState live;
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** Which code runs functions (see {@link Tier}); never changes a result. */
    private Tier tier = defaultTier;
    private FuelRefill fuelRefill;
    /** The tier new machines start with: {@code -Dlia.tier=interp|compiled|auto}, else auto; the CLI's {@code --tier} sets it. */
    private static volatile Tier defaultTier = Tier.parse(System.getProperty("lia.tier", "auto"));
    /** Markers {@link #interpret} returns: enter compiled code for the current frame; the nested entry frame returned. */
    static final MachineOutcome CONTINUE = new MachineOutcome.Done(new long[0]);
    static final MachineOutcome NESTED_DONE = new MachineOutcome.Done(new long[0]);

    /** Called by debug code before every instruction (see {@link DebugHook}); null when nothing is attached. */
    DebugHook debugHook;

    public Machine(Store store) {
        this.store = store;
        this.maxCallDepth = store.limits().maxCallDepth();
        this.maxStackSlots = store.limits().maxStackSlots();
        this.live = new LiveState(maxStackSlots);
        this.stackLength = live.stack.length;
        ProfileSeed.ensure();
    }

    public Store store() {
        return store;
    }

    /** Links and allocates the module, runs its active segments and its start function. */
    public Instance instantiate(CompiledModule module, ImportResolver imports) {
        Instance instance = Instantiator.instantiate(store, module, imports);
        int start = module.module().start();
        if (start >= 0) invoke(instance.function(start));
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
        MachineOutcome outcome = run();
        while (outcome instanceof MachineOutcome.HostCall call) {
            long[] results;
            try {
                results = callHostDirectly(call.function(), call.caller(), call.args());
            } catch (dev.lia.wasm.runtime.ThrownException x) { // the host raised a wasm exception: wasm may catch it
                outcome = resumeThrowing(x);
                continue;
            } catch (RuntimeException | Error e) {
                abort();
                if (e instanceof HostYield) {
                    HostFunctionInstance host = call.function();
                    boolean driverOnly = host.implementation() == null && host.asyncImplementation() == null;
                    throw driverOnly ? new NoDriverTrap(host.name()) : new Trap("host function " + host.name() + " cannot answer: " + e.getMessage());
                }
                throw e;
            }
            outcome = resume(results);
        }
        if (!(outcome instanceof MachineOutcome.Done done)) { // out of fuel, or paused by a debugger without a stop handler
            abort();
            throw new IllegalStateException("invoke cannot go on after " + outcome + ": drive the machine with start, run and resume");
        }
        return done.results();
    }

    /** Abandons the innermost activation (suspended in a host call); the one beneath, if any, becomes current. */
    public void abort() {
        checkNotInHook();
        if (live.activations == 0) throw new IllegalStateException("no activation to abort");
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
        checkNotInHook();
        if (live.activations > 0 && !live.inCall) {
            throw new IllegalStateException("an activation stopped out of fuel or paused must be resumed or aborted first");
        }
        int fp = live.top;
        ensureStack(fp + wasm.code().frameSize());
        if (live.activations > 0) saveCurrentAsCaller();
        if (live.activations == live.activationDepth.length) {
            live.activationDepth = Arrays.copyOf(live.activationDepth, live.activations * 2);
            live.activationFp = Arrays.copyOf(live.activationFp, live.activations * 2);
        }
        System.arraycopy(SimdOps.normalize(args.clone(), function.type().params()), 0, live.stack, fp, args.length);
        live.activationDepth[live.activations] = live.depth;
        live.activationFp[live.activations] = fp;
        live.activations++;
        enter(wasm, fp);
        if (debugHook == null) hasCompiledCode(wasm, true); // a call from the host counts as any call does
    }

    /** Continues the innermost activation after a {@link MachineOutcome.HostCall}, with the call's results. */
    public MachineOutcome resume(long[] results) {
        if (live.currentFunction == null || !live.inCall) throw new IllegalStateException("no host call is waiting for results");
        live.inCall = false;
        ensureStack(live.top + results.length);
        for (long r : results) live.stack[live.top++] = r;
        return run();
    }

    /**
     * Continues the innermost activation after a {@link MachineOutcome.HostCall} by raising wasm exception
     * {@code x} at the call, as if the host function had thrown it: a {@code try_table} around the call (or
     * further out) catches it, and the run goes on; if none does, {@code x} is thrown from here and the
     * activation ends.
     */
    public MachineOutcome resumeThrowing(dev.lia.wasm.runtime.ThrownException x) {
        if (live.currentFunction == null || !live.inCall) throw new IllegalStateException("no host call is waiting for results");
        ExceptionOps.unwind(this, x, live.currentFunction, live.currentPc, live.currentFp, live.activationDepth[live.activations - 1], false);
        return run();
    }

    /**
     * The suspended call stacks as data. The machine must not be running: take it between
     * {@link #run()} calls (after a {@link MachineOutcome.HostCall}) or after {@link #start} and before run.
     * The exception objects the frames reach come with it, numbered canonically; GC objects stay as the
     * store's heap numbers them (a saved state, {@code dev.lia.state.Snapshots}, numbers the whole store).
     */
    public MachineState snapshot() {
        MachineState raw = liveSnapshot();
        if (raw.isIdle()) return raw;
        return ExceptionState.canonical(store, raw.frames(), raw.activationStarts(), raw.innermostInCall());
    }

    /**
     * The suspended call stacks with their references as the store holds them (exnrefs and GC objects by
     * their live indices, no exception list): for a walk over the whole store that numbers them itself, as a
     * saved state does ({@code dev.lia.state.Snapshots}). Same conditions as {@link #snapshot()}.
     */
    public MachineState liveSnapshot() {
        if (live.activations == 0) return MachineState.IDLE;
        WasmFunction current = live.currentFunction != null ? live.currentFunction : live.hookFunction;
        if (current == null) throw new IllegalStateException("the machine is running");
        List<MachineState.Frame> frames = new java.util.ArrayList<>(live.depth + 1);
        int[] starts = Arrays.copyOf(live.activationDepth, live.activations);
        for (int d = 0; d < live.depth; d++) {
            int end = d + 1 < live.depth ? live.frameFp[d + 1] : live.currentFp; // a frame's slots end where the next begins
            frames.add(frameState(live.frameFunction[d], live.framePc[d], live.frameFp[d], end, true));
        }
        frames.add(frameState(current, live.currentPc, live.currentFp, live.top, live.inCall));
        return new MachineState(frames, starts, live.inCall);
    }

    /** A frame in module terms: its locals, then its operand stack (the constant slots between are code, not state). */
    private MachineState.Frame frameState(WasmFunction f, int pc, int fp, int end, boolean waitsInCall) {
        if (!f.code().hasByteOffsets()) {
            throw new IllegalStateException("function " + f.code().index() + " has no byte offsets (its module was not decoded from a binary: "
                    + "parsed from text, or built in Java), and a saved state names positions by them; load the module with "
                    + "Pipeline.load(ModuleEncoder.encode(module)) or Pipeline.loadText");
        }
        int resume = pc == 0 ? MachineState.AT_ENTRY : waitsInCall ? f.code().callOffsetBefore(pc) : f.code().offsetBefore(pc);
        int locals = f.code().localCount();
        int operands = end - (fp + f.code().operandBase());
        long[] slots = new long[locals + operands];
        System.arraycopy(live.stack, fp, slots, 0, locals);
        System.arraycopy(live.stack, fp + f.code().operandBase(), slots, locals, operands);
        return new MachineState.Frame(f.address(), resume, slots);
    }

    /** Rebuilds suspended call stacks taken by {@link #snapshot()}, on an idle machine over an equivalent store. */
    public void restore(MachineState state) {
        if (live.activations != 0) throw new IllegalStateException("restore needs an idle machine");
        if (state.isIdle()) return;
        List<MachineState.Frame> frames = state.frames();
        int[] starts = state.activationStarts();
        if (starts.length == 0 || starts[0] != 0) throw new IllegalArgumentException("malformed machine state: activations");
        MachineState.Frame last = frames.get(frames.size() - 1);
        if (!state.innermostInCall() && last.resumeOffset() != MachineState.AT_ENTRY
                && store.function(last.functionAddress()) instanceof WasmFunction lf && !lf.code().canResumeBefore(last.resumeOffset())) {
            throw new IllegalArgumentException("the state stands before the instruction at byte offset " + last.resumeOffset()
                    + ", where this code cannot resume (a debugger paused it mid-expression): restore it on debug code");
        }
        long[] exnrefs = ExceptionState.restore(store, state.exceptions());
        int fp = live.top;
        int a = 0;
        for (int i = 0; i < frames.size(); i++) {
            MachineState.Frame frame = frames.get(i);
            if (!(store.function(frame.functionAddress()) instanceof WasmFunction f)) {
                throw new IllegalArgumentException("malformed machine state: function " + frame.functionAddress() + " is not wasm code");
            }
            boolean innermost = i + 1 == frames.size();
            int pc = frame.resumeOffset() == MachineState.AT_ENTRY ? 0
                    : !innermost || state.innermostInCall() ? f.code().pcAfterCallAt(frame.resumeOffset())
                    : f.code().pcBefore(frame.resumeOffset());
            CompiledFunction cf = f.code();
            int locals = cf.localCount();
            int operands = frame.slots().length - locals;
            if (operands < 0 || operands > cf.frameSize() - cf.operandBase()) {
                throw new IllegalArgumentException("malformed machine state: frame " + i + " has " + frame.slots().length + " slots");
            }
            ensureStack(fp + cf.frameSize());
            long[] slots = ExceptionState.restoredSlots(store, frame, exnrefs);
            System.arraycopy(slots, 0, live.stack, fp, locals);
            System.arraycopy(cf.constants(), 0, live.stack, fp + locals, cf.constants().length);
            System.arraycopy(slots, locals, live.stack, fp + cf.operandBase(), operands);
            int end = fp + cf.operandBase() + operands;
            while (a < starts.length && starts[a] == i) {
                if (live.activations == live.activationDepth.length) {
                    live.activationDepth = Arrays.copyOf(live.activationDepth, live.activations * 2);
                    live.activationFp = Arrays.copyOf(live.activationFp, live.activations * 2);
                }
                live.activationDepth[live.activations] = i;
                live.activationFp[live.activations] = fp;
                live.activations++;
                a++;
            }
            if (i + 1 < frames.size()) {
                pushFrame(f, pc, fp);
            } else {
                live.currentFunction = f;
                live.currentPc = pc;
                live.currentFp = fp;
                live.inCall = state.innermostInCall() && frame.resumeOffset() != MachineState.AT_ENTRY;
                live.top = end;
            }
            fp = end;
        }
    }

    /** Where execution stands: idle, ready to run, running, in a host call, out of fuel, or inspected by a debugger. */
    public Status status() {
        return live.status();
    }

    /** Whether an activation is suspended (in a host call) or ready to run. */
    public boolean isActive() {
        return live.activations > 0;
    }

    /** Number of wasm frames on the stack, the current one included. */
    public int callDepth() {
        return live.depth + (live.currentFunction != null || live.hookFunction != null ? 1 : 0);
    }

    private static void checkArity(FunctionInstance function, long[] args) {
        if (args.length != function.type().paramSlots()) { // a v128 is two slots
            throw new IllegalArgumentException("expected " + function.type().paramSlots() + " argument slots, got " + args.length);
        }
    }

    long[] callHostDirectly(HostFunctionInstance host, Instance caller, long[] args) {
        if (host.asyncImplementation() != null) return normalize(awaitHost(host, caller, args), host.type().results(), host);
        if (host.implementation() == null) throw new HostYield("it is answered by a driver, and there is none");
        return normalize(host.implementation().call(caller, args), host.type().results(), host);
    }

    /**
     * The synchronous driver ({@link #invoke}) answers an asynchronous host function by waiting for its
     * future; its calls back into wasm run at once, nested. {@link AsyncMachine} waits without a thread.
     */
    private long[] awaitHost(HostFunctionInstance host, Instance caller, long[] args) {
        HostContext context = new HostContext() {
            @Override
            public Instance caller() {
                return caller;
            }

            @Override
            public java.util.concurrent.CompletableFuture<long[]> call(FunctionInstance function, long... a) {
                try {
                    return java.util.concurrent.CompletableFuture.completedFuture(invoke(function, a));
                } catch (RuntimeException e) {
                    return java.util.concurrent.CompletableFuture.failedFuture(e);
                }
            }
        };
        try {
            return host.asyncImplementation().call(context, args.clone()).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    /** Sets up a fresh frame for {@code f} whose arguments are at {@code fp}, as the current frame. */
    void enter(WasmFunction f, int fp) {
        CompiledFunction cf = f.code();
        Arrays.fill(live.stack, fp + cf.paramCount(), fp + cf.localCount(), 0L);
        System.arraycopy(cf.constants(), 0, live.stack, fp + cf.localCount(), cf.constants().length);
        live.currentFunction = f;
        live.currentPc = 0;
        live.currentFp = fp;
        live.inCall = false;
        live.top = fp + cf.operandBase();
    }

    private void saveCurrentAsCaller() {
        pushFrame(live.currentFunction, live.currentPc, live.currentFp);
        live.currentFunction = null;
    }

    /** Ends the innermost activation; an activation suspended beneath it becomes current again. */
    void endActivation() {
        live.activations--;
        if (live.activations == 0) store.exceptions().dropUnreachable(store); // nothing refers to them any more
        live.depth = live.activationDepth[live.activations];
        live.top = live.activationFp[live.activations];
        live.currentFunction = null;
        if (live.activations > 0) {
            live.depth--;
            live.currentFunction = live.frameFunction[live.depth];
            live.currentPc = live.framePc[live.depth];
            live.currentFp = live.frameFp[live.depth];
            live.frameFunction[live.depth] = null;
            live.inCall = true;
        }
    }

    private static long[] normalize(long[] results, List<ValType> types, FunctionInstance f) {
        if (results == null || results.length != dev.lia.wasm.syntax.FuncType.slots(types)) {
            throw new Trap("host function " + f.name() + " returned " + (results == null ? 0 : results.length)
                    + " values, expected " + dev.lia.wasm.syntax.FuncType.slots(types));
        }
        return SimdOps.normalize(results, types);
    }

    void ensureStack(int slots) {
        if (slots <= live.stack.length) return;
        if (slots > maxStackSlots) throw new Trap("call stack exhausted");
        live.stack = Arrays.copyOf(live.stack, Math.min(maxStackSlots, Math.max(slots, live.stack.length * 2)));
        stackLength = live.stack.length;
    }

    /**
     * The Java stack compiled code entered at frame {@code depth}, whose frame ends at slot
     * {@code frameEnd}, may take: the room left, but never enough for a chain of compiled calls to
     * reach the call-depth limit or the value stack's end. Each compiled frame is counted for at least
     * {@link Compiled#MIN_FRAME_COST} bytes plus {@link Compiled#SLOT_COST} per slot of its frame, and
     * a callee's frame ends at most its own size past its caller's. So a compiled callee that finds
     * room left needs neither check, and its prologue makes none; one that finds none goes the slow
     * way, whose checks are the interpreter's (the stack grows there; a later entry gets more room).
     */
    int compiledRoom(int depth, int frameEnd) {
        long byDepth = (long) (maxCallDepth - depth) * Compiled.MIN_FRAME_COST - 1;
        long byStack = (long) (stackLength - frameEnd) * Compiled.SLOT_COST - 1;
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(live.room, Math.min(byDepth, byStack)));
    }

    /** Writes the record of frame number {@code d} (below the current one), for compiled code unwinding. */
    void saveFrame(int d, WasmFunction f, int pc, int fp) {
        if (d >= live.frameFunction.length) {
            int n = Math.min(maxCallDepth, Math.max(d + 1, live.frameFunction.length * 2));
            live.frameFunction = Arrays.copyOf(live.frameFunction, n);
            live.framePc = Arrays.copyOf(live.framePc, n);
            live.frameFp = Arrays.copyOf(live.frameFp, n);
        }
        live.frameFunction[d] = f;
        live.framePc[d] = pc;
        live.frameFp[d] = fp;
    }

    /** Saves a caller; the callee becomes frame number depth + 1, which must stay within the limit. */
    private void pushFrame(WasmFunction f, int pc, int fp) {
        if (live.depth + 1 >= maxCallDepth) throw new Trap("call stack exhausted");
        if (live.depth >= live.frameFunction.length) { // compiled code may leave depth past the records it wrote
            int n = Math.min(maxCallDepth, Math.max(live.depth + 1, live.frameFunction.length * 2));
            live.frameFunction = Arrays.copyOf(live.frameFunction, n);
            live.framePc = Arrays.copyOf(live.framePc, n);
            live.frameFp = Arrays.copyOf(live.frameFp, n);
        }
        live.frameFunction[live.depth] = f;
        live.framePc[live.depth] = pc;
        live.frameFp[live.depth] = fp;
        live.depth++;
    }

    static byte[] bytesOf(Instance inst) {
        Memory m = inst.memory();
        return m == null ? NO_MEMORY : m.bytes();
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
     * Runs the innermost activation until its entry function returns ({@link MachineOutcome.Done}) or it
     * calls a yielding host function ({@link MachineOutcome.HostCall}, continued by {@link #resume}).
     * A trap ends the activation and is thrown.
     */
    public MachineOutcome run() {
        if (live.currentFunction == null) throw new IllegalStateException("no activation to run");
        // out of fuel stops here, except after a tail call's host callee returned (its results just given to
        // resume): the frame stands at the RETURN that follows the call, which is no instruction of the module
        // and so no position a state can name; that RETURN runs and checks the fuel in the caller
        if (live.fuel < 0 && (live.currentPc == 0 || live.currentFunction.code().startsInstruction(live.currentPc))) {
            return new MachineOutcome.OutOfFuel(-live.fuel);
        }
        return execute(live.activationDepth[live.activations - 1], false);
    }

    /** The tier machines made from now on start with (each can change its own with {@link #setTier}). */
    public static Tier defaultTier() {
        return defaultTier;
    }

    public static void setDefaultTier(Tier tier) {
        defaultTier = java.util.Objects.requireNonNull(tier);
    }

    /** Which code runs functions from now on. */
    public void setTier(Tier tier) {
        this.tier = java.util.Objects.requireNonNull(tier);
    }

    public Tier tier() {
        return tier;
    }

    /**
     * Runs the current frame, in compiled code where it can and in the interpreter elsewhere, until
     * the frame at {@code entryDepth} returns. Nested runs (compiled code calling a function the
     * compiler did not take) return {@link #NESTED_DONE} then and leave the activation to their caller.
     */
    MachineOutcome execute(int entryDepth, boolean nested) {
        while (true) {
            MachineOutcome o = canEnterCompiled() ? runCompiledFrame(entryDepth, nested) : interpret(entryDepth, nested);
            if (o instanceof MachineOutcome.OutOfFuel && fuelRefill != null) {
                // A stop the host was not asked about yet (the interpreter's, or compiled code's away
                // from a loop start): the refill may take it; the stop's state is where run() goes on.
                if (live.refillDeclined) {
                    if (!nested) live.refillDeclined = false;
                    return o;
                }
                live.fuel = refuel(live.fuel);
                if (live.fuel >= 0) continue;
                if (nested) live.refillDeclined = true; // the enclosing runs must not ask again
                return new MachineOutcome.OutOfFuel(-live.fuel);
            }
            if (o != CONTINUE) return o;
        }
    }

    /**
     * The host's refills for a stop with {@code fuel} (negative) left: the fuel after them, still
     * negative if it declined. Saturates as {@link #addFuel} does.
     */
    long refuel(long fuel) {
        FuelRefill r = fuelRefill;
        while (r != null && fuel < 0) {
            long n = r.refill(-fuel);
            if (n <= 0) break;
            fuel = fuel > UNLIMITED - n ? UNLIMITED : fuel + n;
        }
        return fuel;
    }

    /**
     * Lets the host refill the fuel where it runs out instead of the machine stopping (null: always
     * stop). Not part of the state: a machine's host setting, like its tier.
     */
    public void setFuelRefill(FuelRefill refill) {
        this.fuelRefill = refill;
    }

    boolean fuelRefillSet() {
        return fuelRefill != null;
    }

    /** Whether the current frame can run as compiled code: at its entry or a loop start, with no debugger. */
    private boolean canEnterCompiled() {
        WasmFunction f = live.currentFunction;
        if (live.inCall || debugHook != null || !hasCompiledCode(f, false)) return false;
        return compiledRoom(live.depth, live.currentFp + f.code().frameSize()) >= f.jvmFrameCost() && (live.currentPc == 0 || (f.code().code()[live.currentPc] == Op.LOOP && f.jvmLoopEntries()));
    }

    /** At a call or a loop start: whether the frame about to run should move to compiled code. */
    private boolean goCompiled(WasmFunction f) {
        if (debugHook != null || !hasCompiledCode(f, true)) return false;
        return live.room >= f.jvmFrameCost();
    }

    /**
     * Whether {@code f} has compiled code, its module compiled now if the tier says it is time:
     * at once under {@link Tier#COMPILED}; under {@link Tier#AUTO} when this call or loop iteration
     * ({@code count}) makes it hot, or takes code translated already (for another instance of the
     * module, or when compiled code called the function) without waiting for the threshold. Never
     * under {@link Tier#INTERP}.
     */
    boolean hasCompiledCode(WasmFunction f, boolean count) {
        if (tier == Tier.INTERP) return false;
        if (f.jvmCode() != null) return true;
        if (f.jvmRefused()) return false;
        if (tier == Tier.COMPILED) return Tiering.tierUp(f, true);
        if (!count) return false;
        int heat = f.heatUp();
        if (heat == Tiering.THRESHOLD) return Tiering.tierUp(f, false);
        // At counts 1, 2, 4, ...: code another instance or a compiled caller made since is taken
        // within twice the count it appeared at, for a look-up the loop pays log2(THRESHOLD) times.
        return heat < Tiering.THRESHOLD && (heat & (heat - 1)) == 0 && Tiering.adopt(f);
    }

    /** At a loop start: whether the frame should move into compiled code, which must have loop entries. */
    private boolean enterAtLoop(WasmFunction f) {
        if (f.jvmCode() != null && !f.jvmLoopEntries()) return false; // compiled, but entered only at its start
        return goCompiled(f) && f.jvmLoopEntries();
    }

    /**
     * Runs the current frame's compiled code until it returns, then returns to its caller as the
     * interpreter's return does. Compiled code that unwinds has written every frame it held.
     */
    private MachineOutcome runCompiledFrame(int entryDepth, boolean nested) {
        WasmFunction fn = live.currentFunction;
        int fp = live.currentFp;
        int entry = live.currentPc;
        live.currentFunction = null;
        int d = live.depth;
        try {
            live.fuel = ((CompiledCode) fn.jvmCode()).enter(fn.index(), this, fn.instance, fp, d, compiledRoom(d, fp + fn.code().frameSize()) - fn.jvmFrameCost(), live.fuel, entry);
        } catch (Unwind u) {
            MachineOutcome p = live.pending;
            live.pending = null;
            return p == null ? CONTINUE : p;
        } catch (Trap trap) {
            live.depth = d; // calls out of compiled code move it
            if (trap.isOpen()) {
                traceFrames(trap, null, 0, nested ? entryDepth : 0);
                if (!nested) trap.close();
            }
            if (!nested) endActivation();
            throw trap;
        } catch (dev.lia.wasm.runtime.ThrownException x) { // compiled frames have no handlers: unwind those beneath
            live.depth = d;
            return ExceptionOps.unwind(this, x, null, 0, 0, entryDepth, nested);
        } catch (RuntimeException | Error e) {
            live.depth = d;
            if (!nested) endActivation();
            throw e;
        }
        live.depth = d;
        if (live.depth == entryDepth) {
            if (nested) return NESTED_DONE;
            long[] results = Arrays.copyOfRange(live.stack, fp, fp + fn.code().resultCount());
            endActivation();
            return new MachineOutcome.Done(results);
        }
        live.depth--;
        live.currentFunction = live.frameFunction[live.depth];
        live.frameFunction[live.depth] = null;
        live.currentPc = live.framePc[live.depth];
        live.currentFp = live.frameFp[live.depth];
        live.inCall = false;
        if (live.fuel < 0) {
            WasmFunction caller = live.currentFunction;
            return outOfFuel(caller, live.currentPc, live.currentFp, live.fuel);
        }
        return CONTINUE;
    }

    /**
     * The interpreter loop over the current frame and those it calls; returns {@link #CONTINUE} when
     * the current frame should continue in compiled code.
     */
    private MachineOutcome interpret(int entryDepth, boolean nested) {
        final LiveState live = this.live; // a local: keeps the loop's bytecode under HotSpot's 8,000-byte limit
        WasmFunction fn = live.currentFunction;
        CompiledFunction cf = fn.code();
        int[] code = cf.code();
        Instance inst = fn.instance;
        byte[] mem = bytesOf(inst);
        long[] s = live.stack;
        int fp = live.currentFp;
        int pc = live.currentPc;
        long fuel = live.fuel;
        live.currentFunction = null;
        try {
            while (true) {
                int op = code[pc];
                switch (op) {
                    case Op.UNREACHABLE:
                        throw trap("unreachable");
                    // Control transfers charge their fuel cost (operand 1); running out stops at the
                    // position they lead to, which is always one where the frame is wasm-shaped.
                    case Op.BR:
                        fuel -= code[pc + 1];
                        pc = code[pc + 2];
                        if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                        break;
                    case Op.BR_MOVE:
                        fuel -= code[pc + 1];
                        System.arraycopy(s, fp + code[pc + 4], s, fp + code[pc + 3], code[pc + 5]);
                        pc = code[pc + 2];
                        if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                        break;
                    case Op.BR_IF:
                        fuel -= code[pc + 1];
                        pc = Compare.select(1 - Compare.eqz32((int) s[fp + code[pc + 2]]), code[pc + 3], pc + 4);
                        if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                        break;
                    case Op.BR_IF_MOVE:
                        fuel -= code[pc + 1];
                        if ((int) s[fp + code[pc + 2]] != 0) {
                            System.arraycopy(s, fp + code[pc + 5], s, fp + code[pc + 4], code[pc + 6]);
                            pc = code[pc + 3];
                        } else {
                            pc += 7;
                        }
                        if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                        break;
                    case Op.BR_UNLESS:
                        fuel -= code[pc + 1];
                        pc = Compare.select(Compare.eqz32((int) s[fp + code[pc + 2]]), code[pc + 3], pc + 4);
                        if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                        break;
                    case Op.BR_TABLE: {
                        fuel -= code[pc + 1];
                        int n = code[pc + 3];
                        int i = (int) s[fp + code[pc + 2]];
                        int at = pc + 4 + 4 * (int) Math.min(i & 0xFFFFFFFFL, n);
                        System.arraycopy(s, fp + code[at + 2], s, fp + code[at + 1], code[at + 3]);
                        pc = code[at];
                        if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                        break;
                    }
                    case Op.FUEL:
                        fuel -= code[pc + 1];
                        pc += 2;
                        if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                        break;
                    case Op.LOOP:
                        if (enterAtLoop(fn)) {
                            live.fuel = fuel;
                            return enterCompiled(fn, pc, fp);
                        }
                        pc++;
                        break;
                    case Op.COPY:
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
                        pc += 3;
                        break;
                    case Op.BR_IF_RETURN:
                        fuel -= code[pc + 1];
                        if ((int) s[fp + code[pc + 2]] == 0) {
                            pc += 5;
                            if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                            break;
                        }
                        System.arraycopy(s, fp + code[pc + 4], s, fp, code[pc + 3]);
                        fuel += code[pc + 1]; // charged once, by the return sequence below
                        // fall through to the return sequence
                    case Op.RETURN_ONE:
                    case Op.RETURN: {
                        fuel -= code[pc + 1];
                        if (op == Op.RETURN_ONE) s[fp] = s[fp + code[pc + 2]];
                        else if (op == Op.RETURN) System.arraycopy(s, fp + code[pc + 3], s, fp, code[pc + 2]);
                        if (live.depth == entryDepth) {
                            if (nested) {
                                live.fuel = fuel;
                                return NESTED_DONE;
                            }
                            long[] results = Arrays.copyOfRange(s, fp, fp + cf.resultCount());
                            live.fuel = fuel;
                            endActivation();
                            return new MachineOutcome.Done(results);
                        }
                        live.depth--;
                        fn = live.frameFunction[live.depth];
                        live.frameFunction[live.depth] = null;
                        pc = live.framePc[live.depth];
                        fp = live.frameFp[live.depth];
                        cf = fn.code();
                        code = cf.code();
                        inst = fn.instance;
                        mem = bytesOf(inst);
                        if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                        break;
                    }
                    case Op.CALL:
                    case Op.CALL_INDIRECT:
                    case Op.RETURN_CALL:
                    case Op.RETURN_CALL_INDIRECT: {
                        fuel -= code[pc + 1];
                        FunctionInstance callee;
                        int argBase;
                        if ((op & 1) == 0) { // CALL, RETURN_CALL
                            callee = inst.function(code[pc + 2]);
                            argBase = code[pc + 3];
                            pc += 4;
                        } else {
                            callee = indirectCallee(inst, code[pc + 2], code[pc + 3], s[fp + code[pc + 4]]);
                            argBase = code[pc + 5];
                            pc += 6;
                        }
                        if (callee instanceof WasmFunction wf) {
                            CompiledFunction ncf = wf.code();
                            int nfp = fp + argBase;
                            if (op >= Op.RETURN_CALL) { // a tail call: the callee's frame replaces this one
                                System.arraycopy(s, nfp, s, fp, ncf.paramCount());
                                nfp = fp;
                            } else {
                                pushFrame(fn, pc, fp);
                            }
                            if (nfp + ncf.frameSize() > s.length) {
                                ensureStack(nfp + ncf.frameSize());
                                s = live.stack;
                            }
                            int locals = ncf.localCount();
                            Arrays.fill(s, nfp + ncf.paramCount(), nfp + locals, 0L);
                            long[] constants = ncf.constants();
                            System.arraycopy(constants, 0, s, nfp + locals, constants.length);
                            fn = wf;
                            cf = ncf;
                            code = ncf.code();
                            fp = nfp;
                            pc = 0;
                            inst = wf.instance;
                            mem = bytesOf(inst);
                            if (fuel >= 0 && goCompiled(wf)) {
                                live.fuel = fuel;
                                return enterCompiled(wf, 0, nfp);
                            }
                        } else {
                            HostFunctionInstance host = (HostFunctionInstance) callee;
                            int n = host.type().paramSlots();
                            long[] args = Arrays.copyOfRange(s, fp + argBase, fp + argBase + n);
                            live.top = fp + argBase;
                            live.fuel = fuel;
                            // Suspended or re-entered, the frame must be where snapshot() and start() look.
                            live.currentFunction = fn;
                            live.currentPc = pc;
                            live.currentFp = fp;
                            live.inCall = true;
                            if (host.implementation() == null) { // a yielding import: the driver answers it
                                return new MachineOutcome.HostCall(host, inst, args);
                            }
                            long[] results;
                            try {
                                results = callHostDirectly(host, inst, args);
                            } catch (HostYield yield) { // the host cannot answer now: the driver will
                                return new MachineOutcome.HostCall(host, inst, args);
                            }
                            live.currentFunction = null;
                            fuel = live.fuel; // a re-entrant call may have used some
                            s = live.stack;
                            System.arraycopy(results, 0, s, fp + argBase, results.length);
                            mem = bytesOf(inst);
                            // a tail call's host callee returned: the RETURN the compiler put next is no
                            // instruction of the module, so no stop (no saveable position) falls on it; it
                            // checks the fuel itself, in the caller
                            if (op >= Op.RETURN_CALL) break;
                        }
                        if (fuel < 0) return outOfFuel(fn, pc, fp, fuel);
                        break;
                    }
                    case Op.SELECT:
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 4]] != 0 ? s[fp + code[pc + 2]] : s[fp + code[pc + 3]];
                        pc += 5;
                        break;
                    case Op.GLOBAL_GET:
                        s[fp + code[pc + 1]] = inst.global(code[pc + 2]).get();
                        pc += 3;
                        break;
                    case Op.GLOBAL_SET:
                        inst.global(code[pc + 1]).set(s[fp + code[pc + 2]]);
                        pc += 3;
                        break;

                    // ---- memory: loads are OP d address offset, stores OP address value offset ----
                    case 0x28: // i32.load
                    case 0x2A: // f32.load
                    case 0x34: // i64.load32_s
                        s[fp + code[pc + 1]] = (int) INT.get(mem, address(s[fp + code[pc + 2]], code[pc + 3], 4, mem));
                        pc += 4;
                        break;
                    case 0x29: // i64.load
                    case 0x2B: // f64.load
                        s[fp + code[pc + 1]] = (long) LONG.get(mem, address(s[fp + code[pc + 2]], code[pc + 3], 8, mem));
                        pc += 4;
                        break;
                    case 0x2C: // i32.load8_s
                    case 0x30: // i64.load8_s
                        s[fp + code[pc + 1]] = mem[address(s[fp + code[pc + 2]], code[pc + 3], 1, mem)];
                        pc += 4;
                        break;
                    case 0x2D: // i32.load8_u
                    case 0x31: // i64.load8_u
                        s[fp + code[pc + 1]] = mem[address(s[fp + code[pc + 2]], code[pc + 3], 1, mem)] & 0xFF;
                        pc += 4;
                        break;
                    case 0x2E: // i32.load16_s
                    case 0x32: // i64.load16_s
                        s[fp + code[pc + 1]] = (short) SHORT.get(mem, address(s[fp + code[pc + 2]], code[pc + 3], 2, mem));
                        pc += 4;
                        break;
                    case 0x2F: // i32.load16_u
                    case 0x33: // i64.load16_u
                        s[fp + code[pc + 1]] = (short) SHORT.get(mem, address(s[fp + code[pc + 2]], code[pc + 3], 2, mem)) & 0xFFFF;
                        pc += 4;
                        break;
                    case 0x35: // i64.load32_u
                        s[fp + code[pc + 1]] = (int) INT.get(mem, address(s[fp + code[pc + 2]], code[pc + 3], 4, mem)) & 0xFFFFFFFFL;
                        pc += 4;
                        break;
                    case 0x36: // i32.store
                    case 0x38: // f32.store
                    case 0x3E: // i64.store32
                        INT.set(mem, address(s[fp + code[pc + 1]], code[pc + 3], 4, mem), (int) s[fp + code[pc + 2]]);
                        pc += 4;
                        break;
                    case 0x37: // i64.store
                    case 0x39: // f64.store
                        LONG.set(mem, address(s[fp + code[pc + 1]], code[pc + 3], 8, mem), s[fp + code[pc + 2]]);
                        pc += 4;
                        break;
                    case 0x3A: // i32.store8
                    case 0x3C: // i64.store8
                        mem[address(s[fp + code[pc + 1]], code[pc + 3], 1, mem)] = (byte) s[fp + code[pc + 2]];
                        pc += 4;
                        break;
                    case 0x3B: // i32.store16
                    case 0x3D: // i64.store16
                        SHORT.set(mem, address(s[fp + code[pc + 1]], code[pc + 3], 2, mem), (short) s[fp + code[pc + 2]]);
                        pc += 4;
                        break;
                    case Op.MEMORY_SIZE:
                        s[fp + code[pc + 1]] = inst.memory().pages();
                        pc += 2;
                        break;
                    case Op.MEMORY_GROW:
                        s[fp + code[pc + 1]] = inst.memory().grow((int) s[fp + code[pc + 2]]);
                        mem = bytesOf(inst);
                        pc += 3;
                        break;

                    // ---- i32 compares fused with a branch: OP cost a b target ----
                    case 0xF2: fuel -= code[pc + 1]; pc = Compare.select(Compare.eq32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;
                    case 0xF3: fuel -= code[pc + 1]; pc = Compare.select(1 - Compare.eq32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;
                    case 0xF4: fuel -= code[pc + 1]; pc = Compare.select(Compare.ltS32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;
                    case 0xF5: fuel -= code[pc + 1]; pc = Compare.select(Compare.ltU32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;
                    case 0xF6: fuel -= code[pc + 1]; pc = Compare.select(Compare.ltS32((int) s[fp + code[pc + 3]], (int) s[fp + code[pc + 2]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;
                    case 0xF7: fuel -= code[pc + 1]; pc = Compare.select(Compare.ltU32((int) s[fp + code[pc + 3]], (int) s[fp + code[pc + 2]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;
                    case 0xF8: fuel -= code[pc + 1]; pc = Compare.select(1 - Compare.ltS32((int) s[fp + code[pc + 3]], (int) s[fp + code[pc + 2]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;
                    case 0xF9: fuel -= code[pc + 1]; pc = Compare.select(1 - Compare.ltU32((int) s[fp + code[pc + 3]], (int) s[fp + code[pc + 2]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;
                    case 0xFA: fuel -= code[pc + 1]; pc = Compare.select(1 - Compare.ltS32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;
                    case 0xFB: fuel -= code[pc + 1]; pc = Compare.select(1 - Compare.ltU32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]), code[pc + 4], pc + 5); if (fuel < 0) return outOfFuel(fn, pc, fp, fuel); break;

                    // ---- i32 (unary: OP d a; binary: OP d a b) ----
                    case 0x45: s[fp + code[pc + 1]] = Compare.eqz32((int) s[fp + code[pc + 2]]); pc += 3; break;
                    case 0x46: s[fp + code[pc + 1]] = Compare.eq32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x47: s[fp + code[pc + 1]] = 1 - Compare.eq32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x48: s[fp + code[pc + 1]] = Compare.ltS32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x49: s[fp + code[pc + 1]] = Compare.ltU32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x4A: s[fp + code[pc + 1]] = Compare.ltS32((int) s[fp + code[pc + 3]], (int) s[fp + code[pc + 2]]); pc += 4; break;
                    case 0x4B: s[fp + code[pc + 1]] = Compare.ltU32((int) s[fp + code[pc + 3]], (int) s[fp + code[pc + 2]]); pc += 4; break;
                    case 0x4C: s[fp + code[pc + 1]] = 1 - Compare.ltS32((int) s[fp + code[pc + 3]], (int) s[fp + code[pc + 2]]); pc += 4; break;
                    case 0x4D: s[fp + code[pc + 1]] = 1 - Compare.ltU32((int) s[fp + code[pc + 3]], (int) s[fp + code[pc + 2]]); pc += 4; break;
                    case 0x4E: s[fp + code[pc + 1]] = 1 - Compare.ltS32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x4F: s[fp + code[pc + 1]] = 1 - Compare.ltU32((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    // ---- i64 comparisons ----
                    case 0x50: s[fp + code[pc + 1]] = Compare.eqz64(s[fp + code[pc + 2]]); pc += 3; break;
                    case 0x51: s[fp + code[pc + 1]] = Compare.eqz64(s[fp + code[pc + 2]] ^ s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x52: s[fp + code[pc + 1]] = 1 - Compare.eqz64(s[fp + code[pc + 2]] ^ s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x53: s[fp + code[pc + 1]] = Compare.ltS64(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x54: s[fp + code[pc + 1]] = Compare.ltU64(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x55: s[fp + code[pc + 1]] = Compare.ltS64(s[fp + code[pc + 3]], s[fp + code[pc + 2]]); pc += 4; break;
                    case 0x56: s[fp + code[pc + 1]] = Compare.ltU64(s[fp + code[pc + 3]], s[fp + code[pc + 2]]); pc += 4; break;
                    case 0x57: s[fp + code[pc + 1]] = 1 - Compare.ltS64(s[fp + code[pc + 3]], s[fp + code[pc + 2]]); pc += 4; break;
                    case 0x58: s[fp + code[pc + 1]] = 1 - Compare.ltU64(s[fp + code[pc + 3]], s[fp + code[pc + 2]]); pc += 4; break;
                    case 0x59: s[fp + code[pc + 1]] = 1 - Compare.ltS64(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x5A: s[fp + code[pc + 1]] = 1 - Compare.ltU64(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    // ---- float comparisons ----
                    case 0x61: s[fp + code[pc + 1]] = f64(s[fp + code[pc + 2]]) == f64(s[fp + code[pc + 3]]) ? 1 : 0; pc += 4; break;
                    case 0x62: s[fp + code[pc + 1]] = f64(s[fp + code[pc + 2]]) != f64(s[fp + code[pc + 3]]) ? 1 : 0; pc += 4; break;
                    case 0x63: s[fp + code[pc + 1]] = f64(s[fp + code[pc + 2]]) < f64(s[fp + code[pc + 3]]) ? 1 : 0; pc += 4; break;
                    case 0x64: s[fp + code[pc + 1]] = f64(s[fp + code[pc + 2]]) > f64(s[fp + code[pc + 3]]) ? 1 : 0; pc += 4; break;
                    case 0x65: s[fp + code[pc + 1]] = f64(s[fp + code[pc + 2]]) <= f64(s[fp + code[pc + 3]]) ? 1 : 0; pc += 4; break;
                    case 0x66: s[fp + code[pc + 1]] = f64(s[fp + code[pc + 2]]) >= f64(s[fp + code[pc + 3]]) ? 1 : 0; pc += 4; break;

                    // ---- i32 arithmetic ----
                    case 0x67: s[fp + code[pc + 1]] = Integer.numberOfLeadingZeros((int) s[fp + code[pc + 2]]); pc += 3; break;
                    case 0x68: s[fp + code[pc + 1]] = Integer.numberOfTrailingZeros((int) s[fp + code[pc + 2]]); pc += 3; break;
                    case 0x69: s[fp + code[pc + 1]] = Integer.bitCount((int) s[fp + code[pc + 2]]); pc += 3; break;
                    case 0x6A: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + (int) s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x6B: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] - (int) s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x6C: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * (int) s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x6D: s[fp + code[pc + 1]] = Numerics.i32DivS((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x6E: s[fp + code[pc + 1]] = Numerics.i32DivU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x6F: s[fp + code[pc + 1]] = Numerics.i32RemS((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x70: s[fp + code[pc + 1]] = Numerics.i32RemU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x71: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] & (int) s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x72: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] | (int) s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x73: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ (int) s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x74: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] << (int) s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x75: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >> (int) s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x76: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >>> (int) s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x77: s[fp + code[pc + 1]] = Integer.rotateLeft((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x78: s[fp + code[pc + 1]] = Integer.rotateRight((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    // ---- i64 arithmetic ----
                    case 0x79: s[fp + code[pc + 1]] = Long.numberOfLeadingZeros(s[fp + code[pc + 2]]); pc += 3; break;
                    case 0x7A: s[fp + code[pc + 1]] = Long.numberOfTrailingZeros(s[fp + code[pc + 2]]); pc += 3; break;
                    case 0x7B: s[fp + code[pc + 1]] = Long.bitCount(s[fp + code[pc + 2]]); pc += 3; break;
                    case 0x7C: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] + s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x7D: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] - s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x7E: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] * s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x7F: s[fp + code[pc + 1]] = Numerics.i64DivS(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x80: s[fp + code[pc + 1]] = Numerics.i64DivU(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x81: s[fp + code[pc + 1]] = Numerics.i64RemS(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x82: s[fp + code[pc + 1]] = Numerics.i64RemU(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x83: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x84: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x85: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x86: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] << s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x87: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >> s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x88: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >>> s[fp + code[pc + 3]]; pc += 4; break;
                    case 0x89: s[fp + code[pc + 1]] = Long.rotateLeft(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    case 0x8A: s[fp + code[pc + 1]] = Long.rotateRight(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]); pc += 4; break;
                    // ---- f64 arithmetic ----
                    case 0x99: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & 0x7FFFFFFFFFFFFFFFL; pc += 3; break;
                    case 0x9A: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ 0x8000000000000000L; pc += 3; break;
                    case 0x9F: s[fp + code[pc + 1]] = Numerics.f64Sqrt(s[fp + code[pc + 2]]); pc += 3; break;
                    case 0xA0: s[fp + code[pc + 1]] = Numerics.f64Add(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0xA1: s[fp + code[pc + 1]] = Numerics.f64Sub(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0xA2: s[fp + code[pc + 1]] = Numerics.f64Mul(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0xA3: s[fp + code[pc + 1]] = Numerics.f64Div(s[fp + code[pc + 2]], s[fp + code[pc + 3]]); pc += 4; break;
                    case 0xA6: s[fp + code[pc + 1]] = (s[fp + code[pc + 2]] & 0x7FFFFFFFFFFFFFFFL) | (s[fp + code[pc + 3]] & 0x8000000000000000L); pc += 4; break;

                    // ---- conversions that are bit operations ----
                    case 0xA7: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]]; pc += 3; break; // i32.wrap_i64
                    case 0xAC: // i64.extend_i32_s: 32-bit slots are already sign-extended
                    case 0xBC: case 0xBD: case 0xBE: case 0xBF: // reinterpretations: the same bits
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
                        pc += 3;
                        break;
                    case 0xAD: s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & 0xFFFFFFFFL; pc += 3; break; // i64.extend_i32_u
                    case 0xC0: case 0xC2: s[fp + code[pc + 1]] = (byte) s[fp + code[pc + 2]]; pc += 3; break;
                    case 0xC1: case 0xC3: s[fp + code[pc + 1]] = (short) s[fp + code[pc + 2]]; pc += 3; break;
                    case 0xC4: s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]]; pc += 3; break;

                    default: {
                        // Less frequent instructions live outside the loop to keep it small enough for the JIT.
                        pc = RareOps.execute(this, code, pc, fp, inst);
                        s = live.stack;
                        mem = bytesOf(inst);
                    }
                }
            }
        } catch (Trap trap) {
            live.fuel = fuel;
            if (trap.backtrace().isEmpty()) {
                traceFrames(trap, fn, fn.code().byteOffset(pc), nested ? entryDepth : 0);
                if (!nested) trap.close(); // a nested run's callers are compiled frames: they add themselves
            }
            if (debugHook != null && !live.inHook) trapped(fn, pc, fp, trap);
            if (!nested) endActivation();
            throw trap;
        } catch (RuntimeException | Error e) { // a host's failure ends the activation like a trap
            return escaped(e, fn, pc, fp, fuel, entryDepth, nested);
        }
    }

    /**
     * What becomes of the interpreter loop's run when {@code e} leaves it at {@code pc} of {@code fn}: debug
     * code's hook asked to stop ({@link #PAUSE}); a wasm exception unwinds to its handler
     * ({@link ExceptionOps#unwind}) or leaves; anything else (a host's failure) ends the activation like a trap.
     */
    private MachineOutcome escaped(Throwable e, WasmFunction fn, int pc, int fp, long fuel, int entryDepth, boolean nested) {
        if (e == PAUSE) return paused(fn, pc, fp, fuel); // debug code's hook asked to stop before the STEP at pc
        live.fuel = fuel;
        if (e instanceof dev.lia.wasm.runtime.ThrownException x) return ExceptionOps.unwind(this, x, fn, pc, fp, entryDepth, nested);
        if (!nested) endActivation();
        if (e instanceof RuntimeException r) throw r;
        throw (Error) e;
    }

    /** Makes {@code f}, standing at {@code pc} (its entry or a loop start) with its frame at {@code fp}, the current frame for compiled code. */
    private MachineOutcome enterCompiled(WasmFunction f, int pc, int fp) {
        live.currentFunction = f;
        live.currentPc = pc;
        live.currentFp = fp;
        live.inCall = false;
        return CONTINUE;
    }

    private static double f64(long slot) {
        return Double.longBitsToDouble(slot);
    }

    FunctionInstance indirectCallee(Instance inst, int typeIndex, int tableIndex, long elementIndex) {
        if (tableIndex < 0) { // call_ref: the slot holds the function reference (validated to have the type)
            if (elementIndex == 0) throw trap("null function reference");
            return store.function(Ref.funcAddress(elementIndex));
        }
        long[] elements = inst.table(tableIndex).elements();
        // i32 indices are sign-extended: from 2^31 on they are huge unsigned, out of bounds as they should be
        if (Long.compareUnsigned(elementIndex, elements.length) >= 0) throw trap("undefined element");
        long ref = elements[(int) elementIndex];
        if (ref == 0) throw trap("uninitialized element " + elementIndex);
        FunctionInstance f = store.function((int) (ref - 1));
        if (f.typeId() != inst.typeId(typeIndex) && !Store.defType(f.typeId()).isSubtypeOf(inst.defTypes()[typeIndex])) {
            throw trap("indirect call type mismatch");
        }
        return f;
    }

    /** Suspends the running activation, out of fuel, before the instruction at {@code pc}. */
    MachineOutcome outOfFuel(WasmFunction fn, int pc, int fp, long fuel) {
        live.fuel = fuel;
        live.currentFunction = fn;
        live.currentPc = pc;
        live.currentFp = fp;
        live.inCall = false;
        live.top = fp + fn.code().operandBase() + (pc == 0 ? 0 : fn.code().heightBefore(pc));
        return new MachineOutcome.OutOfFuel(-fuel);
    }

    /** Fuel left (negative after running out: the overdraft of the last straight-line run). */
    public long fuel() {
        return live.fuel;
    }

    /** Sets the fuel budget; {@link #UNLIMITED} turns metering off in effect. */
    public void setFuel(long fuel) {
        live.fuel = fuel;
    }

    /** Adds fuel, e.g. to resume after {@link MachineOutcome.OutOfFuel}; saturates at {@link #UNLIMITED}. */
    public void addFuel(long amount) {
        if (amount < 0) throw new IllegalArgumentException("fuel to add must be >= 0");
        live.fuel = live.fuel > UNLIMITED - amount ? UNLIMITED : live.fuel + amount;
    }

    /** Pushes a host function's results at {@link #top}; returns the new top. */
    private int pushResults(long[] results) {
        ensureStack(live.top + results.length);
        System.arraycopy(results, 0, live.stack, live.top, results.length);
        return live.top + results.length;
    }

    /**
     * Adds the wasm call stack at a trap to its backtrace, innermost first: {@code fn} at
     * {@code byteOffset} (unless null), then the saved frames down to number {@code lowest}, each at its call.
     */
    private void traceFrames(Trap trap, WasmFunction fn, int byteOffset, int lowest) {
        if (fn != null) trap.addFrame(new Trap.Frame(fn.name(), byteOffset));
        int d = live.depth - 1;
        for (; d >= lowest && trap.backtrace().size() < Trap.MAX_FRAMES; d--) {
            WasmFunction f = live.frameFunction[d];
            trap.addFrame(new Trap.Frame(f.name(), f.code().byteOffset(live.framePc[d] - 1)));
        }
        trap.omit(d - lowest + 1); // the frames beyond the backtrace's length, counted
    }

    // ---- debugging ----

    /** Installs (or with null removes) the hook that debug code calls before every instruction. */
    public void setDebugHook(DebugHook hook) {
        this.debugHook = hook;
    }

    public DebugHook debugHook() {
        return debugHook;
    }

    /**
     * How debug code's hook stops the loop: thrown by {@link #step} and caught by {@link #run()}'s
     * handler, so that the loop itself needs no test for it (the fast code's loop is the same with or
     * without debugging).
     */
    private static final RuntimeException PAUSE = new RuntimeException("pause", null, false, false) { };

    /**
     * {@link Op#STEP} (run by {@link RareOps}): calls the debug hook with the frame where
     * {@link #snapshot()} looks; returns the position of the instruction's own code, or throws
     * {@link #PAUSE} when the hook asks to stop before it.
     */
    int step(int[] code, int pc, int fp, Instance inst) {
        DebugHook hook = debugHook;
        if (hook == null) return pc + 3;
        WasmFunction f = (WasmFunction) inst.function(code[pc + 1]);
        int instruction = code[pc + 2];
        enterHook(f, pc, fp, instruction);
        boolean pause;
        try {
            pause = hook.beforeInstruction(this, f, instruction);
        } finally {
            leaveHook();
        }
        if (pause) throw PAUSE;
        return pc + 3;
    }

    /** Shows the debug hook the machine as it stands at the trapping instruction, before the activation ends. */
    private void trapped(WasmFunction fn, int pc, int fp, Trap trap) {
        int instruction = fn.code().instructionAt(pc);
        if (instruction < 0) return;
        enterHook(fn, fn.code().pcs()[instruction], fp, instruction);
        try {
            debugHook.onTrap(this, fn, instruction, trap);
        } finally {
            leaveHook();
        }
    }

    /** While the debug hook runs, the machine looks suspended before {@code instruction} of {@code f}, at code position {@code pc}. */
    private void enterHook(WasmFunction f, int pc, int fp, int instruction) {
        live.hookFunction = f;
        live.currentPc = pc;
        live.currentFp = fp;
        live.inCall = false;
        live.top = fp + f.code().operandBase() + f.code().heights()[instruction];
        live.inHook = true;
    }

    private void leaveHook() {
        live.inHook = false;
        live.hookFunction = null;
    }

    /** Suspends the running activation before the instruction at {@code pc}, as the debug hook asked. */
    private MachineOutcome paused(WasmFunction fn, int pc, int fp, long fuel) {
        live.fuel = fuel;
        live.currentFunction = fn;
        live.currentPc = pc;
        live.currentFp = fp;
        live.inCall = false;
        live.top = fp + fn.code().operandBase() + fn.code().heightBefore(pc);
        return new MachineOutcome.Paused(fn.address(), fn.code().offsetBefore(pc));
    }

    private void checkNotInHook() {
        if (live.inHook) throw new IllegalStateException("the machine is running: the debug hook may inspect it, not drive it");
    }

    /**
     * Gives functions new code while the machine is not running, e.g. debug code when a debugger
     * attaches and fast code when it leaves. Every suspended frame of a changed function moves to the
     * same WebAssembly position in the new code: both versions mark the same instructions, so a frame
     * waiting on a call waits on the same call, and one stopped before an instruction (out of fuel,
     * paused) stands before the same instruction.
     */
    public void replaceCode(Map<WasmFunction, CompiledFunction> replacements) {
        checkNotInHook();
        if (live.activations > 0 && live.currentFunction == null) throw new IllegalStateException("the machine is running");
        int[] pcs = new int[live.depth];
        for (int d = 0; d < live.depth; d++) {
            CompiledFunction n = replacements.get(live.frameFunction[d]);
            pcs[d] = n == null ? live.framePc[d] : n.pcAfterCallAt(live.frameFunction[d].code().callOffsetBefore(live.framePc[d]));
        }
        int pc = live.currentPc;
        if (live.currentFunction != null && replacements.get(live.currentFunction) != null && pc != 0) {
            CompiledFunction n = replacements.get(live.currentFunction);
            CompiledFunction old = live.currentFunction.code();
            if (live.inCall) {
                pc = n.pcAfterCallAt(old.callOffsetBefore(pc));
            } else {
                int offset = old.offsetBefore(pc);
                if (!n.canResumeBefore(offset)) {
                    throw new IllegalStateException("the new code of " + live.currentFunction.name() + " cannot resume before the instruction at byte offset "
                            + offset + " (stopped mid-expression)");
                }
                pc = n.pcBefore(offset);
            }
        }
        for (Map.Entry<WasmFunction, CompiledFunction> e : replacements.entrySet()) {
            CompiledFunction n = e.getValue();
            CompiledFunction old = e.getKey().code();
            if (n.index() != old.index() || !n.type().equals(old.type()) || n.operandBase() != old.operandBase()) {
                throw new IllegalArgumentException("replacement code for " + e.getKey().name() + " is not the same function");
            }
            e.getKey().replaceCode(n); // drops compiled code made from the old
        }
        System.arraycopy(pcs, 0, live.framePc, 0, live.depth);
        live.currentPc = pc;
    }

    // ---- access for RareOps ----

    long[] stack() {
        return live.stack;
    }
}
