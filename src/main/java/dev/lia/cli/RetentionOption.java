package dev.lia.cli;

import dev.lia.script.vm.Outcome;
import dev.lia.state.Retention;
import picocli.CommandLine.Option;

/**
 * {@code --retention always|while-blocked|never}: which states a session keeps after a step, in a
 * file or in a store alike (a state only saves a replay: without one the next step replays the log).
 */
final class RetentionOption {
    @Option(names = "--retention", paramLabel = "WHEN", description = "which states the session keeps: always (default), "
            + "while-blocked (only while it waits for an answer or fuel), never (every step replays the log)")
    String retention;

    Retention retention(String command) {
        if (retention == null) return Retention.ALWAYS;
        return switch (retention) {
            case "always" -> Retention.ALWAYS;
            case "while-blocked" -> Retention.WHILE_BLOCKED;
            case "never" -> Retention.NEVER;
            default -> throw new CliException(Main.BAD_INPUT, command + ": --retention is always, while-blocked or never, not " + retention);
        };
    }

    /** The state to keep after a step with this outcome, or null. */
    byte[] kept(String command, Outcome o, byte[] state) {
        Retention r = retention(command);
        boolean waiting = o instanceof Outcome.Blocked || o instanceof Outcome.OutOfFuel;
        return r == Retention.ALWAYS || (r == Retention.WHILE_BLOCKED && waiting) ? state : null;
    }
}
