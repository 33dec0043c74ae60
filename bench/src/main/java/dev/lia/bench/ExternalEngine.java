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

    /** The engine's own version line, or "?" */
    String version() {
        List<String> cmd = List.of(executable, "--version");
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
        Processes.Result r = Processes.run(command(wasm), java.util.Map.of(), false);
        if (r.exit() != 0) throw new IOException(name + " exited " + r.exit() + ": " + Processes.tail(r.stderr()));
        Matcher h = (script != null ? V8_HASH : INTERP_HASH).matcher(r.stdoutText());
        if (!h.find()) throw new IOException(name + " printed no result for " + wasm);
        int hash = script != null ? Integer.parseUnsignedInt(h.group(1), 16) : (int) Long.parseLong(h.group(1));
        if (hash != expectedHash) {
            throw new IllegalStateException(String.format("%s: %s returned 0x%08x, expected 0x%08x",
                    name, wasm.getFileName(), hash, expectedHash));
        }
        // wasm-interp's CPU time is the whole process's; node's would include start-up and
        // compiling, not comparable with its run_ms, so none is given.
        if (script == null) return new Timing(r.wallNanos() / 1e6, r.cpuNanos() < 0 ? Double.NaN : r.cpuNanos() / 1e6);
        Matcher m = RUN_MS.matcher(r.stderr());
        if (!m.find()) throw new IOException(name + " printed no run_ms: " + r.stderr().strip());
        return new Timing(Double.parseDouble(m.group(1)), Double.NaN);
    }

    /** The command line of one run of a core module. */
    List<String> command(Path wasm) {
        return script != null
                ? List.of(executable, "--single-threaded-gc", script.toString(), wasm.toString())
                : List.of(executable, wasm.toString(), "--run-all-exports");
    }
}
