package dev.lia.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Bytes to a ready instance for one module: Lia's decode, validate, compile and instantiate, and
 * Chicory's parse (which validates), compile (its compiler) and instantiate. Once as the first
 * thing in a fresh JVM (cold: class loading and the JVM's bytecode interpreter included), then many
 * repetitions after the whole benchmark has run (warm).
 */
final class LoadTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Wall time of each phase (-1: no such phase) and the thread's CPU time for all of them, in ns. */
    private record Sample(long[] phases, long cpu) {
        long total() {
            long t = 0;
            for (long x : phases) if (x > 0) t += x;
            return t;
        }
    }

    /** A row of the report: per-phase figures, the total, the best total and the CPU time. */
    private record Row(long[] phases, long total, long best, long cpu) {}

    private final Corpus.Program program;
    /** engine -> row, in the order measured */
    private final Map<String, Row> cold = new LinkedHashMap<>(), warm = new LinkedHashMap<>();
    private int warmRuns;

    private LoadTimes(Corpus.Program program) {
        this.program = program;
    }

    private static Sample sample(Supplier<long[]> load) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long[] phases = load.get();
        return new Sample(phases, THREADS.getCurrentThreadCpuTime() - c0);
    }

    /**
     * The engines to time, by label: Lia once (loading is the same in every configuration of
     * fuel; the first Lia engine stands for all), every Chicory engine.
     */
    private static Map<String, Supplier<long[]>> loaders(List<JvmEngine> engines, byte[] bytes) {
        Map<String, Supplier<long[]>> m = new LinkedHashMap<>();
        for (JvmEngine e : engines) {
            if (e instanceof LiaEngine l && !l.sliced() && !m.containsKey("Lia")) m.put("Lia", () -> LiaEngine.loadPhases(bytes));
            if (e instanceof ChicoryEngine c) m.put(c.name(), () -> c.loadPhases(bytes));
        }
        return m;
    }

    static LoadTimes cold(Corpus.Program p, List<JvmEngine> engines) {
        LoadTimes t = new LoadTimes(p);
        loaders(engines, p.bytes()).forEach((name, load) -> {
            Sample s = sample(load);
            t.cold.put(name, new Row(s.phases(), s.total(), -1, s.cpu()));
        });
        return t;
    }

    void warm(Corpus.Program p, List<JvmEngine> engines, int runs) {
        warmRuns = runs;
        loaders(engines, p.bytes()).forEach((name, load) -> {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < runs; i++) samples.add(sample(load));
            warm.put(name, summarise(samples));
        });
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
            if (med[k] > 0) total += med[k];
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
        for (String engine : cold.keySet()) {
            row(sb, engine, "first, in a fresh JVM", cold.get(engine), kb);
            row(sb, engine, "warm, medians of " + warmRuns, warm.get(engine), kb);
        }
        sb.append("\n\"first\": the first module this JVM loads (class loading, the JVM's bytecode interpreter, JIT compiling), "
                + "engine after engine in the order listed, so a later engine finds the JDK's classes, and Chicory-compiler Chicory's parser, already loaded. "
                + "\"warm\": after the whole run, the median of each phase over many repetitions; total is the sum of those "
                + "medians, best total the fastest single repetition; CPU is the benchmark thread's CPU time for the whole load "
                + "(median), which a busy machine barely moves. "
                + "Chicory parses and validates in one step (shown under decode); its interpreter compiles nothing ahead of time, "
                + "its compiler turns the whole module into JVM classes (compile; the JVM's JIT comes later, at run time).\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String engine, String when, Row r, double kb) {
        if (r == null) return;
        long[] p = r.phases();
        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | **%s** | %s | %s | %s |%n", engine, when,
                ms(p[0]), ms(p[1]), ms(p[2]), ms(p[3]), ms(r.total()), ms(r.total() / kb), r.best() < 0 ? "–" : ms(r.best()), ms(r.cpu())));
    }

    private static String ms(double ns) {
        if (!Double.isFinite(ns) || ns < 0) return "–";
        return String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }
}
