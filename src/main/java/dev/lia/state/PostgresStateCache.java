package dev.lia.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * A {@link StateCache} in PostgreSQL: table {@code lia_states}, one row per entry, keyed by the
 * session key (the SHA-256 of the session's canonical bytes, which determine the state), with the
 * SHA-256 of the entry beside it. Reading checks that hash: a row whose bytes were changed is
 * deleted and counts as a miss, so the session is replayed, never resumed from it.
 */
public final class PostgresStateCache implements StateCache, AutoCloseable {
    private final Postgres db;
    private final boolean owned;

    /** @param url {@code postgresql://HOST:PORT/DB?user=...} */
    public PostgresStateCache(String url) {
        this(new Postgres(url), true);
    }

    PostgresStateCache(Postgres db, boolean owned) {
        this.db = db;
        this.owned = owned;
    }

    private static void checkKey(String key) {
        if (!key.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("a key is 64 lowercase hex digits");
    }

    @Override
    public byte[] get(String key) {
        checkKey(key);
        return db.transaction(c -> get(c, key));
    }

    static byte[] get(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT sha256, data FROM lia_states WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return null;
                byte[] hash = r.getBytes(1);
                byte[] data = r.getBytes(2);
                if (data != null && Arrays.equals(hash, Sha256.of(data))) return data;
            }
        }
        remove(c, key); // changed behind our back: not trusted, replayed
        return null;
    }

    @Override
    public void put(String key, byte[] entry) {
        checkKey(key);
        db.transaction(c -> {
            put(c, key, entry);
            return null;
        });
    }

    static void put(Connection c, String key, byte[] entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO lia_states (key, sha256, data) VALUES (?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET sha256 = EXCLUDED.sha256, data = EXCLUDED.data")) {
            s.setString(1, key);
            s.setBytes(2, Sha256.of(entry));
            s.setBytes(3, entry);
            s.executeUpdate();
        }
    }

    @Override
    public void remove(String key) {
        checkKey(key);
        db.transaction(c -> {
            remove(c, key);
            return null;
        });
    }

    static void remove(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM lia_states WHERE key = ?")) {
            s.setString(1, key);
            s.executeUpdate();
        }
    }

    @Override
    public void close() {
        if (owned) db.close();
    }
}
