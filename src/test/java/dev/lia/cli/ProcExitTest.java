package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, defect 4: proc_exit inside a script is the outcome "exited" with its code, in text, JSON and sessions. */
class ProcExitTest {
    static final String WAT = """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "quit") (param i32) (call $exit (local.get 0))))
            """;

    @TempDir
    Path dir;

    Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void exitZeroIsExitedWithCodeZeroAndExitStatusZero() throws Exception {
        Path m = file("q.wat", WAT);
        Path s = file("q.lia", "quit(0)\nreturn 1");
        LiaCli.Result r = LiaCli.run("run", s.toString(), "--module", m.toString(), "--wasi");
        assertThat(r.out()).isEqualTo("exited: code 0\n  at " + s + ":1:1\n");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void aNonZeroCodeIsStatusSixAndTheJsonHasTheCode() throws Exception {
        Path m = file("q.wat", WAT);
        Path s = file("q.lia", "quit(7)");
        LiaCli.Result r = LiaCli.run("run", s.toString(), "--module", m.toString(), "--wasi", "--json");
        assertThat(r.out()).startsWith("{\"outcome\":\"exited\",\"code\":7,\"at\":\"" + s + ":1:1\"");
        assertThat(r.exit()).isEqualTo(6);
        r = LiaCli.run("run", s.toString(), "--module", m.toString(), "--wasi");
        assertThat(r.out()).startsWith("exited: code 7\n");
        assertThat(r.exit()).isEqualTo(6);
        s = file("big.lia", "quit(-1)");
        r = LiaCli.run("run", s.toString(), "--module", m.toString(), "--wasi", "--json");
        assertThat(r.out()).startsWith("{\"outcome\":\"exited\",\"code\":4294967295,");
    }

    @Test
    void inASessionExitingEndsIt() throws Exception {
        Path m = file("q.wat", WAT);
        Path s = file("q.lia", "quit(0)");
        Path ses = dir.resolve("q.ses");
        LiaCli.Result r = LiaCli.run("run", s.toString(), "--module", m.toString(), "--wasi", "--session", ses.toString());
        assertThat(r.out()).startsWith("exited: code 0\n");
        assertThat(r.exit()).isZero();
        r = LiaCli.run("run", s.toString(), "--session", ses.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("exited with code 0");
        r = LiaCli.run("state", ses.toString());
        assertThat(r.out()).contains("last:   exited: code 0");
    }

    /** Issue 16, defect 12: exit status 3 meant both "internal error" and "blocked"; every status now means one thing. */
    @Test
    void everyExitStatusMeansOneThing() {
        java.util.List<Integer> codes = java.util.List.of(OutcomePrinter.DONE, OutcomePrinter.TRAPPED, OutcomePrinter.FAILED,
                OutcomePrinter.BLOCKED, OutcomePrinter.OUT_OF_FUEL, OutcomePrinter.EXITED, Main.INTERNAL);
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(Main.BAD_INPUT).isEqualTo(OutcomePrinter.FAILED);
        LiaCli.Result r = LiaCli.run("--help");
        assertThat(r.out()).contains("  70 internal error").doesNotContain("3  internal");
        assertThat(LiaCli.run("run", "--help").out()).contains("  3  blocked on a request", "  6  the program exited", "  70 internal error");
    }
}
