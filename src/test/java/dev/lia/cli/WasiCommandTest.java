package dev.lia.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lia wasi}: the program's output goes to the process's stdout/stderr (replaced here), the
 * exit code is the program's, traps print the wasm backtrace.
 */
class WasiCommandTest {
    @TempDir
    Path dir;

    private final PrintStream savedOut = System.out;
    private final PrintStream savedErr = System.err;
    private final InputStream savedIn = System.in;
    private final ByteArrayOutputStream programOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream programErr = new ByteArrayOutputStream();
    String out;
    String err;

    @BeforeEach
    void redirect() {
        System.setOut(new PrintStream(programOut, true));
        System.setErr(new PrintStream(programErr, true));
        System.setIn(new ByteArrayInputStream("abc\n".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        System.setIn(savedIn);
    }

    int lia(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
        out = o + programOut.toString(StandardCharsets.UTF_8);
        err = e + programErr.toString(StandardCharsets.UTF_8);
        assertThat(out + err).doesNotContain("\tat ").doesNotContain("Exception");
        return code;
    }

    private Path program(String name) throws IOException {
        Path p = dir.resolve(name + ".wasm");
        try (InputStream in = getClass().getResourceAsStream("/wasi/" + name + ".wasm")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void liaWasiRunsASixtyFourBitModuleAsItsThirtyTwoBitTwin() throws IOException {
        Path sb = Files.createDirectory(dir.resolve("sb"));
        Files.writeString(sb.resolve("in.txt"), "hello file\n");
        String[] outputs = new String[2];
        for (int i = 0; i < 2; i++) {
            boolean memory64 = i == 1;
            Path m = Files.write(dir.resolve("abi.wasm"), dev.lia.wasi.Wasm64Test.program(memory64)); // one name: argv[0] is in the output
            System.setIn(new ByteArrayInputStream("some stdin\n".getBytes(StandardCharsets.UTF_8)));
            programOut.reset();
            programErr.reset();
            assertThat(lia("wasi", m.toString(), "--dir", sb + "=/sb", "--env", "A=1", "--env", "LONGER=two", "--", "x", "y z"))
                    .as(out + err).isEqualTo(7);
            outputs[i] = out;
        }
        assertThat(outputs[0]).contains("arg: y z\n", "env: LONGER=two\n", "file: hello fi\n", "stdin: some std\n", "far fd_write 21\n");
        assertThat(outputs[1]).isEqualTo(outputs[0]);
    }

    @Test
    void aSixtyFourBitModuleImportingThirtyTwoBitSignaturesIsRefusedWithOneMessage() throws IOException {
        Path m = dir.resolve("w64.wasm");
        Files.write(m, dev.lia.wasm.binary.ModuleEncoder.encode(dev.lia.wasm.text.TextFormat.parseModule("""
                (module
                  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                  (memory (export "memory") i64 1)
                  (func (export "_start") (drop (call $write (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 8))) (call $exit (i32.const 3))))
                """)));
        Path script = Files.writeString(dir.resolve("one.lia"), "x = 1\n");
        String why = "incompatible import type wasi_snapshot_preview1.fd_write: preview1 for a 64-bit memory (memory64) has [i32, i64, i64, i64] -> [i32]";
        for (String[] args : new String[][] {{"wasi", m.toString()}, {"call", m.toString(), "_start", "--wasi"},
                {"run", script.toString(), "--module", m.toString(), "--wasi"},
                {"run", script.toString(), "--module", m.toString(), "--wasi", "--session", dir.resolve("s.lias").toString()},
                {"debug", m.toString()}}) {
            assertThat(lia(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.lines().count()).as(err).isEqualTo(1);
            assertThat(err).contains(why);
            programErr.reset();
        }
        assertThat(dir.resolve("s.lias")).doesNotExist();
        dev.lia.wasm.compile.CompiledModule compiled = dev.lia.wasm.Pipeline.load(Files.readAllBytes(m));
        try (dev.lia.wasi.WasiPreview1 wasi = new dev.lia.wasi.WasiPreview1(dev.lia.wasi.WasiConfig.builder().build())) {
            // linked for the module's ABI: the usual link error
            dev.lia.wasm.runtime.Store store = new dev.lia.wasm.runtime.Store();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new dev.lia.wasm.exec.Machine(store).instantiate(compiled, wasi.imports(store, compiled.module())))
                    .isInstanceOf(dev.lia.wasm.LinkException.class).hasMessage("incompatible import type wasi_snapshot_preview1.fd_write");
            // the wasm32 functions linked anyway: a trap at the first call, never a pointer read in the wrong ABI
            dev.lia.wasm.runtime.Store store32 = new dev.lia.wasm.runtime.Store();
            dev.lia.wasm.exec.Machine machine = new dev.lia.wasm.exec.Machine(store32);
            dev.lia.wasm.runtime.Instance instance = machine.instantiate(compiled, wasi.imports(store32));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> machine.invoke(instance.exportedFunction("_start")))
                    .isInstanceOf(dev.lia.wasm.Trap.class).hasMessageContaining("was linked for a 32-bit memory");
        }
    }

    @Test
    void runsAProgramWithItsArgumentsAndExitCode() throws IOException {
        Path io = program("io");
        assertThat(lia("wasi", io.toString(), "--env", "HOME=/h", "--", "5", "-x")).isEqualTo(5);
        assertThat(out).contains("argc 3\nargv[0] = io.wasm\nargv[1] = 5\nargv[2] = -x\n")
                .contains("env HOME=/h\n").contains("ABC\nstdin 4 bytes\n");
        assertThat(err).isEqualTo("to stderr\n");
    }

    @Test
    void exitsZeroWhenStartReturns() throws IOException {
        assertThat(lia("wasi", program("io").toString())).isZero();
        assertThat(out).contains("argc 1\n").contains("HOME (unset)");
    }

    @Test
    void dirsAreMounted() throws IOException {
        Path sb = Files.createDirectories(dir.resolve("tree/sub"));
        sb = sb.getParent();
        Files.writeString(sb.resolve("in.txt"), "hello\nworld\n");
        Files.writeString(sb.resolve("sub/a"), "A\n");
        Files.writeString(sb.resolve("sub/b"), "B\n");
        assertThat(lia("wasi", program("files").toString(), "--dir", sb + "=/sb")).isZero();
        assertThat(out).contains("/sb/in.txt: \"hello\nworld\n\"").contains("/sb/sub: ./ ../ a b\n")
                .contains("/sb/sub/../../outside/secret: errno 76");
    }

    @Test
    void deterministicUnlessAsked() throws IOException {
        Path p = program("clockrand");
        assertThat(lia("wasi", p.toString())).isZero();
        String first = out;
        programOut.reset();
        assertThat(lia("wasi", p.toString())).isZero();
        assertThat(out).isEqualTo(first).contains("realtime 1704067200.001000000");
        programOut.reset();
        assertThat(lia("wasi", p.toString(), "--seed", "9")).isZero();
        assertThat(out).isNotEqualTo(first);
    }

    @Test
    void trapsPrintTheWasmBacktrace() throws IOException {
        assertThat(lia("wasi", program("trap").toString())).isEqualTo(1);
        assertThat(out).isEqualTo("before the trap\n");
        assertThat(err).startsWith("trap: unreachable\n  wasm: __original_main @0x").contains("\n  wasm: _start @0x");
    }

    @Test
    void badInput() throws IOException {
        assertThat(lia("wasi", dir.resolve("nope.wasm").toString())).isEqualTo(2);
        assertThat(err).contains("no such file");
        Path junk = Files.write(dir.resolve("junk.wasm"), new byte[] {1, 2, 3});
        assertThat(lia("wasi", junk.toString())).isEqualTo(2);
        assertThat(err).contains(": malformed:");
        assertThat(lia("wasi", program("io").toString(), "--dir", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err).contains("not a directory");
        assertThat(lia("wasi", program("io").toString(), "--env", "NOEQUALS")).isEqualTo(2);
        assertThat(err).contains("bad --env");
        // a module without _start (just a memory)
        Path noStart = Files.write(dir.resolve("m.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        assertThat(lia("wasi", noStart.toString())).isEqualTo(2);
        assertThat(err).contains("no _start");
    }

    @Test
    void help() {
        assertThat(lia("wasi", "--help")).isZero();
        assertThat(out).contains("Usage: lia wasi").contains("--dir").contains("--env").contains("--real-clock")
                .contains("--seed").contains("Exit codes");
        assertThat(lia("--help")).isZero();
        assertThat(out).contains("wasi");
    }
}
