package dev.lia.state;

import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real process boundaries: a session started here is continued by another JVM (and the other way
 * round), with the same outcomes and state hashes as a straight run in this process; the same
 * session on JDK 25 gives the same hashes (a WASI program's too, its output included); a write killed
 * midway leaves the old file whole.
 */
class CrossProcessTest {
    static final Pattern STATE = Pattern.compile("\"state\":\"(sha256:[0-9a-f]{64})\"");

    static String hash(String json) {
        Matcher m = STATE.matcher(json);
        assertThat(m.find()).as("a state hash in " + json).isTrue();
        return m.group(1);
    }

    static Path file(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void anotherJvmContinuesWhereThisOneStopped(@TempDir Path dir) throws Exception {
        Cases.Case c = Cases.rich();
        Cases.Result straight = Cases.drive(c, LiveSession.UNLIMITED, false);
        Path module = dir.resolve("rich.wasm");
        Files.write(module, c.module());
        file(dir, "rich.lia", c.scripts().get(0).source());
        file(dir, "rich-more.lia", c.scripts().get(1).source());
        Path java = Jvm.currentJava();

        // here: run until the first request, with little fuel per step, in process
        var r = dev.lia.cli.LiaCli.run("run", dir.resolve("rich.lia").toString(), "--module", module.toString(), "--arg", "n=6",
                "--session", dir.resolve("s.ses").toString(), "--fuel", "5000", "--json");
        while (r.exit() == 4) {
            r = dev.lia.cli.LiaCli.run("resume", dir.resolve("s.ses").toString(), "--fuel", "5000", "--json");
        }
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(hash(r.out())).isEqualTo(straight.blockedHashes().get(0));
        // there: the answers, each in a new process
        Jvm.Run x = Jvm.lia(java, dir, "resume", "s.ses", "--result", "5", "--json");
        assertThat(x.exit()).as(x.err()).isEqualTo(3);
        assertThat(hash(x.out())).isEqualTo(straight.blockedHashes().get(1));
        x = Jvm.lia(java, dir, "resume", "s.ses", "--result", "i32:2", "--json", "--keep");
        assertThat(x.exit()).as(x.err()).isEqualTo(0);
        assertThat(x.out()).contains("\"outcome\":\"done\"");
        // back here: another script in the same session, answered in yet another process
        r = dev.lia.cli.LiaCli.run("run", dir.resolve("rich-more.lia").toString(), "--session", dir.resolve("s.ses").toString(), "--json");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(hash(r.out())).isEqualTo(straight.blockedHashes().get(2));
        x = Jvm.lia(java, dir, "resume", "s.ses", "--result", "-7", "--json", "--keep");
        assertThat(x.exit()).as(x.err()).isEqualTo(0);
        assertThat(hash(x.out())).isEqualTo(straight.finalHash());
        Outcome last = straight.outcomes().get(straight.outcomes().size() - 1);
        assertThat(last).isEqualTo(new Outcome.Done(((Outcome.Done) last).values()));
        assertThat(x.out()).contains("\"value\":\"" + ((Outcome.Done) last).values().get(0).asI32() + "\"");
    }

    @Test
    void jdk25GivesTheSameStateHashes(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Jvm.exists(Jvm.JDK25), "no JDK 25 at " + Jvm.JDK25);
        Path java25 = Jvm.JDK25.resolve("bin").resolve("java");
        Cases.Case c = Cases.demo();
        Cases.Result straight = Cases.drive(c, LiveSession.UNLIMITED, false);
        Path module = dir.resolve("demo.wasm");
        Files.write(module, c.module());
        file(dir, "demo.lia", c.scripts().get(0).source());
        Jvm.Run x = Jvm.lia(java25, dir, "run", "demo.lia", "--module", "demo.wasm", "--arg", "name=\"lia\"", "--session", "d.ses", "--json");
        assertThat(x.exit()).as(x.err()).isEqualTo(3);
        assertThat(hash(x.out())).isEqualTo(straight.blockedHashes().get(0));
        x = Jvm.lia(java25, dir, "resume", "d.ses", "--result", "41", "--json");
        assertThat(hash(x.out())).isEqualTo(straight.blockedHashes().get(1));
        // the state JDK 25 wrote is read here, on this JDK, and the other way round
        var r = dev.lia.cli.LiaCli.run("resume", dir.resolve("d.ses").toString(), "--result", "0.25", "--json");
        assertThat(hash(r.out())).isEqualTo(straight.blockedHashes().get(2));
        x = Jvm.lia(java25, dir, "resume", "d.ses", "--result", "f64:nan:0x123", "--json", "--keep");
        assertThat(x.exit()).as(x.err()).isEqualTo(0);
        assertThat(hash(x.out())).isEqualTo(straight.finalHash());
        // and a corpus program stopped by fuel on JDK 25, finished here
        Path fib = dev.lia.wasm.spec.SuiteLocation.corpus().resolve("core").resolve("fib.wasm");
        Cases.Case corpus = Cases.corpus(fib);
        Cases.Result whole = Cases.drive(corpus, LiveSession.UNLIMITED, false);
        Files.writeString(dir.resolve("corpus.lia"), corpus.scripts().get(0).source());
        x = Jvm.lia(java25, dir, "run", "corpus.lia", "--module", fib.toString(), "--session", "c.ses", "--fuel",
                Long.toString(whole.fuelUsed() / 2), "--json");
        assertThat(x.exit()).as(x.err()).isEqualTo(4);
        r = dev.lia.cli.LiaCli.run("resume", dir.resolve("c.ses").toString(), "--json", "--keep");
        assertThat(r.exit()).as(r.err()).isEqualTo(0);
        assertThat(hash(r.out())).isEqualTo(whole.finalHash());
    }

    @Test
    void aWasiSessionMovesBetweenJdk17AndJdk25WithTheSameStates(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Jvm.exists(Jvm.JDK25), "no JDK 25 at " + Jvm.JDK25);
        Path java25 = Jvm.JDK25.resolve("bin").resolve("java");
        Path lines = Path.of("examples/wasi/lines.wasm").toAbsolutePath();
        file(dir, "lines.lia", "_start()\n");
        String here = dir.resolve("here.ses").toString();
        List<String> straight = new java.util.ArrayList<>();
        straight.add(dev.lia.cli.LiaCli.run("run", dir.resolve("lines.lia").toString(), "--module", lines.toString(), "--wasi", "--seed", "3",
                "--session", here, "--json").out());
        straight.add(dev.lia.cli.LiaCli.run("resume", here, "--result", "\"hello\\n\"", "--json").out());
        straight.add(dev.lia.cli.LiaCli.run("resume", here, "--result", "\"\"", "--json", "--keep").out());

        Jvm.Run x = Jvm.lia(java25, dir, "run", "lines.lia", "--module", lines.toString(), "--wasi", "--seed", "3", "--session", "w.ses", "--json");
        assertThat(x.exit()).as(x.err()).isEqualTo(3);
        assertThat(hash(x.out())).isEqualTo(hash(straight.get(0)));
        var r = dev.lia.cli.LiaCli.run("resume", dir.resolve("w.ses").toString(), "--result", "\"hello\\n\"", "--json");
        assertThat(hash(r.out())).isEqualTo(hash(straight.get(1)));
        assertThat(r.out()).contains("\"stdout\":\"1: olleh");
        x = Jvm.lia(java25, dir, "resume", "w.ses", "--result", "\"\"", "--json", "--keep");
        assertThat(x.exit()).as(x.err()).isEqualTo(0);
        assertThat(x.out().strip()).as("the same outcome, output and state hash").isEqualTo(straight.get(2).strip());
    }

    @Test
    void aWriteKilledMidwayLeavesThePreviousFileWhole(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("session.ses");
        byte[] old = "the previous session file".getBytes(StandardCharsets.UTF_8);
        Files.write(target, old);
        Process p = new ProcessBuilder(Jvm.currentJava().toString(), "-cp", Jvm.classpath(), SlowWriter.class.getName(),
                target.toString(), Integer.toString(8 << 20)).redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).isEqualTo("HALF");
            assertThat(Files.readAllBytes(target)).isEqualTo(old); // half of the new content is on disk, elsewhere
            p.destroyForcibly();
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(old);
        try (var files = Files.list(dir)) {
            // what the killed writer left is a temporary file beside it, which nothing reads
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("session.ses")))
                    .allMatch(n -> n.startsWith(".session.ses.") && n.endsWith(".tmp"));
        }
        // and the next write replaces the file whole
        AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void aStateSavedHereLoadsInAnotherJvm(@TempDir Path dir) throws Exception {
        Cases.Case c = Cases.handlers();
        LoadedModule m = LoadedModule.of(c.module());
        var programs = Cases.programs(c, m);
        LiveSession live = LiveSession.start(m);
        Outcome o = live.run(programs.values().iterator().next(), Map.of("n", Value.i32(10)), LiveSession.UNLIMITED);
        assertThat(o).isInstanceOf(Outcome.Blocked.class);
        // the session as a file, written by this process, resumed by another
        Session.Script script = new Session.Script("handlers.lia", c.scripts().get(0).source(), programs.keySet().iterator().next());
        Session s = Session.of(m, dev.lia.wasm.runtime.Limits.DEFAULT).with(new Session.Run(script, Map.of("n", Value.i32(10)), LiveSession.UNLIMITED));
        SessionFile.of(m, s, "blocked", live.save()).write(dir.resolve("h.ses"));
        live.resolve(List.of(), LiveSession.UNLIMITED);
        Jvm.Run x = Jvm.lia(Jvm.currentJava(), dir, "resume", "h.ses", "--json");
        assertThat(x.exit()).as(x.err()).isEqualTo(0);
        assertThat(x.out()).contains("\"origin\":\"cached\"");
        assertThat(hash(x.out())).isEqualTo(StateCodec.hashText(live.save()));
    }
}
