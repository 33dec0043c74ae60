package dev.lia.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Bytes to a ready instance for one module: Lia's decode, validate, compile and instantiate, and
 * Chicory's parse (which validates) and instantiate. Once as the first thing in a fresh JVM
 * (cold: class loading and the JVM's bytecode interpreter included), then many repetitions after
 * the whole benchmark has run (warm).
 */
final class LoadTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Wall time of each phase and the thread's CPU time for all of them, in ns. */
    private record Sample(long[] phases, long cpu) {
        long total() {
            long t = 0;
            for (long x : phases) t += x;
            return t;
        }
    }

    /** A row of the report: per-phase figures, the total, the best total and the CPU time. */
    private record Row(long[] phases, long total, long best, long cpu) {}

    private final Corpus.Program program;
    private Row liaCold, chicoryCold, liaWarm, chicoryWarm;
    private int warmRuns;

    private LoadTimes(Corpus.Program program) {
        this.program = program;
    }

    /** Loading is the same for every Lia configuration (fuel is a machine setting): time it once. */
    private static boolean isPlainLia(JvmEngine e) {
        return e instanceof LiaEngine && e.name().equals("Lia");
    }

    private static Sample sample(Supplier<long[]> load) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long[] phases = load.get();
        return new Sample(phases, THREADS.getCurrentThreadCpuTime() - c0);
    }

    private static Supplier<long[]> loader(JvmEngine e, byte[] bytes) {
        if (isPlainLia(e)) return () -> LiaEngine.loadPhases(bytes);
        if (e instanceof ChicoryEngine c) return () -> c.loadPhases(bytes);
        return null;
    }

    static LoadTimes cold(Corpus.Program p, List<JvmEngine> engines) {
        LoadTimes t = new LoadTimes(p);
        for (JvmEngine e : engines) {
            Supplier<long[]> load = loader(e, p.bytes());
            if (load == null) continue;
            Sample s = sample(load);
            Row row = new Row(s.phases(), s.total(), -1, s.cpu());
            if (isPlainLia(e)) t.liaCold = row;
            else t.chicoryCold = row;
        }
        return t;
    }

    void warm(Corpus.Program p, List<JvmEngine> engines, int runs) {
        warmRuns = runs;
        for (JvmEngine e : engines) {
            Supplier<long[]> load = loader(e, p.bytes());
            if (load == null) continue;
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < runs; i++) samples.add(sample(load));
            Row row = summarise(samples);
            if (isPlainLia(e)) liaWarm = row;
            else chicoryWarm = row;
        }
    }

    /**
     * The median of each phase; as total the sum of those medians: on a loaded 2-core machine a
     * repetition is often preempted for a time slice (4-10 ms) in one phase or another, which the
     * median of a phase filters out but the median of the totals does not. Also the fastest total
     * and the median CPU time.
     */
    private static Row summarise(List<Sample> samples) {
        int phases = samples.get(0).phases().length;
        long[] med = new long[phases];
        long total = 0;
        for (int k = 0; k < phases; k++) {
            final int kk = k;
            med[k] = (long) Stats.median(samples.stream().mapToDouble(s -> s.phases()[kk]).toArray());
            total += med[k];
        }
        long best = samples.stream().mapToLong(Sample::total).min().orElseThrow();
        long cpu = (long) Stats.median(samples.stream().mapToDouble(Sample::cpu).toArray());
        return new Row(med, total, best, cpu);
    }

    String report() {
        double kb = program.bytes().length / 1024.0;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Bytes to a ready instance, largest corpus module `%s.wasm` (%.1f KB), ms:%n%n",
                program.name(), kb));
        sb.append("| engine | when | decode | validate | compile | instantiate | total | per KB | best total | CPU |\n");
        sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        row(sb, "Lia", "first, in a fresh JVM", liaCold, kb);
        row(sb, "Lia", "warm, medians of " + warmRuns, liaWarm, kb);
        row(sb, "Chicory", "first, in a fresh JVM", chicoryCold, kb);
        row(sb, "Chicory", "warm, medians of " + warmRuns, chicoryWarm, kb);
        sb.append("\n\"first\": the first module this JVM loads (class loading, the JVM's bytecode interpreter, JIT compiling). "
                + "\"warm\": after the whole run, the median of each phase over many repetitions; total is the sum of those "
                + "medians, best total the fastest single repetition; CPU is the benchmark thread's CPU time for the whole load "
                + "(median), which a busy machine barely moves. "
                + "Chicory parses and validates in one step (shown under decode) and compiles nothing ahead of time.\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String engine, String when, Row r, double kb) {
        if (r == null) return;
        long[] p = r.phases();
        boolean lia = p.length == 4;
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | **%s** | %s | %s | %s |%n", engine, when,
                ms(p[0]), lia ? ms(p[1]) : "–", lia ? ms(p[2]) : "–", ms(p[p.length - 1]),
                ms(r.total()), ms(r.total() / kb), r.best() < 0 ? "–" : ms(r.best()), ms(r.cpu())));
    }

    private static String ms(double ns) {
        if (!Double.isFinite(ns)) return "–";
        return String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }
}
