package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** lia repl runs Lia statements against the current module: variables stay, blocks span lines, errors have places. */
class ReplStatementsTest {
    static final String WAT = """
            (module
              (memory (export "memory") 1)
              (global (export "counter") (mut i32) (i32.const 7))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "scale") (param f64 f64) (result f64) (f64.mul (local.get 0) (local.get 1))))
            """;

    @TempDir
    Path dir;

    LiaCli.Result repl(String input, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "repl";
            System.arraycopy(args, 0, all, 1, args.length);
            return LiaCli.run(all);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void statementsRunAgainstTheModuleAndVariablesStay() throws Exception {
        Path m = Files.writeString(dir.resolve("m.wat"), WAT);
        LiaCli.Result r = repl("""
                x = add(1, 2)
                x
                x = x * 10
                x + 1, scale(0.5, 3)
                i = 0
                while i < 3 {
                  i = i + 1
                }
                i
                global.counter = global.counter + x
                (get "counter")
                memory.write("hi", 16)
                memory.read(16, 2)
                """, m.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                module $m (m.wat): exports add, counter, memory, scale
                3 : i32
                31 : i32
                1.5 : f64
                3 : i32
                37 : i32
                "hi" : octs
                """);
        assertThat(r.exit()).isZero();
    }

    @Test
    void errorsArePlacedInTheEntryAndTheSessionGoesOn() throws Exception {
        Path m = Files.writeString(dir.resolve("m.wat"), WAT);
        LiaCli.Result r = repl("x = 1\nnope(x)\ny = 1 +\nx = x / 0\nx\n", m.toString());
        assertThat(r.err()).isEqualTo("""
                input:1:1: unknown export 'nope'; the module exports functions: add, scale
                    nope(x)
                    ^^^^^^^
                input:1:8: unexpected end of script; expected an expression
                    y = 1 +
                           ^
                trap: integer divide by zero
                  at input:1:7 (in the script)
                """);
        assertThat(r.out()).endsWith("1 : i32\n");
    }

    @Test
    void withoutAModuleStatementsRunAlone() {
        LiaCli.Result r = repl("s = \"ab\" ++ \"c\"\ns.len, s\n(s.len + 1) * 2\n.help\n");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("3 : i32\n\"abc\" : octs\n8 : i32\n" + ReplStatements.HELP + "\n");
    }

    @Test
    void theStartingModuleIsNamedAfterItsFile() throws Exception {
        Path m = Files.writeString(dir.resolve("m.wat"), WAT);
        LiaCli.Result r = repl("(module (func (export \"f\") (result i32) (i32.const 5)))\n(invoke \"f\")\n"
                + "(invoke $m \"add\" (i32.const 2) (i32.const 3))\n", m.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("module $m (m.wat): exports add, counter, memory, scale\nmodule: exports f\n5 : i32\n5 : i32\n");
    }

    @Test
    void aBlockedEntryWaitsForItsAnswerAndGoesOn() {
        LiaCli.Result r = repl("""
                i32 n, octs v = ext kv.get("answer", 42)
                x = 1
                .answer 1
                .answer 7 "seven"
                n + 1, v
                ext log("done")
                .answer
                .answer 1
                """, "examples/demo/demo.wasm");
        assertThat(r.err()).isEqualTo("""
                blocked: kv.get("answer" : octs, 42 : i32)
                  expects: i32, octs
                  (answer with .answer VALUE..., or give the entry up with .drop)
                error: the last entry is blocked on kv.get: answer it with .answer VALUE..., or give it up with .drop
                error: .answer: kv.get expects 2 values [i32, octs], got 1
                blocked: log("done" : octs)
                  expects: nothing
                  (answer with .answer VALUE..., or give the entry up with .drop)
                error: no entry is blocked on a request
                """);
        assertThat(r.out()).endsWith("8 : i32\n\"seven\" : octs\n");
    }

    @Test
    void anImportNoHandlerAnswersBlocksAndTheAnswerIsWhatWasmGets() {
        LiaCli.Result r = repl("""
                roll(6)
                .answer 0.5
                (invoke "roll" (i32.const 6))
                y = roll(10)
                .drop
                y
                """, "examples/demo/demo.wasm");
        assertThat(r.out()).endsWith("\n3 : i32\n");
        assertThat(r.err()).isEqualTo("""
                blocked: env.random()
                  expects: f64
                  (answer with .answer VALUE..., or give the entry up with .drop)
                trap: host function env.random cannot answer: it is answered by a driver, and there is none
                  (in the REPL, Lia answers the imports nothing registered provides: call the export from a Lia entry, \
                which a handler `on module.name(...) -> ... { ... }` answers, or which blocks until .answer)
                blocked: env.random()
                  expects: f64
                  (answer with .answer VALUE..., or give the entry up with .drop)
                dropped the entry blocked on env.random
                input:1:1: undefined name 'y'
                    y
                    ^
                """);
    }

    @Test
    void handlersStayForLaterEntriesUntilRedefinedOrAnotherModule() {
        LiaCli.Result r = repl("""
                on env.random() -> f64 { return 0.5 }   # stays (a comment with a ( in it)
                roll(6)
                on env.random() -> f64 {
                    return 0.25
                }
                roll(100), add(1, 2)
                (module (func (export "f") (result i32) (i32.const 1)))
                f()
                """, "examples/demo/demo.wasm");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).endsWith("3 : i32\n25 : i32\n3 : i32\nmodule: exports f\n1 : i32\n");
    }

    @Test
    void inputsTakeTheValuesGivenWithDotInput() throws Exception {
        Path bytes = Files.write(dir.resolve("b.bin"), new byte[] {1, 2});
        LiaCli.Result r = repl(".input n=0x10\n.input name=\"Lia\"\n.input b=@" + bytes + "\nimport i32 n\nimport octs name\n"
                + "import octs b\nn + 1, name, b\nimport i64 m\n.input m=x\nimport i64 m\n.input oops\n.nope\n"
                + ".input n=3\nimport i32 n\nn\n");
        assertThat(r.out()).isEqualTo("17 : i32\n\"Lia\" : octs\nhex:0102 : octs\n3 : i32\n");
        assertThat(r.err()).isEqualTo("""
                error: input 'm' (i64) has no value: give it first with .input m=VALUE
                error: input 'm': expected i64 (a decimal or 0x hex integer), got 'x'
                error: .input takes NAME=VALUE, got 'oops'
                error: unknown command .nope; the commands are .input, .answer, .drop, .help
                """);
    }

    @Test
    void anInstanceLivesInItsEntry() {
        LiaCli.Result r = repl("""
                .input code=@examples/demo/twice.wasm
                import octs code
                t = instantiate(code, env.add = add, env.memory = memory); i32 x = t.twice(21); i32 h = t.peek(16); return x, h
                first = instantiate(code, env.add = add, env.memory = memory); second = instantiate(code, env.add = first.sum, env.memory = memory); i64 y = second.twice(5)
                i32 z = t.twice(1)
                """, "examples/demo/demo.wasm");
        assertThat(r.out()).endsWith("42 : i32\n104 : i32\n");
        assertThat(r.err()).isEqualTo("""
                failed: the instance's export 'twice' is (i32) -> i32; the script calls it as (i32) -> i64
                  at input:1:142
                input:1:9: undefined name 't'
                    i32 z = t.twice(1)
                            ^^^^^^^^^^
                  (t held an instance, which lives in its entry only: call its exports in the entry that instantiates, \
                after ';': t = instantiate(...); i32 x = t.f(1))
                """);
    }
}
