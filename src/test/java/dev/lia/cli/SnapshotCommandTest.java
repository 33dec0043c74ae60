package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotCommandTest {
    @TempDir
    Path dir;

    Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theSnapshotStartsWhereTheScriptLeftTheInstance() throws Exception {
        Path change = file("change.lia", """
                memory.write(" and a snapshot", 31)
                global.counter = global.counter * 6
                """);
        Path out = dir.resolve("changed.wasm");
        LiaCli.Result r = LiaCli.run("snapshot", change.toString(), "--module", "examples/demo/demo.wasm", "-o", out.toString());
        assertThat(r.transcript()).isEqualTo("exit 0\n" + out + ": " + Files.size(out) + " bytes, 1 data segment over 1 pages\n");

        Path read = file("read.lia", "return memory.read(16, 30), global.counter\n");
        assertThat(LiaCli.run("run", read.toString(), "--module", out.toString()).transcript()).isEqualTo("""
                exit 0
                "hello from wasm and a snapshot" : octs
                42 : i32
                """);
    }

    @Test
    void aScriptThatDoesNotFinishWritesNothing() throws Exception {
        Path out = dir.resolve("never.wasm");
        LiaCli.Result r = LiaCli.run("snapshot", file("roll.lia", "x = roll(6)\n").toString(), "--module", "examples/demo/demo.wasm",
                "-o", out.toString());
        assertThat(r.transcript()).isEqualTo("exit 3\nblocked: env.random()\n  expects: f64\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void aModuleTheScriptCannotInstantiateWritesNothing() throws Exception {
        Path module = file("imports.wat", "(module (import \"env\" \"memory\" (memory 1)))");
        Path out = dir.resolve("x.wasm");
        LiaCli.Result r = LiaCli.run("snapshot", file("empty.lia", "").toString(), "--module", module.toString(), "-o", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot instantiate the module: unknown import env.memory");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutputInAMissingDirectoryIsOneLineSayingSo() throws Exception {
        Path out = dir.resolve("missing").resolve("x.wasm");
        LiaCli.Result r = LiaCli.run("snapshot", file("empty.lia", "").toString(), "--module", "examples/demo/demo.wasm", "-o", out.toString());
        assertThat(r.transcript()).isEqualTo("exit 2\nlia snapshot: cannot write " + out + ": no such directory " + out.getParent() + "\n");
    }

    @Test
    void anOutputThatIsADirectoryIsRefused() throws Exception {
        LiaCli.Result r = LiaCli.run("snapshot", file("empty.lia", "").toString(), "--module", "examples/demo/demo.wasm", "-o", dir.toString());
        assertThat(r.transcript()).isEqualTo("exit 2\nlia snapshot: cannot write " + dir + ": it is a directory\n");
        assertThat(dir).isDirectory();
    }

    @Test
    void withWasiTheScriptCanRunAWasiProgramFirst() throws Exception {
        Path out = dir.resolve("clockrand.wasm");
        LiaCli.Result r = LiaCli.run("snapshot", file("start.lia", "_start()\n").toString(), "--module", "src/test/resources/wasi/clockrand.wasm",
                "--wasi", "-o", out.toString());
        assertThat(r.exit()).as(r.transcript()).isZero();
        assertThat(r.out()).startsWith("realtime 1704067200.001000000").contains(out + ": " + Files.size(out) + " bytes");
    }
}
