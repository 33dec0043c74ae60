package dev.lia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a cold run's time goes before the program itself (issue 13's cold-start contributors):
 * <ul>
 *   <li>the time from starting a process to its first output, on a program whose work is nil
 *   ({@code fib(1)} of the WASI corpus: its one line is printed right after the first wasm
 *   instructions), for {@code lia wasi}, {@code lia run} and the other engines, against the JVM
 *   alone and {@code lia --version};</li>
 *   <li>a timeline of one such run from the JVM's class-loading log (when Lia's main class, the
 *   decoder, the validator, the compiler, the profile seed, the interpreter and the WASI host are
 *   first needed) and where its classes came from (the JDK's CDS archive, the jar, generated);</li>
 *   <li>the JIT's share of the cold core runs ({@code -XX:+CITime}: C1 and C2 compile time).</li>
 * </ul>
 */
final class StartupRuns {
    /** A one-line script that runs a WASI command's _start under {@code lia run --wasi}. */
    static final String START_SCRIPT = "_start()\n";

    private final Options o;
    private final Path java = Processes.java();
    private final Path work;
    private final Path fibWasi;
    private final Path startScript;

    StartupRuns(Options o, Path work) throws IOException {
        this.o = o;
        this.work = work;
        this.fibWasi = o.shared.resolve("corpus/wasi/fib.wasm");
        this.startScript = work.resolve("start.lia");
        Files.writeString(startScript, START_SCRIPT);
    }

    /** A small example, as a named command; {@code jvmFlags} go before {@code -jar}. */
    record Example(String name, List<String> command) {}

    List<String> lia(List<String> jvmFlags, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", o.liaJar.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The arguments of {@code lia wasi fib.wasm -- 1}. */
    String[] liaWasiArgs() {
        return new String[] {"wasi", fibWasi.toString(), "--", "1"};
    }

    /** The arguments of {@code lia run --wasi start.lia --module fib.wasm --wasi-arg 1}. */
    String[] liaRunArgs() {
        return new String[] {"run", "--wasi", "--wasi-arg", "1", startScript.toString(), "--module", fibWasi.toString()};
    }

    Example liaWasi(List<String> jvmFlags) {
        return new Example("`lia wasi fib.wasm -- 1`", lia(jvmFlags, liaWasiArgs()));
    }

    Example liaRun(List<String> jvmFlags) {
        return new Example("`lia run --wasi start.lia --module fib.wasm --wasi-arg 1`", lia(jvmFlags, liaRunArgs()));
    }

    private List<Example> firstOutputExamples() {
        List<Example> xs = new ArrayList<>();
        String bench = Processes.benchJar().toString();
        xs.add(new Example("the JVM alone (a main that prints one line)", List.of(java.toString(), "-cp", bench, FreshJvm.class.getName(), "hello")));
        xs.add(new Example("`lia --version`", lia(List.of(), "--version")));
        xs.add(liaWasi(List.of()));
        xs.add(liaRun(List.of()));
        for (ChicoryEngine.Mode m : ChicoryEngine.Mode.values()) {
            if (!o.wants(m.column)) continue;
            xs.add(new Example(m.column + ", WASI `fib.wasm 1` in a fresh JVM", List.of(java.toString(), "-cp", bench, FreshJvm.class.getName(),
                    "wasi", m == ChicoryEngine.Mode.COMPILER ? "compiler" : "interp", fibWasi.toString(), "1")));
        }
        Path runWasi = o.shared.resolve("corpus/run_wasi.mjs");
        if (o.wants("V8") && ExternalEngine.onPath("node") && Files.isRegularFile(runWasi)) {
            xs.add(new Example("V8: `node run_wasi.mjs fib.wasm 1`", List.of("node", "--single-threaded-gc", runWasi.toString(), fibWasi.toString(), "1")));
        }
        return xs;
    }

    /** The first-output table: runs interleaved, medians. */
    String firstOutput() throws InterruptedException {
        List<Example> xs = firstOutputExamples();
        int runs = Math.max(o.runs, o.quick ? 1 : 5);
        double[][] first = new double[xs.size()][runs], exit = new double[xs.size()][runs], cpu = new double[xs.size()][runs];
        String[] failed = new String[xs.size()];
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < xs.size(); k++) {
                int i = (k + r) % xs.size();
                if (failed[i] != null) continue;
                try {
                    Processes.Result res = Processes.run(xs.get(i).command(), Map.of(), true);
                    if (res.exit() != 0) throw new IOException("exited " + res.exit() + ": " + Processes.tail(res.stderr()));
                    first[i][r] = res.firstByteNanos() / 1e6;
                    exit[i][r] = res.wallNanos() / 1e6;
                    cpu[i][r] = res.cpuNanos() / 1e6;
                } catch (IOException e) {
                    failed[i] = e.getMessage();
                    Bench.progress("startup: %s FAILED: %s", xs.get(i).name(), e.getMessage());
                }
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "From starting the process to its first output and to its exit, ms (median of %d, interleaved; CPU: all the process's threads):%n%n", runs));
        sb.append("| command | first output | exit | min exit | CPU |\n|---|--:|--:|--:|--:|\n");
        for (int i = 0; i < xs.size(); i++) {
            if (failed[i] != null) {
                sb.append("| ").append(xs.get(i).name()).append(" | FAIL: ").append(failed[i].replace('|', '/')).append(" | | | |\n");
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", xs.get(i).name(), Table.ms(Stats.median(first[i])),
                    Table.ms(Stats.median(exit[i])), Table.ms(Stats.min(exit[i])), Table.ms(Stats.median(cpu[i]))));
        }
        sb.append("\n`fib(1)` prints its line just after its first wasm instructions (the C runtime's start-up, a call, the printf), "
                + "so \"first output\" is the time to the first wasm instruction plus well under a millisecond of wasm. "
                + "\"The JVM alone\" is the floor every JVM engine starts from.\n");
        return sb.toString();
    }

    // ---- the class-loading timeline ----

    /**
     * Milestones of a run: the first class loaded whose name starts with the prefix. A class loads
     * when it is first needed, which for some is before their phase runs (a signature the verifier
     * checks, a field's type), so the rows show when each part was first touched.
     */
    private static final List<String[]> MILESTONES = List.of(
            new String[] {"Lia's main class (`dev.lia.cli.Main`)", "dev.lia.cli.Main"},
            new String[] {"first of `picocli`", "picocli."},
            new String[] {"first of `dev.lia.script` (Lia scripts)", "dev.lia.script."},
            new String[] {"first of `dev.lia.wasi`", "dev.lia.wasi."},
            new String[] {"first of `dev.lia.wasm.compile`", "dev.lia.wasm.compile."},
            new String[] {"first of `dev.lia.wasm.binary` (decoding)", "dev.lia.wasm.binary."},
            new String[] {"first of `dev.lia.wasm.valid` (validation)", "dev.lia.wasm.valid."},
            new String[] {"`dev.lia.wasm.exec.Machine` (the interpreter)", "dev.lia.wasm.exec.Machine"},
            new String[] {"`dev.lia.wasm.exec.ProfileSeed` (the seed run)", "dev.lia.wasm.exec.ProfileSeed"});
    private static final Pattern LOG = Pattern.compile("^\\[(\\d+)ns\\] (\\S+) source: (.*)$");
    private static final Pattern CREATE_VM = Pattern.compile("^\\[(\\d+)ns\\] Create VM, ");

    /** The timeline of one logged run of each small Lia example. */
    String timeline() throws InterruptedException, IOException {
        List<Example> xs = List.of(liaWasi(List.of()), liaRun(List.of()));
        List<Map<String, Double>> marks = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        List<Double> exits = new ArrayList<>();
        for (Example x : xs) {
            Path log = work.resolve("classes.log");
            Files.deleteIfExists(log);
            List<String> cmd = new ArrayList<>(x.command());
            cmd.add(1, "-Xlog:class+load=info,startuptime=info:file=" + log + ":uptimenanos");
            Processes.Result r = Processes.run(cmd, Map.of(), true);
            if (r.exit() != 0) return "The class-loading timeline failed: " + Processes.tail(r.stderr()) + "\n";
            Map<String, Double> m = new LinkedHashMap<>();
            long[] c = new long[4]; // CDS, jar, JDK not archived, generated
            double last = 0;
            for (String line : Files.readAllLines(log)) {
                Matcher vm = CREATE_VM.matcher(line);
                if (vm.find()) m.put("the JVM created (`Create VM`)", Long.parseLong(vm.group(1)) / 1e6);
                Matcher cl = LOG.matcher(line);
                if (!cl.matches()) continue;
                double at = Long.parseLong(cl.group(1)) / 1e6;
                last = at;
                String name = cl.group(2), source = cl.group(3);
                c[source.startsWith("shared objects file") ? 0 : source.startsWith("file:") || source.startsWith("jar:") ? 1
                        : source.startsWith("jrt:") ? 2 : 3]++;
                for (String[] ms : MILESTONES) if (name.startsWith(ms[1])) m.putIfAbsent(ms[0], at);
            }
            m.put("the first output", r.firstByteNanos() / 1e6);
            m.put("the last class loaded", last);
            marks.add(m);
            counts.add(c);
            exits.add(r.wallNanos() / 1e6);
        }
        StringBuilder sb = new StringBuilder("Timeline of one run each, from the JVM's class-loading log (`-Xlog:class+load`): JVM uptime in ms when "
                + "the first class of each part is loaded (first needed, not always when its phase starts); the log itself slows the run a little. "
                + "The first output is on the parent's clock, which starts a few ms before the JVM's:\n\n| milestone |");
        xs.forEach(x -> sb.append(' ').append(x.name()).append(" |"));
        sb.append("\n|---|").append("--:|".repeat(xs.size())).append('\n');
        List<String> rows = new ArrayList<>();
        rows.add("the JVM created (`Create VM`)");
        for (String[] ms : MILESTONES) rows.add(ms[0]);
        rows.add("the first output");
        rows.add("the last class loaded");
        for (String row : rows) {
            sb.append("| ").append(row).append(" |");
            for (Map<String, Double> m : marks) sb.append(' ').append(Table.ms(m.getOrDefault(row, Double.NaN))).append(" |");
            sb.append('\n');
        }
        sb.append("| exit (from the parent's clock) |");
        exits.forEach(e -> sb.append(' ').append(Table.ms(e)).append(" |"));
        sb.append('\n');
        String[] kinds = {"classes from the JDK's CDS archive", "classes from lia.jar", "JDK classes not in the archive", "generated (lambdas, proxies)"};
        for (int k = 0; k < kinds.length; k++) {
            sb.append("| ").append(kinds[k]).append(" |");
            for (long[] c : counts) sb.append(' ').append(c[k]).append(" |");
            sb.append('\n');
        }
        return sb.toString();
    }

    // ---- the JIT's share ----

    private static final Pattern CI_TOTAL = Pattern.compile("Total compilation time\\s*:\\s*([0-9.]+) s");
    private static final Pattern CI_TIER = Pattern.compile("(C[12]) \\{speed: [^;]*; standard:\\s*([0-9.]+) s, \\d+ bytes, (\\d+) methods; osr:\\s*([0-9.]+) s, \\d+ bytes, (\\d+) methods");

    /** One cold {@code lia run} (and Chicory-compiler run) of every core program with {@code -XX:+CITime}. */
    String jit(List<Corpus.Program> programs) throws InterruptedException {
        String script = o.liaRoot.resolve(ProcessRuns.CORE_SCRIPT).toString();
        String bench = Processes.benchJar().toString();
        StringBuilder sb = new StringBuilder("The JIT's share of a cold run (`-XX:+CITime`, one run each): compile time of C1 and C2 "
                + "(standard + on-stack replacement), in s, against the run's wall time. The JIT compiles on its own threads, "
                + "so on 2 cores it competes with the program for the second core.\n\n"
                + "| program | engine | wall s | CPU s | JIT total s | C1 s (methods) | C2 s (methods) | of which C2 OSR s |\n"
                + "|---|---|--:|--:|--:|--:|--:|--:|\n");
        for (Corpus.Program p : programs) {
            List<Object[]> runs = new ArrayList<>();
            runs.add(new Object[] {"Lia", lia(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+CITime"), "run", script, "--module", p.wasm().toString())});
            if (o.wants("Chicory-compiler")) {
                runs.add(new Object[] {"Chicory-compiler", List.of(java.toString(), "-XX:+UnlockDiagnosticVMOptions", "-XX:+CITime", "-cp", bench,
                        FreshJvm.class.getName(), "core", "compiler", p.wasm().toString())});
            }
            for (Object[] run : runs) {
                @SuppressWarnings("unchecked")
                List<String> cmd = (List<String>) run[1];
                try {
                    Processes.Result r = Processes.run(cmd, Map.of(), false);
                    String out = r.stdoutText() + r.stderr();
                    Matcher total = CI_TOTAL.matcher(out);
                    double[] c1 = new double[3], c2 = new double[3];
                    Matcher t = CI_TIER.matcher(out);
                    while (t.find()) {
                        double[] x = t.group(1).equals("C1") ? c1 : c2;
                        x[0] = Double.parseDouble(t.group(2)) + Double.parseDouble(t.group(4));
                        x[1] = Integer.parseInt(t.group(3)) + Integer.parseInt(t.group(5));
                        x[2] = Double.parseDouble(t.group(4));
                    }
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s | %.2f (%d) | %.2f (%d) | %.2f |%n", p.name(), run[0],
                            r.wallNanos() / 1e9, r.cpuNanos() / 1e9, total.find() ? total.group(1) : "–", c1[0], (int) c1[1], c2[0], (int) c2[1], c2[2]));
                } catch (IOException e) {
                    sb.append("| ").append(p.name()).append(" | ").append(run[0]).append(" | FAIL: ").append(e.getMessage()).append(" | | | | | |\n");
                }
            }
        }
        return sb.toString();
    }
}
