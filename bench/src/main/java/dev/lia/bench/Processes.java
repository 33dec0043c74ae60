package dev.lia.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Running one child process and timing it: wall time, and its CPU time (all its threads). */
final class Processes {
    private Processes() {}

    /** How long a whole-process run may take before it counts as failed. */
    static final long TIMEOUT_MINUTES = 10;

    /** One finished process: its exit code, output, wall time and CPU time (ns; -1 when unknown), and
     * the time from start to its first byte on stdout (ns; -1 when it printed nothing or it was not asked for). */
    record Result(int exit, byte[] stdout, String stderr, long wallNanos, long cpuNanos, long firstByteNanos) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.ISO_8859_1);
        }
    }

    /** The JVM running this harness, to start the fresh JVMs with. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The harness's own jar (for {@link FreshJvm}). */
    static Path benchJar() {
        try {
            return Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code cmd}, output to temporary files (so a pipe never slows the child), unless
     * {@code firstByte}: then stdout is read through a pipe and the arrival of its first byte timed.
     */
    static Result run(List<String> cmd, Map<String, String> env, boolean firstByte) throws IOException, InterruptedException {
        Path out = Files.createTempFile("lia-bench", ".out");
        Path err = Files.createTempFile("lia-bench", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            if (!firstByte) pb.redirectOutput(out.toFile());
            pb.environment().remove("TIMING_FILE");
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("_JAVA_OPTIONS");
            pb.environment().putAll(env);
            long c0 = childrenCpuNanos();
            long t0 = System.nanoTime();
            Process p = pb.start();
            long first = -1;
            byte[] stdout;
            if (firstByte) {
                try (InputStream in = p.getInputStream()) {
                    int b = in.read();
                    if (b >= 0) first = System.nanoTime() - t0;
                    byte[] restBytes = in.readAllBytes();
                    stdout = new byte[(b >= 0 ? 1 : 0) + restBytes.length];
                    if (b >= 0) stdout[0] = (byte) b;
                    System.arraycopy(restBytes, 0, stdout, b >= 0 ? 1 : 0, restBytes.length);
                }
            } else {
                stdout = null;
            }
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                p.waitFor();
                throw new IOException("timed out after " + TIMEOUT_MINUTES + " min: " + String.join(" ", cmd));
            }
            long wall = System.nanoTime() - t0;
            long c1 = childrenCpuNanos();
            if (stdout == null) stdout = Files.readAllBytes(out);
            String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
            return new Result(p.exitValue(), stdout, stderr, wall, c0 < 0 || c1 < 0 ? -1 : c1 - c0, first);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
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

    /** The last few lines of a process's stderr, for a failure message. */
    static String tail(String stderr) {
        String[] lines = stderr.strip().split("\n");
        int from = Math.max(0, lines.length - 3);
        return String.join(" / ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
