package dev.lia.state;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.vm.Outcome;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.Limits;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies events to sessions through a {@link StateCache}: the state of the session so far is
 * looked up by its key; a hit resumes from it, a miss (or an entry that is corrupt, truncated, of an
 * unknown version, for another module or another session) replays the session from scratch. Both
 * give byte-identical results and state hashes; {@link Step#origin()} and {@link Step#note()} say
 * which happened and why.
 *
 * <p>A cache entry is the session key (32 bytes) followed by the state bytes, so an entry filed
 * under the wrong key is never taken for the right one.
 */
public final class SessionRunner {
    private final LoadedModule module;
    private final Limits limits;
    private final java.util.function.Supplier<Map<String, HostFunction>> hosts;
    private final StateCache cache;
    private final Retention retention;
    private final Map<String, Program> programs = new HashMap<>();

    /**
     * @param hosts Java host functions without state of their own (for functions of a
     *              {@link HostComponent}, use the constructor that takes a supplier)
     */
    public SessionRunner(LoadedModule module, Limits limits, Map<String, HostFunction> hosts, StateCache cache, Retention retention) {
        this(module, limits, supplier(Map.copyOf(hosts)), cache, retention);
    }

    private static java.util.function.Supplier<Map<String, HostFunction>> supplier(Map<String, HostFunction> hosts) {
        if (!LiveSession.components(hosts).isEmpty()) {
            throw new IllegalArgumentException("host functions with state (HostComponent) must be given as a supplier of fresh ones");
        }
        return () -> hosts;
    }

    /**
     * @param hosts gives fresh host functions for each live session the runner makes (a replay, a
     *              load): a {@link HostComponent}'s state belongs to one session
     */
    public SessionRunner(LoadedModule module, Limits limits, java.util.function.Supplier<Map<String, HostFunction>> hosts, StateCache cache,
                         Retention retention) {
        this.module = module;
        this.limits = limits;
        this.hosts = hosts;
        this.cache = cache;
        this.retention = retention;
    }

    public SessionRunner(LoadedModule module, StateCache cache, Retention retention) {
        this(module, Limits.DEFAULT, Map.of(), cache, retention);
    }

    /** How the session before an event was obtained. */
    public enum Origin {
        /** It had no events: nothing to load. */
        FRESH,
        /** Resumed from a cached state. */
        CACHED,
        /** Replayed from the first event. */
        REPLAYED
    }

    /**
     * What an event gave.
     *
     * @param session the session after the event
     * @param outcome the event's outcome
     * @param state   the state after the event (canonical bytes), or null after a trap or failure
     * @param live    the live session after the event, to inspect or continue directly
     * @param origin  how the session before the event was obtained
     * @param note    why it was replayed (a miss, or what was wrong with the cached state), or null
     */
    public record Step(Session session, Outcome outcome, byte[] state, LiveSession live, Origin origin, String note) {
        /** {@code sha256:HEX}, or null when there is no state. */
        public String stateHash() {
            return state == null ? null : StateCodec.hashText(state);
        }
    }

    /** Runs a script as the session's next event. */
    public Step run(Session session, Session.Script script, Map<String, dev.lia.script.value.Value> inputs, long fuel) {
        return apply(session, new Session.Run(script, inputs, fuel));
    }

    /** A script of this runner's module, ready for {@link Session.Run}. */
    public Session.Script script(String name, String source) {
        Program p = Lia.compile(new Source(name, source), module.compiled());
        programs.put(p.id(), p);
        return new Session.Script(name, source, p.id());
    }

    /**
     * Applies one event.
     *
     * @throws IllegalStateException    if the event does not fit where the session stands (a script while blocked, ...)
     * @throws IllegalArgumentException if an answer does not fit the pending request
     */
    public Step apply(Session session, Session.Event event) {
        check(session);
        Opened opened = open(session);
        return finish(session, opened.live, opened.origin, opened.note, event);
    }

    /**
     * Applies one event to where an earlier step left the session, without looking it up again. The
     * step's live session moves on with it.
     */
    public Step apply(Step from, Session.Event event) {
        return finish(from.session(), from.live(), from.origin(), from.note(), event);
    }

    private Step finish(Session session, LiveSession live, Origin origin, String note, Session.Event event) {
        Outcome o = apply(live, event);
        Session next = session.with(event);
        byte[] state = live.status() == LiveSession.Status.ENDED ? null : live.save();
        boolean waiting = o instanceof Outcome.Blocked || o instanceof Outcome.OutOfFuel;
        if (state != null && (retention == Retention.ALWAYS || (retention == Retention.WHILE_BLOCKED && waiting))) {
            cache.put(next.key(), entry(next.key(), state));
        }
        if (retention == Retention.WHILE_BLOCKED && !session.events().isEmpty()) cache.remove(session.key());
        return new Step(next, o, state, live, origin, note);
    }

    /** Where a session stands, without a new event: from the cache if it can, else by replay. */
    public Step current(Session session) {
        check(session);
        Opened o = open(session);
        byte[] state = o.live.status() == LiveSession.Status.ENDED ? null : o.live.save();
        return new Step(session, o.live.lastOutcome(), state, o.live, o.origin, o.note);
    }

    private record Opened(LiveSession live, Origin origin, String note) {}

    private void check(Session session) {
        if (!module.hasHash(session.moduleHash())) {
            throw new IllegalArgumentException("the session is for module " + Sha256.text(session.moduleHash()) + ", not " + module.hashText());
        }
        if (!session.limits().equals(limits)) throw new IllegalArgumentException("the session has other limits than this runner");
    }

    private Opened open(Session session) {
        if (session.events().isEmpty()) return new Opened(LiveSession.start(module, limits, hosts.get()), Origin.FRESH, null);
        String key = session.key();
        byte[] entry = cache.get(key);
        String note;
        if (entry == null) {
            note = "no cached state for this session";
        } else {
            try {
                return new Opened(load(session, key, entry), Origin.CACHED, null);
            } catch (StateException e) {
                note = "the cached state was not used: " + e.getMessage();
                cache.remove(key);
            }
        }
        return new Opened(replay(session), Origin.REPLAYED, note);
    }

    private LiveSession load(Session session, String key, byte[] entry) {
        byte[] k = java.util.HexFormat.of().parseHex(key);
        if (entry.length < Sha256.LENGTH || !Arrays.equals(entry, 0, Sha256.LENGTH, k, 0, Sha256.LENGTH)) {
            throw new StateException(StateException.Kind.MALFORMED, "the cache entry belongs to another session");
        }
        byte[] state = Arrays.copyOfRange(entry, Sha256.LENGTH, entry.length);
        return LiveSession.load(state, module, limits, hosts.get(), id -> program(session, id));
    }

    /** The cache entry for a state: the session key's 32 bytes, then the state. */
    public static byte[] entry(String key, byte[] state) {
        byte[] k = java.util.HexFormat.of().parseHex(key);
        byte[] e = Arrays.copyOf(k, k.length + state.length);
        System.arraycopy(state, 0, e, k.length, state.length);
        return e;
    }

    /**
     * Replays a session from instantiation, deterministically. Host components hold back what they
     * did outside the state (output) while the events are replayed: it happened when they first ran.
     */
    public LiveSession replay(Session session) {
        check(session);
        Map<String, HostFunction> fresh = hosts.get();
        java.util.Collection<HostComponent> components = LiveSession.components(fresh).values();
        LiveSession live = LiveSession.start(module, limits, fresh);
        components.forEach(c -> c.replaying(true));
        try {
            for (Session.Event e : session.events()) {
                if (live.status() == LiveSession.Status.ENDED) throw new IllegalArgumentException("the session has events after its end");
                apply(live, e);
            }
        } finally {
            components.forEach(c -> c.replaying(false));
        }
        return live;
    }

    private Outcome apply(LiveSession live, Session.Event e) {
        if (e instanceof Session.Run r) return live.run(program(r.script()), r.inputs(), r.fuel());
        if (e instanceof Session.Resolve r) {
            Outcome.Blocked pending = live.pendingRequest();
            if (pending != null && !pending.name().equals(r.request())) {
                throw new IllegalArgumentException("the answer is for " + r.request() + ", the session waits for " + pending.name());
            }
            return live.resolve(r.values(), r.fuel());
        }
        return live.refuel(e.fuel());
    }

    /** The compiled program of a script, compiled once; its id must be the one the session recorded. */
    public Program program(Session.Script s) {
        Program p = programs.get(s.programId());
        if (p != null) return p;
        p = Lia.compile(new Source(s.name(), s.source()), module.compiled());
        if (!p.id().equals(s.programId())) {
            throw new IllegalArgumentException("script " + s.name() + " compiles to " + p.id() + " with this build, the session recorded "
                    + s.programId());
        }
        programs.put(p.id(), p);
        return p;
    }

    private Program program(Session session, String id) {
        for (Session.Script s : session.scripts()) if (s.programId().equals(id)) return program(s);
        return null;
    }
}
