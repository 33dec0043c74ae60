package dev.lia.cli;

import dev.lia.state.DirectorySessionStore;
import dev.lia.state.SessionStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --store STORE} (or the environment variable {@code LIA_STORE}): where a command's session
 * is kept. Without either, {@code --session FILE} is a session file.
 */
final class StoreOption {
    static final String ENV = "LIA_STORE";

    @Option(names = "--store", paramLabel = "STORE", description = "where sessions are kept: postgresql://HOST:PORT/DB?user=... "
            + "or a directory (default: $LIA_STORE; without either, the session is a file)")
    String store;

    /** The store given, or LIA_STORE, or null. */
    String spec() {
        if (store != null) return store;
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? null : env;
    }

    /**
     * Where a session is: NAME in the store, or, with no store, the file FILE (as session FILE in
     * the directory store of its folder, so that its writes are conditional too).
     *
     * @param file the session file (no store), or null
     * @param name the session's name (in a store), or null
     */
    Place place(String command, Path file, String name) {
        String spec = spec();
        if (file != null && name != null) throw new CliException(Main.BAD_INPUT, command + ": give the session file or --session NAME, not both");
        if (file == null && name == null) throw new CliException(Main.BAD_INPUT, command + ": give the session: FILE, or --session NAME");
        if (spec == null) {
            Path f = file != null ? file : Path.of(name);
            Path abs = f.toAbsolutePath();
            if (abs.getFileName() == null) throw new CliException(Main.BAD_INPUT, command + ": " + f + " is not a file name");
            return new Place(new DirectorySessionStore(abs.getParent()), abs.getFileName().toString(), f, f.toString());
        }
        String n = name != null ? name : file.toString();
        SessionStore store = open(command, spec);
        if (store instanceof DirectorySessionStore d) {
            try {
                java.nio.file.Files.createDirectories(d.directory());
            } catch (java.io.IOException e) {
                throw new CliException(Main.BAD_INPUT, command + ": --store: cannot make the directory " + d.directory() + ": " + e.getMessage());
            }
        }
        try {
            SessionStore.checkName(n);
        } catch (IllegalArgumentException e) {
            store.close();
            throw new CliException(Main.BAD_INPUT, command + ": " + e.getMessage());
        }
        return new Place(store, n, null, "session " + n + " in " + store.describe());
    }

    static SessionStore open(String command, String spec) {
        try {
            return SessionStore.open(spec);
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.BAD_INPUT, command + ": --store: " + e.getMessage());
        }
    }

    /**
     * A session's place.
     *
     * @param file  the session file, when it is one (its messages name the file), else null
     * @param label how messages name it
     */
    record Place(SessionStore store, String name, Path file, String label) {}
}
