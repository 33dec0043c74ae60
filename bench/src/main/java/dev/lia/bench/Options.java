package dev.lia.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Command-line options of the harness; see {@link #USAGE}. */
final class Options {
    static final String USAGE = """
            usage: bench/run [OPTIONS] [PROGRAM...]
              PROGRAM...            corpus programs to run (default: all seven), e.g. fib sort

            What runs (default: everything; each part can be left out):
              --quick               a smoke run: one run of everything, no first pass, WASI programs at
                                    their default size, a short start-up section (figures are rough)
              --no-warm             leave out the warm in-process runs (and the bytes-to-instance timing)
              --no-process          leave out the whole-process runs (WASI programs, cold core programs)
              --no-wasi             leave out the WASI programs only
              --no-cold             leave out the cold core programs only
              --no-startup          leave out the start-up section (JVM start to first wasm instruction,
                                    classes loaded, the AppCDS trial)
              --no-cds              leave out the AppCDS trial only
              --no-load             leave out the bytes-to-instance timing
              --engines A,B,...     only these engines (names as the columns: Lia, Lia+fuel, Chicory-interp,
                                    Chicory-compiler, V8, wasm-interp; Chicory means both Chicory columns;
                                    default: all that are installed)
              --lia-tiers T,...     run Lia in these tiers, each its own column: default (no switch, as a
                                    user runs it), interp, compiled, auto (default: default). A tier this
                                    Lia has no switch for (`--tier` on `lia run`/`lia wasi`, or the
                                    embedding API's) is left out with a note.
              --launcher            whole-process parts: also run Lia through bin/lia with the build's
                                    class-data-sharing archive (target/lia.jsa), as its own column Lia-cds

            How much:
              --runs N              measured runs per engine and program, warm and whole-process
                                    (default 3; quick 1)
              --ext-runs N          warm part: runs of node / wasm-interp per program (default 3; quick 1)
              --warmup N            warm part: warm-up runs per JVM engine and program, at least (default 1);
                                    more until two runs in a row agree within 15% (at most N+6 runs, 45 s).
                                    Without --quick a first pass runs every program once beforehand.
              --warmup-seconds S    and at least S seconds of warm-up each (default 0)
              --wasi-size S         perf (the corpus README's perf-size arguments, checked against
                                    P-perf.out; the default) or default (no arguments, P.out; --quick's)
              --fuel-slice N        Lia+fuel: refill N units each time the fuel runs out, taking the stop;
                                    Lia+refill: the same through Machine.setFuelRefill, without a stop
                                    (default 1000000; 0 drops both columns)
              --chicory-memory M    array (ByteArrayMemory, the default) or buffer (Chicory's own default)

            Where things are:
              --shared DIR          the shared folder (default $LIA_SHARED, else ../shared of the project)
              --lia-jar FILE        Lia's CLI jar for the whole-process runs (bench/run: target/lia.jar)
              --lia-root DIR        the project root, for examples/corpus/corpus.lia (bench/run sets it)
              --out FILE            also write the report (markdown) to FILE
              -h, --help            this text
            """;

    Path shared;
    Path liaJar;
    Path liaRoot;
    List<String> programs = new ArrayList<>();
    int warmup = 1;
    double warmupSeconds = 0;
    int runs = 3;
    int extRuns = 3;
    List<String> engines; // null: all
    List<String> liaTiers = List.of(LiaTiers.DEFAULT);
    /** Whether the whole-process parts also run Lia through bin/lia with the CDS archive (column Lia-cds). */
    boolean launcher;
    boolean chicoryBufferMemory;
    long fuelSlice = 1_000_000;
    boolean warm = true;
    boolean load = true;
    boolean wasi = true;
    boolean cold = true;
    boolean startup = true;
    boolean cds = true;
    boolean perfSize = true;
    boolean quick;
    Path out;

    /** A first pass that runs every program once on every JVM engine, so the JIT has compiled
     * the interpreters before the first program's own warm-up. */
    boolean firstPass() {
        return !quick;
    }

    static Options parse(String[] args) {
        Options o = new Options();
        Integer warmup = null, runs = null, extRuns = null;
        Double warmupSeconds = null;
        String wasiSize = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                case "--quick" -> o.quick = true;
                case "--no-warm" -> o.warm = false;
                case "--no-process" -> {
                    o.wasi = false;
                    o.cold = false;
                }
                case "--no-wasi" -> o.wasi = false;
                case "--no-cold" -> o.cold = false;
                case "--no-startup" -> o.startup = false;
                case "--no-cds" -> o.cds = false;
                case "--no-load" -> o.load = false;
                case "--launcher" -> o.launcher = true;
                case "--warmup" -> warmup = count(value(args, ++i, a), a, 0);
                case "--warmup-seconds" -> warmupSeconds = number(value(args, ++i, a), a);
                case "--runs" -> runs = count(value(args, ++i, a), a, 1);
                case "--ext-runs" -> extRuns = count(value(args, ++i, a), a, 0);
                case "--engines" -> o.engines = list(value(args, ++i, a));
                case "--lia-tiers" -> {
                    o.liaTiers = list(value(args, ++i, a));
                    for (String t : o.liaTiers) {
                        if (!LiaTiers.KNOWN.contains(t)) usage("--lia-tiers: a tier is one of " + LiaTiers.KNOWN + ", not " + t);
                    }
                    if (o.liaTiers.isEmpty()) usage("--lia-tiers needs at least one tier");
                }
                case "--wasi-size" -> {
                    wasiSize = value(args, ++i, a);
                    if (!wasiSize.equals("perf") && !wasiSize.equals("default")) usage("--wasi-size is perf or default");
                }
                case "--chicory-memory" -> {
                    String m = value(args, ++i, a);
                    if (!m.equals("array") && !m.equals("buffer")) usage("--chicory-memory is array or buffer");
                    o.chicoryBufferMemory = m.equals("buffer");
                }
                case "--fuel-slice" -> o.fuelSlice = count(value(args, ++i, a).replace("_", ""), a, 0);
                case "--shared" -> o.shared = Path.of(value(args, ++i, a));
                case "--lia-jar" -> o.liaJar = Path.of(value(args, ++i, a));
                case "--lia-root" -> o.liaRoot = Path.of(value(args, ++i, a));
                case "--out" -> o.out = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-")) usage("unknown option " + a);
                    for (String p : a.split(",")) if (!p.isBlank()) o.programs.add(p.strip().replaceFirst("\\.wasm$", ""));
                }
            }
        }
        if (o.quick) {
            o.warmup = 1;
            o.runs = 1;
            o.extRuns = 1;
            o.perfSize = false;
        }
        if (warmup != null) o.warmup = warmup;
        if (warmupSeconds != null) o.warmupSeconds = warmupSeconds;
        if (runs != null) o.runs = runs;
        if (extRuns != null) o.extRuns = extRuns;
        if (wasiSize != null) o.perfSize = wasiSize.equals("perf");
        if (o.shared == null) {
            String env = System.getenv("LIA_SHARED");
            String prop = System.getProperty("lia.shared");
            o.shared = Path.of(env != null && !env.isBlank() ? env : prop != null ? prop : "../shared");
        }
        if (!Files.isDirectory(o.shared.resolve("corpus/core"))) {
            usage("no corpus/core under " + o.shared.toAbsolutePath().normalize() + " (set LIA_SHARED or --shared)");
        }
        boolean processes = o.wasi || o.cold || o.startup;
        if (processes && (o.liaJar == null || !Files.isRegularFile(o.liaJar))) {
            usage(o.liaJar == null ? "the whole-process runs need --lia-jar (bench/run passes target/lia.jar)"
                    : "no Lia jar at " + o.liaJar + " (build it, or run bench/run without --no-build)");
        }
        if ((o.cold || o.startup) && (o.liaRoot == null || !Files.isRegularFile(o.liaRoot.resolve(ProcessRuns.CORE_SCRIPT)))) {
            usage("the cold runs need --lia-root, the project root with " + ProcessRuns.CORE_SCRIPT);
        }
        return o;
    }

    /** Whether the engine of this column is wanted; "chicory" stands for both Chicory columns. */
    boolean wants(String engine) {
        if (engines == null) return true;
        String e = engine.toLowerCase(Locale.ROOT);
        return engines.contains(e) || e.startsWith("chicory-") && engines.contains("chicory")
                || e.startsWith("lia") && engines.contains(e.replaceFirst("^lia-[a-z]+", "lia"));
    }

    private static List<String> list(String s) {
        return Arrays.stream(s.split(",")).map(x -> x.strip().toLowerCase(Locale.ROOT)).filter(x -> !x.isEmpty()).toList();
    }

    private static int count(String s, String option, int min) {
        try {
            long v = Long.parseLong(s);
            if (v < min || v > Integer.MAX_VALUE) usage(option + " must be at least " + min + ", not " + s);
            return (int) v;
        } catch (NumberFormatException e) {
            usage(option + " needs a whole number, not " + s);
            return 0;
        }
    }

    private static double number(String s, String option) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            usage(option + " needs a number, not " + s);
            return 0;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) usage(option + " needs a value");
        return args[i];
    }

    private static void usage(String message) {
        System.err.println("bench: " + message);
        System.err.println("bench/run --help lists the options");
        System.exit(2);
    }
}
