package dev.lia.state;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting other Java processes with the test classpath: to cross a real process boundary. */
final class Jvm {
    private Jvm() {}

    /** The JDK 25 the project tests against, if this machine has it. */
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** What surefire runs the tests with (it sets this even when it hides the class path in a manifest jar). */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    record Run(int exit, String out, String err) {}

    /** Runs {@code java -cp CLASSPATH ARGS...} with the given java, waiting up to two minutes. */
    static Run run(Path java, Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).start();
        p.getOutputStream().close();
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process went away
            }
        });
        t.start();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the process did not finish: " + cmd);
        }
        t.join();
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the lia command line in another JVM. */
    static Run lia(Path java, Path dir, String... args) throws IOException, InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = "dev.lia.cli.Main";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(java, dir, all);
    }

    static boolean exists(Path jdk) {
        return Files.isExecutable(jdk.resolve("bin").resolve("java"));
    }

    static String pathSeparator() {
        return File.pathSeparator;
    }
}
