package dev.lia.state;

import dev.lia.script.value.Value;
import dev.lia.wasm.runtime.Limits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A session as pure data (the urwasm model): the module (by hash), the limits, and the events so
 * far: scripts run (by their compiled operations' hash, with their inputs), answers supplied to
 * requests, fuel given. The result of any event is defined as replaying the whole session from
 * instantiation; a saved state is only a cache of that replay, keyed by {@link #key()}.
 *
 * <p>Immutable: {@link #with} gives a new session one event longer.
 */
public final class Session {
    /** The text of a script and the id of the operations it compiles to. */
    public record Script(String name, String source, String programId) {
        public Script {
            Objects.requireNonNull(name);
            Objects.requireNonNull(source);
            Objects.requireNonNull(programId);
        }
    }

    /** Something that happens to a session. */
    public sealed interface Event permits Run, Resolve, Refuel {
        /** The fuel budget of the event ({@link LiveSession#UNLIMITED} for none). */
        long fuel();
    }

    /** Run a script after those before it; inputs are kept sorted by name. */
    public record Run(Script script, Map<String, Value> inputs, long fuel) implements Event {
        public Run {
            inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
        }
    }

    /** Answer the pending request, named so that an answer meant for another request is refused. */
    public record Resolve(String request, List<Value> values, long fuel) implements Event {
        public Resolve {
            values = List.copyOf(values);
        }
    }

    /** Continue after running out of fuel. */
    public record Refuel(long fuel) implements Event {}

    /**
     * A host component the session runs with ({@link HostComponent}), and its settings as canonical
     * bytes (for WASI: args, environment, seed): whoever resumes the session builds it from them.
     */
    public record HostSetup(String component, byte[] settings) {
        public HostSetup {
            Objects.requireNonNull(component);
            settings = settings.clone();
        }

        @Override
        public byte[] settings() {
            return settings.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HostSetup h && h.component.equals(component) && Arrays.equals(h.settings, settings);
        }

        @Override
        public int hashCode() {
            return component.hashCode() * 31 + Arrays.hashCode(settings);
        }
    }

    private final byte[] moduleHash;
    private final Limits limits;
    private final List<HostSetup> hosts;
    private final List<Event> events;

    private Session(byte[] moduleHash, Limits limits, List<HostSetup> hosts, List<Event> events) {
        if (moduleHash.length != Sha256.LENGTH) throw new IllegalArgumentException("a module hash has 32 bytes");
        this.moduleHash = moduleHash.clone();
        this.limits = limits;
        this.hosts = List.copyOf(hosts);
        this.events = List.copyOf(events);
        for (int i = 1; i < this.hosts.size(); i++) {
            if (this.hosts.get(i - 1).component().compareTo(this.hosts.get(i).component()) >= 0) {
                throw new IllegalArgumentException("host setups must be in ascending order of their component names, each once");
            }
        }
    }

    /** A session with no events yet. */
    public static Session of(LoadedModule module, Limits limits) {
        return new Session(module.hash(), limits, List.of(), List.of());
    }

    /** A session with no events yet, whose hosts include these components. */
    public static Session of(LoadedModule module, Limits limits, List<HostSetup> hosts) {
        return new Session(module.hash(), limits, hosts, List.of());
    }

    public static Session of(byte[] moduleHash, Limits limits, List<Event> events) {
        return new Session(moduleHash, limits, List.of(), events);
    }

    public static Session of(byte[] moduleHash, Limits limits, List<HostSetup> hosts, List<Event> events) {
        return new Session(moduleHash, limits, hosts, events);
    }

    /** The host components the session runs with, by ascending name. */
    public List<HostSetup> hosts() {
        return hosts;
    }

    public byte[] moduleHash() {
        return moduleHash.clone();
    }

    public Limits limits() {
        return limits;
    }

    public List<Event> events() {
        return events;
    }

    /** This session followed by one more event. */
    public Session with(Event e) {
        List<Event> more = new ArrayList<>(events);
        more.add(e);
        return new Session(moduleHash, limits, hosts, more);
    }

    /** The scripts run so far, in order, each once. */
    public List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        for (Event e : events) if (e instanceof Run r && !scripts.contains(r.script())) scripts.add(r.script());
        return scripts;
    }

    /**
     * The canonical encoding that {@link #key()} hashes:
     * <pre>
     * "LIASESSN" u32 version(2) module-hash(32) limits(4 x u32) u32 n, n x (str component, blob settings) u32 n, n x event
     * run:     u8 1, program-id(32), u32 n, n x (str name, value), u64 fuel
     * resolve: u8 2, str request, u32 n, n x value, u64 fuel
     * refuel:  u8 3, u64 fuel
     * </pre>
     * little-endian; str = u32 length and UTF-8; value as in the state format. Script names and
     * sources are not part of it, only what they compile to.
     */
    public byte[] canonical() {
        Out out = new Out();
        out.bytes("LIASESSN".getBytes(StandardCharsets.US_ASCII));
        out.u32(2);
        out.bytes(moduleHash);
        limits(out, limits);
        hosts(out, hosts);
        out.u32(events.size());
        for (Event e : events) {
            if (e instanceof Run r) {
                out.u8(1);
                out.bytes(java.util.HexFormat.of().parseHex(r.script().programId()));
                out.u32(r.inputs().size());
                for (Map.Entry<String, Value> in : r.inputs().entrySet()) {
                    out.str(in.getKey());
                    StateCodec.value(out, in.getValue());
                }
            } else if (e instanceof Resolve r) {
                out.u8(2);
                out.str(r.request());
                out.u32(r.values().size());
                for (Value v : r.values()) StateCodec.value(out, v);
            } else {
                out.u8(3);
            }
            out.u64(e.fuel());
        }
        return out.toByteArray();
    }

    static void hosts(Out out, List<HostSetup> hosts) {
        out.u32(hosts.size());
        for (HostSetup h : hosts) {
            out.str(h.component());
            out.blob(h.settings());
        }
    }

    static void limits(Out out, Limits l) {
        out.u32(l.maxMemoryPages());
        out.u32(l.maxTableSize());
        out.u32(l.maxCallDepth());
        out.u32(l.maxStackSlots());
    }

    /** The cache key: lowercase hex SHA-256 of {@link #canonical()}. */
    public String key() {
        return Sha256.hex(Sha256.of(canonical()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Session s && Arrays.equals(canonical(), s.canonical());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(canonical());
    }

    @Override
    public String toString() {
        return "Session[" + Sha256.text(moduleHash) + ", " + events.size() + " events, key " + key() + "]";
    }
}
