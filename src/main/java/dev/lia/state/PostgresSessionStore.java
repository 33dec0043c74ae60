package dev.lia.state;

import dev.lia.wasm.runtime.Limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sessions as rows of PostgreSQL table {@code lia_sessions}: the session's log (a
 * {@link SessionFile} without its state) and a version column. A write locks the row, checks the
 * version it was computed from and replaces the row with a new version from the sequence
 * {@code lia_session_versions} (so no version is ever seen twice), all in one transaction; a new
 * session is an insert that loses to any other. The state after the last event goes, in the same
 * transaction, to {@link PostgresStateCache}'s table, where the previous one is dropped once no
 * session row names it. A conflict or a failure rolls everything back.
 *
 * <p>Reading checks what it is given as it checks a file: a row whose log does not decode, or whose
 * columns disagree with its log, is refused with a {@link StateException}; a cached state whose
 * hash does not match is ignored, and the session replays.
 */
public final class PostgresSessionStore implements SessionStore {
    private final Postgres db;
    private final Limits limits;

    /** @param url {@code postgresql://HOST:PORT/DB?user=...&password=...} */
    public PostgresSessionStore(String url) {
        this(url, Limits.DEFAULT);
    }

    public PostgresSessionStore(String url, Limits limits) {
        this.db = new Postgres(url);
        this.limits = limits;
    }

    /** The store's state cache, on the same connection (for a {@link SessionRunner}). */
    public StateCache states() {
        return new PostgresStateCache(db, false);
    }

    @Override
    public Versioned read(String name) {
        SessionStore.checkName(name);
        return db.transaction(c -> {
            long version;
            int events;
            byte[] data;
            try (PreparedStatement s = c.prepareStatement("SELECT version, events, data FROM lia_sessions WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return null;
                    version = r.getLong(1);
                    events = r.getInt(2);
                    data = r.getBytes(3);
                }
            }
            SessionFile f = SessionFile.decode(data == null ? new byte[0] : data, limits).withState(null);
            if (f.session().events().size() != events) {
                throw new StateException(StateException.Kind.MALFORMED, "the row of session " + name + " says " + events
                        + " events, its log has " + f.session().events().size());
            }
            String key = f.session().key();
            byte[] entry = PostgresStateCache.get(c, key);
            byte[] k = java.util.HexFormat.of().parseHex(key);
            if (entry != null && entry.length > Sha256.LENGTH && Arrays.equals(entry, 0, Sha256.LENGTH, k, 0, Sha256.LENGTH)) {
                SessionFile withState = f.withState(Arrays.copyOfRange(entry, Sha256.LENGTH, entry.length));
                if (withState.stateProblem() == null) f = withState; // an unusable cached state is not trusted: the log replays
            }
            return new Versioned(f, Long.toString(version));
        });
    }

    @Override
    public String write(String name, String expected, SessionFile file) {
        SessionStore.checkName(name);
        byte[] log = file.withState(null).encode();
        byte[] state = file.state();
        int events = file.session().events().size();
        String key = file.session().key();
        return db.transaction(c -> {
            Row now = lockRow(c, name);
            long version;
            if (now == null) {
                if (expected != null) throw new SessionConflictException(-1);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO lia_sessions (name, version, events, state_key, data)"
                        + " VALUES (?, nextval('lia_session_versions'), ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING version")) {
                    s.setString(1, name);
                    s.setInt(2, events);
                    s.setString(3, state == null ? null : key);
                    s.setBytes(4, log);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            Row other = lockRow(c, name);
                            throw new SessionConflictException(other == null ? -1 : other.events);
                        }
                        version = r.getLong(1);
                    }
                }
            } else {
                if (!Long.toString(now.version).equals(expected)) throw new SessionConflictException(now.events);
                try (PreparedStatement s = c.prepareStatement("UPDATE lia_sessions SET version = nextval('lia_session_versions'), events = ?,"
                        + " state_key = ?, data = ?, updated = now() WHERE name = ? RETURNING version")) {
                    s.setInt(1, events);
                    s.setString(2, state == null ? null : key);
                    s.setBytes(3, log);
                    s.setString(4, name);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        version = r.getLong(1);
                    }
                }
            }
            if (state != null) PostgresStateCache.put(c, key, SessionRunner.entry(key, state));
            if (now != null && now.stateKey != null && !now.stateKey.equals(key)) dropUnused(c, now.stateKey);
            return Long.toString(version);
        });
    }

    private record Row(long version, int events, String stateKey) {}

    private static Row lockRow(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version, events, state_key FROM lia_sessions WHERE name = ? FOR UPDATE")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Row(r.getLong(1), r.getInt(2), r.getString(3)) : null;
            }
        }
    }

    /** Drops a cached state that no session row names any more (another session with the same history may still use it). */
    private static void dropUnused(Connection c, String stateKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM lia_states WHERE key = ?"
                + " AND NOT EXISTS (SELECT 1 FROM lia_sessions WHERE state_key = ?)")) {
            s.setString(1, stateKey);
            s.setString(2, stateKey);
            s.executeUpdate();
        }
    }

    @Override
    public void check(String name, String expected) {
        SessionStore.checkName(name);
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version, events FROM lia_sessions WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        if (expected != null) throw new SessionConflictException(-1);
                    } else if (!Long.toString(r.getLong(1)).equals(expected)) {
                        throw new SessionConflictException(r.getInt(2));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<String> list() {
        return db.transaction(c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name FROM lia_sessions ORDER BY name COLLATE \"C\"");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) names.add(r.getString(1));
            }
            return names;
        });
    }

    @Override
    public boolean remove(String name) {
        SessionStore.checkName(name);
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM lia_sessions WHERE name = ? RETURNING state_key")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return false;
                    String stateKey = r.getString(1);
                    if (stateKey != null) dropUnused(c, stateKey);
                    return true;
                }
            }
        });
    }

    @Override
    public String describe() {
        return db.describe();
    }

    @Override
    public void close() {
        db.close();
    }
}
