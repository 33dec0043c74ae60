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
              PROGRAM...            corpus programs to run (default: all of corpus/core), e.g. fib sort
              --quick               fewer iterations (a smoke run; figures are rougher)
              --warmup N            warm-up runs per JVM engine and program, at least (default 1); more
                                    until two runs in a row agree within 15% (at most N+6 runs, 45 s).
                                    Without --quick a first pass runs every program once beforehand.
              --warmup-seconds S    and at least S seconds of warm-up each (default 0)
              --runs N              measured runs per JVM engine and program (default 3; quick 1)
              --ext-runs N          runs of node / wasm-interp per program (default 3; quick 1)
              --engines A,B,...     only these engines: Lia, Chicory, V8, wasm-interp (default: all found;
                                    Lia+fuel too)
              --fuel-slice N        Lia+fuel: refill N units each time the fuel runs out (default 1000000;
                                    0 drops the column)
              --chicory-memory M    array (ByteArrayMemory, the default) or buffer (Chicory's own default)
              --no-load             skip the bytes-to-instance timing
              --shared DIR          the shared folder (default $LIA_SHARED, else ../shared of the project)
              --out FILE            also write the report (markdown) to FILE
            """;

    Path shared;
    List<String> programs = new ArrayList<>();
    int warmup = 1;
    double warmupSeconds = 0;
    int runs = 3;
    int extRuns = 3;
    List<String> engines; // null: all
    boolean chicoryBufferMemory;
    long fuelSlice = 1_000_000;
    boolean load = true;
    boolean quick;
    /** A first pass that runs every program once on every JVM engine, so the JIT has compiled
     * the interpreters before the first program's own warm-up. */
    boolean firstPass() {
        return !quick;
    }
    Path out;

    static Options parse(String[] args) {
        Options o = new Options();
        Integer warmup = null, runs = null, extRuns = null;
        Double warmupSeconds = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                case "--quick" -> o.quick = true;
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(value(args, ++i, a));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
                case "--ext-runs" -> extRuns = Integer.parseInt(value(args, ++i, a));
                case "--engines" -> o.engines = Arrays.stream(value(args, ++i, a).split(","))
                        .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
                case "--chicory-memory" -> {
                    String m = value(args, ++i, a);
                    if (!m.equals("array") && !m.equals("buffer")) usage("--chicory-memory is array or buffer");
                    o.chicoryBufferMemory = m.equals("buffer");
                }
                case "--fuel-slice" -> o.fuelSlice = Long.parseLong(value(args, ++i, a).replace("_", ""));
                case "--no-load" -> o.load = false;
                case "--shared" -> o.shared = Path.of(value(args, ++i, a));
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
        }
        if (warmup != null) o.warmup = warmup;
        if (warmupSeconds != null) o.warmupSeconds = warmupSeconds;
        if (runs != null) o.runs = runs;
        if (extRuns != null) o.extRuns = extRuns;
        if (o.runs < 1) usage("--runs must be at least 1");
        if (o.shared == null) {
            String env = System.getenv("LIA_SHARED");
            String prop = System.getProperty("lia.shared");
            o.shared = Path.of(env != null && !env.isBlank() ? env : prop != null ? prop : "../shared");
        }
        if (!Files.isDirectory(o.shared.resolve("corpus/core"))) {
            usage("no corpus/core under " + o.shared.toAbsolutePath().normalize() + " (set LIA_SHARED or --shared)");
        }
        return o;
    }

    boolean wants(String engine) {
        return engines == null || engines.contains(engine.toLowerCase(Locale.ROOT));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) usage(option + " needs a value");
        return args[i];
    }

    private static void usage(String message) {
        System.err.println("bench: " + message);
        System.err.print(USAGE);
        System.exit(2);
    }
}
