package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** lia call links what it can (spectest, WASI with --wasi) and fails only when a missing import is called, naming it. */
class CallLinkingTest {
    static final String DEMO = Path.of("examples/demo/demo.wasm").toAbsolutePath().toString();

    @TempDir
    Path dir;

    @Test
    void aModuleWithAnUnrelatedImportCanBeCalled() {
        LiaCli.Result r = LiaCli.run("call", DEMO, "add", "1", "2");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("3 : i32\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void callingTheMissingImportTrapsWithItsName() {
        LiaCli.Result r = LiaCli.run("call", DEMO, "roll", "6");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("trap: import env.random was called, and lia call does not link it (it links spectest, "
                + "and WASI with --wasi; a Lia script can provide it)\n  wasm: roll @0x");
    }

    @Test
    void wasiIsLinkedWithTheOption() throws Exception {
        Path m = Files.writeString(dir.resolve("q.wat"), ProcExitTest.WAT);
        LiaCli.Result r = LiaCli.run("call", m.toString(), "quit", "3");
        assertThat(r.err()).startsWith("trap: import wasi_snapshot_preview1.proc_exit was called");
        r = LiaCli.run("call", m.toString(), "quit", "3", "--wasi");
        assertThat(r.out()).isEqualTo("exited: code 3\n");
        assertThat(r.exit()).isEqualTo(6);
        assertThat(LiaCli.run("call", "--wasi", m.toString(), "quit", "0").exit()).isZero();
    }
}
