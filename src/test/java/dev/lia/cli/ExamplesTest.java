package dev.lia.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every example of examples/README.md the way the README says. */
class ExamplesTest {
    static final Path SHARED = Path.of(System.getProperty("lia.shared", "../shared"));

    @Test
    void reverse() {
        LiaCli.Result r = LiaCli.run("run", "examples/reverse/reverse.lia", "--module", "examples/reverse/reverse.wasm",
                "--arg", "text=\"hello, wörld\"");
        assertThat(r.transcript()).isEqualTo("exit 0\n\"dlröw ,olleh\" : octs\n");
    }

    @Test
    void loops() {
        LiaCli.Result r = LiaCli.run("run", "examples/loops/loops.lia", "--module", "examples/loops/math.wasm", "--arg", "n=30");
        assertThat(r.transcript()).isEqualTo("""
                exit 0
                "1 2 Fizz 4 Buzz Fizz 7 8 Fizz Buzz 11 Fizz 13 14 FizzBuzz" : octs
                10 : i32
                111 : i32
                9232 : i64
                1421 : i32
                """);
    }

    @Test
    void handlersBlockOnTheirExtRequest() {
        LiaCli.Result r = LiaCli.run("run", "examples/handlers/handlers.lia", "--module", "examples/handlers/handlers.wasm",
                "--arg", "n=10", "--json");
        assertThat(r.transcript()).isEqualTo("""
                exit 3
                {"outcome":"blocked","request":{"name":"log","args":[{"type":"octs","hex":"746f74616c20636f6d7075746564","text":"total computed"}],"expects":[]}}
                """);
    }

    @Test
    void jitCompiledCodeLinkedIntoTheRunningProgramComputesTheSame() {
        LiaCli.Result r = LiaCli.run("run", "examples/jit/jit.lia", "--module", "examples/jit/jit.wasm", "--arg", "n=12");
        assertThat(r.transcript()).isEqualTo("""
                exit 0
                144075515 : i32
                144075515 : i32
                3 : i32
                3 : i32
                """);
    }

    @Test
    void handlersAsASession(@org.junit.jupiter.api.io.TempDir Path dir) {
        String ses = dir.resolve("h.ses").toString();
        LiaCli.Result r = LiaCli.run("run", "examples/handlers/handlers.lia", "--module", "examples/handlers/handlers.wasm",
                "--arg", "n=10", "--session", ses);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).startsWith("blocked: log(\"total computed\" : octs)\n  expects: nothing\nstate: sha256:");
        assertThat(LiaCli.run("state", ses).out()).contains("pending: log(\"total computed\" : octs), expects: nothing");
        r = LiaCli.run("resume", ses);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("63 : i32\n10 : i32\nstate: sha256:");
    }

    @Test
    void wasiLinesDrivenEventByEventInASession(@org.junit.jupiter.api.io.TempDir Path dir) {
        String ses = dir.resolve("w.ses").toString();
        LiaCli.Result r = LiaCli.run("run", "examples/wasi/lines.lia", "--module", "examples/wasi/lines.wasm", "--wasi", "--session", ses);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).startsWith("lines: ready\nblocked: wasi.stdin()\n  expects: octs\nstate: sha256:");
        assertThat(LiaCli.run("resume", ses, "--result", "\"hello\\n\"").out()).startsWith("1: olleh (t=1 ms, r=767)\nblocked: wasi.stdin()");
        assertThat(LiaCli.run("resume", ses, "--result", "\"wasm\\n\"").out()).startsWith("2: msaw (t=2 ms, r=36)\nblocked: wasi.stdin()");
        r = LiaCli.run("resume", ses, "--result", "\"\"");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("2 lines, 9 bytes\nstate: sha256:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fib", "crc32", "sha256", "sort", "mandelbrot", "nbody", "interp"})
    void corpus(String program) throws Exception {
        Path module = SHARED.resolve("corpus/core/" + program + ".wasm");
        Assumptions.assumeTrue(Files.exists(module), "the corpus is not at " + module);
        String expected = Files.readString(SHARED.resolve("corpus/expected/core/" + program + ".out"));
        LiaCli.Result r = LiaCli.run("run", "examples/corpus/corpus.lia", "--module", module.toString(), "--json");
        assertThat(r.exit()).as(r.transcript()).isZero();
        String hash = expected.substring(expected.lastIndexOf("0x") + 2).trim();
        assertThat(r.out()).contains("\"text\":" + Json.string(expected) + "}");
        assertThat(r.out()).endsWith("{\"type\":\"i32\",\"value\":\"" + (int) Long.parseLong(hash, 16) + "\"}]}\n");
    }
}
