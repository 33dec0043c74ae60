package dev.lia.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process runs, each in a fresh process as a user runs it: the WASI programs ({@code lia
 * wasi} against Chicory's compiler with Chicory's WASI and node's WASI) and the core programs cold
 * ({@code lia run} of {@link #CORE_SCRIPT} against Chicory's interpreter and compiler and node).
 * Every run's output is checked. Runs are interleaved: run r of every program on every engine
 * before run r+1, the engines in an order that rotates, so drift in the machine's speed falls on
 * all alike. Wall time from start to exit, and the process's CPU time (all threads: on the JVM that
 * includes the JIT compilers and the GC).
 */
final class ProcessRuns {
    /** The script the cold core runs give {@code lia run}: _initialize, run, the output and its hash. */
    static final String CORE_SCRIPT = "examples/corpus/corpus.lia";
    private static final Pattern HASH = Pattern.compile("run\\(\\) = 0x([0-9a-f]{8})");

    /** One engine of a whole-process part: its column and how to run a program on it. */
    record Engine(String name, Function<Job, List<String>> command) {}

    /** One program: its command-line pieces and how to check a finished run (null: right). */
    record Job(String name, Path wasm, List<String> args, Function<Processes.Result, String> check) {}

    private final Options o;
    private final List<String> notes;
    private final Path java = Processes.java();

    ProcessRuns(Options o, List<String> notes) {
        this.o = o;
        this.notes = notes;
    }

    /** The Lia tiers {@code lia COMMAND} offers among those asked for. */
    private List<String> tiers(String command) {
        List<String> tiers = new ArrayList<>();
        Boolean flag = null;
        for (String t : o.liaTiers) {
            if (!t.equals(LiaTiers.DEFAULT)) {
                if (flag == null) flag = LiaTiers.onCommandLine(java, o.liaJar, command);
                if (!flag) {
                    notes.add(String.format(Locale.ROOT, "`lia %s` has no `--tier` yet: its whole-process %s column is left out.",
                            command, LiaTiers.column(t)));
                    continue;
                }
            }
            tiers.add(t);
        }
        return tiers;
    }

    private List<String> lia(String tier, String command, String... rest) {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-jar", o.liaJar.toString(), command));
        if (!tier.equals(LiaTiers.DEFAULT)) cmd.addAll(List.of("--tier", tier));
        cmd.addAll(Arrays.asList(rest));
        return cmd;
    }

    /** The column of Lia run through {@code bin/lia} with the build's class-data-sharing archive. */
    static final String LAUNCHER = "Lia-cds";

    /**
     * {@code bin/lia COMMAND ...} on the jar measured, with the harness's own JVM (the archive is
     * used only with the JVM that made it), or null with a note when there is no archive to use.
     */
    private List<String> launcher(String command, String... rest) {
        Path jsa = Path.of(o.liaJar.toString().replaceFirst("\\.jar$", ".jsa"));
        Path script = o.liaRoot == null ? null : o.liaRoot.resolve("bin/lia");
        if (script == null || !script.toFile().isFile() || !jsa.toFile().isFile()) return null;
        List<String> cmd = new ArrayList<>(List.of("env", "LIA_JAR=" + o.liaJar.toAbsolutePath(),
                "JAVA_HOME=" + java.getParent().getParent(), "sh", script.toString(), command));
        cmd.addAll(Arrays.asList(rest));
        return cmd;
    }

    private void addLauncher(List<Engine> engines, String command, Function<Job, String[]> rest) {
        if (!o.launcher) return;
        if (launcher(command) == null) {
            notes.add("No bin/lia or no class-data-sharing archive beside " + o.liaJar + " (mvn package makes target/lia.jsa): the "
                    + LAUNCHER + " column is left out.");
            return;
        }
        engines.add(new Engine(LAUNCHER, j -> launcher(command, rest.apply(j))));
    }

    private List<String> fresh(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", Processes.benchJar().toString(), FreshJvm.class.getName()));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private String[] chicory(String what, ChicoryEngine.Mode mode) {
        String m = mode == ChicoryEngine.Mode.COMPILER ? "compiler" : "interp";
        return o.chicoryBufferMemory ? new String[] {what, m, "--buffer"} : new String[] {what, m};
    }

    private static List<String> concat(List<String> a, String wasm, List<String> args) {
        List<String> cmd = new ArrayList<>(a);
        cmd.add(wasm);
        cmd.addAll(args);
        return cmd;
    }

    /** The WASI programs at their perf (or default) size. */
    Table wasi(List<String> names) throws InterruptedException {
        List<WasiCorpus.Program> programs = WasiCorpus.load(o.shared, names, o.perfSize);
        List<Engine> engines = new ArrayList<>();
        for (String t : tiers("wasi")) {
            engines.add(new Engine(LiaTiers.column(t), j -> {
                List<String> cmd = lia(t, "wasi", j.wasm().toString());
                if (!j.args().isEmpty()) {
                    cmd.add("--");
                    cmd.addAll(j.args());
                }
                return cmd;
            }));
        }
        addLauncher(engines, "wasi", j -> {
            List<String> rest = new ArrayList<>(List.of(j.wasm().toString()));
            if (!j.args().isEmpty()) rest.add("--");
            rest.addAll(j.args());
            return rest.toArray(String[]::new);
        });
        engines.add(new Engine(ChicoryEngine.Mode.COMPILER.column,
                j -> concat(fresh(chicory("wasi", ChicoryEngine.Mode.COMPILER)), j.wasm().toString(), j.args())));
        Path runWasi = o.shared.resolve("corpus/run_wasi.mjs");
        if (ExternalEngine.onPath("node") && runWasi.toFile().isFile()) {
            engines.add(new Engine("V8", j -> concat(List.of("node", "--single-threaded-gc", runWasi.toString()), j.wasm().toString(), j.args())));
        }
        List<Job> jobs = new ArrayList<>();
        for (WasiCorpus.Program p : programs) {
            jobs.add(new Job(p.name(), p.wasm(), p.args(), r -> {
                if (r.exit() != 0) return "exited " + r.exit() + ": " + Processes.tail(r.stderr());
                if (!Arrays.equals(r.stdout(), p.expectedStdout())) {
                    return "stdout differs from the expected output (" + r.stdout().length + " bytes, expected " + p.expectedStdout().length + ")";
                }
                return null;
            }));
        }
        return measure("wasi", jobs, engines);
    }

    /** The core programs, cold: one fresh process per run. */
    Table cold(List<Corpus.Program> programs) throws InterruptedException {
        List<Engine> engines = new ArrayList<>();
        String script = o.liaRoot.resolve(CORE_SCRIPT).toString();
        for (String t : tiers("run")) {
            engines.add(new Engine(LiaTiers.column(t), j -> lia(t, "run", script, "--module", j.wasm().toString())));
        }
        addLauncher(engines, "run", j -> new String[] {script, "--module", j.wasm().toString()});
        for (ChicoryEngine.Mode m : ChicoryEngine.Mode.values()) {
            engines.add(new Engine(m.column, j -> concat(fresh(chicory("core", m)), j.wasm().toString(), List.of())));
        }
        Path runCore = o.shared.resolve("corpus/run_core.mjs");
        if (ExternalEngine.onPath("node") && runCore.toFile().isFile()) {
            engines.add(new Engine("V8", j -> List.of("node", "--single-threaded-gc", runCore.toString(), j.wasm().toString())));
        }
        List<Job> jobs = new ArrayList<>();
        for (Corpus.Program p : programs) {
            jobs.add(new Job(p.name(), p.wasm(), List.of(), r -> {
                if (r.exit() != 0) return "exited " + r.exit() + ": " + Processes.tail(r.stderr());
                Matcher m = HASH.matcher(r.stdoutText());
                if (!m.find()) return "printed no 'run() = 0x...' line";
                int hash = Integer.parseUnsignedInt(m.group(1), 16);
                return hash == p.expectedHash() ? null : String.format("returned 0x%08x, expected 0x%08x", hash, p.expectedHash());
            }));
        }
        return measure("cold", jobs, engines);
    }

    private Table measure(String part, List<Job> jobs, List<Engine> all) throws InterruptedException {
        List<Engine> engines = all.stream().filter(e -> o.wants(e.name())).toList();
        Table table = new Table(jobs.stream().map(Job::name).toList(), engines.stream().map(Engine::name).toList());
        int n = engines.size();
        double[][][] wall = new double[jobs.size()][n][o.runs];
        double[][][] cpu = new double[jobs.size()][n][o.runs];
        boolean[][] dead = new boolean[jobs.size()][n];
        for (int r = 0; r < o.runs; r++) {
            for (int j = 0; j < jobs.size(); j++) {
                Job job = jobs.get(j);
                StringBuilder line = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    int i = (k + r + j) % n;
                    if (dead[j][i]) continue;
                    Engine e = engines.get(i);
                    String error;
                    Processes.Result res = null;
                    try {
                        res = Processes.run(e.command().apply(job), Map.of(), false);
                        error = job.check().apply(res);
                    } catch (IOException ex) {
                        error = ex.getMessage();
                    }
                    if (error != null) {
                        dead[j][i] = true;
                        table.fail(job.name(), e.name(), error);
                        Bench.progress("%s %s: %s FAILED: %s", part, job.name(), e.name(), error);
                        continue;
                    }
                    wall[j][i][r] = res.wallNanos() / 1e6;
                    cpu[j][i][r] = res.cpuNanos() < 0 ? Double.NaN : res.cpuNanos() / 1e6;
                    line.append(String.format(Locale.ROOT, " %s %.0f ms (CPU %.0f);", e.name(), wall[j][i][r], cpu[j][i][r]));
                }
                Bench.progress("%s %s run %d/%d:%s", part, job.name(), r + 1, o.runs, line);
            }
        }
        for (int j = 0; j < jobs.size(); j++) {
            for (int i = 0; i < n; i++) {
                if (!dead[j][i]) table.put(jobs.get(j).name(), engines.get(i).name(), wall[j][i], cpu[j][i]);
            }
        }
        return table;
    }
}
