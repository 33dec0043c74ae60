package dev.lia.cli;

import dev.lia.state.DirectorySessionStore;
import dev.lia.state.SessionFile;
import dev.lia.state.SessionStore;
import dev.lia.state.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** lia run/resume/state with --store (a directory, PostgreSQL), lia sessions, and concurrent resumes that lose nothing. */
class SessionStoreCliTest {
    static final String DEMO = Path.of("examples/demo/demo.wasm").toAbsolutePath().toString();
    static final String LOOP = """
            i32 total = 0
            for i in 0 .. 100000 {
              i32 a = ext ask(i)
              total = total + a
            }
            return total
            """;

    @TempDir
    Path dir;
    Path script;

    @BeforeEach
    void files() throws Exception {
        script = dir.resolve("loop.lia");
        Files.writeString(script, LOOP);
    }

    static List<Integer> answers(SessionFile f) {
        List<Integer> out = new ArrayList<>();
        for (dev.lia.state.Session.Event e : f.session().events()) {
            if (e instanceof dev.lia.state.Session.Resolve r) out.add(r.values().get(0).asI32());
        }
        return out;
    }

    /** Eight threads resume one blocked session at once, round after round: every acknowledged answer is kept, every refused one is not. */
    void concurrentResumesLoseNothing(String[] where, SessionStore store, String name) throws Exception {
        int threads = 8;
        int rounds = 5;
        List<Integer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int r = 0; r < rounds; r++) {
                List<Future<LiaCli.Result>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int value = 100 * r + t;
                    List<String> args = new ArrayList<>(List.of("resume"));
                    args.addAll(List.of(where));
                    args.addAll(List.of("--result", Integer.toString(value)));
                    results.add(pool.submit(() -> LiaCli.run(args.toArray(String[]::new))));
                }
                for (int t = 0; t < threads; t++) {
                    LiaCli.Result res = results.get(t).get(2, TimeUnit.MINUTES);
                    if (res.exit() == 3) {
                        acknowledged.add(100 * r + t);
                    } else {
                        assertThat(res.exit()).as(res.err()).isEqualTo(5);
                        assertThat(res.err()).matches("lia resume: .*: session changed since it was read \\(now at event \\d+\\); nothing was written\n");
                        assertThat(res.out()).isEmpty();
                        refused.add(100 * r + t);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> kept = answers(store.read(name).file());
        assertThat(kept).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(kept).doesNotContainAnyElementsOf(refused);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(rounds);
    }

    @Test
    void concurrentResumesOfASessionFileLoseNothing() throws Exception {
        Path ses = dir.resolve("s.session");
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", DEMO, "--session", ses.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        // a second start of the same new session loses: the file exists now
        concurrentResumesLoseNothing(new String[] {ses.toString()}, new DirectorySessionStore(dir), "s.session");
    }

    @Test
    void concurrentResumesInPostgresLoseNothing() throws Exception {
        String url = TestPostgres.freshDatabase();
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", DEMO, "--store", url, "--session", "job");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        try (SessionStore store = SessionStore.open(url)) {
            concurrentResumesLoseNothing(new String[] {"--store", url, "--session", "job"}, store, "job");
        }
    }

    void storeCommands(String url) {
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", DEMO, "--store", url, "--session", "job-1");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).startsWith("blocked: ask(0 : i32)\n  expects: i32\nstate: sha256:");
        r = LiaCli.run("resume", "--store", url, "--session", "job-1", "--result", "4", "--json");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).contains("\"origin\":\"cached\"", "\"args\":[{\"type\":\"i32\",\"value\":\"1\"}]");
        r = LiaCli.run("state", "--store", url, "--session", "job-1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("session job-1 in ").contains("1. run ", "2. resolve ask with (4 : i32)", "pending: ask(1 : i32)");
        r = LiaCli.run("run", script.toString(), "--module", DEMO, "--store", url, "--session", "job-2", "--fuel", "3");
        assertThat(r.exit()).as(r.err()).isEqualTo(4);
        r = LiaCli.run("sessions", "--store", url);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("job-1\njob-2\n");
        r = LiaCli.run("sessions", "--store", url, "--remove", "job-1", "--remove", "nope");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("removed job-1\n");
        assertThat(r.err()).startsWith("lia sessions: no session nope in ");
        r = LiaCli.run("state", "--store", url, "--session", "job-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("lia state: no session job-1 in ");
        r = LiaCli.run("resume", "--store", url, "--session", "../x", "--result", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("lia resume: a session name has 1 to 200 letters");
    }

    @Test
    void aDirectoryStore() {
        storeCommands(dir.resolve("store").toString());
        assertThat(Files.exists(dir.resolve("store").resolve("job-2"))).isTrue();
    }

    @Test
    void aPostgresStore() {
        storeCommands(TestPostgres.freshDatabase());
    }

    @Test
    void anUnreachableStoreIsOneLine() {
        LiaCli.Result r = LiaCli.run("state", "--store", "postgresql://127.0.0.1:1/x?user=lia", "--session", "s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("lia state: cannot reach the PostgreSQL store postgresql://127.0.0.1:1/x?user=lia: ").hasLineCount(1);
        r = LiaCli.run("resume", "a.ses", "--session", "b");
        assertThat(r.err()).isEqualTo("lia resume: give the session file or --session NAME, not both\n");
        r = LiaCli.run("resume");
        assertThat(r.err()).isEqualTo("lia resume: give the session: FILE, or --session NAME\n");
        r = LiaCli.run("run", script.toString(), "--module", DEMO, "--store", dir.toString());
        assertThat(r.err()).isEqualTo("lia run: --store and --retention go with --session\n");
    }

    void retention(String url) {
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", DEMO, "--store", url, "--session", "r", "--retention", "never");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        r = LiaCli.run("state", "--store", url, "--session", "r");
        assertThat(r.out()).contains("state:  none saved (the log replays)");
        r = LiaCli.run("resume", "--store", url, "--session", "r", "--result", "1", "--json");
        assertThat(r.out()).contains("\"origin\":\"replayed\"");
        r = LiaCli.run("state", "--store", url, "--session", "r");
        assertThat(r.out()).contains("state:  sha256:"); // the default, always, keeps it
        r = LiaCli.run("resume", "--store", url, "--session", "r", "--result", "2", "--json");
        assertThat(r.out()).contains("\"origin\":\"cached\"");
        r = LiaCli.run("resume", "--store", url, "--session", "r", "--result", "2", "--retention", "sometimes");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lia resume: --retention is always, while-blocked or never, not sometimes\n");
    }

    @Test
    void retentionInADirectoryStore() {
        retention(dir.resolve("store").toString());
    }

    @Test
    void retentionInPostgres() {
        retention(TestPostgres.freshDatabase());
    }
}
