package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.HostYield;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.WasmFunction;

import java.util.Arrays;

/**
 * What compiled code calls besides {@link JitOps}: calls that leave the method, stops, traps and
 * the machine's state. Public because generated classes live in a class loader of their own; not
 * an embedding API.
 *
 * <p>Invariant kept with {@link Machine}: while compiled code runs, the machine's frame stack holds
 * only the frames beneath the compiled code's entry; each compiled frame writes its record (number
 * {@code depth}) only when it unwinds, so the state a stop leaves is the interpreter's, slot for slot.
 */
public final class Compiled {
    private Compiled() {}

    /** What a nested interpreter run or a host call may take of the Java stack, in the tier's estimate. */
    private static final int NESTED_COST = 4096;

    public static long[] stack(Machine m) {
        return m.live.stack;
    }

    public static byte[] mem(Instance inst) {
        return Machine.bytesOf(inst);
    }

    public static Trap unreachable() {
        return new Trap("unreachable");
    }

    public static long memorySize(Instance inst) {
        return inst.memory().pages();
    }

    public static long memoryGrow(Instance inst, long pages) {
        return inst.memory().grow((int) pages);
    }

    /** Runs a rare instruction through the interpreter's code for it; the frame's slots are in the value stack. */
    public static void rare(Machine m, Instance inst, int index, int pc, int fp) {
        RareOps.execute(m, ((WasmFunction) inst.function(index)).code().code(), pc, fp, inst);
    }

    /**
     * The least Java stack a compiled frame is counted for, and the least per slot of its wasm frame
     * ({@code ModuleLayout}'s estimate is at least both): what lets {@link Machine#compiledRoom} bound
     * the call depth and the value stack by the room.
     */
    public static final int MIN_FRAME_COST = 512, SLOT_COST = 16;

    /**
     * The checks of a call from frame number {@code depth} whose callee's frame ends at slot {@code end},
     * in the interpreter's order: call depth, then value stack (which may grow).
     */
    public static void prepareCall(Machine m, int depth, int end) {
        // Small enough for C1 to inline
        if (depth + 1 >= m.maxCallDepth || end > m.stackLength) prepareCallSlowly(m, depth, end);
    }

    private static void prepareCallSlowly(Machine m, int depth, int end) {
        if (depth + 1 >= m.maxCallDepth) throw new Trap("call stack exhausted");
        m.ensureStack(end);
    }

    /** The single result of the compiled method that just returned (see {@link LiveState#result}). */
    public static long result(Machine m) {
        return m.live.result;
    }

    public static void setResult(Machine m, long value) {
        m.live.result = value;
    }

    /** Where the function whose region method just returned goes on (see {@link LiveState#next}). */
    public static int next(Machine m) {
        return m.live.next;
    }

    public static void setNext(Machine m, int pc) {
        m.live.next = pc;
    }

    /** A single result the interpreter left in the value stack at {@code fp}, to the compiled caller's convention. */
    public static void resultFromStack(Machine m, int fp) {
        m.live.result = m.live.stack[fp];
    }

    /** A compiled method's single result to the interpreter's convention: in the value stack at {@code fp}. */
    public static void resultToStack(Machine m, int fp) {
        m.live.stack[fp] = m.live.result;
    }

    /**
     * Calls wasm function {@code f} as frame number {@code depth} at {@code nfp} (checked by
     * {@link #prepareCall}, arguments in place) when the direct call cannot be taken: out of fuel it
     * stops at the callee's entry as the interpreter does; low on Java stack or without compiled code
     * it runs in the interpreter.
     */
    public static long callWasm(Machine m, WasmFunction f, int nfp, int depth, int room, long fuel) {
        if (fuel < 0) fuel = refuel(m, fuel);
        if (fuel < 0) {
            m.live.depth = depth;
            m.enter(f, nfp);
            m.live.pending = m.outOfFuel(f, 0, nfp, fuel);
            throw Unwind.INSTANCE;
        }
        Object code = f.jvmCode();
        if (code != null && room >= f.jvmFrameCost() && m.debugHook == null && m.tier() != Tier.INTERP) {
            return ((CompiledCode) code).enter(f.index(), m, f.instance, nfp, depth, room - f.jvmFrameCost(), fuel, 0);
        }
        m.live.depth = depth;
        m.enter(f, nfp);
        m.live.fuel = fuel;
        int saved = m.live.room;
        m.live.room = room - NESTED_COST;
        MachineOutcome o;
        try {
            o = m.execute(depth, true);
        } finally {
            m.live.room = saved;
        }
        if (o != Machine.NESTED_DONE) {
            m.live.pending = o;
            throw Unwind.INSTANCE;
        }
        return m.live.fuel;
    }

    /** {@link #callWasm} for function {@code index} of the instance. */
    public static long callSlow(Machine m, Instance inst, int index, int nfp, int depth, int room, long fuel) {
        return callWasm(m, (WasmFunction) inst.function(index), nfp, depth, room, fuel);
    }

    /** A call of function {@code index} that the method does not make directly (an import, or code the compiler left). */
    public static long call(Machine m, Instance inst, int callerIndex, int pcAfter, int fp, int index, int nfp, int depth, int room, long fuel) {
        return dispatch(inst.function(index), m, inst, callerIndex, pcAfter, fp, nfp, depth, room, fuel);
    }

    /** {@code callee}'s index if compiled code of {@code inst} may call its method directly, else -1. */
    public static int compiledIndex(FunctionInstance callee, Instance inst) {
        return callee instanceof WasmFunction w && w.instance == inst && w.jvmCode() != null ? w.index() : -1;
    }

    /**
     * Function {@code index} of the instance called the general way from a module's {@code call_indirect}
     * switch (arguments in the value stack at {@code nfp}), its single result to the direct calls' convention.
     */
    public static long callIndexed(Machine m, Instance inst, int index, int nfp, int depth, int room, long fuel) {
        WasmFunction f = (WasmFunction) inst.function(index);
        prepareCall(m, depth - 1, nfp + f.code().frameSize());
        long left = callWasm(m, f, nfp, depth, room, fuel);
        if (f.code().resultCount() == 1) m.live.result = m.live.stack[nfp];
        return left;
    }

    /**
     * The callee of a {@code call_indirect} or (table -1) a {@code call_ref}, with the interpreter's traps:
     * {@code element} is the slot as the interpreter passes it (a table64 index or a funcref is not an int).
     */
    public static FunctionInstance indirect(Machine m, Instance inst, int typeIndex, int tableIndex, long element) {
        return m.indirectCallee(inst, typeIndex, tableIndex, element);
    }

    /** Calls {@code callee} from function {@code callerIndex} (frame {@code depth - 1} at {@code fp}) as frame {@code depth} at {@code nfp}. */
    public static long dispatch(FunctionInstance callee, Machine m, Instance inst, int callerIndex, int pcAfter, int fp, int nfp,
                                int depth, int room, long fuel) {
        if (callee instanceof WasmFunction wf) {
            prepareCall(m, depth - 1, nfp + wf.code().frameSize());
            if (fuel >= 0) m.hasCompiledCode(wf, true); // e.g. an import from another module, hot here
            return callWasm(m, wf, nfp, depth, room, fuel);
        }
        HostFunctionInstance host = (HostFunctionInstance) callee;
        long[] args = Arrays.copyOfRange(m.live.stack, nfp, nfp + host.type().paramSlots());
        // Suspended or re-entered, the calling frame must be where snapshot() and start() look.
        m.live.top = nfp;
        m.live.fuel = fuel;
        m.live.depth = depth - 1;
        m.live.currentFunction = (WasmFunction) inst.function(callerIndex);
        m.live.currentPc = pcAfter;
        m.live.currentFp = fp;
        m.live.inCall = true;
        if (host.implementation() == null) { // a yielding import: the driver answers it
            m.live.pending = new MachineOutcome.HostCall(host, inst, args);
            throw Unwind.INSTANCE;
        }
        long[] results;
        int saved = m.live.room;
        m.live.room = room - NESTED_COST;
        try {
            results = m.callHostDirectly(host, inst, args);
        } catch (HostYield yield) { // the host cannot answer now: the driver will
            m.live.pending = new MachineOutcome.HostCall(host, inst, args);
            throw Unwind.INSTANCE;
        } finally {
            m.live.room = saved;
        }
        m.live.currentFunction = null;
        m.live.inCall = false;
        System.arraycopy(results, 0, m.live.stack, nfp, results.length);
        return m.live.fuel; // a re-entrant call may have used some
    }

    /**
     * Compiled code out of fuel: the host's refills ({@link Machine#setFuelRefill}), asked before the
     * stop; the fuel after them, still negative if it declined (then the stop follows and the
     * machine does not ask again).
     */
    public static long refuel(Machine m, long fuel) {
        long left = m.refuel(fuel);
        if (left < 0 && m.fuelRefillSet()) m.live.refillDeclined = true;
        return left;
    }

    /** Out of fuel before position {@code pc} of the frame (its slots written): the stop the interpreter makes there. */
    public static Unwind fuelStop(Machine m, Instance inst, int index, int pc, int fp, int depth, long fuel) {
        m.live.depth = depth;
        m.live.pending = m.outOfFuel((WasmFunction) inst.function(index), pc, fp, fuel);
        return Unwind.INSTANCE;
    }

    /** While unwinding: the frame's constant slots, which compiled code keeps in its method, go to the value stack. */
    public static void spillConstants(Machine m, Instance inst, int index, int fp) {
        long[] constants = ((WasmFunction) inst.function(index)).code().constants();
        System.arraycopy(constants, 0, m.live.stack, fp + ((WasmFunction) inst.function(index)).code().localCount(), constants.length);
    }

    /** While unwinding: the frame waiting on the call that ends before {@code pcAfter} writes its record. */
    public static void saveCaller(Machine m, Instance inst, int index, int pcAfter, int fp, int depth) {
        m.saveFrame(depth, (WasmFunction) inst.function(index), pcAfter, fp);
    }

    /**
     * A trap passing through the frame: it adds itself to the backtrace as the interpreter would
     * report it. Its position is the line number of its method's frame in the trap's Java stack (the
     * emitter numbers lines by code position; calls by the position after them, where the interpreter
     * stands during a call): the position itself if the trap was raised here, the call if a callee raised it.
     * A function compiled as regions has its positions in its region methods ({@code f<index>_<k>}).
     */
    public static Trap trapped(Trap t, Instance inst, int index) {
        boolean raisedHere = t.backtrace().isEmpty();
        if (!raisedHere && !t.isOpen()) return t;
        int pc = Math.max(0, t.nextCompiledPosition(GENERATED_PACKAGE, "f" + index, PROLOGUE_LINE));
        WasmFunction f = (WasmFunction) inst.function(index);
        t.addFrame(new Trap.Frame(f.name(), f.code().byteOffset(raisedHere ? pc : pc - 1)));
        return t;
    }

    /**
     * The line number of a generated method's prologue: a trap raised there (the call's checks) is
     * its caller's, so {@link #trapped} passes over such frames. No code position has this line
     * (positions are at most 65533: the translator refuses longer code).
     */
    public static final int PROLOGUE_LINE = 65535;

    /** The package of generated classes. */
    public static final String GENERATED_PACKAGE = "dev.lia.jit.";
}
