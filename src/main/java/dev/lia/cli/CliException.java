package dev.lia.cli;

/** An expected failure of a command: its message is printed as is (one line) and the exit code returned. */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
