package dev.lia.wasm.debug;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.DebugHook;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A debugger for the instances of one module on one {@link Machine}: breakpoints (by function and
 * byte offset, or by source line when the module has DWARF line tables), stepping into, over and out
 * of calls by instruction or by source line, pausing from another thread, aborting, and on every stop
 * a view of each frame (function, byte offset, instruction, source line, typed locals and operand
 * stack), plus memory and globals. An optional tracer sees every instruction.
 *
 * <p>Attaching switches the module's instances to debug code (see {@link ModuleCompiler#compile(Module, boolean)}),
 * moving suspended frames to the same positions; detaching switches back. Machines without a debugger
 * run the fast code and pay nothing. Instances created later from the fast code are switched by
 * {@link #instrument()}; or instantiate {@link #compile(Module)}'s debug code from the start.
 *
 * <p>Two ways to receive stops:
 * <ul>
 *   <li>As an outcome: {@link Machine#run()} returns {@link MachineOutcome.Paused}; the machine is suspended
 *       (and can be snapshotted); inspect with {@link #stop()}, choose how to go on ({@link #stepInto()},
 *       {@link #stepOver()}, {@link #stepOut()}, {@link #stepLine()}, {@link #nextLine()}, {@link #resume()})
 *       and call {@code run()} again, or {@link #abort()}.</li>
 *   <li>Synchronously, with a {@link StopHandler} ({@link #onStop}): the handler runs inside the machine's
 *       run, so any driver works unchanged (a script VM, {@link Machine#invoke}).</li>
 * </ul>
 * A debugger belongs to the machine's thread, except {@link #requestPause()}, which any thread may call.
 */
public final class Debugger implements DebugHook {
    private enum Mode { CONTINUE, INTO, OVER, OUT, LINE_INTO, LINE_OVER }

    private final Machine machine;
    private final DebugInfo info;
    private final Map<Module, DebugInfo> otherInfos = new IdentityHashMap<>();
    /** The fast code of functions this debugger switched to debug code, for {@link #detach()}. */
    private final Map<WasmFunction, CompiledFunction> fastCode = new IdentityHashMap<>();
    private final List<Breakpoint> breakpoints = new ArrayList<>();
    /** Per defined function, per instruction of its debug code: whether a breakpoint is there. */
    private final boolean[][] breakFlags;
    private int nextId = 1;

    private Mode mode = Mode.CONTINUE;
    private int modeDepth;
    private SourceLocation modeLine;
    private volatile boolean pauseRequested;
    private StopHandler handler;
    private boolean inHandler;
    private Consumer<TraceEvent> tracer;
    private Stop lastStop;
    private boolean attached = true;

    // where the machine paused: the next hook call there is the same instruction continuing, not a new stop
    private WasmFunction skipFunction;
    private int skipInstruction;
    private int skipDepth;

    private Debugger(Machine machine, DebugInfo info) {
        this.machine = machine;
        this.info = info;
        this.breakFlags = new boolean[info.module().codes().size()][];
    }

    /** Debug code for every function of a module: instantiate it to debug from the first instruction. */
    public static CompiledModule compile(Module module) {
        return ModuleCompiler.compile(module, true);
    }

    /** Attaches a debugger for the instances of {@code instance}'s module on {@code machine}, which must not be running. */
    public static Debugger attach(Machine machine, Instance instance) {
        return attach(machine, instance.module());
    }

    /** Attaches a debugger for {@code module}'s instances on {@code machine}, which must not be running. */
    public static Debugger attach(Machine machine, Module module) {
        return attach(machine, DebugInfo.of(module));
    }

    /** As {@link #attach(Machine, Module)} with debug information already at hand (e.g. read with the binary). */
    public static Debugger attach(Machine machine, DebugInfo info) {
        if (machine.debugHook() != null) throw new IllegalStateException("a debugger is already attached to this machine");
        Debugger d = new Debugger(machine, info);
        machine.setDebugHook(d);
        d.instrument();
        return d;
    }

    public Machine machine() {
        return machine;
    }

    public DebugInfo info() {
        return info;
    }

    /** Switches every instance of the module in the machine's store that still runs fast code to debug code. */
    public void instrument() {
        checkAttached();
        Map<WasmFunction, CompiledFunction> switches = new IdentityHashMap<>();
        for (WasmFunction f : ownFunctions()) {
            if (!ModuleCompiler.isDebugCode(f.code())) {
                fastCode.put(f, f.code());
                switches.put(f, info.debugCode(f.index()));
            }
        }
        if (!switches.isEmpty()) machine.replaceCode(switches);
    }

    /**
     * Removes the debugger: the module's instances run fast code again, suspended frames included. One
     * exception: if the machine is paused mid-expression, where fast code cannot take over (see
     * {@link CompiledFunction#canResumeBefore}), the paused function keeps its debug code, which runs
     * correctly without a hook, only slower.
     */
    public void detach() {
        checkAttached();
        if (inHandler) throw new IllegalStateException("cannot detach while the machine is running");
        WasmFunction paused = null;
        int pausedAt = -1;
        if (machine.isActive()) {
            MachineState s = machine.snapshot();
            MachineState.Frame last = s.frames().get(s.frames().size() - 1);
            if (!s.innermostInCall() && last.resumeOffset() != MachineState.AT_ENTRY) {
                paused = (WasmFunction) machine.store().function(last.functionAddress());
                pausedAt = last.resumeOffset();
            }
        }
        Map<WasmFunction, CompiledFunction> switches = new IdentityHashMap<>();
        for (WasmFunction f : ownFunctions()) {
            if (ModuleCompiler.isDebugCode(f.code())) {
                CompiledFunction fast = fastCode.get(f);
                if (fast == null) fast = ModuleCompiler.compileFunction(info.module(), f.index(), false);
                if (f == paused && !fast.canResumeBefore(pausedAt)) continue;
                switches.put(f, fast);
            }
        }
        machine.replaceCode(switches);
        machine.setDebugHook(null);
        attached = false;
        skipFunction = null;
    }

    private List<WasmFunction> ownFunctions() {
        List<WasmFunction> out = new ArrayList<>();
        for (Instance inst : machine.store().instances()) {
            if (inst.module() != info.module()) continue;
            for (int i = 0; i < inst.functionCount(); i++) {
                if (inst.function(i) instanceof WasmFunction w && w.instance == inst) out.add(w);
            }
        }
        return out;
    }

    private void checkAttached() {
        if (!attached) throw new IllegalStateException("the debugger is detached");
    }

    // ---------------------------------------------------------------- breakpoints

    /** A breakpoint at a function's first instruction; the function by name, export name or index. */
    public Breakpoint breakAt(String function) {
        int f = function(function);
        return add(info.functionName(f), List.of(new Breakpoint.Location(f, firstInstruction(f))));
    }

    /** A breakpoint before the instruction at module byte offset {@code offset} of a function given by name or index. */
    public Breakpoint breakAt(String function, int offset) {
        return breakAt(function(function), offset);
    }

    /** A breakpoint before the instruction at module byte offset {@code offset} of function {@code functionIndex}. */
    public Breakpoint breakAt(int functionIndex, int offset) {
        if (!info.isDefined(functionIndex)) throw new IllegalArgumentException("no function " + functionIndex + " with code in the module");
        checkInstruction(functionIndex, offset);
        return add(info.functionName(functionIndex) + " @0x" + Integer.toHexString(offset),
                List.of(new Breakpoint.Location(functionIndex, offset)));
    }

    /** A breakpoint before the instruction at module byte offset {@code offset}, in whichever function holds it. */
    public Breakpoint breakAtOffset(int offset) {
        int f = info.functionAt(offset);
        if (f < 0) throw new IllegalArgumentException("no function's code at byte offset 0x" + Integer.toHexString(offset));
        return breakAt(f, offset);
    }

    /**
     * A breakpoint on a source line ({@code demo.c}, or a longer path suffix): before the first statement of
     * the line in every function that has code for it; a line without code moves to the next that has some.
     */
    public Breakpoint breakAtLine(String file, int line) {
        if (info.sources().isEmpty()) throw new IllegalArgumentException("the module has no source line information (DWARF .debug_line)");
        SourceMap.Resolved r = info.sources().resolve(file, line);
        if (r.offsets().isEmpty()) {
            boolean known = info.sources().files().stream().anyMatch(f -> SourceMap.sameFile(f, file));
            throw new IllegalArgumentException(known ? "no code at or after line " + line + " of " + file
                    : "no source file " + file + " in the line tables (files: " + String.join(", ", info.sources().files()) + ")");
        }
        List<Breakpoint.Location> locations = new ArrayList<>();
        for (int offset : r.offsets()) {
            int f = info.functionAt(offset);
            if (f < 0) continue;
            int at = instructionAtOrAfter(f, offset);
            if (at >= 0) locations.add(new Breakpoint.Location(f, at));
        }
        if (locations.isEmpty()) throw new IllegalArgumentException("no reachable instruction for " + file + ":" + line);
        return add(new SourceLocation(r.file(), r.line(), 0).shortText(), locations);
    }

    /** Removes a breakpoint; false if it was not set. */
    public boolean remove(Breakpoint b) {
        boolean removed = breakpoints.remove(b);
        if (removed) rebuildFlags();
        return removed;
    }

    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    private Breakpoint add(String description, List<Breakpoint.Location> locations) {
        Breakpoint b = new Breakpoint(nextId++, description, locations);
        breakpoints.add(b);
        rebuildFlags();
        return b;
    }

    private void rebuildFlags() {
        java.util.Arrays.fill(breakFlags, null);
        for (Breakpoint b : breakpoints) {
            for (Breakpoint.Location l : b.locations()) {
                int f = l.functionIndex() - info.importedFunctions();
                int[] offsets = info.debugCode(l.functionIndex()).offsets();
                if (breakFlags[f] == null) breakFlags[f] = new boolean[offsets.length];
                for (int i = 0; i < offsets.length; i++) if (offsets[i] == l.byteOffset()) breakFlags[f][i] = true;
            }
        }
    }

    private int function(String name) {
        int f = info.functionIndex(name);
        if (f < 0) throw new IllegalArgumentException("no function " + name + " in the module");
        if (!info.isDefined(f)) throw new IllegalArgumentException("function " + name + " is imported: it has no code to stop in");
        return f;
    }

    private int firstInstruction(int functionIndex) {
        return info.debugCode(functionIndex).offsets()[0];
    }

    private void checkInstruction(int functionIndex, int offset) {
        if (info.instructionIndex(functionIndex, offset) < 0) {
            throw new IllegalArgumentException("no instruction starts at byte offset 0x" + Integer.toHexString(offset)
                    + " in " + info.functionName(functionIndex));
        }
        for (int o : info.debugCode(functionIndex).offsets()) if (o == offset) return;
        throw new IllegalArgumentException("the instruction at byte offset 0x" + Integer.toHexString(offset) + " in "
                + info.functionName(functionIndex) + " is unreachable");
    }

    /** The first reachable instruction at or after {@code offset} in the function, or -1. */
    private int instructionAtOrAfter(int functionIndex, int offset) {
        int best = -1;
        for (int o : info.debugCode(functionIndex).offsets()) if (o >= offset && (best < 0 || o < best)) best = o;
        return best;
    }

    // ---------------------------------------------------------------- how to go on

    /** Stop before the next instruction that runs, in whatever function. */
    public Debugger stepInto() {
        setMode(Mode.INTO);
        return this;
    }

    /** Stop before the next instruction of this function or a caller: calls run to their end. */
    public Debugger stepOver() {
        setMode(Mode.OVER);
        return this;
    }

    /** Stop once the current function has returned, in its caller. */
    public Debugger stepOut() {
        setMode(Mode.OUT);
        return this;
    }

    /** Stop at the next source line, entering calls that have line information (as a source debugger's "step"). */
    public Debugger stepLine() {
        setMode(info.sources().isEmpty() ? Mode.INTO : Mode.LINE_INTO);
        return this;
    }

    /** Stop at the next source line of this function or a caller (as a source debugger's "next"). */
    public Debugger nextLine() {
        setMode(info.sources().isEmpty() ? Mode.OVER : Mode.LINE_OVER);
        return this;
    }

    /** Run until a breakpoint or a pause request. */
    public Debugger resume() {
        setMode(Mode.CONTINUE);
        return this;
    }

    private void setMode(Mode m) {
        mode = m;
        int depth = machine.callDepth();
        modeDepth = depth == 0 ? Integer.MAX_VALUE : depth; // not started yet: any step stops at the first instruction
        modeLine = lastStop != null && lastStop.frames().size() == depth ? lastStop.top().source() : null;
    }

    /** Asks the machine to stop before its next instruction of debugged code. Any thread may call it. */
    public void requestPause() {
        pauseRequested = true;
    }

    /**
     * Ends the stopped activation. From a {@link StopHandler} this throws {@link DebugAbort} out of the
     * machine's run; after an {@link MachineOutcome.Paused} it aborts the machine's innermost activation.
     */
    public void abort() {
        skipFunction = null;
        lastStop = null;
        mode = Mode.CONTINUE;
        if (inHandler) throw new DebugAbort();
        machine.abort();
    }

    /** Receive stops synchronously (see {@link StopHandler}); null returns to stopping with {@link MachineOutcome.Paused}. */
    public void onStop(StopHandler handler) {
        this.handler = handler;
    }

    /** Sees every instruction of debugged code before it runs (instrumentation, tracing); null for none. */
    public void setTracer(Consumer<TraceEvent> tracer) {
        this.tracer = tracer;
    }

    // ---------------------------------------------------------------- the hook

    @Override
    public boolean beforeInstruction(Machine m, WasmFunction f, int instruction) {
        if (f.instance.module() != info.module()) return false;
        int depth = m.callDepth();
        if (skipFunction != null) {
            boolean same = skipFunction == f && skipInstruction == instruction && skipDepth == depth;
            skipFunction = null;
            if (same) return false;
        }
        int offset = f.code().offsets()[instruction];
        if (tracer != null) tracer.accept(new TraceEvent(f, offset, depth));
        Stop.Reason reason = null;
        Breakpoint hit = null;
        boolean[] flags = breakFlags[f.index() - info.importedFunctions()];
        if (flags != null && instruction < flags.length && flags[instruction]) {
            hit = breakpointAt(f.index(), offset);
            if (hit != null) reason = Stop.Reason.BREAKPOINT;
        }
        if (pauseRequested) {
            pauseRequested = false;
            if (reason == null) reason = Stop.Reason.PAUSE;
        }
        if (reason == null && stepEnds(depth, offset)) reason = Stop.Reason.STEP;
        if (reason == null) return false;
        if (hit != null) hit.hit();
        mode = Mode.CONTINUE;
        lastStop = new Stop(reason, hit, backtrace());
        if (handler != null) {
            inHandler = true;
            try {
                handler.onStop(this, lastStop);
            } finally {
                inHandler = false;
            }
            return false;
        }
        skipFunction = f;
        skipInstruction = instruction;
        skipDepth = depth;
        return true;
    }

    /** A post-mortem stop: the handler sees the frames that trapped; then the trap goes on ending the run. */
    @Override
    public void onTrap(Machine m, WasmFunction f, int instruction, dev.lia.wasm.Trap trap) {
        if (handler == null || f.instance.module() != info.module()) return;
        lastStop = new Stop(Stop.Reason.TRAP, null, backtrace(), trap);
        inHandler = true;
        try {
            handler.onStop(this, lastStop);
        } catch (DebugAbort ignored) {
            // kill at a trap: the trap ends the run anyway
        } finally {
            inHandler = false;
            mode = Mode.CONTINUE;
            skipFunction = null;
            lastStop = null;
        }
    }

    private Breakpoint breakpointAt(int functionIndex, int offset) {
        for (Breakpoint b : breakpoints) {
            if (!b.enabled()) continue;
            for (Breakpoint.Location l : b.locations()) {
                if (l.functionIndex() == functionIndex && l.byteOffset() == offset) return b;
            }
        }
        return null;
    }

    private boolean stepEnds(int depth, int offset) {
        switch (mode) {
            case CONTINUE:
                return false;
            case INTO:
                return true;
            case OVER:
                return depth <= modeDepth;
            case OUT:
                return depth < modeDepth;
            default:
                break;
        }
        // by line: stop at the start of a statement of another line (or of the same line in another frame)
        if (mode == Mode.LINE_OVER && depth > modeDepth) return false;
        SourceLocation here = info.sources().at(offset);
        if (here == null) return false; // no line: code without debug information, keep going
        if (depth < modeDepth) return true; // returned to a caller: stop in the middle of its line
        if (!info.sources().isStatementStart(offset)) return false;
        return depth != modeDepth || modeLine == null || here.line() != modeLine.line() || !here.file().equals(modeLine.file());
    }

    // ---------------------------------------------------------------- inspection

    /** The last stop, or null when the machine has not stopped (or was aborted since). */
    public Stop stop() {
        return lastStop;
    }

    /**
     * The machine's wasm call stack now, innermost first: while stopped, and also while it is suspended in
     * a host call or out of fuel. Frames of other modules' functions are shown too.
     */
    public List<FrameView> backtrace() {
        MachineState s = machine.snapshot();
        List<MachineState.Frame> frames = s.frames();
        List<FrameView> out = new ArrayList<>(frames.size());
        for (int i = frames.size() - 1; i >= 0; i--) {
            MachineState.Frame fr = frames.get(i);
            boolean innermost = i == frames.size() - 1;
            out.add(view(out.size(), fr, !innermost || s.innermostInCall()));
        }
        return out;
    }

    private FrameView view(int level, MachineState.Frame fr, boolean inCall) {
        WasmFunction f = (WasmFunction) machine.store().function(fr.functionAddress());
        DebugInfo di = infoFor(f.instance.module());
        int fi = f.index();
        int offset = fr.resumeOffset() == MachineState.AT_ENTRY ? di.instructions(fi).get(0).offset : fr.resumeOffset();
        if (fr.resumeOffset() == MachineState.AT_ENTRY) inCall = false;
        ValType[] localTypes = di.localTypes(fi);
        long[] slots = fr.slots();
        List<Variable> locals = new ArrayList<>(localTypes.length);
        int slot = 0; // a v128 takes two slots
        for (int i = 0; i < localTypes.length; i++) {
            locals.add(new Variable(i, di.localName(fi, i), value(localTypes[i], slots, slot)));
            slot += localTypes[i].slots();
        }
        ValType[] types = di.operandTypes(fi, offset);
        List<DebugValue> stack = new ArrayList<>();
        for (int h = 0; slot < slots.length; h++) {
            ValType t = h < types.length ? types[h] : null;
            if (t == ValType.V128 && slot + 1 >= slots.length) t = null;
            stack.add(value(t, slots, slot));
            slot += t == null ? 1 : t.slots();
        }
        return new FrameView(level, f, fi, di.functionName(fi), offset, di.instructionAt(fi, offset), di.source(offset),
                locals, stack, inCall);
    }

    private static DebugValue value(ValType t, long[] slots, int slot) {
        return t == ValType.V128 ? new DebugValue(t, slots[slot], slots[slot + 1]) : new DebugValue(t, slots[slot]);
    }

    private DebugInfo infoFor(Module m) {
        if (m == info.module()) return info;
        return otherInfos.computeIfAbsent(m, DebugInfo::of);
    }

    /** Reads {@code length} bytes of memory 0 of the instance in the innermost frame (or the first debugged instance). */
    public byte[] readMemory(long address, int length) {
        Memory memory = instance().memory();
        if (memory == null) throw new IllegalArgumentException("the instance has no memory");
        memory.check(address, length);
        return memory.read(address, length);
    }

    /** The globals of the instance in the innermost frame (or the first debugged instance), by index. */
    public List<DebugValue> globals() {
        List<DebugValue> out = new ArrayList<>();
        Instance inst = instance();
        for (int i = 0; i < inst.globalCount(); i++) {
            GlobalInstance g = inst.global(i);
            out.add(new DebugValue(g.type().type(), g.get(), g.high()));
        }
        return out;
    }

    /** The instance stopped in, else the first instance of the debugged module. */
    public Instance instance() {
        if (lastStop != null) return lastStop.top().instance();
        for (Instance inst : machine.store().instances()) if (inst.module() == info.module()) return inst;
        throw new IllegalStateException("the module has no instance yet");
    }

    /** The instructions of a function with their byte offsets, for disassembly. */
    public List<Instruction> instructions(int functionIndex) {
        return info.instructions(functionIndex);
    }

    @Override
    public String toString() {
        return "Debugger[" + info + ", " + breakpoints.size() + " breakpoints]";
    }

    /** The debugger of a machine, if one is attached. */
    public static Debugger of(Machine machine) {
        return machine.debugHook() instanceof Debugger d ? d : null;
    }
}
