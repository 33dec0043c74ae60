package dev.lia.embed;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds and runs examples/embedding, a Maven project of its own that depends on the library
 * artifact dev.lia:lia, with the Maven running this build. The build installed the library jar into
 * the local repository at process-classes (pom.xml, issue 16), so `mvn test` alone gets here with it.
 */
class EmbeddingExampleTest {
    static final Path EXAMPLE = Path.of("examples/embedding");

    @Test
    void theExampleProjectBuildsAgainstTheLibraryAndRuns() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(maven());
        cmd.addAll(List.of("-B", "-q", "-f", EXAMPLE.resolve("pom.xml").toString(), "-Dlia.version=" + property("lia.version", "0.1.0-SNAPSHOT")));
        if (property("lia.mavenOffline", "").equals("offline=true")) cmd.add("-o");
        String repo = property("lia.mavenRepo", "");
        if (!repo.isBlank() && !repo.startsWith("${")) cmd.add("-Dmaven.repo.local=" + repo);
        cmd.add("test");
        Path printedFile = EXAMPLE.resolve("target/surefire-reports/example.EmbeddingTest-output.txt");
        Files.deleteIfExists(printedFile); // only this run's output counts
        Path log = Files.createTempFile("lia-embedding-example", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        if (!finished) p.destroyForcibly();
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(finished).as("the example's build did not finish in 10 minutes:\n" + output).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + output).isZero();

        String printed = Files.readString(printedFile);
        assertThat(printed).contains(
                "add(2, 3) = 5, scale(1.5, 4) = 6.0, divmod(17, 5) = 3 r 2",
                "3: Done[values=[42 : i32, 3 : i32]]",
                "resumed from CACHED: Done[values=[42 : i32, 3 : i32]]",
                "refused: input 'n' must be i32",
                "same state: true");
    }

    /** The Maven running this build (surefire passes maven.home), else mvn on the PATH. */
    static String maven() {
        String exe = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? "mvn.cmd" : "mvn";
        String home = System.getProperty("maven.home", "");
        if (!home.isBlank() && !home.startsWith("${")) {
            File f = Path.of(home, "bin", exe).toFile();
            if (f.canExecute()) return f.getPath();
        }
        return exe;
    }

    static String property(String name, String otherwise) {
        String v = System.getProperty(name);
        return v == null || v.startsWith("${") ? otherwise : v;
    }
}
