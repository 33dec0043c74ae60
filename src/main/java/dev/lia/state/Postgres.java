package dev.lia.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One connection to a PostgreSQL database that keeps Lia's sessions and states, made on first use
 * and made again after it broke (a server restart): the call that finds it broken fails with a
 * {@link StoreException}, the next one reconnects. The schema is created on first use, under an
 * advisory lock so that workers starting together do not race:
 * <pre>
 * lia_sessions(name text primary key, version bigint, events integer, state_key text, data bytea, updated timestamptz)
 * lia_states(key text primary key, sha256 bytea, data bytea)
 * sequence lia_session_versions
 * </pre>
 * Calls are serialised on this object: give each thread that should write concurrently its own.
 */
final class Postgres implements AutoCloseable {
    /** The prefix of a store URL: {@code postgresql://HOST:PORT/DB?user=...}. */
    static final String SCHEME = "postgresql://";
    private static final long SCHEMA_LOCK = 0x4c49415354524531L; // "LIASTRE1"

    private final String jdbcUrl;
    private final String described;
    private Connection connection;

    Postgres(String url) {
        if (!url.startsWith(SCHEME)) throw new IllegalArgumentException("a PostgreSQL store is postgresql://HOST:PORT/DB?user=..., not " + url);
        this.jdbcUrl = "jdbc:" + url + (url.contains("?") ? "&" : "?") + "connectTimeout=10&ApplicationName=lia";
        this.described = url.replaceAll("([?&]password=)[^&]*", "$1***");
    }

    String describe() {
        return described;
    }

    /** A unit of work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    synchronized <T> T transaction(Work<T> work) {
        Connection c = connection();
        try {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken: failure() drops it
        }
    }

    private StoreException failure(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("57")) drop(); // connection or server gone: reconnect next time
        return new StoreException("the PostgreSQL store " + described + " failed: " + e.getMessage(), e);
    }

    private Connection connection() {
        if (connection != null) return connection;
        try {
            Connection c = DriverManager.getConnection(jdbcUrl);
            try {
                c.setAutoCommit(false);
                schema(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
            return c;
        } catch (SQLException e) {
            throw new StoreException("cannot reach the PostgreSQL store " + described + ": " + e.getMessage(), e);
        }
    }

    private static void schema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            s.execute("CREATE TABLE IF NOT EXISTS lia_sessions (name text PRIMARY KEY, version bigint NOT NULL, events integer NOT NULL,"
                    + " state_key text, data bytea NOT NULL, updated timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE TABLE IF NOT EXISTS lia_states (key text PRIMARY KEY, sha256 bytea NOT NULL, data bytea NOT NULL)");
            s.execute("CREATE SEQUENCE IF NOT EXISTS lia_session_versions");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private void drop() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
