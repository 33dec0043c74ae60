package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, defect 12: a cut backtrace says how many frames it left out; wast -q prints the totals only. */
class BacktraceAndQuietTest {
    static final String DEEP = """
            (module
              (func $deep (export "deep") (param i32)
                (if (i32.eqz (local.get 0)) (then unreachable))
                (call $deep (i32.sub (local.get 0) (i32.const 1)))))
            """;

    @TempDir
    Path dir;

    @Test
    void aBacktraceCutAt64FramesSaysHowManyAreLeftOut() throws Exception {
        Path m = Files.writeString(dir.resolve("deep.wat"), DEEP);
        LiaCli.Result r = LiaCli.run("call", m.toString(), "deep", "100");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("  wasm: deep @0x")).count()).isEqualTo(64);
        assertThat(r.err()).endsWith("\n  ... 37 more frames\n"); // 101 frames in all
        Path s = Files.writeString(dir.resolve("s.lia"), "deep(100)");
        r = LiaCli.run("run", s.toString(), "--module", m.toString());
        assertThat(r.out()).endsWith("\n  ... 37 more frames\n");
        r = LiaCli.run("run", s.toString(), "--module", m.toString(), "--json");
        assertThat(r.out()).contains("],\"omittedFrames\":37}");
        // compiled code counts the frames it leaves out the same way
        r = LiaCli.run("call", "--tier", "compiled", m.toString(), "deep", "100");
        assertThat(r.err().lines().filter(l -> l.startsWith("  wasm: deep @0x")).count()).isEqualTo(64);
        assertThat(r.err()).endsWith("\n  ... 37 more frames\n");
        // a short stack has no such line
        assertThat(LiaCli.run("call", m.toString(), "deep", "3").err()).doesNotContain("more frame");
    }

    @Test
    void wastQuietPrintsOnlyTheTotals() throws Exception {
        Path a = Files.writeString(dir.resolve("a.wast"), "(module (func (export \"f\") (result i32) (i32.const 1)))\n"
                + "(assert_return (invoke \"f\") (i32.const 2))\n");
        Path b = Files.writeString(dir.resolve("b.wast"), "(module (func (export \"f\") (result i32) (i32.const 1)))\n"
                + "(assert_return (invoke \"f\") (i32.const 1))\n");
        LiaCli.Result r = LiaCli.run("wast", "-q", a.toString(), b.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("3 passed, 1 failed, 0 skipped\n"); // modules count as commands
        assertThat(LiaCli.run("wast", a.toString(), b.toString()).out().lines().count()).isGreaterThan(2);
    }
}
