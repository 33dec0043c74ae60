package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lia debug} fed commands on standard input. The two sessions in {@code src/test/resources/debug}
 * ({@code *-session.txt}, output in {@code *-session.expected}) cover every command; docs/debugging.md
 * walks through the first.
 */
class DebugCommandTest {
    static final Path DEBUG = Path.of("src/test/resources/debug");

    static LiaCli.Result debug(String input, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "debug";
            System.arraycopy(args, 0, all, 1, args.length);
            return LiaCli.run(all);
        } finally {
            System.setIn(old);
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void aSessionOnACProgramWithDwarf() throws IOException {
        LiaCli.Result r = debug(read(DEBUG.resolve("demo-session.txt")), DEBUG.resolve("demo.wasm").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(read(DEBUG.resolve("demo-session.expected")));
    }

    @Test
    void aSessionOnAScriptWhoseHandlerCallsBackIntoWasm() throws IOException {
        LiaCli.Result r = debug(read(DEBUG.resolve("handlers-session.txt")),
                "examples/handlers/handlers.lia", "--module", "examples/handlers/handlers.wasm", "--arg", "n=4");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(read(DEBUG.resolve("handlers-session.expected")));
    }

    @Test
    void aTrapStopsTheDebuggerWhereItHappenedForAPostMortem() {
        LiaCli.Result r = debug("run divide 7 0\nbt\nframe 1\nlocals\nkill\nrun divide 8 2\n", "examples/demo/demo.wasm");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                (lia) run divide 7 0
                Trapped (integer divide by zero), quotient @0xde
                  0xde: i32.div_s
                (lia) bt
                =>#0  quotient @0xde: i32.div_s
                  #1  divide @0xe6: call $quotient
                (lia) frame 1
                #1  divide @0xe6: call $quotient
                (lia) locals
                  [0] i32 = 7
                  [1] i32 = 0
                (lia) kill
                trap: integer divide by zero
                  wasm: quotient @0xde
                  wasm: divide @0xe6
                (lia) run divide 8 2
                divide returned
                4 : i32
                (lia)\s
                """);
    }

    @Test
    void aBlockedScriptIsAnsweredFromTheDebugger(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("roll.lia");
        Files.writeString(script, "x = roll(6)\ni32 y = ext ask(\"why not\", x)\nreturn x, y\n");
        LiaCli.Result r = debug("answer 1\nrun\nanswer\nanswer hello\nanswer 0.5\nrun\nanswer 41\nanswer 1\n",
                script.toString(), "--module", "examples/demo/demo.wasm");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                (lia) answer 1
                error: the script is not blocked on a request
                (lia) run
                blocked: env.random()
                  expects: f64
                (lia) answer
                error: env.random expects 1 value [f64], got 0
                (lia) answer hello
                error: value 1: expected f64 (e.g. 1.5, -2e10, inf, nan, 0x1p-3), got 'hello'
                (lia) answer 0.5
                blocked: ask("why not" : octs, 3 : i32)
                  expects: i32
                (lia) run
                error: the script has already run
                (lia) answer 41
                3 : i32
                41 : i32
                (lia) answer 1
                error: the script is not blocked on a request
                (lia)\s
                """);
    }

    @Test
    void aTextModuleWithoutSourceLinesAndTheEndOfInputWhileStopped() {
        LiaCli.Result r = debug("""
                break demo.c:3
                break nonesuch
                step
                disas
                break add@0x99
                break add
                run add 2
                run add 2 3
                stack
                nexti
                nexti
                stack
                list
                """, "examples/demo/demo.wat");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(
                "error: the module has no source line information (DWARF .debug_line)",
                "error: no function nonesuch in the module",
                "error: the program is not running (run starts it)",
                "error: disas takes a function when the program is not running",
                "error: no instruction starts at byte offset 0x99 in add",
                "error: add takes 2 arguments, got 1",
                "Breakpoint 1, add @0x",
                "  [0] i32 = 2\n  [1] i32 = 3\n",
                "error: no source line here");
        assertThat(r.out()).endsWith("(lia) \nKilled add\n"); // the input ended while stopped
    }

    @Test
    void aWasiCommandRunsWithItsArgumentsAndItsOutput() {
        LiaCli.Result r = debug("""
                break fib
                run
                bt
                delete
                finish
                continue
                """, DEBUG.resolve("hello.wasm").toString(), "10");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(
                "Breakpoint 1, fib @0x328 (hello.c:5)\n  5 | static int fib(int n) {\n",
                "=>#0  fib @0x328 (hello.c:5): global.get 0\n  #1  main @0x2c2 (hello.c:13): call $fib\n",
                "main @0x2c8 (hello.c:13)\n  13 |         printf(\"fib(%d) = %d\\n\", i, fib(i));\n",
                "fib(0) = 0\nfib(5) = 5\nfib(10) = 55\nThe program exited with code 0\n");
        assertThat(debug("", DEBUG.resolve("demo.wasm").toString(), "10").err()).contains("does not import wasi_snapshot_preview1");
    }

    @Test
    void usageErrors(@TempDir Path dir) throws IOException {
        assertThat(debug("", "script.lia").err()).contains("a script needs --module");
        assertThat(debug("", "examples/demo/demo.wasm", "--module", "x.wasm").err()).contains("--module goes with a script");
        Path bad = dir.resolve("bad.wasm");
        Files.write(bad, new byte[] {0, 'a', 's', 'm', 9, 0, 0, 0});
        LiaCli.Result r = debug("", bad.toString());
        assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains(": malformed:");
    }

    @Test
    void trapsInOtherCommandsShowSourceLines() {
        LiaCli.Result call = LiaCli.run("call", DEBUG.resolve("demo.wasm").toString(), "checked_ratio", "1", "0");
        assertThat(call.exit()).isEqualTo(Main.FAILED);
        assertThat(call.err()).isEqualTo("""
                trap: integer divide by zero
                  wasm: divide @0x265 (demo.c:21)
                  wasm: checked_ratio @0x1f6 (demo.c:25)
                """);
    }

    @Test
    void traceShowsEveryInstruction() {
        LiaCli.Result r = debug("trace on\nrun divide 7 2\ntrace off\nrun divide 8 2\n", "examples/demo/demo.wasm");
        assertThat(r.out()).contains("Tracing on\n(lia) run divide 7 2\n  trace divide @0x");
        assertThat(r.out()).contains("  trace   quotient @0x", ": i32.div_s\n", "divide returned\n3 : i32\n");
        assertThat(r.out().substring(r.out().indexOf("Tracing off"))).doesNotContain("trace ");
    }

    @Test
    void helpListsTheCommands() {
        LiaCli.Result r = debug("help\n", "examples/demo/demo.wasm");
        assertThat(r.out()).contains("break LOCATION", "finish", "x ADDR [LEN]", "disas [FUNCTION]");
    }
}
