package dev.lia.wasm.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * What running one script (or several, summed) gave. Every command counts once: as passed, failed
 * or skipped.
 *
 * @param name              the script (a file name), or "total"
 * @param passed            commands that did what the script says
 * @param failed            commands that did not; one line each in {@code failures}
 * @param skipped           commands not run: text modules, modules the engine refuses as unsupported, and
 *                          commands on a module that was skipped
 * @param messageMismatches of the failures, those where the right kind of error came with a
 *                          message not starting with the expected text
 * @param failures          one line per failure: {@code file:line: command: expected X, got Y}
 */
public record SpecResult(String name, int passed, int failed, int skipped, int messageMismatches, List<String> failures) {
    public SpecResult {
        failures = List.copyOf(failures);
    }

    public int total() {
        return passed + failed + skipped;
    }

    /** {@code N passed, M failed, K skipped}. */
    public String summary() {
        return passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }

    /** The counts and failures of several results added up, named {@code name}. */
    public static SpecResult sum(String name, List<SpecResult> results) {
        int p = 0, f = 0, s = 0, mm = 0;
        List<String> lines = new ArrayList<>();
        for (SpecResult r : results) {
            p += r.passed;
            f += r.failed;
            s += r.skipped;
            mm += r.messageMismatches;
            lines.addAll(r.failures);
        }
        return new SpecResult(name, p, f, s, mm, lines);
    }

    @Override
    public String toString() {
        return name + ": " + summary();
    }
}
