package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, defect 12: in lia debug, once a script is blocked in a wasm import, bt shows the suspended wasm stack. */
class DebugBlockedScriptTest {
    @TempDir
    Path dir;

    @Test
    void btShowsTheSuspendedWasmStackOfABlockedScript() throws Exception {
        Path s = Files.writeString(dir.resolve("b.lia"), "return roll(6)\n");
        LiaCli.Result r = DebugCommandTest.debug("run\nbt\nlocals\nanswer 0.5\nbt\n", s.toString(), "--module", "examples/demo/demo.wasm");
        assertThat(r.out()).contains("""
                (lia) run
                blocked: env.random()
                  expects: f64
                (lia) bt
                =>#0  roll @0x127: call $random
                (lia) locals
                  [0] $n: i32 = 6
                (lia) answer 0.5
                3 : i32
                (lia) bt
                """);
        assertThat(r.out()).contains("(lia) bt\nerror: the program is not running\n"); // errors are part of the transcript
    }
}
