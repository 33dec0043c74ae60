package dev.lia.cli;

import dev.lia.state.AtomicFiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writing a command's output file: atomically (a killed process leaves the old file or the new one,
 * never half of one), and a failure as one line saying why, with exit code 2.
 */
final class OutputFiles {
    private OutputFiles() {}

    /** Writes {@code bytes} to {@code file}; {@code command} ("lia snapshot") starts the error message. */
    static void write(String command, Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new CliException(Main.BAD_INPUT, command + ": cannot write " + file + ": " + reason(file, e));
        }
    }

    /** Why writing {@code file} failed, in words: the exception's own message is often only the path. */
    static String reason(Path file, IOException e) {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) return "it is a directory";
        if (dir != null && !Files.isDirectory(dir)) return "no such directory " + dir;
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
