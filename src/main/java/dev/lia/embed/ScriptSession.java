package dev.lia.embed;

import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.state.LiveSession;
import dev.lia.state.Session;
import dev.lia.state.SessionRunner;
import dev.lia.state.StateCodec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lia scripts running one after another against one instance of an engine's module, each able to
 * stop and wait: for an answer ({@link Outcome.Blocked}, continued by {@link #resolve}) or for fuel
 * ({@link Outcome.OutOfFuel}, continued by {@link #refuel()}). Between events the whole state can
 * be saved ({@link #save()}) and continued later, anywhere ({@link Engine#load}).
 *
 * <pre>{@code
 * Outcome o = session.run(program, Map.of("n", 5));
 * while (o instanceof Outcome.Blocked b) o = session.resolve(answer(b));
 * if (o instanceof Outcome.Done d) System.out.println(d.values());
 * }</pre>
 *
 * <p>A caller's mistake (a missing or wrong-typed input, an answer of the wrong type, a script for
 * another module, an event while the session cannot take it) throws {@link IllegalArgumentException}
 * or {@link IllegalStateException} before anything runs, and the session stays as it was. A trap
 * or a failure in the script is an outcome ({@link Outcome.Trapped}, {@link Outcome.Failed}) and
 * ends the session.
 */
public final class ScriptSession {
    private final Engine engine;
    private LiveSession live;
    /** With a cache: the last step, which carries the session's log. */
    private SessionRunner.Step step;
    private long fuel;

    private ScriptSession(Engine engine, LiveSession live, SessionRunner.Step step) {
        this.engine = engine;
        this.live = live;
        this.step = step;
        this.fuel = engine.fuel();
    }

    static ScriptSession live(Engine engine, LiveSession live) {
        return new ScriptSession(engine, live, null);
    }

    static ScriptSession logged(Engine engine, SessionRunner.Step step) {
        return new ScriptSession(engine, step.live(), step);
    }

    // ------------------------------------------------------------------ events

    /**
     * Runs a script after those before it. Inputs are converted exactly to the types the script
     * declares ({@code import i32 n} takes 5, {@code import octs s} a String or byte[]).
     *
     * @throws IllegalArgumentException for a missing, unknown or unconvertible input, or a script compiled for another module
     * @throws IllegalStateException    if a script is waiting or the session has ended
     */
    public Outcome run(Program script, Map<String, ?> inputs) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : inputs.entrySet()) {
            Program.Input in = script.inputs().stream().filter(i -> i.name().equals(e.getKey())).findFirst().orElse(null);
            values.put(e.getKey(), in == null ? Value.of(e.getValue()) : Convert.value(e.getValue(), in.type(), "input '" + e.getKey() + "'"));
        }
        if (step != null) {
            checkReady();
            return event(new Session.Run(engine.script(script), values, fuel));
        }
        return live.run(script, values, fuel);
    }

    /** Runs a script without inputs. */
    public Outcome run(Program script) {
        return run(script, Map.of());
    }

    /** Compiles a script with the engine and runs it. @throws dev.lia.script.syntax.CompileException if it does not compile */
    public Outcome run(String name, String source, Map<String, ?> inputs) {
        return run(engine.compile(name, source), inputs);
    }

    /**
     * Answers the request the script waits on ({@link #pending()}), with values converted exactly to
     * the types it expects.
     *
     * @throws IllegalArgumentException if the answer does not fit (the request stays pending)
     * @throws IllegalStateException    if no request is pending
     */
    public Outcome resolve(Object... answer) {
        Outcome.Blocked request = live.pendingRequest();
        if (request == null) return live.resolve(List.of(), fuel); // throws with the reason
        List<Type> want = request.expects();
        if (answer.length != want.size()) {
            throw new IllegalArgumentException(request.name() + " expects " + want.size() + " value" + (want.size() == 1 ? "" : "s") + " "
                    + want + ", got " + answer.length);
        }
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < answer.length; i++) values.add(Convert.value(answer[i], want.get(i), "value " + (i + 1) + " for " + request.name()));
        if (step != null) return event(new Session.Resolve(request.name(), values, fuel));
        return live.resolve(values, fuel);
    }

    /** Continues after {@link Outcome.OutOfFuel} with a new budget (the engine's, or {@link #fuel(long)}'s). */
    public Outcome refuel() {
        if (live.status() != LiveSession.Status.OUT_OF_FUEL) return live.refuel(fuel); // throws with the reason
        if (step != null) return event(new Session.Refuel(fuel));
        return live.refuel(fuel);
    }

    /** Sets the fuel budget of each following event ({@code LiveSession.UNLIMITED} for none). */
    public ScriptSession fuel(long perEvent) {
        if (perEvent < 0) throw new IllegalArgumentException("fuel must be >= 0");
        this.fuel = perEvent;
        return this;
    }

    private void checkReady() {
        LiveSession.Status s = live.status();
        if (s == LiveSession.Status.BLOCKED) throw new IllegalStateException("the session is blocked on " + pending().name() + "; resolve it first");
        if (s == LiveSession.Status.OUT_OF_FUEL) throw new IllegalStateException("the session is out of fuel; refuel it first");
        if (s == LiveSession.Status.ENDED) throw new IllegalStateException("the session has ended: its last script trapped or failed");
    }

    private Outcome event(Session.Event e) {
        step = engine.runner().apply(step, e);
        live = step.live();
        return step.outcome();
    }

    // ------------------------------------------------------------------ where it stands

    public LiveSession.Status status() {
        return live.status();
    }

    /** The outcome of the last event, or null before the first. */
    public Outcome last() {
        return live.lastOutcome();
    }

    /** The request the script waits on, or null. */
    public Outcome.Blocked pending() {
        return live.pendingRequest();
    }

    /** Fuel used by all events so far. */
    public long fuelUsed() {
        return live.fuelUsed();
    }

    /**
     * The whole state as canonical bytes (docs/state-format.md): {@link Engine#load} continues from them.
     *
     * @throws IllegalStateException after a trap or failure
     */
    public byte[] save() {
        return step != null && step.state() != null && step.live() == live ? step.state().clone() : live.save();
    }

    /** {@code sha256:...} of {@link #save()}: equal states have equal hashes. */
    public String stateHash() {
        return StateCodec.hashText(save());
    }

    /**
     * The session as pure data: the module's hash, the limits and every event so far. With a
     * cache, {@link Engine#resume} continues from it.
     *
     * @throws IllegalStateException when the engine has no cache (sessions then keep no log)
     */
    public Session log() {
        if (step == null) throw new IllegalStateException("sessions keep a log only when the engine has a cache: give the builder one with cache(...)");
        return step.session();
    }

    /** How this session's state was obtained when it was resumed: from the cache, by replay, or fresh. */
    public SessionRunner.Origin origin() {
        return step == null ? SessionRunner.Origin.FRESH : step.origin();
    }

    /** The live session underneath. */
    public LiveSession live() {
        return live;
    }
}
