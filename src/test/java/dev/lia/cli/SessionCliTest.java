package dev.lia.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** lia run --session, lia resume, lia state: outcomes, exit codes, and damaged session files. */
class SessionCliTest {
    static final String DEMO = Path.of("examples/demo/demo.wasm").toAbsolutePath().toString();
    static final String ASK = """
            import i32 n
            i32 a = ext ask(n)
            f64 w = ext weigh("x", a)
            global.counter = global.counter + a
            return a + n, w, global.counter
            """;

    @TempDir
    Path dir;
    Path script;
    Path ses;

    @BeforeEach
    void files() throws Exception {
        script = dir.resolve("ask.lia");
        Files.writeString(script, ASK);
        ses = dir.resolve("ask.ses");
    }

    LiaCli.Result start() {
        return LiaCli.run("run", script.toString(), "--module", DEMO, "--arg", "n=5", "--session", ses.toString());
    }

    @Test
    void aSessionWhoseModuleHoldsACyclicStructResumesInAnotherRun() throws Exception {
        Path wat = dir.resolve("gc.wat");
        Files.writeString(wat, """
                (module
                  (type $n (struct (field i32) (field (mut (ref null $n)))))
                  (global $g (mut (ref null $n)) (ref.null $n))
                  (func (export "build") (param $k i32)
                    (local $a (ref $n))
                    (local.set $a (struct.new $n (local.get $k) (ref.null $n)))
                    (struct.set $n 1 (local.get $a) (local.get $a))
                    (global.set $g (local.get $a)))
                  (func (export "get") (result i32) (struct.get $n 0 (struct.get $n 1 (global.get $g)))))
                """);
        Files.writeString(script, "build(41)\ni32 n = ext more()\nreturn get() + n\n");
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", wat.toString(), "--session", ses.toString());
        assertThat(r.exit()).isEqualTo(3);
        r = LiaCli.run("state", ses.toString());
        assertThat(r.out()).contains("heap:   1 GC objects, 0 exceptions");
        r = LiaCli.run("resume", ses.toString(), "--result", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("42 : i32\n");
    }

    @Test
    void runBlocksResumeAnswersStateTells() throws Exception {
        LiaCli.Result r = start();
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).startsWith("blocked: ask(5 : i32)\n  expects: i32\nstate: sha256:");
        assertThat(Files.exists(ses)).isTrue();

        r = LiaCli.run("state", ses.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("module: sha256:", "1. " + script + "  ops ", "1. run " + script + " (n=5 : i32)",
                "pending: ask(5 : i32), expects: i32", "1 of 1 memory pages kept", "fuel used: ");

        r = LiaCli.run("resume", ses.toString(), "--result", "7", "--json");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).startsWith("{\"outcome\":\"blocked\",\"request\":{\"name\":\"weigh\"").contains("\"state\":\"sha256:",
                "\"origin\":\"cached\"");

        r = LiaCli.run("resume", ses.toString(), "--result", "i64:1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lia resume: weigh expects f64 as value 1, got i64\n");
        r = LiaCli.run("resume", ses.toString(), "--result", "abc");
        assertThat(r.err()).startsWith("lia resume: --result 1: ");

        r = LiaCli.run("resume", ses.toString(), "--result", "2.5");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("12 : i32\n2.5 : f64\n14 : i32\nstate: sha256:");
        // the finished step is recorded: nothing pending, and the same answer again is refused, not applied twice
        r = LiaCli.run("state", ses.toString());
        assertThat(r.out()).doesNotContain("pending").contains("last:   done: 12 : i32, ...");
        r = LiaCli.run("resume", ses.toString(), "--result", "2.5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("nothing to resume: the session in " + ses + " waits for the next script");
    }

    @Test
    void aFinishedRunIsRecordedWithoutKeep() throws Exception {
        Path ok = dir.resolve("ok.lia");
        Files.writeString(ok, "global.counter = global.counter + 1\nreturn global.counter");
        LiaCli.Result r = LiaCli.run("run", ok.toString(), "--module", DEMO, "--session", ses.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("8 : i32\nstate: sha256:");
        assertThat(Files.exists(ses)).isTrue();
        r = LiaCli.run("run", ok.toString(), "--session", ses.toString());
        assertThat(r.out()).startsWith("9 : i32\n");
        r = LiaCli.run("state", ses.toString());
        assertThat(r.out()).contains("1. run " + ok, "2. run " + ok, "last:   done: 9 : i32").doesNotContain("pending");
    }

    @Test
    void aTrappedStepIsRecordedAndTheSessionEnded() throws Exception {
        Path bad = dir.resolve("bad.lia");
        Files.writeString(bad, "i32 a = ext ask()\nreturn divide(a, 0)");
        LiaCli.Result r = LiaCli.run("run", bad.toString(), "--module", DEMO, "--session", ses.toString());
        assertThat(r.exit()).isEqualTo(3);
        r = LiaCli.run("resume", ses.toString(), "--result", "1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("trap: integer divide by zero");
        r = LiaCli.run("resume", ses.toString(), "--result", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("has ended");
        r = LiaCli.run("state", ses.toString());
        assertThat(r.out()).contains("last:   trap: integer divide by zero").doesNotContain("pending");
    }

    @Test
    void anotherScriptRunsInTheSameSession() throws Exception {
        Path inc = dir.resolve("inc.lia");
        Files.writeString(inc, "global.counter = global.counter + 1\nreturn global.counter");
        LiaCli.Result r = LiaCli.run("run", inc.toString(), "--module", DEMO, "--session", ses.toString(), "--keep");
        assertThat(r.out()).startsWith("8 : i32\n");
        r = LiaCli.run("run", inc.toString(), "--session", ses.toString(), "--keep", "--json");
        assertThat(r.out()).startsWith("{\"outcome\":\"done\",\"values\":[{\"type\":\"i32\",\"value\":\"9\"}]");
        r = LiaCli.run("run", inc.toString(), "--session", ses.toString(), "--module", Path.of("examples/loops/math.wasm").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("lia run: the session in " + ses + " is for module sha256:");
        // while a script is blocked, another cannot start
        r = LiaCli.run("run", script.toString(), "--session", ses.toString(), "--arg", "n=1");
        assertThat(r.exit()).isEqualTo(3);
        r = LiaCli.run("run", inc.toString(), "--session", ses.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lia run: the session is blocked on ask; resolve it first (lia resume " + ses + ")\n");
    }

    @Test
    void fuelRunsOutAndResumes() throws Exception {
        Path loop = dir.resolve("loop.lia");
        Files.writeString(loop, "t = 0\nfor i in 0 .. 100 { t = t + add(i, i) }\nreturn t");
        LiaCli.Result r = LiaCli.run("run", loop.toString(), "--module", DEMO, "--session", ses.toString(), "--fuel", "300", "--json");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).startsWith("{\"outcome\":\"out-of-fuel\",\"overdraft\":");
        int steps = 0;
        while (r.exit() == 4) {
            r = LiaCli.run("resume", ses.toString(), "--fuel", "300");
            steps++;
        }
        assertThat(steps).isGreaterThan(3);
        assertThat(r.out()).startsWith("9900 : i32\n");
        r = LiaCli.run("run", loop.toString(), "--module", DEMO, "--fuel", "10");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).startsWith("out of fuel (");
    }

    @Test
    void damagedSessionFilesAreRefusedEachWithItsOwnMessage() throws Exception {
        start();
        byte[] good = Files.readAllBytes(ses);
        Path bad = dir.resolve("bad.ses");

        Files.write(bad, Arrays.copyOf(good, good.length - 500));
        assertThat(resumeErr(bad)).isEqualTo("lia resume: " + bad + ": bad session file: truncated: the session file has "
                + (good.length - 500) + " of its " + good.length + " bytes\n");

        byte[] b = good.clone();
        b[100] ^= 1; // inside the log (the module)
        Files.write(bad, b);
        assertThat(resumeErr(bad)).isEqualTo("lia resume: " + bad + ": bad session file: corrupted: the session log's checksum does not match: "
                + "the file was changed or damaged\n");

        b = good.clone();
        b[8] = 7;
        Files.write(bad, b);
        assertThat(resumeErr(bad)).isEqualTo("lia resume: " + bad + ": bad session file: unknown version: the session file has format version 7; "
                + "this build reads version 2\n");

        Files.writeString(bad, "hello");
        assertThat(resumeErr(bad)).isEqualTo("lia resume: " + bad + ": bad session file: not a Lia file: the bytes do not start with "
                + "LIASESSF, as a session file does\n");

        b = good.clone();
        b[b.length - 1000] ^= 0x20; // inside the saved state's memory
        Files.write(bad, b);
        assertThat(resumeErr(bad)).isEqualTo("lia resume: " + bad + ": bad saved state: corrupted: the checksum does not match the content: "
                + "the state was changed or damaged (the session log is intact: add --replay to rebuild the state from it)\n");
        assertThat(LiaCli.run("state", bad.toString()).out()).contains("state:  unusable: corrupted");
        LiaCli.Result r = LiaCli.run("resume", bad.toString(), "--result", "7", "--replay", "--json");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("\"origin\":\"replayed\"");
        assertThat(LiaCli.run("state", bad.toString()).out()).doesNotContain("unusable"); // rewritten whole
    }

    @Test
    void aStateOfAnotherModuleInASessionFileIsRefused() throws Exception {
        start();
        Path other = dir.resolve("other.ses");
        Path inc = dir.resolve("x.lia");
        Files.writeString(inc, "y = 1\ni32 x = ext wait()\nreturn x");
        LiaCli.run("run", inc.toString(), "--module", Path.of("examples/loops/math.wasm").toString(), "--session", other.toString());
        // splice: this session's log with the other session's state
        var mine = dev.lia.state.SessionFile.decode(Files.readAllBytes(ses), dev.lia.wasm.runtime.Limits.DEFAULT);
        var theirs = dev.lia.state.SessionFile.decode(Files.readAllBytes(other), dev.lia.wasm.runtime.Limits.DEFAULT);
        var spliced = dev.lia.state.SessionFile.of(dev.lia.state.LoadedModule.of(mine.moduleBytes()), mine.session(), "blocked", theirs.state());
        Path bad = dir.resolve("bad.ses");
        spliced.write(bad);
        assertThat(resumeErr(bad)).startsWith("lia resume: " + bad + ": bad saved state: wrong module: the saved state is for module sha256:")
                .contains("the session's module is sha256:");
    }

    private String resumeErr(Path file) {
        LiaCli.Result r = LiaCli.run("resume", file.toString(), "--result", "7");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        return r.err();
    }
}
