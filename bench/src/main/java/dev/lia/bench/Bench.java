package dev.lia.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side benchmark: the core corpus on Lia and Chicory in this JVM (warm-up, then
 * interleaved measured runs, medians), on V8 and wasm-interp when installed, and the time from
 * bytes to a ready instance for the largest module. Prints a markdown report.
 */
public final class Bench {
    /** Warm-up goes on until two runs in a row differ by at most this fraction... */
    private static final double WARM_TOLERANCE = 0.15;
    /** ...but for no more than this many runs beyond --warmup... */
    private static final int WARM_EXTRA_RUNS = 6;
    /** ...and no longer than this. */
    private static final long WARM_MAX_NANOS = 45_000_000_000L;

    private final Options o;
    private final List<JvmEngine> jvm;
    private final List<ExternalEngine> ext;
    private final List<String> columns = new ArrayList<>();
    /** program -> engine -> times (ms); a missing engine is "not run", an entry in failed "failed". */
    private final Map<String, Map<String, double[]>> times = new LinkedHashMap<>();
    /** program -> engine -> CPU time (ms) in the same runs: the benchmark thread's for JVM engines, the process's for wasm-interp. */
    private final Map<String, Map<String, double[]>> cpuTimes = new LinkedHashMap<>();
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<String, String> failed = new LinkedHashMap<>(); // "program/engine" -> message

    private Bench(Options o) {
        this.o = o;
        this.jvm = Engines.jvmEngines(o);
        this.ext = Engines.externalEngines(o);
        jvm.forEach(e -> columns.add(e.name()));
        ext.forEach(e -> columns.add(e.name()));
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        // Run on a thread with a large stack so no engine is limited by the Java stack.
        Thread t = new Thread(null, () -> {
            try {
                System.exit(new Bench(o).run());
            } catch (IllegalArgumentException e) {
                System.err.println("bench: " + e.getMessage());
                System.exit(2);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }, "bench", 1L << 30);
        t.start();
        t.join();
    }

    private int run() throws IOException, InterruptedException {
        List<Corpus.Program> programs = Corpus.load(o.shared, o.programs);
        if (columns.isEmpty()) throw new IllegalArgumentException("no engine selected or installed");
        Corpus.Program largest = Corpus.load(o.shared, List.of()).stream()
                .max((a, b) -> Integer.compare(a.bytes().length, b.bytes().length)).orElseThrow();

        LoadTimes load = null;
        if (o.load) load = LoadTimes.cold(largest, jvm); // first: the figure for a fresh JVM

        long start = System.nanoTime();
        String loadBefore = loadAverage();
        if (o.firstPass()) firstPass(programs);
        for (Corpus.Program p : programs) {
            Map<String, double[]> row = new LinkedHashMap<>();
            times.put(p.name(), row);
            measureJvm(p, row);
            for (ExternalEngine e : ext) measureExternal(e, p, row);
        }
        if (load != null) load.warm(largest, jvm, o.quick ? 50 : 200);

        String header = header(start, loadBefore);
        String report = header + report(programs, load);
        System.out.print(report);
        if (o.out != null) Files.writeString(o.out, report);
        if (!failed.isEmpty()) {
            System.err.println("FAILED: " + failed.size() + " program/engine pair(s), see the report");
            return 1;
        }
        return 0;
    }

    private void firstPass(List<Corpus.Program> programs) {
        for (JvmEngine e : jvm) {
            long t0 = System.nanoTime();
            for (Corpus.Program p : programs) {
                try {
                    check(p, e.name(), e.load(p.bytes()).instantiate().initializeAndRun());
                } catch (RuntimeException | StackOverflowError ex) {
                    // measureJvm reports it
                }
            }
            progress("first pass: %s ran every program once (%.1f s)", e.name(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private String header(long start, String loadBefore) {
        StringBuilder sb = new StringBuilder();
        sb.append("Lia benchmark, ").append(now()).append('\n');
        String commit = System.getProperty("lia.commit");
        sb.append("- Lia: ").append(commit != null ? commit : "(commit unknown)").append('\n');
        sb.append("- Chicory: com.dylibso.chicory:runtime ").append(chicoryVersion())
                .append(", interpreter (InterpreterMachine), ").append(o.chicoryBufferMemory ? "ByteBufferMemory" : "ByteArrayMemory").append('\n');
        sb.append("- Machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores; load average ").append(loadBefore).append(" at start, ").append(loadAverage()).append(" at end\n");
        sb.append("- JVM: ").append(jvmLine()).append('\n');
        for (ExternalEngine e : ext) sb.append("- ").append(e.name()).append(": ").append(e.version()).append('\n');
        sb.append(String.format(Locale.ROOT, "- Took %.0f s%n%n", (System.nanoTime() - start) / 1e9));
        return sb.toString();
    }

    private static String chicoryVersion() {
        try (var in = Bench.class.getResourceAsStream("/META-INF/maven/com.dylibso.chicory/runtime/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "?");
            }
        } catch (IOException e) {
            // fall through
        }
        return "?";
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private void measureJvm(Corpus.Program p, Map<String, double[]> row) {
        List<JvmEngine> live = new ArrayList<>();
        List<JvmEngine.Program> loaded = new ArrayList<>();
        for (JvmEngine e : jvm) {
            try {
                JvmEngine.Program prog = e.load(p.bytes());
                // Warm-up: at least o.warmup runs and o.warmupSeconds, then on until two runs in a
                // row agree within WARM_TOLERANCE (the JIT has settled), within limits.
                long begin = System.nanoTime();
                long deadline = begin + (long) (o.warmupSeconds * 1e9);
                int n = 0;
                double last = Double.NaN, previous = Double.NaN;
                while (true) {
                    JvmEngine.Ready ready = prog.instantiate();
                    long t0 = System.nanoTime();
                    int hash = ready.initializeAndRun();
                    long t1 = System.nanoTime();
                    check(p, e.name(), hash);
                    n++;
                    previous = last;
                    last = (t1 - t0) / 1e6;
                    if (n < o.warmup || t1 < deadline) continue;
                    boolean settled = Math.abs(last - previous) <= WARM_TOLERANCE * Math.min(last, previous);
                    if (settled || n >= o.warmup + WARM_EXTRA_RUNS || t1 - begin > WARM_MAX_NANOS) break;
                }
                progress("%s: %s warmed up: %d runs, last %.1f ms", p.name(), e.name(), n, last);
                live.add(e);
                loaded.add(prog);
            } catch (RuntimeException | StackOverflowError ex) {
                fail(p, e.name(), ex);
            }
        }
        double[][] t = new double[live.size()][o.runs];
        double[][] cpu = new double[live.size()][o.runs];
        boolean[] dead = new boolean[live.size()];
        System.gc();
        for (int r = 0; r < o.runs; r++) {
            // Interleave the engines, rotating who goes first, so drift in the machine's speed
            // (other load, thermal) falls on all of them alike.
            for (int k = 0; k < live.size(); k++) {
                int i = (k + r) % live.size();
                if (dead[i]) continue;
                try {
                    JvmEngine.Ready ready = loaded.get(i).instantiate();
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    int hash = ready.initializeAndRun();
                    long t1 = System.nanoTime();
                    long c1 = THREADS.getCurrentThreadCpuTime();
                    check(p, live.get(i).name(), hash);
                    t[i][r] = (t1 - t0) / 1e6;
                    cpu[i][r] = (c1 - c0) / 1e6;
                } catch (RuntimeException | StackOverflowError ex) {
                    dead[i] = true;
                    fail(p, live.get(i).name(), ex);
                }
            }
        }
        for (int i = 0; i < live.size(); i++) {
            if (dead[i]) continue;
            row.put(live.get(i).name(), t[i]);
            cpuTimes.computeIfAbsent(p.name(), k -> new LinkedHashMap<>()).put(live.get(i).name(), cpu[i]);
            progress("%s: %s %.1f ms (median of %d)", p.name(), live.get(i).name(), Stats.median(t[i]), o.runs);
        }
    }

    private void measureExternal(ExternalEngine e, Corpus.Program p, Map<String, double[]> row)
            throws InterruptedException {
        double[] t = new double[o.extRuns];
        double[] cpu = new double[o.extRuns];
        try {
            for (int r = 0; r < t.length; r++) {
                ExternalEngine.Timing timing = e.runOnce(p.wasm(), p.expectedHash());
                t[r] = timing.ms();
                cpu[r] = timing.cpuMs();
            }
            if (t.length > 0) {
                row.put(e.name(), t);
                if (!Double.isNaN(Stats.median(cpu))) cpuTimes.computeIfAbsent(p.name(), k -> new LinkedHashMap<>()).put(e.name(), cpu);
                progress("%s: %s %.1f ms (median of %d)", p.name(), e.name(), Stats.median(t), t.length);
            }
        } catch (IOException | RuntimeException ex) {
            fail(p, e.name(), ex);
        }
    }

    private static void check(Corpus.Program p, String engine, int hash) {
        if (hash != p.expectedHash()) {
            throw new IllegalStateException(String.format("%s returned 0x%08x, expected 0x%08x", p.name(), hash, p.expectedHash()));
        }
    }

    private void fail(Corpus.Program p, String engine, Throwable ex) {
        String msg = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        failed.put(p.name() + "/" + engine, msg);
        progress("%s: %s FAILED: %s", p.name(), engine, msg);
    }

    private static void progress(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

    // ---- the report ----

    /** A ratio column: numerator engine / denominator engine, and what a value above 1 means. */
    record Ratio(String num, String den) {
        String header() {
            return num + "/" + den;
        }
    }

    /**
     * The ratio columns: for each engine but Lia, how many times faster Lia is (E/Lia), except for
     * V8, the native reference, where it is how many times slower Lia is (Lia/V8). A "Lia+fuel"
     * engine would get "Lia+fuel/Lia": the cost of fuel metering.
     */
    private List<Ratio> ratioColumns() {
        List<Ratio> rs = new ArrayList<>();
        if (!columns.contains("Lia")) return rs;
        for (String c : columns) {
            if (c.equals("Lia")) continue;
            if (c.equals("V8")) rs.add(new Ratio("Lia", "V8"));
            else rs.add(new Ratio(c, "Lia"));
        }
        return rs;
    }

    private static double median(Map<String, Map<String, double[]>> data, String program, String engine) {
        double[] t = data.getOrDefault(program, Map.of()).get(engine);
        return t == null ? Double.NaN : Stats.median(t);
    }

    /** A table of medians per program and engine, ratio columns, and a geomean row. */
    private void table(StringBuilder sb, List<Corpus.Program> programs, List<String> columns, List<Ratio> ratios,
            Map<String, Map<String, double[]>> data) {
        sb.append("| program |");
        columns.forEach(c -> sb.append(' ').append(c).append(" ms |"));
        ratios.forEach(r -> sb.append(' ').append(r.header()).append(" |"));
        sb.append("\n|---|");
        sb.append("--:|".repeat(columns.size() + ratios.size())).append('\n');
        Map<String, List<Double>> col = new LinkedHashMap<>();
        for (Corpus.Program p : programs) {
            sb.append("| ").append(p.name()).append(" |");
            for (String c : columns) {
                double m = median(data, p.name(), c);
                col.computeIfAbsent(c, k -> new ArrayList<>()).add(m);
                sb.append(' ').append(cell(p.name(), c, m)).append(" |");
            }
            for (Ratio r : ratios) {
                double v = median(data, p.name(), r.num()) / median(data, p.name(), r.den());
                col.computeIfAbsent(r.header(), k -> new ArrayList<>()).add(v);
                sb.append(' ').append(ratio(v)).append(" |");
            }
            sb.append('\n');
        }
        sb.append("| **geomean** |");
        for (String c : columns) sb.append(" **").append(ms(Stats.geomean(col.get(c)))).append("**").append(count(col.get(c))).append(" |");
        for (Ratio r : ratios) {
            List<Double> xs = col.get(r.header());
            sb.append(" **").append(ratio(Stats.geomean(xs))).append("**").append(count(xs)).append(" |");
        }
        sb.append('\n');
    }

    private String report(List<Corpus.Program> programs, LoadTimes load) {
        StringBuilder sb = new StringBuilder();
        List<Ratio> ratios = ratioColumns();
        sb.append(String.format(Locale.ROOT, "Run time in ms: median of %d runs on the JVM engines (after %s"
                        + "at least %d warm-up run%s per program, more until two in a row agree within 15%%) and of %d on V8 and wasm-interp.%n%n",
                o.runs, o.firstPass() ? "a first pass over all programs and " : "", o.warmup, o.warmup == 1 ? "" : "s", o.extRuns));
        table(sb, programs, columns, ratios, times);
        sb.append('\n');
        sb.append("Each JVM run is `_initialize` + `run` on a fresh instance (instantiation not timed), the same span as "
                + "`run_ms` of `run_core.mjs` on V8; wasm-interp is the wall time of the whole process. "
                + "E/Lia: how many times faster Lia is than E (above 1: Lia is faster). "
                + (columns.contains("Lia+fuel") ? String.format(Locale.ROOT, "Lia+fuel/Lia: the cost of running out of fuel every %,d units and refilling "
                        + "(Lia always counts fuel; Lia runs with an unlimited budget). ", o.fuelSlice) : "")
                + "Lia/V8: how many times slower Lia is than V8. A geomean is taken over the programs that have a figure.\n");
        // The same by CPU time: steadier when other work shares the machine.
        List<String> cpuColumns = columns.stream()
                .filter(c -> cpuTimes.values().stream().anyMatch(m -> m.containsKey(c))).toList();
        if (!cpuColumns.isEmpty()) {
            sb.append("\nCPU time in ms, same runs: the benchmark thread's on the JVM, the whole process's for wasm-interp "
                    + "(none for V8). Other work on the machine barely moves it, so on a busy machine these ratios are the steadier ones.\n\n");
            List<Ratio> cpuRatios = ratios.stream().filter(r -> cpuColumns.contains(r.num()) && cpuColumns.contains(r.den())).toList();
            table(sb, programs, cpuColumns, cpuRatios, cpuTimes);
        }
        if (!failed.isEmpty()) {
            sb.append("\nFailures:\n\n");
            failed.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        }

        sb.append("\nSpread (ms; wall time well above CPU time means the machine was busy):\n\n"
                + "| program | engine | median | min | max | runs | CPU median |\n|---|---|--:|--:|--:|--:|--:|\n");
        for (Corpus.Program p : programs) {
            for (Map.Entry<String, double[]> e : times.get(p.name()).entrySet()) {
                double[] t = e.getValue();
                double[] c = cpuTimes.getOrDefault(p.name(), Map.of()).get(e.getKey());
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s |%n", p.name(), e.getKey(),
                        ms(Stats.median(t)), ms(Stats.min(t)), ms(Stats.max(t)), t.length, c == null ? "–" : ms(Stats.median(c))));
            }
        }
        if (load != null) sb.append('\n').append(load.report());
        return sb.toString();
    }

    /** " (n of m)" when a geomean stands on fewer than all programs. */
    private static String count(List<Double> xs) {
        long n = xs.stream().filter(x -> Double.isFinite(x) && x > 0).count();
        return n == xs.size() ? "" : " (" + n + " of " + xs.size() + ")";
    }

    private String cell(String program, String engine, double m) {
        if (failed.containsKey(program + "/" + engine)) return "FAIL";
        return ms(m);
    }

    static String ms(double v) {
        if (!Double.isFinite(v)) return "–";
        if (v >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (v >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double v) {
        if (!Double.isFinite(v)) return "–";
        return String.format(Locale.ROOT, v >= 10 ? "%.1f×" : "%.2f×", v);
    }

    /** One line about the JVM, for the report. */
    static String jvmLine() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", args " + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> !a.startsWith("-Dlia.commit=")).toList();
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
