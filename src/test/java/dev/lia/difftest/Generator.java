package dev.lia.difftest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Makes a differential case's module with binaryen's {@code wasm-opt -ttf}. With binaryen 132 from npm
 * (an Emscripten build: a node process start costs ~0.4 s of CPU, far more than a module) one
 * long-lived node runs {@code tools/difftest/wasm-opt-server.js}, which keeps wasm-opt's wasm compiled
 * and runs each request on a fresh instance of it (so its output is byte for byte that of a new
 * process); with a native {@code wasm-opt} (Debian's binaryen) each module is a process of its own.
 */
final class Generator implements AutoCloseable {
    static final Path SERVER = Path.of("tools", "difftest", "wasm-opt-server.js");
    private static final long TIMEOUT_SECONDS = 60;

    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wasm-opt watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Path dir;
    private Process server;
    private BufferedWriter in;
    private BufferedReader out;

    Generator(Path dir) {
        this.dir = dir;
    }

    /** The module binaryen makes of {@code seed}'s random bytes, also written to {@link #wasm}. */
    byte[] generate(long seed) throws IOException, InterruptedException {
        Random random = new Random(seed);
        byte[] noise = new byte[1024 + random.nextInt(15 * 1024)];
        random.nextBytes(noise);
        Path seedFile = dir.resolve("seed-" + seed + ".bin");
        Path wasm = wasm(seed);
        Files.write(seedFile, noise);
        List<String> args = new ArrayList<>(List.of(seedFile.toString(), "-ttf"));
        if (Tools.FOUND.wasm30()) args.add("--translate-to-exnref");
        // --denan: the spec lets an engine pick any NaN payload for arithmetic results, and a NaN stored to
        // memory shows its payload to hashMemory; binaryen's pass turns NaNs that code computes into 0
        args.addAll(List.of("--denan", "-o", wasm.toString()));
        args.addAll(Cases.features());
        int code = Tools.FOUND.wasm30() ? viaServer(args) : viaProcess(args);
        Files.deleteIfExists(seedFile);
        if (code != 0) throw new IOException("wasm-opt failed on seed " + seed + " (exit status " + code + ")");
        return Files.readAllBytes(wasm);
    }

    Path wasm(long seed) {
        return dir.resolve("case-" + seed + ".wasm");
    }

    private int viaProcess(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Tools.FOUND.wasmOpt().toString()));
        cmd.addAll(args);
        Process p = Tools.FOUND.process(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wasm-opt timed out");
        }
        return p.exitValue();
    }

    private int viaServer(List<String> args) throws IOException {
        if (server == null || !server.isAlive()) start();
        StringBuilder req = new StringBuilder("[");
        for (int i = 0; i < args.size(); i++) req.append(i > 0 ? "," : "").append(Call.Json.quote(args.get(i)));
        in.write(req.append("]\n").toString());
        in.flush();
        Process running = server; // a request that hangs ends the server, and readLine with it
        java.util.concurrent.ScheduledFuture<?> watchdog = WATCHDOG.schedule(running::destroyForcibly, TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String line;
        try {
            line = out.readLine();
        } finally {
            watchdog.cancel(false);
        }
        if (line == null) {
            close();
            throw new IOException("the wasm-opt server ended");
        }
        int at = line.indexOf("\"code\":");
        if (at < 0) throw new IOException("the wasm-opt server answered " + line);
        int end = at + 7;
        while (end < line.length() && (line.charAt(end) == '-' || Character.isDigit(line.charAt(end)))) end++;
        return Integer.parseInt(line.substring(at + 7, end));
    }

    private long deadServersCpu;

    /** CPU time of the wasm-opt server processes so far (0 with a native wasm-opt, whose processes are not counted). */
    long nodeCpuNanos() {
        return deadServersCpu + cpu(server);
    }

    static long cpu(Process p) {
        return p == null ? 0 : p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private void start() throws IOException {
        Path wasmOptScript = Tools.FOUND.bin().resolve("wasm-opt").toRealPath(); // node_modules/binaryen/bin/wasm-opt
        server = Tools.FOUND.process(List.of(Tools.FOUND.node().toString(), SERVER.toString(), wasmOptScript.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start(); // wasm-opt's warnings
        in = new BufferedWriter(new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8));
        out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        deadServersCpu += cpu(server);
        if (server != null) server.destroy();
        server = null;
    }
}
