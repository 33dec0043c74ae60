package dev.lia.state;

import dev.lia.script.value.Value;
import dev.lia.wasm.runtime.Limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code lia run --session FILE} keeps in FILE: the session's log (the module's bytes, the
 * scripts' text, the events), then the state after the last event as a cache. The log is needed; the
 * state only saves a replay. Layout (little-endian):
 * <pre>
 * "LIASESSF" u32 version(2) u64 total-length
 * u32 n, n bytes: the log          SHA-256 of the log (32 bytes)
 * u32 n, n bytes: the state (none when n = 0), which checks itself (see StateCodec)
 * log = blob module, limits (4 x u32), u32 n, n x (str component, blob settings)   host components
 *       str summary of the last outcome,
 *       u32 n, n x (str name, str source, program-id(32))                   scripts
 *       u32 n, n x event (as in Session.canonical, with a script index in place of a program id)
 * </pre>
 * Reading checks, in order: magic, version, length, the log's checksum, then the log's content;
 * any failure is a {@link StateException} and nothing is returned. A bad state part is reported
 * separately ({@link #stateProblem()}), since the log alone can rebuild it.
 */
public final class SessionFile {
    static final byte[] MAGIC = "LIASESSF".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 2;

    private final byte[] moduleBytes;
    private final Session session;
    private final String summary;
    private final byte[] state;
    private final StateException stateProblem;

    private SessionFile(byte[] moduleBytes, Session session, String summary, byte[] state, StateException stateProblem) {
        this.moduleBytes = moduleBytes;
        this.session = session;
        this.summary = summary;
        this.state = state;
        this.stateProblem = stateProblem;
    }

    /**
     * @param state   the state after the last event, or null to keep none
     * @param summary one line about the last outcome, for {@code lia state}
     */
    public static SessionFile of(LoadedModule module, Session session, String summary, byte[] state) {
        if (!module.hasHash(session.moduleHash())) throw new IllegalArgumentException("the session is for another module");
        return new SessionFile(module.bytes(), session, summary, state, null);
    }

    public byte[] moduleBytes() {
        return moduleBytes.clone();
    }

    public Session session() {
        return session;
    }

    public String summary() {
        return summary;
    }

    /** The saved state (verified: envelope and module), or null when there is none or it is unusable. */
    public byte[] state() {
        return stateProblem == null ? state : null;
    }

    /** What is wrong with the saved state, or null. */
    public StateException stateProblem() {
        return stateProblem;
    }

    /** The raw state part as stored, usable or not (null when none was stored). */
    public byte[] storedState() {
        return state;
    }

    // ------------------------------------------------------------------ writing

    public byte[] encode() {
        Out log = new Out(moduleBytes.length + 1024);
        log.blob(moduleBytes);
        Session.limits(log, session.limits());
        Session.hosts(log, session.hosts());
        log.str(summary == null ? "" : summary);
        List<Session.Script> scripts = session.scripts();
        log.u32(scripts.size());
        for (Session.Script s : scripts) {
            log.str(s.name());
            log.str(s.source());
            log.bytes(HexFormat.of().parseHex(s.programId()));
        }
        log.u32(session.events().size());
        for (Session.Event e : session.events()) {
            if (e instanceof Session.Run r) {
                log.u8(1);
                log.u32(scripts.indexOf(r.script()));
                log.u32(r.inputs().size());
                for (Map.Entry<String, Value> in : r.inputs().entrySet()) {
                    log.str(in.getKey());
                    StateCodec.value(log, in.getValue());
                }
            } else if (e instanceof Session.Resolve r) {
                log.u8(2);
                log.str(r.request());
                log.u32(r.values().size());
                for (Value v : r.values()) StateCodec.value(log, v);
            } else {
                log.u8(3);
            }
            log.u64(e.fuel());
        }
        byte[] logBytes = log.toByteArray();
        byte[] st = state == null ? new byte[0] : state;
        Out out = new Out(logBytes.length + st.length + 64);
        out.bytes(MAGIC);
        out.u32(VERSION);
        out.u64(MAGIC.length + 4 + 8 + 4L + logBytes.length + Sha256.LENGTH + 4 + st.length);
        out.blob(logBytes);
        out.bytes(Sha256.of(logBytes));
        out.blob(st);
        return out.toByteArray();
    }

    /** Writes the file atomically: the old file stays whole until the new one is complete. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, encode());
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a session file.
     *
     * @param limits the limits sizes are checked against
     * @throws StateException if the file or its log is unusable
     */
    /**
     * Whether the parts after the header (log, its checksum, state) end exactly at the end of
     * {@code b} and the log's checksum matches: then the file is whole, whatever its length field says.
     */
    private static boolean partsFill(byte[] b, int h) {
        long logEnd = h + 4L + u32(b, h);
        long stateAt = logEnd + Sha256.LENGTH;
        if (h + 4L > b.length || stateAt + 4 > b.length) return false;
        if (stateAt + 4 + u32(b, (int) stateAt) != b.length) return false;
        return Arrays.equals(Sha256.of(b, h + 4, (int) (logEnd - h - 4)), 0, Sha256.LENGTH, b, (int) logEnd, (int) stateAt);
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    public static SessionFile decode(byte[] b, Limits limits) {
        int h = MAGIC.length + 4 + 8;
        if (b.length < MAGIC.length || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            if (b.length < MAGIC.length && Arrays.equals(b, 0, b.length, MAGIC, 0, b.length)) {
                throw new StateException(StateException.Kind.TRUNCATED, "the session file ends after " + b.length + " bytes, inside its header");
            }
            throw new StateException(StateException.Kind.NOT_A_STATE, "the bytes do not start with LIASESSF, as a session file does");
        }
        if (b.length < h) throw new StateException(StateException.Kind.TRUNCATED, "the session file ends after " + b.length + " bytes, inside its header");
        In head = new In(b, MAGIC.length, h, "session file header");
        int version = head.i32();
        if (version != VERSION) {
            throw new StateException(StateException.Kind.UNKNOWN_VERSION, "the session file has format version "
                    + Integer.toUnsignedString(version) + "; this build reads version " + VERSION);
        }
        long total = head.u64();
        if (total != b.length && partsFill(b, h)) { // the length field alone is wrong: a damaged header, not a short file
            throw new StateException(StateException.Kind.CORRUPTED, "the session file's header gives its length as " + total
                    + " bytes, but its parts (with an intact log checksum) fill its " + b.length + " bytes: the header was changed or damaged");
        }
        if (total > b.length) throw new StateException(StateException.Kind.TRUNCATED, "the session file has " + b.length + " of its " + total + " bytes");
        if (total < b.length) throw new StateException(StateException.Kind.MALFORMED, (b.length - total) + " bytes follow the end of the session file");
        In in = new In(b, h, b.length, "session file");
        int logLength = in.count("log length", 1);
        int logStart = in.pos();
        in.skip(logLength);
        in.need(Sha256.LENGTH);
        if (!Arrays.equals(Sha256.of(b, logStart, logLength), 0, Sha256.LENGTH, b, in.pos(), in.pos() + Sha256.LENGTH)) {
            throw new StateException(StateException.Kind.CORRUPTED, "the session log's checksum does not match: the file was changed or damaged");
        }
        in.skip(Sha256.LENGTH);
        int stateLength = in.count("state length", 1);
        byte[] state = stateLength == 0 ? null : in.bytes(stateLength);
        in.expectEnd();

        In log = new In(b, logStart, logStart + logLength, "session log");
        byte[] module = log.blob();
        Limits fileLimits;
        try {
            fileLimits = new Limits(log.i32(), log.i32(), log.i32(), log.i32(), limits.decoding());
        } catch (IllegalArgumentException e) {
            throw log.malformed("limits: " + e.getMessage());
        }
        int nh = log.count("host component count", 8);
        List<Session.HostSetup> hosts = new ArrayList<>(nh);
        for (int i = 0; i < nh; i++) {
            String component = log.str();
            if (i > 0 && hosts.get(i - 1).component().compareTo(component) >= 0) throw log.malformed("host component " + component + " out of order");
            hosts.add(new Session.HostSetup(component, log.blob()));
        }
        String summary = log.str();
        int ns = log.count("script count", 4 + 4 + Sha256.LENGTH);
        List<Session.Script> scripts = new ArrayList<>(ns);
        for (int i = 0; i < ns; i++) {
            String name = log.str();
            String source = log.str();
            scripts.add(new Session.Script(name, source, HexFormat.of().formatHex(log.bytes(Sha256.LENGTH))));
        }
        int ne = log.count("event count", 9);
        List<Session.Event> events = new ArrayList<>(ne);
        for (int i = 0; i < ne; i++) {
            int tag = log.u8();
            switch (tag) {
                case 1 -> {
                    int si = log.u31("script index");
                    if (si >= ns) throw log.malformed("event " + i + " runs script " + si + " of " + ns);
                    int n = log.count("input count", 5);
                    Map<String, Value> inputs = new LinkedHashMap<>();
                    for (int k = 0; k < n; k++) inputs.put(log.str(), StateCodec.value(log));
                    events.add(new Session.Run(scripts.get(si), inputs, fuel(log)));
                }
                case 2 -> {
                    String request = log.str();
                    int n = log.count("value count", 5);
                    List<Value> values = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) values.add(StateCodec.value(log));
                    events.add(new Session.Resolve(request, values, fuel(log)));
                }
                case 3 -> events.add(new Session.Refuel(fuel(log)));
                default -> throw log.malformed("unknown event " + tag);
            }
        }
        log.expectEnd();
        if (!fileLimits.equals(limits)) {
            throw new StateException(StateException.Kind.MALFORMED, "the session was made with limits " + fileLimits + ", not " + limits);
        }
        Session session = Session.of(Sha256.of(module), fileLimits, hosts, events);
        StateException problem = state == null ? null : stateProblem(state, module);
        return new SessionFile(module, session, summary, state, problem);
    }

    /** What is wrong with a state for this module (envelope, checksum, module hash), or null. */
    private static StateException stateProblem(byte[] state, byte[] module) {
        try {
            StateCodec.verify(state);
            byte[] mine = Sha256.of(module);
            for (byte[] hash : StateCodec.moduleHashes(state)) {
                if (!Arrays.equals(hash, mine)) {
                    return new StateException(StateException.Kind.WRONG_MODULE, "the saved state is for module " + Sha256.text(hash)
                            + ", the session's module is " + Sha256.text(mine));
                }
            }
            return null;
        } catch (StateException e) {
            return e;
        }
    }

    /** The same file with another saved state (null for none), checked as {@link #decode} checks it. */
    SessionFile withState(byte[] newState) {
        return new SessionFile(moduleBytes, session, summary, newState, newState == null ? null : stateProblem(newState, moduleBytes));
    }

    private static long fuel(In log) {
        long f = log.u64();
        if (f < 0) throw log.malformed("a fuel budget of " + Long.toUnsignedString(f));
        return f;
    }
}
