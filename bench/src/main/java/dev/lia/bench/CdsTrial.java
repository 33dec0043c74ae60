package dev.lia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether an application class-data-sharing archive (AppCDS) shortens a cold {@code lia run} /
 * {@code lia wasi} on this JDK. Two archives are made in a scratch folder and each cold command is
 * run without one and with each, interleaved:
 * <ul>
 *   <li><b>static</b>: the class lists of three training runs ({@code -XX:DumpLoadedClassList}:
 *   {@code lia run} of the corpus script on fib, {@code lia wasi fib.wasm -- 1}, {@code lia run
 *   --wasi}) merged and dumped with {@code java -Xshare:dump -XX:SharedClassListFile}: what a build
 *   step could make next to {@code lia.jar} (JDK 10 and later);</li>
 *   <li><b>dynamic</b>: {@code -XX:ArchiveClassesAtExit} at the end of one training run ({@code lia
 *   run} of the corpus script on fib), on top of the JDK's own archive (JDK 13 and later).</li>
 * </ul>
 * Used with {@code -XX:SharedArchiveFile=}; an archive the JVM cannot map is refused at creation
 * ({@code -Xshare:on} check) and its column left out.
 */
final class CdsTrial {
    private final Options o;
    private final StartupRuns startup;
    private final Path work;
    private final Path java = Processes.java();
    private final List<String> notes = new ArrayList<>();

    CdsTrial(Options o, StartupRuns startup, Path work) {
        this.o = o;
        this.startup = startup;
        this.work = work;
    }

    private record Archive(String name, Path file, double buildSeconds) {}

    String run(List<Corpus.Program> programs) throws IOException, InterruptedException {
        String script = o.liaRoot.resolve(ProcessRuns.CORE_SCRIPT).toString();
        Path fibCore = o.shared.resolve("corpus/core/fib.wasm");
        List<Archive> archives = new ArrayList<>();
        Archive s = staticArchive(script, fibCore);
        if (s != null) archives.add(s);
        Archive d = dynamicArchive(script, fibCore);
        if (d != null) archives.add(d);

        // The commands: the two small examples, then the cold core runs.
        record Cmd(String name, java.util.function.Function<List<String>, List<String>> command) {}
        List<Cmd> cmds = new ArrayList<>();
        cmds.add(new Cmd(startup.liaWasi(List.of()).name(), f -> startup.liaWasi(f).command()));
        cmds.add(new Cmd(startup.liaRun(List.of()).name(), f -> startup.liaRun(f).command()));
        for (Corpus.Program p : programs) {
            cmds.add(new Cmd("`lia run corpus.lia --module " + p.name() + ".wasm`", f -> startup.lia(f, "run", script, "--module", p.wasm().toString())));
        }
        List<String> variants = new ArrayList<>(List.of("none"));
        archives.forEach(a -> variants.add(a.name()));
        int runs = Math.max(o.runs, o.quick ? 1 : 3);
        Map<String, double[][]> wall = new LinkedHashMap<>(), cpu = new LinkedHashMap<>();
        for (Cmd c : cmds) {
            wall.put(c.name(), new double[variants.size()][runs]);
            cpu.put(c.name(), new double[variants.size()][runs]);
        }
        Set<String> failed = new LinkedHashSet<>();
        for (int r = 0; r < runs; r++) {
            for (Cmd c : cmds) {
                for (int k = 0; k < variants.size(); k++) {
                    int v = (k + r) % variants.size();
                    List<String> flags = v == 0 ? List.of() : List.of("-XX:SharedArchiveFile=" + archives.get(v - 1).file());
                    Processes.Result res = Processes.run(c.command().apply(flags), Map.of(), false);
                    if (res.exit() != 0) {
                        failed.add(c.name() + " (" + variants.get(v) + "): exited " + res.exit() + ": " + Processes.tail(res.stderr()));
                        continue;
                    }
                    wall.get(c.name())[v][r] = res.wallNanos() / 1e6;
                    cpu.get(c.name())[v][r] = res.cpuNanos() / 1e6;
                }
            }
            Bench.progress("AppCDS trial: run %d/%d done", r + 1, runs);
        }

        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Cold runs without and with an AppCDS archive (`-XX:SharedArchiveFile`), ms, median of %d interleaved runs, wall (CPU):%n%n", runs));
        for (Archive a : archives) {
            sb.append(String.format(Locale.ROOT, "- %s archive: %.1f MB, made in %.1f s%n", a.name(), Files.size(a.file()) / 1e6, a.buildSeconds()));
        }
        notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        sb.append("\n| command |");
        variants.forEach(v -> sb.append(' ').append(v).append(" |"));
        archives.forEach(a -> sb.append(" none/").append(a.name()).append(" wall | CPU |"));
        sb.append("\n|---|").append("--:|".repeat(variants.size() + 2 * archives.size())).append('\n');
        List<List<Double>> gWall = new ArrayList<>(), gCpu = new ArrayList<>();
        archives.forEach(a -> {
            gWall.add(new ArrayList<>());
            gCpu.add(new ArrayList<>());
        });
        for (Cmd c : cmds) {
            double[][] w = wall.get(c.name()), u = cpu.get(c.name());
            sb.append("| ").append(c.name()).append(" |");
            for (int v = 0; v < variants.size(); v++) {
                sb.append(' ').append(Table.ms(Stats.median(w[v]))).append(" (").append(Table.ms(Stats.median(u[v]))).append(") |");
            }
            for (int a = 0; a < archives.size(); a++) {
                double rw = Stats.median(w[0]) / Stats.median(w[a + 1]), rc = Stats.median(u[0]) / Stats.median(u[a + 1]);
                gWall.get(a).add(rw);
                gCpu.get(a).add(rc);
                sb.append(' ').append(Table.ratio(rw)).append(" | ").append(Table.ratio(rc)).append(" |");
            }
            sb.append('\n');
        }
        sb.append("| **geomean** |").append(" |".repeat(variants.size()));
        for (int a = 0; a < archives.size(); a++) {
            sb.append(" **").append(Table.ratio(Stats.geomean(gWall.get(a)))).append("** | **").append(Table.ratio(Stats.geomean(gCpu.get(a)))).append("** |");
        }
        sb.append('\n');
        if (!failed.isEmpty()) {
            sb.append("\nFailures:\n\n");
            failed.forEach(f -> sb.append("- ").append(f).append('\n'));
        }
        sb.append("\nnone/X: how many times faster the cold command is with archive X (above 1: the archive helps).\n");
        return sb.toString();
    }

    private Archive staticArchive(String script, Path fibCore) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<String[]> training = List.of(new String[] {"run", script, "--module", fibCore.toString()},
                startup.liaWasiArgs(), startup.liaRunArgs());
        Set<String> merged = new LinkedHashSet<>();
        for (int i = 0; i < training.size(); i++) {
            Path list = work.resolve("classes-" + i + ".lst");
            Processes.Result r = Processes.run(startup.lia(List.of("-XX:DumpLoadedClassList=" + list), training.get(i)), Map.of(), false);
            if (r.exit() != 0 || !Files.isRegularFile(list)) {
                notes.add("static archive: training run lia " + String.join(" ", training.get(i)) + " failed: " + Processes.tail(r.stderr()));
                return null;
            }
            for (String line : Files.readAllLines(list)) merged.add(classListEntry(line));
        }
        merged.remove("");
        Path all = work.resolve("classes.lst");
        Files.write(all, merged);
        Path jsa = work.resolve("lia-static.jsa");
        Processes.Result dump = Processes.run(List.of(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + all,
                "-XX:SharedArchiveFile=" + jsa, "-cp", o.liaJar.toString()), Map.of(), false);
        if (dump.exit() != 0 || !Files.isRegularFile(jsa)) {
            notes.add("static archive: -Xshare:dump failed: " + Processes.tail(dump.stderr() + dump.stdoutText()));
            return null;
        }
        return check(new Archive("static", jsa, (System.nanoTime() - t0) / 1e9));
    }

    /**
     * One line of a class list, for merging lists: a plain class name without its list-local
     * {@code id:} (ids differ between runs); classes of other loaders (those with {@code super:})
     * and comments left out; {@code @} directives (lambda proxies) as they are.
     */
    static String classListEntry(String line) {
        if (line.startsWith("#") || line.isBlank() || line.contains(" super:")) return "";
        if (line.startsWith("@")) return line;
        int id = line.indexOf(" id:");
        return id < 0 ? line.strip() : line.substring(0, id);
    }

    private Archive dynamicArchive(String script, Path fibCore) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path jsa = work.resolve("lia-dynamic.jsa");
        Processes.Result r = Processes.run(startup.lia(List.of("-XX:ArchiveClassesAtExit=" + jsa), "run", script, "--module", fibCore.toString()), Map.of(), false);
        if (r.exit() != 0 || !Files.isRegularFile(jsa)) {
            notes.add("dynamic archive: the training run failed: " + Processes.tail(r.stderr()));
            return null;
        }
        return check(new Archive("dynamic", jsa, (System.nanoTime() - t0) / 1e9));
    }

    /** The archive, if the JVM maps it ({@code -Xshare:on} makes a JVM that cannot fail). */
    private Archive check(Archive a) throws IOException, InterruptedException {
        Processes.Result r = Processes.run(List.of(java.toString(), "-Xshare:on", "-XX:SharedArchiveFile=" + a.file(), "-jar", o.liaJar.toString(), "--version"),
                Map.of(), false);
        if (r.exit() == 0) return a;
        notes.add(a.name() + " archive: the JVM does not map it: " + Processes.tail(r.stderr() + r.stdoutText()));
        return null;
    }
}
