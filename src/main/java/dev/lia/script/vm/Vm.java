package dev.lia.script.vm;

import dev.lia.script.compile.Code;
import dev.lia.script.compile.Op;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.link.LateLinker;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.HostYield;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Instantiator;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Runs a compiled script against a module instance.
 *
 * <p>The VM's state is data: a program counter, an operand stack ({@code long} bits with a parallel
 * array of octs), variable slots, a stack of frames (the script's main body and the import handlers
 * wasm has entered) and, while blocked, the pending request. Calls between wasm and Lia never
 * recurse on the Java stack: a call of an export starts an activation of the engine's machine;
 * when wasm calls an import that a Lia handler implements, the machine returns a host call, the VM
 * pushes a handler frame and runs its operations (which may start nested activations); the
 * handler's {@code return} resumes the machine with its results.
 *
 * <p>{@link #run()} starts the script; when it is {@link Outcome.Blocked}, {@link #resolve} answers
 * the request and continues exactly where it stopped; when it is {@link Outcome.OutOfFuel},
 * {@link #resume} continues it after fuel was added.
 *
 * <p>Fuel: the VM shares the machine's fuel counter ({@link Machine#fuel()}). Wasm code is charged
 * as the machine charges it; each Lia operation costs 1, charged as it starts, and an operation only
 * starts while the counter is not negative. When it is, the run stops before that operation.
 *
 * <p>Every import of the module is linked as a yielding function named {@code module.name}; when
 * wasm calls one, the VM answers with the running script's Lia handler, else with the Java host
 * function of that name, else it blocks. So scripts run one after another against one instance
 * (see {@link #Vm(Program, Machine, Instance, Map, Map)}) each answer imports with their own handlers.
 */
public final class Vm {
    private enum Status { NEW, RUNNING, BLOCKED, OUT_OF_FUEL, FINISHED }

    private final Program program;
    private final Op[] ops;
    private final CompiledModule module;
    private final Map<String, Value> inputs;
    private final Machine machine;
    private final Map<String, HostFunction> hosts;
    private final Instances instances;
    private Instance instance;
    private Status status = Status.NEW;
    private Outcome last;
    /** The fuel counter while the loop runs; the machine holds it otherwise. */
    private long fuel;

    private int pc;
    // the operand stack: numbers as bits, octs in the parallel array
    private long[] stackBits = new long[64];
    private byte[][] stackOcts = new byte[64][];
    private int sp;
    // variable slots of every frame, one frame's slots after another
    private long[] slotBits = new long[64];
    private byte[][] slotOcts = new byte[64][];
    private int slotTop;
    // frames: index 0 is the script's main body; above it the import handlers being run
    private int[] frameBase = new int[8];
    private int[] frameHandler = new int[8];
    private int[] frameReturnPc = new int[8];
    private int frames;
    // why the script is suspended, and the request it is blocked on
    private VmState.Suspension pending;
    private String pendingName;
    private Value[] pendingArgs;
    private Type[] pendingResults;
    /** For a host request: the host call to make again once it is answered. */
    private VmState.HostCall pendingCall;

    /**
     * @param inputs the script's inputs by name
     * @param hosts  Java implementations of wasm imports, by {@code module.name}; a Lia handler takes precedence
     */
    public Vm(Program program, CompiledModule module, Map<String, Value> inputs, Map<String, HostFunction> hosts, Limits limits) {
        this.program = program;
        this.ops = program.ops().toArray(new Op[0]);
        this.module = module;
        this.inputs = Map.copyOf(inputs);
        this.hosts = Map.copyOf(hosts);
        this.machine = new Machine(new Store(limits));
        this.instances = new Instances(machine);
    }

    public Vm(Program program, CompiledModule module, Map<String, Value> inputs) {
        this(program, module, inputs, Map.of(), Limits.DEFAULT);
    }

    /**
     * A script to run against an instance that exists already (a session's later script): {@link #run()}
     * does not instantiate, it checks that the script fits the instance and runs it. The machine
     * must be idle, as a finished script leaves it.
     */
    public Vm(Program program, Machine machine, Instance instance, Map<String, Value> inputs, Map<String, HostFunction> hosts) {
        if (machine.isActive()) throw new IllegalStateException("the machine is in the middle of a run");
        if (instance.store() != machine.store()) throw new IllegalArgumentException("the instance belongs to another store");
        this.program = program;
        this.ops = program.ops().toArray(new Op[0]);
        this.module = null;
        this.inputs = Map.copyOf(inputs);
        this.hosts = Map.copyOf(hosts);
        this.machine = machine;
        this.instances = new Instances(machine);
        this.instance = instance;
    }

    /**
     * Rebuilds a suspended VM from {@link #snapshot()}'s data, over a machine and instance restored
     * to the same point (the machine's call stacks included).
     *
     * @throws IllegalArgumentException if the state does not fit the program or the machine
     */
    public static Vm restore(Program program, Machine machine, Instance instance, Map<String, HostFunction> hosts, VmState state) {
        Vm vm = new Vm(program, machine, instance, Map.of(), hosts, true);
        vm.load(state);
        return vm;
    }

    private Vm(Program program, Machine machine, Instance instance, Map<String, Value> inputs, Map<String, HostFunction> hosts,
               boolean restoring) {
        this.program = program;
        this.ops = program.ops().toArray(new Op[0]);
        this.module = null;
        this.inputs = Map.copyOf(inputs);
        this.hosts = Map.copyOf(hosts);
        this.machine = machine;
        this.instances = new Instances(machine);
        this.instance = instance;
    }

    public Program program() {
        return program;
    }

    /** The machine the script drives, e.g. to attach a debugger before {@link #run()}. */
    public Machine machine() {
        return machine;
    }

    /** Fuel left: the machine's counter (negative after running out: the overdraft). */
    public long fuel() {
        return machine.fuel();
    }

    /** Sets the fuel budget ({@link Machine#UNLIMITED} by default). */
    public void setFuel(long fuel) {
        machine.setFuel(fuel);
    }

    /** Adds fuel, e.g. before {@link #resume()}. */
    public void addFuel(long amount) {
        machine.addFuel(amount);
    }

    /** Whether the script stopped, blocked or out of fuel, and can continue. */
    public boolean isSuspended() {
        return status == Status.BLOCKED || status == Status.OUT_OF_FUEL;
    }

    /** The module instance, once {@link #run()} has instantiated it. */
    public Instance instance() {
        return instance;
    }

    /** The outcome of the last {@link #run()} or {@link #resolve}. */
    public Outcome outcome() {
        return last;
    }

    /** Instantiates the module (running its start function) and runs the script from its first operation. */
    public Outcome run() {
        if (status != Status.NEW) throw new IllegalStateException("the script has already run");
        status = Status.RUNNING;
        fuel = machine.fuel();
        Outcome o = setup();
        if (o == null) o = loop(null);
        return finish(o);
    }

    /**
     * Continues a script that ran out of fuel, after fuel was added ({@link #addFuel}); if the
     * counter is still negative it stops again at once.
     *
     * @throws IllegalStateException if the script is not out of fuel
     */
    public Outcome resume() {
        if (status != Status.OUT_OF_FUEL) throw new IllegalStateException("the script is not out of fuel");
        status = Status.RUNNING;
        fuel = machine.fuel();
        VmState.Suspension kind = pending;
        clearPending();
        return finish(loop(kind == VmState.Suspension.FUEL_WASM ? () -> deliver(runMachine(null)) : null));
    }

    /**
     * Answers the pending request with values of the types it expects, and continues.
     *
     * @throws IllegalStateException    if the script is not blocked
     * @throws IllegalArgumentException if the count or a type does not match; nothing changes then
     */
    public Outcome resolve(List<Value> answer) {
        if (status != Status.BLOCKED) throw new IllegalStateException("the script is not blocked on a request");
        if (answer.size() != pendingResults.length) {
            throw new IllegalArgumentException(pendingName + " expects " + pendingResults.length + " value"
                    + (pendingResults.length == 1 ? "" : "s") + " " + Arrays.toString(pendingResults) + ", got " + answer.size());
        }
        for (int i = 0; i < answer.size(); i++) {
            if (answer.get(i).type() != pendingResults[i]) {
                throw new IllegalArgumentException(pendingName + " expects " + pendingResults[i] + " as value " + (i + 1)
                        + ", got " + answer.get(i).type());
            }
        }
        if (pending == VmState.Suspension.HOST_REQUEST) answeringHost(hostFunction(pendingCall)).answer(pendingName, List.copyOf(answer));
        status = Status.RUNNING;
        fuel = machine.fuel();
        VmState.Suspension kind = pending;
        VmState.HostCall c = pendingCall;
        clearPending();
        Outcome o;
        if (kind == VmState.Suspension.EXT) {
            for (Value v : answer) push(v);
            o = loop(null);
        } else if (kind == VmState.Suspension.HOST_REQUEST) {
            o = loop(() -> callHost(c));
        } else {
            long[] bits = wasmValues(answer);
            o = loop(() -> deliver(runMachine(bits)));
        }
        return finish(o);
    }

    /** The request the script is blocked on, or null. */
    public Outcome.Blocked pendingRequest() {
        return status == Status.BLOCKED ? (Outcome.Blocked) last : null;
    }

    /**
     * The suspended script as data (the machine and store are saved separately).
     *
     * @throws IllegalStateException unless the script is blocked or out of fuel
     */
    public VmState snapshot() {
        if (!isSuspended()) throw new IllegalStateException("only a blocked or out-of-fuel script can be saved");
        List<VmState.Slot> stack = new ArrayList<>(sp);
        for (int i = 0; i < sp; i++) stack.add(slot(stackBits[i], stackOcts[i]));
        List<VmState.Slot> slots = new ArrayList<>(slotTop);
        for (int i = 0; i < slotTop; i++) slots.add(slot(slotBits[i], slotOcts[i]));
        Outcome.Blocked request = status == Status.BLOCKED ? (Outcome.Blocked) last : null;
        return new VmState(program.id(), pc, stack, slots, Arrays.copyOf(frameBase, frames), Arrays.copyOf(frameHandler, frames),
                Arrays.copyOf(frameReturnPc, frames), pending, request, pendingCall);
    }

    private static VmState.Slot slot(long bits, byte[] octs) {
        return octs != null ? VmState.Slot.octs(octs) : VmState.Slot.number(bits);
    }

    /** Takes a saved state after checking that it fits the program and the machine. */
    private void load(VmState s) {
        if (!s.programId().equals(program.id())) {
            throw new IllegalArgumentException("the state is for script " + s.programId() + ", not " + program.id());
        }
        int n = s.frames();
        if (n < 1 || s.frameBase()[0] != 0 || s.frameHandler()[0] != -1) throw new IllegalArgumentException("bad frames in the script state");
        if (s.pc() < 0 || s.pc() >= ops.length) throw new IllegalArgumentException("operation " + s.pc() + " is outside the script");
        for (int i = 0; i < n; i++) {
            int h = s.frameHandler()[i];
            if (i > 0 && (h < 0 || h >= program.handlers().size())) throw new IllegalArgumentException("frame " + i + " runs no handler");
            int size = h < 0 ? program.mainSlots() : program.handlers().get(h).slots();
            int end = i + 1 < n ? s.frameBase()[i + 1] : s.slots().size();
            if (end - s.frameBase()[i] != size) throw new IllegalArgumentException("frame " + i + " has the wrong number of slots");
            int ret = s.frameReturnPc()[i];
            if (ret < 0 || ret >= ops.length) throw new IllegalArgumentException("frame " + i + " returns outside the script");
        }
        boolean inWasm = s.suspension().inWasm();
        if (s.hostCall() != null) {
            VmState.HostCall c = s.hostCall();
            if (c.function() < 0 || c.function() >= machine.store().functionCount()
                    || !(machine.store().function(c.function()) instanceof HostFunctionInstance f)) {
                throw new IllegalArgumentException("the host call's function " + c.function() + " is not a host function");
            }
            if (c.caller() < 0 || c.caller() >= machine.store().instances().size()) {
                throw new IllegalArgumentException("the host call's caller " + c.caller() + " is not an instance");
            }
            if (c.args().length != f.type().paramSlots()) throw new IllegalArgumentException("the host call has the wrong number of arguments");
            answeringHost(f);
        }
        if (inWasm != machine.isActive() && (inWasm || n == 1)) {
            throw new IllegalArgumentException("the script state does not fit the machine's state");
        }
        frames = 0;
        for (int i = 0; i < n; i++) {
            int h = s.frameHandler()[i];
            pushFrame(h, h < 0 ? program.mainSlots() : program.handlers().get(h).slots());
            frameReturnPc[i] = s.frameReturnPc()[i];
        }
        for (int i = 0; i < s.slots().size(); i++) {
            slotBits[i] = s.slots().get(i).bits();
            slotOcts[i] = s.slots().get(i).octs();
        }
        sp = 0;
        ensureStack(s.stack().size());
        for (VmState.Slot v : s.stack()) {
            stackBits[sp] = v.bits();
            stackOcts[sp] = v.octs();
            sp++;
        }
        pc = s.pc();
        pending = s.suspension();
        fuel = machine.fuel();
        if (s.request() != null) {
            pendingName = s.request().name();
            pendingArgs = s.request().args().toArray(new Value[0]);
            pendingResults = s.request().expects().toArray(new Type[0]);
            last = s.request();
            pendingCall = s.hostCall();
            status = Status.BLOCKED;
        } else {
            last = new Outcome.OutOfFuel(fuel < 0 ? -fuel : 0);
            status = Status.OUT_OF_FUEL;
        }
    }

    private void clearPending() {
        pending = null;
        pendingName = null;
        pendingArgs = null;
        pendingResults = null;
        pendingCall = null;
    }

    private Outcome finish(Outcome o) {
        last = o;
        status = o instanceof Outcome.Blocked ? Status.BLOCKED : o instanceof Outcome.OutOfFuel ? Status.OUT_OF_FUEL : Status.FINISHED;
        machine.setFuel(fuel);
        return o;
    }

    // ---------------------------------------------------------------- setup

    /** Links, instantiates, stores the inputs; returns a failure or a blocking start function's outcome, else null. */
    private Outcome setup() {
        List<String> wrong = inputProblems(program, inputs);
        if (!wrong.isEmpty()) return new Outcome.Failed(wrong.get(0), null);
        pushFrame(-1, program.mainSlots());
        for (Program.Input in : program.inputs()) {
            Value v = inputs.get(in.name());
            slotBits[in.slot()] = v.bits();
            slotOcts[in.slot()] = v.bytesShared();
        }
        if (instance != null) { // a later script of a session: the instance exists
            List<String> problems = Binding.mismatches(program, instance.module());
            return problems.isEmpty() ? null
                    : new Outcome.Failed("the module does not fit the script: " + String.join("; ", problems), null);
        }
        try {
            instance = Instantiator.instantiate(machine.store(), module, Binding.imports(machine.store(), module.module()));
        } catch (LinkException e) {
            return new Outcome.Failed("cannot instantiate the module: " + e.getMessage(), null);
        } catch (Trap e) {
            return Outcome.Trapped.wasm(e, where(Pos.NONE));
        }
        List<String> problems = Binding.mismatches(program, module.module());
        if (!problems.isEmpty()) {
            return new Outcome.Failed("the module does not fit the script: " + String.join("; ", problems), null);
        }
        int start = module.module().start();
        if (start >= 0) {
            try {
                machine.start(instance.function(start));
                return deliver(runMachine(null));
            } catch (WasmTrap w) {
                return Outcome.Trapped.wasm(w.trap, where(Pos.NONE));
            } catch (RuntimeException e) { // a Java host function failed
                return hostError(e, null);
            }
        }
        return null;
    }

    /**
     * Why the program cannot run with these inputs against an instance of this module: unknown,
     * missing or wrong-typed inputs, and exports, globals, memories or imports the program was
     * compiled for that the module lacks or types otherwise. Empty when it can run. It runs nothing,
     * so a caller can refuse a mistake before any state changes.
     */
    public static List<String> problems(Program program, dev.lia.wasm.syntax.Module module, Map<String, Value> inputs) {
        List<String> out = new ArrayList<>(inputProblems(program, inputs));
        for (String p : Binding.mismatches(program, module)) out.add("the module does not fit the script: " + p);
        return out;
    }

    private static List<String> inputProblems(Program program, Map<String, Value> inputs) {
        List<String> out = new ArrayList<>();
        for (String name : inputs.keySet()) {
            if (program.inputs().stream().noneMatch(in -> in.name().equals(name))) {
                out.add("unknown input '" + name + "'; the script's inputs are: " + inputNames(program));
            }
        }
        for (Program.Input in : program.inputs()) {
            Value v = inputs.get(in.name());
            if (v == null) out.add("missing input '" + in.name() + "' (" + in.type() + ")");
            else if (v.type() != in.type()) out.add("input '" + in.name() + "' must be " + in.type() + ", got " + v.type());
        }
        return out;
    }

    private static String inputNames(Program program) {
        List<String> names = new ArrayList<>();
        for (Program.Input in : program.inputs()) names.add(in.name());
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    // ---------------------------------------------------------------- the loop

    /** Thrown around a trap that happened in wasm code (as opposed to the script's own operations). */
    private static final class WasmTrap extends RuntimeException {
        final Trap trap;

        WasmTrap(Trap trap) {
            super(trap.getMessage(), null, false, false);
            this.trap = trap;
        }
    }

    /** Thrown by fail and assert, and when an instance cannot be made or called. */
    static final class ScriptFailure extends RuntimeException {
        ScriptFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs operations until the script finishes, blocks or runs out of fuel. First, {@code first}
     * (if given) continues what the script was suspended in: it resumes the machine with an
     * import's answer, continues the activation that ran out of fuel, or calls a host function again
     * after its request was answered; it returns a blocking outcome, or null to go on.
     */
    private Outcome loop(java.util.function.Supplier<Outcome> first) {
        try {
            if (first != null) {
                Outcome b = first.get();
                if (b != null) return b;
            }
            while (true) {
                if (fuel < 0) return suspend(VmState.Suspension.FUEL_SCRIPT, null, null, null);
                fuel--;
                Op op = ops[pc++];
                switch (op.code()) {
                    case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> pushBits(op.a());
                    case OCTS_CONST, V128_CONST -> pushOcts(HexFormat.of().parseHex(op.text()));
                    case V128_LANE -> {
                        int k = (int) stackBits[--sp];
                        pushBits(V128Ops.lane(popOcts(), op.text(), k));
                    }
                    case V128_FROM_OCTS -> pushOcts(V128Ops.fromOcts(popOcts()));
                    case LOCAL_GET -> {
                        int slot = frameBase[frames - 1] + (int) op.a();
                        ensureStack(1);
                        stackBits[sp] = slotBits[slot];
                        stackOcts[sp] = slotOcts[slot];
                        sp++;
                    }
                    case LOCAL_SET -> {
                        int slot = frameBase[frames - 1] + (int) op.a();
                        sp--;
                        slotBits[slot] = stackBits[sp];
                        slotOcts[slot] = stackOcts[sp];
                        stackOcts[sp] = null;
                    }
                    case DROP -> stackOcts[--sp] = null;
                    case BR -> pc = (int) op.a();
                    case BR_IF -> {
                        if ((int) stackBits[--sp] != 0) pc = (int) op.a();
                    }
                    case BR_UNLESS -> {
                        if ((int) stackBits[--sp] == 0) pc = (int) op.a();
                    }
                    case RETURN -> {
                        if (frames == 1) return done(op);
                        Outcome b = returnFromHandler(op);
                        if (b != null) return b;
                    }
                    case FAIL -> throw new ScriptFailure(new String(popOcts(), StandardCharsets.UTF_8));
                    case CALL -> {
                        Outcome b = call(op);
                        if (b != null) return b;
                    }
                    case EXT -> {
                        return ext(op);
                    }
                    case GLOBAL_GET -> {
                        GlobalInstance g = (GlobalInstance) instance.export(op.text());
                        if (op.types().get(0) == Type.V128) pushOcts(V128Ops.bytes(g.get(), g.high()));
                        else pushBits(normalize(g.get(), op.types().get(0)));
                    }
                    case GLOBAL_SET -> {
                        GlobalInstance g = (GlobalInstance) instance.export(op.text());
                        if (op.types().get(0) == Type.V128) {
                            byte[] v = popOcts();
                            g.set(V128Ops.half(v, 0));
                            g.setHigh(V128Ops.half(v, 1));
                        } else {
                            g.set(normalize(stackBits[--sp], op.types().get(0)));
                        }
                    }
                    case MEMORY_READ -> {
                        long length = stackBits[--sp] & 0xFFFFFFFFL;
                        long address = address(op, stackBits[--sp]);
                        Memory m = instance.memory((int) op.a());
                        m.check(address, length);
                        pushOcts(m.read(address, (int) length));
                    }
                    case MEMORY_WRITE -> {
                        long address = address(op, stackBits[--sp]);
                        instance.memory((int) op.a()).write(address, popOcts());
                    }
                    case MEMORY_SIZE -> pushBits(instance.memory((int) op.a()).pages());
                    case MEMORY_GROW -> {
                        long delta = stackBits[--sp];
                        Memory m = instance.memory((int) op.a());
                        pushBits(op.types().isEmpty() ? m.grow((int) delta) : m.grow(delta)); // u64 pages on a 64-bit memory
                    }
                    case TABLE_SIZE -> pushBits(instance.table((int) op.a()).size());
                    case INSTANTIATE -> {
                        Outcome b = instantiate(op);
                        if (b != null) return b;
                    }
                    case INSTANCE_CALL -> {
                        long[] args = popWasmValues(op.types().subList(0, (int) op.a()));
                        Outcome b = startWasm(instances.function(stackBits[--sp], op), args);
                        if (b != null) return b;
                    }
                    case OCTS_LEN -> pushBits(popOcts().length);
                    case OCTS_SLICE -> {
                        int to = (int) stackBits[--sp];
                        int from = (int) stackBits[--sp];
                        pushOcts(OctsOps.slice(popOcts(), from, to));
                    }
                    case OCTS_AT -> {
                        int i = (int) stackBits[--sp];
                        pushBits(OctsOps.at(popOcts(), i));
                    }
                    case OCTS_CONCAT -> {
                        byte[] b = popOcts();
                        pushOcts(OctsOps.concat(popOcts(), b));
                    }
                    case OCTS_EQ, OCTS_NE -> {
                        byte[] b = popOcts();
                        boolean eq = Arrays.equals(popOcts(), b);
                        pushBits(eq == (op.code() == Code.OCTS_EQ) ? 1 : 0);
                    }
                    case OCTS_FROM32 -> pushOcts(OctsOps.littleEndian(stackBits[--sp], 4));
                    case OCTS_FROM64 -> pushOcts(OctsOps.littleEndian(stackBits[--sp], 8));
                    case OCTS_TO32 -> pushBits(OctsOps.fromLittleEndian(popOcts(), 4));
                    case OCTS_TO64 -> pushBits(OctsOps.fromLittleEndian(popOcts(), 8));
                    default -> {
                        if (Arithmetic.isUnary(op.code())) {
                            stackBits[sp - 1] = Arithmetic.unary(op.code(), stackBits[sp - 1]);
                        } else {
                            long b = stackBits[--sp];
                            stackBits[sp - 1] = Arithmetic.binary(op.code(), stackBits[sp - 1], b);
                        }
                    }
                }
            }
        } catch (WasmTrap w) {
            return Outcome.Trapped.wasm(w.trap, current());
        } catch (Trap t) {
            return new Outcome.Trapped(Outcome.TrapKind.SCRIPT, t.getMessage(), current(), List.of());
        } catch (ScriptFailure f) {
            return new Outcome.Failed(f.getMessage(), current());
        } catch (RuntimeException e) { // a Java host function failed
            return hostError(e, current());
        }
    }

    private static Outcome hostError(RuntimeException e, Outcome.Where at) {
        if (e instanceof dev.lia.wasm.runtime.HostExit x) return new Outcome.Exited(x.code(), at); // proc_exit
        if (e instanceof dev.lia.wasm.runtime.ThrownException x) return new Outcome.Failed(x.getMessage(), at); // a wasm exception nothing caught
        return new Outcome.Failed("host error: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), at);
    }

    /** The position of the operation that is running (the one before pc). */
    private Outcome.Where current() {
        return where(pc > 0 ? program.position(pc - 1) : Pos.NONE);
    }

    private Outcome.Where where(Pos pos) {
        return new Outcome.Where(program.sourceName(), pos);
    }

    private Outcome done(Op op) {
        int n = (int) op.a();
        List<Value> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) values.add(valueAt(sp - n + i, op.types().get(i)));
        return new Outcome.Done(values);
    }

    // ---------------------------------------------------------------- calls between Lia and wasm

    private Outcome call(Op op) {
        long[] args = popWasmValues(op.types().subList(0, (int) op.a()));
        FunctionInstance f = instance.exportedFunction(op.text());
        if (!(f instanceof WasmFunction)) throw new IllegalStateException("export '" + op.text() + "' is not wasm code");
        return startWasm(f, args);
    }

    /** Starts an activation of wasm function {@code f} and takes what the machine does. */
    private Outcome startWasm(FunctionInstance f, long[] args) {
        try {
            machine.start(f, args);
        } catch (Trap t) { // call stack exhausted
            throw new WasmTrap(t);
        }
        return deliver(runMachine(null));
    }

    /**
     * {@code instantiate}: links and allocates the module whose bytes are on the stack, pushes the
     * instance, then runs its start function as an activation (which may call handlers or block).
     */
    private Outcome instantiate(Op op) {
        int base = frameBase[frames - 1];
        LateLinker.Linked l;
        try {
            l = instances.instantiate(popOcts(), op, instance, slot -> slotBits[base + slot]);
        } catch (Trap t) {
            throw new WasmTrap(t);
        }
        pushBits(Instances.handle(l.instance()));
        return l.start() < 0 ? null : startWasm(l.instance().function(l.start()), new long[0]);
    }

    /** The modules the script instantiated, in order, with their bytes, hashes and links. */
    public List<LateLinker.Linked> linked() {
        return instances.linked();
    }

    /**
     * Runs the machine's innermost activation with the VM's fuel: resumes it with {@code results}
     * (a host call's answer) or, when null, runs it from where it stands.
     */
    private dev.lia.wasm.exec.MachineOutcome runMachine(long[] results) {
        machine.setFuel(fuel);
        try {
            return results != null ? machine.resume(results) : machine.run();
        } catch (Trap t) {
            throw new WasmTrap(t);
        } finally {
            fuel = machine.fuel();
        }
    }

    /**
     * Takes what the machine did: results go on the stack of the frame that called; a host call
     * enters its Lia handler (a new frame, the loop goes on there), or is answered by a Java host
     * function (and the machine goes on), or blocks the script; running out of fuel suspends it.
     * Returns the outcome that ends the loop, or null to go on.
     */
    private Outcome deliver(dev.lia.wasm.exec.MachineOutcome o) {
        while (true) {
            if (o instanceof dev.lia.wasm.exec.MachineOutcome.Done d) {
                pushWasmValues(d.results(), activationResults());
                return null;
            }
            if (o instanceof dev.lia.wasm.exec.MachineOutcome.OutOfFuel) {
                return suspend(VmState.Suspension.FUEL_WASM, null, null, null);
            }
            dev.lia.wasm.exec.MachineOutcome.HostCall call = (dev.lia.wasm.exec.MachineOutcome.HostCall) o;
            String name = call.function().name();
            Program.Handler h = program.handler(name);
            FuncType type = call.function().type();
            if (h != null) {
                frameReturnPc[frames - 1] = pc;
                pushFrame(program.handlers().indexOf(h), h.slots());
                int base = frameBase[frames - 1];
                int slot = 0;
                for (int i = 0; i < h.params().size(); i++) { // a v128 comes in two wasm slots, its parameter is one
                    if (h.params().get(i) == Type.V128) {
                        slotOcts[base + i] = V128Ops.bytes(call.args()[slot], call.args()[slot + 1]);
                        slot += 2;
                    } else {
                        slotBits[base + i] = call.args()[slot++];
                    }
                }
                pc = h.entry();
                return null;
            }
            HostFunction host = hosts.get(name);
            if (host != null) {
                long[] results;
                try {
                    results = host.call(call.caller(), call.args().clone());
                } catch (HostRequest r) {
                    if (!(host instanceof AnsweringHost)) throw r;
                    return suspendOnHost(r, new VmState.HostCall(machine.store().addressOf(call.function()),
                            machine.store().instances().indexOf(call.caller()), call.args()));
                } catch (HostYield yield) {
                    results = null; // the host cannot answer now: the script blocks as for an unanswered import
                }
                if (results != null) {
                    o = runMachine(checkedResults(name, type, results));
                    continue;
                }
            }
            Value[] args = new Value[type.params().size()];
            Type[] results = new Type[type.results().size()];
            int slot = 0;
            for (int i = 0; i < args.length; i++) {
                Type t = Type.of(type.params().get(i));
                if (t == null) throw new IllegalStateException("import " + name + " takes " + type.params().get(i) + ", which a script cannot see");
                args[i] = t == Type.V128 ? Value.v128(call.args()[slot], call.args()[slot + 1]) : Value.ofBits(t, call.args()[slot]);
                slot += t == Type.V128 ? 2 : 1;
            }
            for (int i = 0; i < results.length; i++) {
                results[i] = Type.of(type.results().get(i));
                if (results[i] == null) throw new IllegalStateException("import " + name + " returns " + type.results().get(i) + ", which a script cannot give");
            }
            return suspend(VmState.Suspension.IMPORT, name, args, results);
        }
    }

    /** The answer of a host function for the machine: a copy, of the count the import's type says. */
    private static long[] checkedResults(String name, FuncType type, long[] results) {
        if (results.length != type.resultSlots()) {
            throw new IllegalStateException("host function " + name + " returned " + results.length
                    + " values, expected " + type.resultSlots() + " (a v128 is two)");
        }
        return results.clone();
    }

    /** Makes a host call again after its request was answered: blocks again, or resumes the machine with its results. */
    private Outcome callHost(VmState.HostCall c) {
        HostFunctionInstance f = hostFunction(c);
        long[] results;
        try {
            results = answeringHost(f).call(machine.store().instances().get(c.caller()), c.args());
        } catch (HostRequest r) {
            return suspendOnHost(r, c);
        }
        return deliver(runMachine(checkedResults(f.name(), f.type(), results)));
    }

    private Outcome suspendOnHost(HostRequest r, VmState.HostCall call) {
        Outcome o = suspend(VmState.Suspension.HOST_REQUEST, r.request(), new Value[0], r.expects().toArray(new Type[0]));
        pendingCall = call;
        return o;
    }

    private HostFunctionInstance hostFunction(VmState.HostCall c) {
        return (HostFunctionInstance) machine.store().function(c.function());
    }

    private AnsweringHost answeringHost(HostFunctionInstance f) {
        if (hosts.get(f.name()) instanceof AnsweringHost h) return h;
        throw new IllegalStateException("the script waits on a request of host function " + f.name() + ", which this VM was not given");
    }

    private Outcome returnFromHandler(Op op) {
        long[] results = popWasmValues(op.types());
        popFrame();
        pc = frameReturnPc[frames - 1];
        return deliver(runMachine(results));
    }

    private Outcome ext(Op op) {
        int n = (int) op.a();
        Value[] args = new Value[n];
        for (int i = 0; i < n; i++) args[i] = valueAt(sp - n + i, op.types().get(i));
        for (int i = sp - n; i < sp; i++) stackOcts[i] = null;
        sp -= n;
        return suspend(VmState.Suspension.EXT, op.text(), args, op.types().subList(n, op.types().size()).toArray(new Type[0]));
    }

    /** Stops the loop: blocked on a request (EXT, IMPORT) or out of fuel (before the operation at pc, or in wasm). */
    private Outcome suspend(VmState.Suspension kind, String name, Value[] args, Type[] results) {
        pending = kind;
        pendingName = name;
        pendingArgs = args;
        pendingResults = results;
        if (kind == VmState.Suspension.FUEL_SCRIPT || kind == VmState.Suspension.FUEL_WASM) {
            return new Outcome.OutOfFuel(-fuel);
        }
        return new Outcome.Blocked(name, List.of(args), List.of(results));
    }

    // ---------------------------------------------------------------- frames and stack

    private void pushFrame(int handler, int slots) {
        if (frames == frameBase.length) {
            frameBase = Arrays.copyOf(frameBase, frames * 2);
            frameHandler = Arrays.copyOf(frameHandler, frames * 2);
            frameReturnPc = Arrays.copyOf(frameReturnPc, frames * 2);
        }
        int base = frames == 0 ? 0 : slotTop;
        if (base + slots > slotBits.length) {
            int n = Math.max(slotBits.length * 2, base + slots);
            slotBits = Arrays.copyOf(slotBits, n);
            slotOcts = Arrays.copyOf(slotOcts, n);
        }
        Arrays.fill(slotBits, base, base + slots, 0L);
        Arrays.fill(slotOcts, base, base + slots, null);
        frameBase[frames] = base;
        frameHandler[frames] = handler;
        frameReturnPc[frames] = 0;
        frames++;
        slotTop = base + slots;
    }

    private void popFrame() {
        frames--;
        int base = frameBase[frames];
        Arrays.fill(slotOcts, base, slotTop, null);
        slotTop = base;
    }

    private void ensureStack(int more) {
        if (sp + more > stackBits.length) {
            int n = Math.max(stackBits.length * 2, sp + more);
            stackBits = Arrays.copyOf(stackBits, n);
            stackOcts = Arrays.copyOf(stackOcts, n);
        }
    }

    private void pushBits(long bits) {
        ensureStack(1);
        stackBits[sp] = bits;
        stackOcts[sp] = null;
        sp++;
    }

    private void pushOcts(byte[] bytes) {
        ensureStack(1);
        stackBits[sp] = 0;
        stackOcts[sp] = bytes;
        sp++;
    }

    private void push(Value v) {
        if (v.type() == Type.OCTS || v.type() == Type.V128) pushOcts(v.bytesShared());
        else pushBits(v.bits());
    }

    private byte[] popOcts() {
        byte[] b = stackOcts[--sp];
        stackOcts[sp] = null;
        return b;
    }

    private Value valueAt(int index, Type t) {
        return t == Type.OCTS ? Value.octsOwned(stackOcts[index]) : t == Type.V128 ? Value.v128Owned(stackOcts[index])
                : Value.ofBits(t, stackBits[index]);
    }

    // ---------------------------------------------------------------- values between Lia and wasm
    // Lia holds a v128 as one value (its 16 bytes, where octs are held); wasm as two slots, low half first.

    /** Pops values of these types (the last on top) as wasm's slots. */
    private long[] popWasmValues(List<Type> types) {
        int n = types.size();
        int slots = 0;
        for (Type t : types) slots += t == Type.V128 ? 2 : 1;
        long[] out = new long[slots];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int at = sp - n + i;
            if (types.get(i) == Type.V128) {
                out[k++] = V128Ops.half(stackOcts[at], 0);
                out[k++] = V128Ops.half(stackOcts[at], 1);
            } else {
                out[k++] = stackBits[at];
            }
            stackOcts[at] = null;
        }
        sp -= n;
        return out;
    }

    /** Pushes wasm's result slots as values of these types; with no types known (none are v128), slot by slot. */
    private void pushWasmValues(long[] slots, List<Type> types) {
        if (types == null || types.size() == slots.length) {
            for (long r : slots) pushBits(r);
            return;
        }
        int k = 0;
        for (Type t : types) {
            if (t == Type.V128) {
                pushOcts(V128Ops.bytes(slots[k], slots[k + 1]));
                k += 2;
            } else {
                pushBits(slots[k++]);
            }
        }
    }

    /**
     * The result types of the activation that just finished: the call operation just before pc in the
     * frame it returns to (a call of an export or of an instance's export); null for a start function.
     */
    private List<Type> activationResults() {
        Op op = pc > 0 ? ops[pc - 1] : null;
        if (op == null || (op.code() != Code.CALL && op.code() != Code.INSTANCE_CALL)) return null;
        return op.types().subList((int) op.a(), op.types().size());
    }

    /** An answer for wasm: each value's slots. */
    private static long[] wasmValues(List<Value> values) {
        int slots = 0;
        for (Value v : values) slots += v.type() == Type.V128 ? 2 : 1;
        long[] out = new long[slots];
        int k = 0;
        for (Value v : values) {
            if (v.type() == Type.V128) {
                out[k++] = v.v128Half(0);
                out[k++] = v.v128Half(1);
            } else {
                out[k++] = v.bits();
            }
        }
        return out;
    }

    /** A memory operation's address: an i64 on a 64-bit memory (types [i64]), else an i32 taken as unsigned. */
    private static long address(Op op, long bits) {
        return op.types().isEmpty() ? bits & 0xFFFFFFFFL : bits;
    }

    private static long normalize(long bits, Type t) {
        return t.width() == 4 ? (int) bits : bits;
    }

}
