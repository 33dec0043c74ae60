package dev.lia.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, defect 1: "@path" is an argument like any other (no picocli @-files), and every documented @path form reads the file. */
class AtArgumentsTest {
    static final String DEMO = Path.of("examples/demo/demo.wasm").toAbsolutePath().toString();

    @TempDir
    Path dir;

    @Test
    void anAtArgumentAloneIsAnUnknownCommandNotAStackTrace() {
        LiaCli.Result r = LiaCli.run("@" + dir);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("@" + dir).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void runReadsAnOctsInputFromAtPath() throws Exception {
        Path data = Files.writeString(dir.resolve("in.txt"), "hi there");
        Path script = Files.writeString(dir.resolve("len.lia"), "import octs code\nreturn code.len, code");
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", DEMO, "--arg", "code=@" + data);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("8 : i32\n\"hi there\" : octs\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void resumeReadsAnOctsAnswerFromAtPathAndOctsAtPath() throws Exception {
        Path answer = Files.writeString(dir.resolve("answer.txt"), "a b\nc");
        Path script = Files.writeString(dir.resolve("ask.lia"), "octs a = ext ask()\nocts b = ext ask()\nreturn a ++ b");
        Path ses = dir.resolve("s.ses");
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", DEMO, "--session", ses.toString());
        assertThat(r.exit()).isEqualTo(OutcomePrinter.BLOCKED);
        r = LiaCli.run("resume", ses.toString(), "--result", "@" + answer);
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isEqualTo(OutcomePrinter.BLOCKED);
        r = LiaCli.run("resume", ses.toString(), "--result", "octs:@" + answer);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("\"a b\\nca b\\nc\" : octs\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aMissingAtPathIsOneLine() throws Exception {
        Path script = Files.writeString(dir.resolve("len.lia"), "import octs code\nreturn code.len");
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", DEMO, "--arg", "code=@" + dir.resolve("nope"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nope").doesNotContain("Exception");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    /** After "--", lia wasi passes "@f" to the program as it is. */
    @Test
    void wasiPassesAtArgumentsToTheProgram() throws Exception {
        Path io = dir.resolve("io.wasm");
        try (InputStream in = getClass().getResourceAsStream("/wasi/io.wasm")) {
            Files.write(io, in.readAllBytes());
        }
        Path f = Files.writeString(dir.resolve("f"), "secret");
        PrintStream savedOut = System.out;
        InputStream savedIn = System.in;
        ByteArrayOutputStream programOut = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(programOut, true));
            System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
            LiaCli.run("wasi", io.toString(), "--", "@" + f);
        } finally {
            System.setOut(savedOut);
            System.setIn(savedIn);
        }
        String out = programOut.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("argc 2\n").contains("argv[1] = @" + f + "\n").doesNotContain("secret");
    }
}
