package dev.lia.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The side-by-side benchmark, in parts that can each be left out: the core corpus warm in this JVM
 * (Lia in each tier asked for, with and without fuel slices, Chicory's interpreter and compiler;
 * warm-up, then interleaved measured runs) and on V8 and wasm-interp; the whole-process runs (the
 * WASI programs, the core programs cold: {@link ProcessRuns}); the start-up section
 * ({@link StartupRuns}, {@link CdsTrial}); bytes to a ready instance ({@link LoadTimes}). Prints
 * a markdown report that starts with issue 13's targets.
 */
public final class Bench {
    /** Warm-up goes on until two runs in a row differ by at most this fraction... */
    private static final double WARM_TOLERANCE = 0.15;
    /** ...but for no more than this many runs beyond --warmup... */
    private static final int WARM_EXTRA_RUNS = 6;
    /** ...and no longer than this. */
    private static final long WARM_MAX_NANOS = 45_000_000_000L;
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Options o;
    private final List<String> notes = new ArrayList<>();
    private final List<JvmEngine> jvm;
    private final List<ExternalEngine> ext;

    private Bench(Options o) {
        this.o = o;
        this.jvm = o.warm ? Engines.jvmEngines(o, notes) : List.of();
        this.ext = o.warm ? Engines.externalEngines(o) : List.of();
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
        long start = System.nanoTime();
        String loadBefore = loadAverage();

        Table warm = null;
        LoadTimes load = null;
        if (o.warm) {
            if (jvm.isEmpty() && ext.isEmpty()) throw new IllegalArgumentException("no engine selected or installed");
            Corpus.Program largest = Corpus.load(o.shared, List.of()).stream()
                    .max(Comparator.comparingInt(p -> p.bytes().length)).orElseThrow();
            if (o.load) load = LoadTimes.cold(largest, jvm); // first: the figure for a fresh JVM
            List<String> columns = new ArrayList<>();
            jvm.forEach(e -> columns.add(e.name()));
            ext.forEach(e -> columns.add(e.name()));
            warm = new Table(programs.stream().map(Corpus.Program::name).toList(), columns);
            if (o.firstPass()) firstPass(programs);
            for (Corpus.Program p : programs) {
                measureJvm(p, warm);
                for (ExternalEngine e : ext) measureExternal(e, p, warm);
            }
            if (load != null) load.warm(largest, jvm, o.quick ? 50 : 200);
        }
        ProcessRuns processes = new ProcessRuns(o, notes);
        Table wasi = o.wasi ? processes.wasi(programs.stream().map(Corpus.Program::name).toList()) : null;
        Table cold = o.cold ? processes.cold(programs) : null;
        String startup = o.startup ? startup(programs) : null;

        StringBuilder report = new StringBuilder(header(start, loadBefore));
        report.append(Targets.report(warm, wasi, cold, o));
        if (!notes.isEmpty()) {
            report.append("\nNotes:\n\n");
            notes.stream().distinct().forEach(n -> report.append("- ").append(n).append('\n'));
        }
        if (warm != null) report.append(warmReport(warm));
        if (wasi != null) report.append(wasiReport(wasi));
        if (cold != null) report.append(coldReport(cold));
        if (startup != null) report.append("\n## Start-up\n\n").append(startup);
        if (load != null) report.append("\n## Loading\n\n").append(load.report());
        System.out.print(report);
        if (o.out != null) Files.writeString(o.out, report);
        long failures = Stream.of(warm, wasi, cold).filter(t -> t != null).mapToLong(t -> t.failed.size()).sum();
        if (failures > 0) {
            System.err.println("FAILED: " + failures + " program/engine pair(s), see the report");
            return 1;
        }
        return 0;
    }

    private String startup(List<Corpus.Program> programs) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("lia-bench-startup");
        try {
            StartupRuns s = new StartupRuns(o, work);
            progress("start-up: first output of the small examples");
            StringBuilder sb = new StringBuilder(s.firstOutput()).append('\n');
            progress("start-up: the class-loading timeline");
            sb.append(s.timeline()).append('\n');
            progress("start-up: the JIT's share of the cold core runs");
            sb.append(s.jit(programs));
            if (o.cds) {
                progress("start-up: the AppCDS trial");
                sb.append('\n').append(new CdsTrial(o, s, work).run(programs));
            }
            return sb.toString();
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void firstPass(List<Corpus.Program> programs) {
        for (JvmEngine e : jvm) {
            long t0 = System.nanoTime();
            for (Corpus.Program p : programs) {
                try {
                    check(p, e.load(p.bytes()).instantiate().initializeAndRun());
                } catch (RuntimeException | StackOverflowError ex) {
                    // measureJvm reports it
                }
            }
            progress("first pass: %s ran every program once (%.1f s)", e.name(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private void measureJvm(Corpus.Program p, Table table) {
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
                double last = Double.NaN, previous;
                while (true) {
                    JvmEngine.Ready ready = prog.instantiate();
                    long t0 = System.nanoTime();
                    int hash = ready.initializeAndRun();
                    long t1 = System.nanoTime();
                    check(p, hash);
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
                fail(table, p, e.name(), ex);
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
                    check(p, hash);
                    t[i][r] = (t1 - t0) / 1e6;
                    cpu[i][r] = (c1 - c0) / 1e6;
                } catch (RuntimeException | StackOverflowError ex) {
                    dead[i] = true;
                    fail(table, p, live.get(i).name(), ex);
                }
            }
        }
        for (int i = 0; i < live.size(); i++) {
            if (dead[i]) continue;
            table.put(p.name(), live.get(i).name(), t[i], cpu[i]);
            progress("%s: %s %.1f ms (median of %d)", p.name(), live.get(i).name(), Stats.median(t[i]), o.runs);
        }
    }

    private void measureExternal(ExternalEngine e, Corpus.Program p, Table table) throws InterruptedException {
        double[] t = new double[o.extRuns];
        double[] cpu = new double[o.extRuns];
        try {
            for (int r = 0; r < t.length; r++) {
                ExternalEngine.Timing timing = e.runOnce(p.wasm(), p.expectedHash());
                t[r] = timing.ms();
                cpu[r] = timing.cpuMs();
            }
            if (t.length > 0) {
                table.put(p.name(), e.name(), t, cpu);
                progress("%s: %s %.1f ms (median of %d)", p.name(), e.name(), Stats.median(t), t.length);
            }
        } catch (IOException | RuntimeException ex) {
            fail(table, p, e.name(), ex);
        }
    }

    private static void check(Corpus.Program p, int hash) {
        if (hash != p.expectedHash()) {
            throw new IllegalStateException(String.format("%s returned 0x%08x, expected 0x%08x", p.name(), hash, p.expectedHash()));
        }
    }

    private static void fail(Table table, Corpus.Program p, String engine, Throwable ex) {
        String msg = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        table.fail(p.name(), engine, msg);
        progress("%s: %s FAILED: %s", p.name(), engine, msg);
    }

    static void progress(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

    // ---- the report ----

    private String header(long start, String loadBefore) {
        StringBuilder sb = new StringBuilder();
        sb.append("Lia benchmark, ").append(now()).append('\n');
        String commit = System.getProperty("lia.commit");
        sb.append("- Lia: ").append(commit != null ? commit : "(commit unknown)")
                .append("; tiers asked for: ").append(String.join(", ", o.liaTiers)).append('\n');
        sb.append("- Chicory ").append(version("runtime")).append(" (`com.dylibso.chicory:runtime`, interpreter `InterpreterMachine`; ")
                .append("`compiler` ").append(version("compiler")).append(", `MachineFactoryCompiler`; `wasi` ").append(version("wasi"))
                .append("), ").append(o.chicoryBufferMemory ? "ByteBufferMemory" : "ByteArrayMemory").append('\n');
        sb.append("- Machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores; load average ").append(loadBefore).append(" at start, ").append(loadAverage()).append(" at end\n");
        sb.append("- JDK: ").append(jvmLine()).append("; the fresh JVMs: the same `java`, default flags\n");
        List<ExternalEngine> externals = ext.isEmpty() ? Engines.externalEngines(o) : ext;
        for (ExternalEngine e : externals) sb.append("- ").append(e.name()).append(": ").append(e.version()).append('\n');
        sb.append(String.format(Locale.ROOT, "- Took %.0f s%n", (System.nanoTime() - start) / 1e9));
        return sb.toString();
    }

    private String warmReport(Table t) {
        StringBuilder sb = new StringBuilder("\n## Warm, in process\n\n");
        sb.append(String.format(Locale.ROOT, "Run time in ms: median of %d runs on the JVM engines (after %s"
                        + "at least %d warm-up run%s per program, more until two in a row agree within 15%%) and of %d on V8 and wasm-interp.%n%n",
                o.runs, o.firstPass() ? "a first pass over all programs and " : "", o.warmup, o.warmup == 1 ? "" : "s", o.extRuns));
        sb.append(t.medians(false)).append('\n');
        sb.append("Each JVM run is `_initialize` + `run` on a fresh instance (instantiation not timed), the same span as "
                + "`run_ms` of `run_core.mjs` on V8; wasm-interp is the wall time of the whole process. "
                + "L/E (E being V8 or Chicory-compiler): how many times slower Lia is than E (at most 1.0 is the target against "
                + "Chicory's compiler, 2.5 against V8). E/L: how many times faster Lia is than E. "
                + (o.fuelSlice > 0 ? String.format(Locale.ROOT, "L+fuel/L: the cost of running out of fuel every %,d units and refilling "
                        + "(Lia always counts fuel; L runs with an unlimited budget). ", o.fuelSlice) : "")
                + "A geomean is taken over the programs that have a figure.\n");
        sb.append("\nCPU time in ms, same runs: the benchmark thread's on the JVM, the whole process's for wasm-interp "
                + "(none for V8). Other work on the machine barely moves it, so on a busy machine these ratios are the steadier ones.\n\n");
        sb.append(t.medians(true));
        if (!t.failed.isEmpty()) sb.append("\nFailures:\n\n").append(t.failures());
        sb.append("\nSpread (ms; wall time well above CPU time means the machine was busy):\n\n").append(t.spread());
        return sb.toString();
    }

    private String wasiReport(Table t) {
        StringBuilder sb = new StringBuilder("\n## Whole process: the WASI programs\n\n");
        List<WasiCorpus.Program> ps = WasiCorpus.load(o.shared, t.programs, o.perfSize);
        sb.append(o.perfSize ? "At their perf sizes (the corpus README): " : "At their default sizes (no arguments): ");
        sb.append(String.join(", ", ps.stream().map(p -> p.name() + " " + p.argsText()).toList()));
        sb.append(String.format(Locale.ROOT, ". Each run a fresh process, stdout checked against `expected/wasi/P%s.out`; "
                + "median of %d interleaved runs, ms from start to exit. `lia wasi P.wasm -- ARGS` (java -jar target/lia.jar); "
                + "Chicory-compiler: `MachineFactoryCompiler` with Chicory's WASI in a fresh JVM (`FreshJvm wasi compiler`); "
                + "V8: `node run_wasi.mjs` (node's WASI).%n%n", o.perfSize ? "-perf" : "", o.runs));
        sb.append(t.medians(false));
        sb.append("\nCPU time of the whole process (all threads: JIT compilers and GC included), ms:\n\n").append(t.medians(true));
        if (!t.failed.isEmpty()) sb.append("\nFailures:\n\n").append(t.failures());
        sb.append("\nSpread:\n\n").append(t.spread());
        return sb.toString();
    }

    private String coldReport(Table t) {
        StringBuilder sb = new StringBuilder("\n## Whole process: the core programs, cold\n\n");
        sb.append(String.format(Locale.ROOT, "Each run a fresh process that loads the module, calls `_initialize` and `run` and prints the hash, "
                + "which is checked; median of %d interleaved runs, ms from start to exit. Lia: `lia run %s --module P.wasm`; "
                + "Chicory: `FreshJvm core interp|compiler P.wasm`; V8: `node run_core.mjs P.wasm`.%n%n", o.runs, ProcessRuns.CORE_SCRIPT));
        sb.append(t.medians(false));
        sb.append("\nCPU time of the whole process (all threads), ms:\n\n").append(t.medians(true));
        if (!t.failed.isEmpty()) sb.append("\nFailures:\n\n").append(t.failures());
        sb.append("\nSpread:\n\n").append(t.spread());
        return sb.toString();
    }

    private static String version(String artifact) {
        try (var in = Bench.class.getResourceAsStream("/META-INF/maven/com.dylibso.chicory/" + artifact + "/pom.properties")) {
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

    /** One line about the JVM, for the report. */
    static String jvmLine() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", harness args " + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> !a.startsWith("-Dlia.commit=")).toList();
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
