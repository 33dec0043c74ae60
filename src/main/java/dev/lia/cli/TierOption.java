package dev.lia.cli;

import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.exec.Tiering;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code --tier} and {@code --stats}, shared by the commands that run wasm. Set while the command
 * line is parsed: the tier becomes the default of every machine the command makes.
 */
final class TierOption {
    /** Whether this run asked for {@code --stats} (reset by {@link #reset} before each command line). */
    private static volatile boolean statsWanted;
    private static final Tier PROCESS_DEFAULT = Machine.defaultTier();

    @Option(names = "--tier", paramLabel = "TIER",
            description = "which code runs wasm functions: interp (the interpreter), compiled (JVM bytecode from each "
                    + "function's first call) or auto (the interpreter until a module is hot; the default). The tier never "
                    + "changes a result, a trap, a state hash or a fuel figure", converter = TierConverter.class)
    void tier(Tier tier) {
        Machine.setDefaultTier(tier);
    }

    static final class TierConverter implements picocli.CommandLine.ITypeConverter<Tier> {
        @Override
        public Tier convert(String value) {
            try {
                return Tier.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--stats", description = "after the run, print to stderr how many functions the compiled tier took and why it left others")
    void stats(boolean wanted) {
        statsWanted = wanted;
    }

    /** Before a command line is parsed: the process's defaults (in-process callers run many). */
    static void reset() {
        Machine.setDefaultTier(PROCESS_DEFAULT);
        statsWanted = false;
    }

    /** After the command: the statistics, if asked for. */
    static void report(PrintWriter err) {
        if (!statsWanted) return;
        long[] totals = Tiering.totals();
        StringBuilder b = new StringBuilder("lia: tier ").append(Machine.defaultTier()).append(": ")
                .append(totals[0]).append(" functions compiled, ").append(totals[1]).append(" left to the interpreter");
        Map<String, Long> why = Tiering.leftReasons();
        if (!why.isEmpty()) {
            b.append(" (");
            why.forEach((reason, n) -> b.append(n).append(": ").append(reason).append("; "));
            b.setLength(b.length() - 2);
            b.append(')');
        }
        err.println(b);
    }
}
