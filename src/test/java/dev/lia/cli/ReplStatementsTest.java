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
        LiaCli.Result r = repl("s = \"ab\" ++ \"c\"\ns.len, s\n");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("3 : i32\n\"abc\" : octs\n");
    }

    @Test
    void theStartingModuleIsNamedAfterItsFile() throws Exception {
        Path m = Files.writeString(dir.resolve("m.wat"), WAT);
        LiaCli.Result r = repl("(module (func (export \"f\") (result i32) (i32.const 5)))\n(invoke \"f\")\n"
                + "(invoke $m \"add\" (i32.const 2) (i32.const 3))\n", m.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("module $m (m.wat): exports add, counter, memory, scale\nmodule: exports f\n5 : i32\n5 : i32\n");
    }
}
