package dev.lia.state;

import dev.lia.script.compile.Program;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.script.vm.VmState;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.link.LateLinker;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A script session in memory: one module instance that scripts run against one after another (with
 * the instances they made at run time next to it, whose modules' bytes a state carries), the
 * script that is running or suspended, and the fuel meter. Events ({@link #run}, {@link #resolve},
 * {@link #refuel}) change it; {@link #save()} gives its state as canonical bytes and {@link #load}
 * makes a new, independent session from them (in this process or another).
 *
 * <p>Fuel is a budget per event: each event gets {@code fuel} units (or {@link #UNLIMITED}); the
 * wasm code it runs costs what the machine counts and each Lia operation costs 1. When an event
 * runs out, the outcome is {@link Outcome.OutOfFuel} and the overdraft is owed: the next budget pays
 * it first. A budget that is not used up is not kept: the next event brings its own. So the state
 * after an event does not depend on how the fuel was handed out, only on the work done.
 *
 * <p>After a trap or a failure the session has ended: it takes no more events and has no state to
 * save (nothing is cached after a trap).
 */
public final class LiveSession {
    public static final long UNLIMITED = Machine.UNLIMITED;

    /** Where a session stands between events. */
    public enum Status {
        /** Ready for a script: none has run yet, or the last one finished. */
        READY,
        /** The script waits for the answer to a request ({@link #resolve}). */
        BLOCKED,
        /** The script ran out of fuel ({@link #refuel}). */
        OUT_OF_FUEL,
        /** A script trapped or failed: the session takes no more events. */
        ENDED
    }

    private final LoadedModule module;
    private final Limits limits;
    private final Map<String, HostFunction> hosts;
    private final Map<String, HostComponent> components;
    private Machine machine;
    private Instance instance;
    private Vm vm;
    /** The modules scripts instantiated at run time, in order; the first {@link #vmLinked} of them came from {@link #vm}. */
    private final List<LoadedModule> linked = new ArrayList<>();
    private int vmLinked;
    private long fuelUsed;
    private long fuelDebt;
    private Outcome last;

    private LiveSession(LoadedModule module, Limits limits, Map<String, HostFunction> hosts) {
        this.module = module;
        this.limits = limits;
        this.hosts = Map.copyOf(hosts);
        this.components = components(this.hosts);
    }

    /** The components of the host functions, each once, by name. */
    static Map<String, HostComponent> components(Map<String, HostFunction> hosts) {
        Map<String, HostComponent> out = new java.util.TreeMap<>();
        for (HostFunction f : hosts.values()) {
            if (!(f instanceof HostComponent.Function cf)) continue;
            HostComponent c = cf.component();
            HostComponent other = out.putIfAbsent(c.name(), c);
            if (other != null && other != c) throw new IllegalArgumentException("two host components are named " + c.name());
        }
        return out;
    }

    /**
     * A new session: nothing runs until the first script, which instantiates the module.
     *
     * @param hosts Java implementations of imports by {@code module.name}, used when the running
     *              script has no Lia handler for the import. They must be deterministic for states
     *              and replays to agree; they are not saved (only their names are), but the state of
     *              their {@link HostComponent}s is.
     */
    public static LiveSession start(LoadedModule module, Limits limits, Map<String, HostFunction> hosts) {
        return new LiveSession(module, limits, hosts);
    }

    public static LiveSession start(LoadedModule module) {
        return start(module, Limits.DEFAULT, Map.of());
    }

    public LoadedModule module() {
        return module;
    }

    public Limits limits() {
        return limits;
    }

    public Status status() {
        if (last == null || last instanceof Outcome.Done) return Status.READY;
        if (last instanceof Outcome.Blocked) return Status.BLOCKED;
        if (last instanceof Outcome.OutOfFuel) return Status.OUT_OF_FUEL;
        return Status.ENDED;
    }

    /** The outcome of the last event, or null before the first. */
    public Outcome lastOutcome() {
        return last;
    }

    /** The request the session waits on, or null. */
    public Outcome.Blocked pendingRequest() {
        return last instanceof Outcome.Blocked b ? b : null;
    }

    /** Fuel used by all events so far. */
    public long fuelUsed() {
        return fuelUsed;
    }

    /** The module instance, once the first script has made it. */
    public Instance instance() {
        return instance;
    }

    /** The machine, once the first script has made it. */
    public Machine machine() {
        return machine;
    }

    // ------------------------------------------------------------------ events

    /**
     * Runs a script (compiled against this session's module) after those before it.
     *
     * @throws IllegalStateException    if a script is suspended or the session has ended
     * @throws IllegalArgumentException if an input is missing, unknown or of another type, or the
     *                                  program was compiled for a module this one does not fit; the
     *                                  message lists every problem, nothing has run and the session is
     *                                  as it was
     */
    public Outcome run(Program program, Map<String, Value> inputs, long fuel) {
        Status s = status();
        if (s != Status.READY) throw new SessionBusyException(s, busy(s));
        if (fuel < 0) throw new IllegalArgumentException("fuel must be >= 0");
        List<String> problems = Vm.problems(program, module.compiled().module(), inputs);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot run " + program.sourceName() + ": " + String.join("; ", problems));
        }
        Vm next = machine == null ? new Vm(program, module.compiled(), inputs, hosts, limits)
                : new Vm(program, machine, instance, inputs, hosts);
        vm = next;
        vmLinked = 0;
        return event(fuel, next::run);
    }

    /**
     * Answers the pending request.
     *
     * @throws IllegalStateException    if the session is not blocked
     * @throws IllegalArgumentException if the answer's count or types do not match the request (nothing changes)
     */
    public Outcome resolve(List<Value> answer, long fuel) {
        if (status() != Status.BLOCKED) throw new SessionBusyException(status(), status() == Status.READY ? "no request is pending" : busy(status()));
        checkAnswer(pendingRequest(), answer);
        return event(fuel, () -> vm.resolve(answer));
    }

    /** Continues after running out of fuel, with a new budget (which pays the overdraft first). */
    public Outcome refuel(long fuel) {
        if (status() != Status.OUT_OF_FUEL) throw new SessionBusyException(status(), "the session is not out of fuel");
        return event(fuel, vm::resume);
    }

    /** Throws IllegalArgumentException, with the VM's wording, if {@code answer} does not fit {@code request}. */
    static void checkAnswer(Outcome.Blocked request, List<Value> answer) {
        List<dev.lia.script.syntax.Type> want = request.expects();
        if (answer.size() != want.size()) {
            throw new IllegalArgumentException(request.name() + " expects " + want.size() + " value" + (want.size() == 1 ? "" : "s")
                    + " " + want + ", got " + answer.size());
        }
        for (int i = 0; i < answer.size(); i++) {
            if (answer.get(i).type() != want.get(i)) {
                throw new IllegalArgumentException(request.name() + " expects " + want.get(i) + " as value " + (i + 1) + ", got " + answer.get(i).type());
            }
        }
    }

    private String busy(Status s) {
        return switch (s) {
            case BLOCKED -> "the session is blocked on " + pendingRequest().name() + "; resolve it first";
            case OUT_OF_FUEL -> "the session is out of fuel; refuel it first";
            case ENDED -> "the session has ended: its last script "
                    + (last instanceof Outcome.Trapped ? "trapped" : last instanceof Outcome.Exited x ? "exited with code " + x.codeText() : "failed");
            case READY -> "the session is ready";
        };
    }

    private Outcome event(long budget, java.util.function.Supplier<Outcome> body) {
        if (budget < 0) throw new IllegalArgumentException("fuel must be >= 0");
        long start = budget - fuelDebt; // a budget of UNLIMITED minus a debt stays far from running out
        vm.setFuel(start);
        Outcome o = body.get();
        List<LateLinker.Linked> made = vm.linked();
        for (int i = vmLinked; i < made.size(); i++) linked.add(LoadedModule.of(made.get(i).bytes(), made.get(i).module()));
        vmLinked = made.size();
        if (machine == null) {
            machine = vm.machine();
            instance = vm.instance();
        }
        long end = vm.fuel();
        fuelUsed += start - end;
        fuelDebt = o instanceof Outcome.OutOfFuel ? -end : 0;
        last = o;
        return o;
    }

    // ------------------------------------------------------------------ state

    /**
     * The session's state as data.
     *
     * @throws IllegalStateException after a trap or failure
     */
    public EngineState snapshot() {
        if (status() == Status.ENDED) throw new IllegalStateException("nothing is saved after a trap or failure");
        List<EngineState.HostState> hostStates = new ArrayList<>();
        for (HostComponent c : components.values()) hostStates.add(new EngineState.HostState(c.name(), c.save()));
        if (machine == null || instance == null) {
            Store empty = new Store(limits);
            return Snapshots.capture(empty, new Machine(empty), List.of(), List.of(), fuelUsed, 0, null).withHostStates(hostStates);
        }
        EngineState.ScriptData script = vm != null && vm.isSuspended() ? new EngineState.ScriptData(0, vm.snapshot()) : null;
        return Snapshots.capture(machine.store(), machine, List.of(module), linked, fuelUsed, fuelDebt, script).withHostStates(hostStates);
    }

    /** The canonical bytes of {@link #snapshot()}. */
    public byte[] save() {
        return StateCodec.encode(snapshot());
    }

    /**
     * A new session from saved bytes.
     *
     * @param programs the session's scripts by {@link Program#id()}, for a suspended one
     * @throws StateException if the bytes are not a usable state for this module (nothing is made then)
     */
    public static LiveSession load(byte[] state, LoadedModule module, Limits limits, Map<String, HostFunction> hosts,
                                   Function<String, Program> programs) {
        return restore(StateCodec.decode(state, limits), module, limits, hosts, programs);
    }

    /** A new session from a state taken by {@link #snapshot()} or decoded. */
    public static LiveSession restore(EngineState s, LoadedModule module, Limits limits, Map<String, HostFunction> hosts,
                                      Function<String, Program> programs) {
        Snapshots.Restored r = Snapshots.restore(s, List.of(module), limits, Snapshots.HostFactory.YIELDING);
        LiveSession ls = new LiveSession(module, limits, hosts);
        List<String> saved = s.hostStates().stream().map(EngineState.HostState::name).toList();
        if (!saved.equals(List.copyOf(ls.components.keySet()))) {
            throw new StateException(StateException.Kind.WRONG_MODULE, "the state has the host components " + saved
                    + ", the session " + ls.components.keySet() + " (was it saved with other options, such as --wasi?)");
        }
        for (EngineState.HostState h : s.hostStates()) {
            try {
                ls.components.get(h.name()).load(h.bytes());
            } catch (IllegalArgumentException e) {
                throw malformed("host component " + h.name() + ": " + e.getMessage());
            }
        }
        ls.linked.addAll(r.carried());
        ls.fuelUsed = s.fuelUsed();
        ls.fuelDebt = s.fuelDebt();
        if (r.instances().isEmpty()) {
            if (s.script() != null || s.fuelDebt() != 0 || r.store().functionCount() != 0) throw malformed("a script runs without an instance");
            return ls;
        }
        ls.machine = r.machine();
        ls.instance = r.instances().get(0);
        if (ls.instance.module() != module.compiled().module()) throw malformed("the session's instance is not the first");
        MachineState ms = s.machine();
        if (s.script() == null) {
            if (!ms.isIdle() || s.fuelDebt() != 0) throw malformed("the machine runs without a script");
            ls.last = new Outcome.Done(List.of());
            return ls;
        }
        VmState v = s.script().vm();
        Program program = programs.apply(v.programId());
        if (program == null) throw new StateException(StateException.Kind.UNKNOWN_SCRIPT, "the state runs script " + v.programId() + ", which the session does not have");
        boolean inWasm = v.suspension().inWasm();
        int activations = ms.activationStarts().length;
        if (activations != v.frames() - 1 + (inWasm ? 1 : 0)
                || (activations > 0 && ms.innermostInCall() != (v.suspension() != VmState.Suspension.FUEL_WASM))) {
            throw malformed("the script's frames do not fit the machine's activations");
        }
        if ((s.fuelDebt() > 0) != (v.suspension() == VmState.Suspension.FUEL_SCRIPT || v.suspension() == VmState.Suspension.FUEL_WASM)) {
            throw malformed("out of fuel without a debt, or a debt without running out of fuel");
        }
        try {
            ls.vm = Vm.restore(program, ls.machine, ls.instance, hosts, v);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            throw malformed("the script state does not fit: " + e.getMessage());
        }
        ls.last = ls.vm.outcome();
        return ls;
    }

    /**
     * {@link #load} with named options instead of positional ones:
     * {@code LiveSession.loader(module).hosts(hosts).programs(p).load(bytes)}. Unset options are
     * {@link Limits#DEFAULT}, no host functions and no programs.
     */
    public static Loader loader(LoadedModule module) {
        return new Loader(module);
    }

    /** Options for loading a saved session; see {@link #loader}. */
    public static final class Loader {
        private final LoadedModule module;
        private Limits limits = Limits.DEFAULT;
        private Map<String, HostFunction> hosts = Map.of();
        private final Map<String, Program> known = new java.util.HashMap<>();
        private Function<String, Program> lookup = id -> null;

        private Loader(LoadedModule module) {
            this.module = java.util.Objects.requireNonNull(module, "module");
        }

        /** The limits the state was saved under (and is checked against while decoding). */
        public Loader limits(Limits limits) {
            this.limits = java.util.Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Java host functions by {@code module.name}, as for {@link #start}. */
        public Loader hosts(Map<String, HostFunction> hosts) {
            this.hosts = Map.copyOf(hosts);
            return this;
        }

        /** Scripts a suspended state may be running, found by {@link Program#id()}. */
        public Loader programs(Program... programs) {
            for (Program p : programs) known.put(p.id(), p);
            return this;
        }

        /** Where to look a suspended script up by id when it is none of {@link #programs(Program...)}. */
        public Loader programs(Function<String, Program> lookup) {
            this.lookup = java.util.Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /** @throws StateException if the bytes are not a usable state for the module (nothing is made then) */
        public LiveSession load(byte[] state) {
            return LiveSession.load(state, module, limits, hosts, this::find);
        }

        /** A session from a state taken by {@link LiveSession#snapshot()} or decoded. */
        public LiveSession restore(EngineState state) {
            return LiveSession.restore(state, module, limits, hosts, this::find);
        }

        private Program find(String id) {
            Program p = known.get(id);
            return p != null ? p : lookup.apply(id);
        }
    }

    private static StateException malformed(String message) {
        return new StateException(StateException.Kind.MALFORMED, message);
    }
}
