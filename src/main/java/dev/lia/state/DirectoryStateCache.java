package dev.lia.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A cache in a directory: one file {@code KEY.state} per entry, written atomically
 * ({@link AtomicFiles}), so concurrent readers and a crash mid-write never see a partial entry.
 * Entries are never evicted here; remove them, or the directory, as you see fit.
 */
public final class DirectoryStateCache implements StateCache {
    private final Path dir;

    public DirectoryStateCache(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    private Path file(String key) {
        if (!key.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("a key is 64 lowercase hex digits");
        return dir.resolve(key + ".state");
    }

    @Override
    public byte[] get(String key) {
        try {
            return Files.readAllBytes(file(key));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null; // unreadable counts as a miss: the session replays
        }
    }

    @Override
    public void put(String key, byte[] entry) {
        try {
            AtomicFiles.write(file(key), entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state cache entry " + file(key), e);
        }
    }

    @Override
    public void remove(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
