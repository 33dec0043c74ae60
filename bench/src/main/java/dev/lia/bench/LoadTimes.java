package dev.lia.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Bytes to a ready instance for one module: Lia's decode, validate, compile and instantiate, and
 * Chicory's parse (which validates) and instantiate. Once as the first thing in a fresh JVM
 * (cold: class loading and the interpreter of the JVM itself included), then the median of many
 * repetitions after the whole benchmark has run (warm).
 */
final class LoadTimes {
    private final Corpus.Program program;
    private long[] liaCold;
    private long[] chicoryCold;
    private long[] liaWarm;
    private long[] chicoryWarm;
    private int warmRuns;

    private LoadTimes(Corpus.Program program) {
        this.program = program;
    }

    static LoadTimes cold(Corpus.Program p, List<JvmEngine> engines) {
        LoadTimes t = new LoadTimes(p);
        for (JvmEngine e : engines) {
            if (e instanceof LiaEngine) t.liaCold = LiaEngine.loadPhases(p.bytes());
            if (e instanceof ChicoryEngine c) t.chicoryCold = c.loadPhases(p.bytes());
        }
        return t;
    }

    void warm(Corpus.Program p, List<JvmEngine> engines, int runs) {
        warmRuns = runs;
        for (JvmEngine e : engines) {
            List<long[]> samples = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                if (e instanceof LiaEngine) samples.add(LiaEngine.loadPhases(p.bytes()));
                else if (e instanceof ChicoryEngine c) samples.add(c.loadPhases(p.bytes()));
            }
            if (samples.isEmpty()) continue;
            long[] med = medians(samples);
            if (e instanceof LiaEngine) liaWarm = med;
            else chicoryWarm = med;
        }
    }

    /**
     * Per phase median, then as last element the minimum of the totals. The total shown is the
     * sum of the phase medians: on a loaded 2-core machine a run is often preempted for a time
     * slice (4-10 ms) in one phase or another, which the median of a phase filters out but the
     * median of the totals does not.
     */
    private static long[] medians(List<long[]> samples) {
        int phases = samples.get(0).length;
        long[] med = new long[phases + 1];
        for (int k = 0; k < phases; k++) {
            double[] xs = new double[samples.size()];
            for (int i = 0; i < xs.length; i++) xs[i] = samples.get(i)[k];
            med[k] = (long) Stats.median(xs);
        }
        med[phases] = samples.stream().mapToLong(LoadTimes::total).min().orElseThrow();
        return med;
    }

    private static long total(long[] phases) {
        long t = 0;
        for (long x : phases) t += x;
        return t;
    }

    String report() {
        double kb = program.bytes().length / 1024.0;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Bytes to a ready instance, largest corpus module `%s.wasm` (%.1f KB), ms:%n%n",
                program.name(), kb));
        sb.append("| engine | when | decode | validate | compile | instantiate | total | per KB | best total |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        if (liaCold != null) sb.append(liaRow("first, in a fresh JVM", liaCold, kb, Double.NaN));
        if (liaWarm != null) sb.append(liaRow("warm, medians of " + warmRuns, Arrays.copyOf(liaWarm, 4), kb, liaWarm[4]));
        if (chicoryCold != null) sb.append(chicoryRow("first, in a fresh JVM", chicoryCold, kb, Double.NaN));
        if (chicoryWarm != null) sb.append(chicoryRow("warm, medians of " + warmRuns, Arrays.copyOf(chicoryWarm, 2), kb, chicoryWarm[2]));
        sb.append("\n\"first\": the first module this JVM loads (class loading, bytecode interpreter, JIT compiling). "
                + "\"warm\": after the whole run, the median of each phase over many repetitions; total is the sum of those "
                + "medians (it filters out preemption on a busy machine), best total the fastest single repetition. "
                + "Chicory parses and validates in one step (shown under decode) and compiles nothing ahead of time.\n");
        return sb.toString();
    }

    private static String liaRow(String when, long[] p, double kb, double best) {
        long total = total(p);
        return String.format(Locale.ROOT, "| Lia | %s | %s | %s | %s | %s | **%s** | %s | %s |%n", when,
                ms(p[0]), ms(p[1]), ms(p[2]), ms(p[3]), ms(total), ms(total / kb), ms(best));
    }

    private static String chicoryRow(String when, long[] p, double kb, double best) {
        long total = total(p);
        return String.format(Locale.ROOT, "| Chicory | %s | %s | – | – | %s | **%s** | %s | %s |%n", when,
                ms(p[0]), ms(p[1]), ms(total), ms(total / kb), ms(best));
    }

    private static String ms(double ns) {
        if (!Double.isFinite(ns)) return "–";
        return String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }
}
