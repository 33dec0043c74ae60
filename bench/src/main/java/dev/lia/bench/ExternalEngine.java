package dev.lia.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An engine in another process: V8 through node and {@code run_core.mjs} (which reports its own
 * {@code run_ms}: {@code _initialize} plus {@code run}, after compile and instantiate), or wabt's
 * {@code wasm-interp} (which reports nothing, so the wall time of the whole process is taken,
 * parse and process start included; negligible against its seconds of run time).
 */
final class ExternalEngine {
    private static final Pattern RUN_MS = Pattern.compile("\"run_ms\"\\s*:\\s*([0-9.eE+-]+)");
    private static final Pattern V8_HASH = Pattern.compile("run\\(\\) = 0x([0-9a-f]{8})");
    private static final Pattern INTERP_HASH = Pattern.compile("run\\(\\) => i32:(-?[0-9]+)");

    private final String name;
    private final String executable;
    private final Path script; // null for wasm-interp

    private ExternalEngine(String name, String executable, Path script) {
        this.name = name;
        this.executable = executable;
        this.script = script;
    }

    static ExternalEngine v8(Path shared) {
        return new ExternalEngine("V8", "node", shared.resolve("corpus/run_core.mjs"));
    }

    static ExternalEngine wasmInterp() {
        return new ExternalEngine("wasm-interp", "wasm-interp", null);
    }

    String name() {
        return name;
    }

    boolean available() {
        if (script != null && !Files.isRegularFile(script)) return false;
        return onPath(executable);
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) return true;
        }
        return false;
    }

    /**
     * CPU time (user + system) of this JVM's terminated and reaped children, from
     * /proc/self/stat (cutime, cstime; clock ticks of 10 ms), or -1 where there is none.
     */
    static long childrenCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The engine's own version line, or "?" */
    String version() {
        List<String> cmd = script != null ? List.of(executable, "--version") : List.of(executable, "--version");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return (script != null ? "node " : "wabt ") + v;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /** One run's time in ms, and the CPU time of the process (NaN where it says nothing comparable). */
    record Timing(double ms, double cpuMs) {}

    /** One run. Throws if the process fails or returns the wrong hash. */
    Timing runOnce(Path wasm, int expectedHash) throws IOException, InterruptedException {
        List<String> cmd = script != null
                ? List.of(executable, "--single-threaded-gc", script.toString(), wasm.toString())
                : List.of(executable, wasm.toString(), "--run-all-exports");
        Path out = Files.createTempFile("lia-bench", ".out");
        Path err = Files.createTempFile("lia-bench", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("TIMING_FILE");
            long c0 = childrenCpuNanos();
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(name + " timed out on " + wasm);
            }
            long wall = System.nanoTime() - t0;
            long cpu = childrenCpuNanos() - c0;
            String stdout = Files.readString(out, StandardCharsets.ISO_8859_1);
            String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
            if (p.exitValue() != 0) throw new IOException(name + " exited " + p.exitValue() + ": " + stderr.strip());
            int hash;
            Matcher h = (script != null ? V8_HASH : INTERP_HASH).matcher(stdout);
            if (!h.find()) throw new IOException(name + " printed no result for " + wasm);
            hash = script != null ? Integer.parseUnsignedInt(h.group(1), 16) : (int) Long.parseLong(h.group(1));
            if (hash != expectedHash) {
                throw new IllegalStateException(String.format("%s: %s returned 0x%08x, expected 0x%08x",
                        name, wasm.getFileName(), hash, expectedHash));
            }
            // wasm-interp's CPU time is the whole process's; node's would include start-up and
            // compiling, not comparable with its run_ms, so none is given.
            if (script == null) return new Timing(wall / 1e6, c0 < 0 ? Double.NaN : cpu / 1e6);
            Matcher m = RUN_MS.matcher(stderr);
            if (!m.find()) throw new IOException(name + " printed no run_ms: " + stderr.strip());
            return new Timing(Double.parseDouble(m.group(1)), Double.NaN);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
