package dev.lia.state;

import java.util.List;

/**
 * Where sessions are kept by name, with conditional writes: every write names the version it was
 * computed from, and it happens only if the session is still at that version. Of several writers
 * that read the same version exactly one wins; each other gets a {@link SessionConflictException}
 * and nothing of its write is kept. Implementations are safe to use from several threads, and
 * several processes may share one store.
 *
 * <p>Backends: {@link DirectorySessionStore} (files in a directory, the embedded default) and
 * {@link PostgresSessionStore} (rows in PostgreSQL, for workers on many machines).
 */
public interface SessionStore extends AutoCloseable {
    /**
     * A session as read, with its version: an opaque token that changes with every write (and is
     * never reused for a session of the same name in the directory store or in PostgreSQL).
     */
    record Versioned(SessionFile file, String version) {}

    /**
     * Reads a session.
     *
     * @return the session and its version, or null when there is none of that name
     * @throws StateException if what is stored under the name is not a sound session
     */
    Versioned read(String name);

    /**
     * Writes a session if it is still at {@code expected}.
     *
     * @param expected the version read, or null to create a session that must not exist yet
     * @return the new version
     * @throws SessionConflictException if the session changed (or was made, or removed) since
     *                                  {@code expected} was read; nothing was written
     */
    String write(String name, String expected, SessionFile file);

    /**
     * Checks that a session is still at a version, without writing (for a step that changes nothing
     * kept, yet must have been computed from the session as it is).
     *
     * @throws SessionConflictException if it is not
     */
    void check(String name, String expected);

    /** The names of the sessions kept, in ascending order. */
    List<String> list();

    /** Removes a session; returns whether there was one. */
    boolean remove(String name);

    /** Where this store keeps its sessions, for messages. */
    String describe();

    @Override
    default void close() {}

    /**
     * Opens a store: {@code postgresql://HOST:PORT/DB?user=...} for PostgreSQL, anything else is a
     * directory (made on the first write).
     */
    static SessionStore open(String spec) {
        if (spec.startsWith(Postgres.SCHEME)) return new PostgresSessionStore(spec);
        return new DirectorySessionStore(java.nio.file.Path.of(spec));
    }

    /** The name rule shared by every store: 1 to 200 characters, letters, digits and {@code . _ -}, not starting with a dot. */
    static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_\\-][A-Za-z0-9._\\-]{0,199}")) {
            throw new IllegalArgumentException("a session name has 1 to 200 letters, digits, '.', '_' or '-', and does not start with '.': "
                    + (name == null ? "none given" : "'" + name + "'"));
        }
        return name;
    }
}
