package dev.lia.state;

import dev.lia.wasm.runtime.Limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sessions as files in a directory: session NAME is the file NAME (the format of
 * {@link SessionFile}, saved state included). A write takes the session's lock file
 * {@code .NAME.lock} (an operating-system lock, so it holds across processes; a lock per file
 * within the JVM, since the OS lock is per process), checks that the file is still the one read,
 * then replaces it atomically ({@link AtomicFiles}). A process killed at any moment leaves the old
 * file or the new one, and the OS releases its lock. Reads take no lock: a rename is atomic.
 *
 * <p>The directory must exist. The version of a session is the SHA-256 of its file's bytes. Lock files stay after a remove:
 * deleting one while another process waits on it would let two writers in.
 */
public final class DirectorySessionStore implements SessionStore {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Limits limits;

    public DirectorySessionStore(Path dir) {
        this(dir, Limits.DEFAULT);
    }

    /** @param limits the limits the sessions are made with (they are checked on reading) */
    public DirectorySessionStore(Path dir, Limits limits) {
        this.dir = dir.toAbsolutePath().normalize();
        this.limits = limits;
    }

    public Path directory() {
        return dir;
    }

    /** The file of a session: any file name that does not start with a dot (those are the lock files). */
    public Path file(String name) {
        if (name == null || name.isEmpty() || name.startsWith(".") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf(0) >= 0) {
            throw new IllegalArgumentException("a session in a directory is a file name there, not starting with '.': '" + name + "'");
        }
        return dir.resolve(name);
    }

    /** The version of a session file with these bytes. */
    public static String version(byte[] fileBytes) {
        return Sha256.hex(Sha256.of(fileBytes));
    }

    @Override
    public Versioned read(String name) {
        byte[] bytes = bytes(file(name));
        return bytes == null ? null : new Versioned(SessionFile.decode(bytes, limits), version(bytes));
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String write(String name, String expected, SessionFile file) {
        byte[] bytes = file.encode();
        Path target = file(name);
        locked(name, () -> {
            conflictUnless(target, expected);
            try {
                AtomicFiles.write(target, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        });
        return version(bytes);
    }

    @Override
    public void check(String name, String expected) {
        conflictUnless(file(name), expected);
    }

    private void conflictUnless(Path target, String expected) {
        byte[] now = bytes(target);
        if (expected == null ? now == null : now != null && version(now).equals(expected)) return;
        throw new SessionConflictException(now == null ? -1 : events(now));
    }

    private int events(byte[] bytes) {
        try {
            return SessionFile.decode(bytes, limits).session().events().size();
        } catch (StateException e) {
            return -2;
        }
    }

    /** Runs an action holding the session's lock: the JVM's for its threads, then the OS's for other processes. */
    private void locked(String name, Runnable action) {
        Path lockFile = dir.resolve("." + name + ".lock");
        ReentrantLock local = LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        local.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    @Override
    public List<String> list() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) return names;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.startsWith(".") || !Files.isRegularFile(f)) continue;
                if (isSessionFile(f)) names.add(n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    private static boolean isSessionFile(Path f) throws IOException {
        byte[] head = new byte[SessionFile.MAGIC.length];
        try (var in = Files.newInputStream(f)) {
            return in.readNBytes(head, 0, head.length) == head.length && Arrays.equals(head, SessionFile.MAGIC);
        }
    }

    @Override
    public boolean remove(String name) {
        Path target = file(name);
        boolean[] removed = {false};
        locked(name, () -> {
            try {
                removed[0] = Files.deleteIfExists(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + target + ": " + e.getMessage(), e);
            }
        });
        return removed[0];
    }

    @Override
    public String describe() {
        return dir.toString();
    }
}
