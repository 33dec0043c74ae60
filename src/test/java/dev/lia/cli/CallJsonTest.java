package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lia call --json}: one JSON object per outcome, in the value form of {@code lia run --json}. */
class CallJsonTest {
    static final String MODULE = """
            (module
              (type $p (struct (field i32)))
              (func (export "add") (param i32 i64) (result i32 i64 f32) (local.get 0) (local.get 1) (f32.const -1.5))
              (func (export "v") (result v128) (v128.const i32x4 1 2 3 4))
              (func (export "obj") (result (ref $p)) (struct.new $p (i32.const 9)))
              (func $deep (unreachable))
              (func (export "boom") (call $deep))
              (tag $t (param i32))
              (func (export "throws") (throw $t (i32.const 5))))
            """;

    @TempDir
    Path dir;

    private LiaCli.Result call(String... rest) throws Exception {
        Path m = dir.resolve("m.wat");
        if (!Files.exists(m)) Files.writeString(m, MODULE);
        String[] args = new String[rest.length + 3];
        args[0] = "call";
        args[1] = m.toString();
        System.arraycopy(rest, 0, args, 2, rest.length);
        args[args.length - 1] = "--json";
        return LiaCli.run(args);
    }

    @Test
    void resultsOfEveryKind() throws Exception {
        LiaCli.Result r = call("add", "-1", "7"); // no host that prints: no "stdout" field
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("{\"outcome\":\"done\",\"values\":[{\"type\":\"i32\",\"value\":\"-1\"},"
                + "{\"type\":\"i64\",\"value\":\"7\"},{\"type\":\"f32\",\"value\":\"-1.5\",\"bits\":\"0xbfc00000\"}]}\n");
        assertThat(call("v").out()).contains("{\"type\":\"v128\",\"value\":\"i32x4 1 2 3 4\",\"hex\":\"01000000020000000300000004000000\"}");
        assertThat(call("obj").out()).startsWith("{\"outcome\":\"done\",\"values\":[{\"type\":\"(ref ").contains("\"value\":\"ref.");
    }

    @Test
    void whatTheProgramPrintsGoesIntoTheObject() throws Exception {
        Path m = Files.writeString(dir.resolve("noisy.wat"), """
                (module (import "spectest" "print_i32" (func $print (param i32)))
                  (func (export "noisy") (result i32) (call $print (i32.const 42)) (i32.const 1)))""");
        LiaCli.Result r = LiaCli.run("call", m.toString(), "noisy", "--json");
        assertThat(r.out().lines().count()).as(r.transcript()).isEqualTo(1);
        assertThat(r.out()).startsWith("{\"outcome\":\"done\"").contains("\"stdout\":\"42 : i32\\n\"");
    }

    @Test
    void aTrapAndAnUncaughtException() throws Exception {
        LiaCli.Result r = call("boom");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("{\"outcome\":\"trapped\",\"message\":\"unreachable\",\"backtrace\":[{\"function\":")
                .contains("\"offset\":\"0x");
        assertThat(r.out().lines().count()).isEqualTo(1);
        LiaCli.Result x = call("throws");
        assertThat(x.exit()).isEqualTo(1);
        assertThat(x.out()).startsWith("{\"outcome\":\"trapped\",\"message\":\"uncaught exception");
    }

    @Test
    void badArgumentsAreOneErrorObject() throws Exception {
        JsonErrorsTest.oneErrorObject(call("add", "1"), 2, "takes 2 arguments");
        JsonErrorsTest.oneErrorObject(call("nope"), 2, "no exported function");
    }

    @Test
    void aCommandWithoutTheOptionIgnoresAStrayJson() throws Exception {
        Path m = Files.writeString(dir.resolve("m.wat"), "(module)");
        LiaCli.Result r = LiaCli.run("wat2wasm", m.toString(), "--json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
    }

    /** Main's list of commands with --json matches their options: an error under --json is JSON exactly there. */
    @Test
    void theJsonCommandListMatchesTheOptions() {
        Set<String> withJson = new TreeSet<>();
        picocli.CommandLine all = Main.commandLine();
        all.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().findOption("--json") != null) withJson.add(name);
        });
        assertThat(withJson).isEqualTo(new TreeSet<>(Main.JSON_COMMANDS));
    }
}
