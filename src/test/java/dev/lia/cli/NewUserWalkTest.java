package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, walked again as a new user: what the second walk found, each pinned. */
class NewUserWalkTest {
    @TempDir
    Path dir;

    /** A script of Lia alone runs and checks without a module, as lia ops already compiled it. */
    @Test
    void runAndCheckTakeAnEmptyModuleWithoutModule() throws Exception {
        Path s = Files.writeString(dir.resolve("alone.lia"), "return 3 * 0.5, 1 < 0.5\n");
        LiaCli.Result r = LiaCli.run("run", s.toString());
        assertThat(r.out()).isEqualTo("1.5 : f64\n0 : i32\n");
        assertThat(r.exit()).isZero();
        r = LiaCli.run("check", s.toString());
        assertThat(r.out()).startsWith("ok: " + s);
        assertThat(r.exit()).isZero();

        Path calls = Files.writeString(dir.resolve("calls.lia"), "return add(1, 2)\n");
        r = LiaCli.run("run", calls.toString());
        assertThat(r.err()).contains("unknown export 'add'").endsWith(ScriptFiles.NO_MODULE + "\n");
        assertThat(r.exit()).isEqualTo(2);
        r = LiaCli.run("check", calls.toString());
        assertThat(r.err()).endsWith(ScriptFiles.NO_MODULE + "\n");
        r = LiaCli.run("run", calls.toString(), "--json");
        assertThat(r.out()).startsWith("{\"outcome\":\"failed\"");
        assertThat(r.err()).isEmpty();
    }

    /** The top-level help lists each exit status on a line of its own, and says the REPL runs Lia. */
    @Test
    void theHelpIsReadable() {
        LiaCli.Result r = LiaCli.run("--help");
        assertThat(r.out()).contains("\n  3  blocked on a request\n").contains("\n  6  the program exited (WASI proc_exit)")
                .contains("repl      Lia entries and spec script commands, read and run");
        r = LiaCli.run("call", "--help");
        assertThat(r.out()).contains("  6  with --wasi: the program exited (proc_exit)");
        r = LiaCli.run("check", "--help");
        assertThat(r.out()).contains("[--module=M.wasm]");
        r = LiaCli.run("repl", "--help");
        assertThat(r.out()).contains(".answer VALUE...").contains(".input").contains(".drop");
    }

    /** A mistyped command is named as one, with the commands there are, not as an "unmatched argument". */
    @Test
    void anUnknownCommandIsNamed() {
        LiaCli.Result r = LiaCli.run("frob", "x.wasm");
        assertThat(r.err()).startsWith("lia: unknown command 'frob' (commands: run, check, ops,").contains(", wasi, ")
                .endsWith("Try 'lia --help' for more information.\n");
        assertThat(r.exit()).isEqualTo(2);
        r = LiaCli.run("run", "x.lia", "--frob");
        assertThat(r.err()).startsWith("lia run: Unknown option: '--frob'");
    }

    /** The debugger takes a v128 argument as lia call does, lanes after the shape, and shows v128 locals as one value. */
    @Test
    void theDebuggerTakesAndShowsV128() throws Exception {
        Path m = Files.writeString(dir.resolve("v.wat"), """
                (module (func (export "f") (param v128 i32) (result v128) (local v128)
                  (local.set 2 (i32x4.add (local.get 0) (local.get 0))) (local.get 2)))
                """);
        LiaCli.Result r = DebugCommandTest.debug("break f\nrun f i32x4 1 2 3 4 7\nlocals\ncontinue\nquit\n", m.toString());
        assertThat(r.out()).contains("i32x4 1 2 3 4").contains("= 7").contains("f returned\ni32x4 2 4 6 8 : v128");
        r = DebugCommandTest.debug("run f i32x4 1 2 3\nquit\n", m.toString());
        assertThat(r.out()).contains("error: ");
    }

    /** lia call takes every reference type it can name: null where nullable, i31 values, host handles. */
    @Test
    void callTakesTheReferenceTypesOf30() throws Exception {
        Path m = Files.writeString(dir.resolve("refs.wat"), """
                (module
                  (type $p (struct (field i32)))
                  (func (export "isnull") (param anyref) (result i32) (ref.is_null (local.get 0)))
                  (func (export "i31") (param eqref) (result i32) (i31.get_s (ref.cast i31ref (local.get 0))))
                  (func (export "nn") (param (ref extern)) (result (ref extern)) (local.get 0))
                  (func (export "obj") (param (ref null $p)) (result i32) (ref.is_null (local.get 0))))
                """);
        assertThat(LiaCli.run("call", m.toString(), "isnull", "null").out()).isEqualTo("1 : i32\n");
        assertThat(LiaCli.run("call", m.toString(), "isnull", "ref.i31 5").out()).isEqualTo("0 : i32\n");
        assertThat(LiaCli.run("call", m.toString(), "i31", "ref.i31 -3").out()).isEqualTo("-3 : i32\n");
        assertThat(LiaCli.run("call", m.toString(), "nn", "9").out()).isEqualTo("ref.extern 9 : (ref extern)\n");
        assertThat(LiaCli.run("call", m.toString(), "obj", "null").out()).isEqualTo("1 : i32\n");
        LiaCli.Result r = LiaCli.run("call", m.toString(), "nn", "null");
        assertThat(r.err()).isEqualTo("lia call: argument 1 ((ref extern)): (ref extern) is not nullable: \"null\" cannot be given for it\n");
        assertThat(r.exit()).isEqualTo(2);
        r = LiaCli.run("call", m.toString(), "obj", "ref.i31 1");
        assertThat(r.err()).contains("is not a valid (ref null 0) (only null can be given");
        assertThat(r.exit()).isEqualTo(2);
    }
}
