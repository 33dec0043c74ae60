package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lia run --wasi}: a WASI program driven event by event, in one process or across several through a session file. */
class WasiSessionCommandTest {
    static final String MODULE = "examples/wasi/lines.wasm";

    @TempDir
    Path dir;

    Path script() throws Exception {
        Path p = dir.resolve("lines.lia");
        Files.writeString(p, "_start()\n");
        return p;
    }

    static String state(LiaCli.Result r) {
        return r.out().lines().filter(l -> l.startsWith("state: ")).findFirst().orElseThrow();
    }

    @Test
    void aSessionBlocksOnStdinAndEachResumeFeedsTheNextInput() throws Exception {
        Path session = dir.resolve("s.session");
        LiaCli.Result r = LiaCli.run("run", script().toString(), "--module", MODULE, "--wasi", "--wasi-arg", "demo", "--seed", "7",
                "--session", session.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).startsWith("demo: ready\nblocked: wasi.stdin()\n  expects: octs\nstate: sha256:");
        r = LiaCli.run("resume", session.toString(), "--result", "\"hello\\n\"");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).matches("(?s)1: olleh \\(t=1 ms, r=\\d+\\)\nblocked: wasi.stdin\\(\\)\n.*");
        String afterHello = state(r);

        assertThat(LiaCli.run("state", session.toString()).out()).contains("hosts:  wasi: args [lines.wasm, demo], env {}, seed 7\n");

        // the same step again from the log alone: the output of the replayed events is not printed again
        Path copy = dir.resolve("copy.session");
        LiaCli.run("run", script().toString(), "--module", MODULE, "--wasi", "--wasi-arg", "demo", "--seed", "7", "--session", copy.toString());
        LiaCli.run("resume", copy.toString(), "--result", "\"hello\\n\"");
        LiaCli.Result replayed = LiaCli.run("resume", copy.toString(), "--replay", "--result", "\"\"");
        r = LiaCli.run("resume", session.toString(), "--result", "\"\"");
        assertThat(r.transcript()).startsWith("exit 0\n1 lines, 5 bytes\nstate: sha256:");
        assertThat(replayed.transcript()).as("the same output and state hash").isEqualTo(r.transcript());
        assertThat(afterHello).startsWith("state: sha256:");
    }

    @Test
    void withoutASessionTheRunBlocksOnStdin() throws Exception {
        LiaCli.Result r = LiaCli.run("run", script().toString(), "--module", MODULE, "--wasi");
        assertThat(r.transcript()).isEqualTo("exit 3\nlines: ready\nblocked: wasi.stdin()\n  expects: octs\n");
    }

    @Test
    void aWasiModuleWithoutWasiBlocksOnItsFirstCallAndSaysWhatToAdd() throws Exception {
        LiaCli.Result r = LiaCli.run("run", script().toString(), "--module", MODULE);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).startsWith("blocked: wasi_snapshot_preview1.");
        assertThat(r.err()).isEqualTo("lia run: the module calls WASI; add --wasi to give it WASI preview1\n");
    }

    @Test
    void settingsWithoutWasiOrForAnExistingSessionAreRefused() throws Exception {
        assertThat(LiaCli.run("run", script().toString(), "--module", MODULE, "--env", "A=1").transcript())
                .isEqualTo("exit 2\nlia run: --wasi-arg, --env and --seed go with --wasi\n");
        assertThat(LiaCli.run("run", script().toString(), "--module", MODULE, "--wasi", "--env", "A").transcript())
                .isEqualTo("exit 2\nlia run: --env A: expected NAME=VALUE\n");
        Path session = dir.resolve("s.session");
        LiaCli.run("run", script().toString(), "--module", MODULE, "--wasi", "--session", session.toString());
        assertThat(LiaCli.run("run", script().toString(), "--session", session.toString(), "--wasi").transcript())
                .isEqualTo("exit 2\nlia run: --wasi and its settings are fixed when a session starts; the session in " + session
                        + " keeps its own\n");
    }

    @Test
    void aProgramThatExitsWithACodeEndsTheScriptWithIt() throws Exception {
        Path session = dir.resolve("io.session");
        LiaCli.Result r = LiaCli.run("run", script().toString(), "--module", "src/test/resources/wasi/io.wasm", "--wasi", "--wasi-arg", "3",
                "--session", session.toString());
        assertThat(r.exit()).as(r.transcript()).isEqualTo(3);
        r = LiaCli.run("resume", session.toString(), "--result", "\"input\"");
        assertThat(r.exit()).as("it reads until the end of its input").isEqualTo(3);
        r = LiaCli.run("resume", session.toString(), "--result", "\"\"");
        assertThat(r.exit()).as(r.transcript()).isEqualTo(6);
        assertThat(r.out()).contains("exited: code 3\n");
    }

    @Test
    void withJsonTheProgramsOutputIsInTheObject() throws Exception {
        LiaCli.Result r = LiaCli.run("run", script().toString(), "--module", MODULE, "--wasi", "--json");
        assertThat(r.transcript()).isEqualTo("exit 3\n{\"outcome\":\"blocked\",\"request\":{\"name\":\"wasi.stdin\",\"args\":[],"
                + "\"expects\":[\"octs\"]},\"stdout\":\"lines: ready\\n\",\"stderr\":\"\"}\n");
        Path session = dir.resolve("j.session");
        LiaCli.run("run", script().toString(), "--module", MODULE, "--wasi", "--session", session.toString());
        r = LiaCli.run("resume", session.toString(), "--json", "--result", "\"ab\\n\"");
        assertThat(r.out()).startsWith("{\"outcome\":\"blocked\"").endsWith(",\"stdout\":\"1: ba (t=1 ms, r=767)\\n\",\"stderr\":\"\"}\n");
    }
}
