package dev.lia.state;

import dev.lia.script.value.Value;
import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conditional writes in both session stores, the directory and PostgreSQL (a real server; skipped,
 * saying why, without one): of writers that read the same version exactly one wins, the others are
 * refused and leave nothing, across threads and across real JVM processes.
 */
class SessionStoreTest {
    static final LoadedModule DEMO = LoadedModule.of(Cases.read("examples/demo/demo.wasm"));
    /** Blocks on ask(i) again and again: every answer is one event. */
    static final String LOOP = """
            i32 total = 0
            for i in 0 .. 100000 {
              i32 a = ext ask(i)
              total = total + a
            }
            return total
            """;

    enum Kind { DIRECTORY, POSTGRESQL }

    @TempDir
    Path dir;

    String spec(Kind kind) {
        return kind == Kind.DIRECTORY ? dir.resolve("sessions").toString() : TestPostgres.freshDatabase();
    }

    static SessionStore open(String spec) throws Exception {
        SessionStore s = SessionStore.open(spec);
        if (s instanceof DirectorySessionStore d) Files.createDirectories(d.directory());
        return s;
    }

    /** A new session blocked on ask(0). */
    static SessionFile blocked() {
        SessionRunner r = new SessionRunner(DEMO, StateCache.NONE, Retention.NEVER);
        SessionRunner.Step st = r.run(Session.of(DEMO, Limits.DEFAULT), r.script("loop.lia", LOOP), Map.of(), LiveSession.UNLIMITED);
        assertThat(st.live().status()).isEqualTo(LiveSession.Status.BLOCKED);
        return SessionFile.of(DEMO, st.session(), "blocked", st.state());
    }

    static SessionFile answered(SessionFile f, int value) {
        SessionRunner.Step step = StoreWorker.answer(f, value);
        return SessionFile.of(DEMO, step.session(), "blocked", step.state());
    }

    /** The i32 answers in a session's events, in order. */
    static List<Integer> answers(SessionFile f) {
        List<Integer> out = new ArrayList<>();
        for (Session.Event e : f.session().events()) {
            if (e instanceof Session.Resolve r) out.add(r.values().get(0).asI32());
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWriteHappensOnlyAtTheVersionItWasComputedFrom(Kind kind) throws Exception {
        try (SessionStore store = open(spec(kind))) {
            assertThat(store.read("s")).isNull();
            SessionFile start = blocked();
            String v1 = store.write("s", null, start);
            assertThatThrownBy(() -> store.write("s", null, start)).isInstanceOf(SessionConflictException.class)
                    .hasMessage("session changed since it was read (now at event 1); nothing was written");

            SessionStore.Versioned read = store.read("s");
            assertThat(read.version()).isEqualTo(v1);
            assertThat(read.file().session()).isEqualTo(start.session());
            assertThat(read.file().state()).isEqualTo(start.state());

            SessionFile a = answered(read.file(), 7);
            SessionFile b = answered(read.file(), 8);
            String v2 = store.write("s", v1, a);
            assertThat(v2).isNotEqualTo(v1);
            assertThatThrownBy(() -> store.write("s", v1, b)).isInstanceOf(SessionConflictException.class)
                    .hasMessage("session changed since it was read (now at event 2); nothing was written");
            assertThatThrownBy(() -> store.check("s", v1)).isInstanceOf(SessionConflictException.class);
            store.check("s", v2);
            SessionStore.Versioned now = store.read("s");
            assertThat(now.version()).isEqualTo(v2);
            assertThat(answers(now.file())).containsExactly(7);
            // the state kept is the winner's: it resumes from it
            assertThat(now.file().state()).isEqualTo(a.state());

            assertThat(store.list()).containsExactly("s");
            assertThat(store.remove("s")).isTrue();
            assertThat(store.remove("s")).isFalse();
            assertThat(store.list()).isEmpty();
            assertThatThrownBy(() -> store.write("s", v2, b)).isInstanceOf(SessionConflictException.class)
                    .hasMessage("session changed since it was read (now removed); nothing was written");
            // made again: a new version, never the old one
            String v3 = store.write("s", null, start);
            assertThat(v3).isNotEqualTo(v2);
            if (kind == Kind.POSTGRESQL) assertThat(v3).isNotEqualTo(v1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void threadsThatReadTheSameVersionHaveExactlyOneWinner(Kind kind) throws Exception {
        String spec = spec(kind);
        try (SessionStore setup = open(spec)) {
            setup.write("s", null, blocked());
        }
        int threads = 6;
        int rounds = 8;
        CyclicBarrier read = new CyclicBarrier(threads);
        CyclicBarrier written = new CyclicBarrier(threads);
        List<List<Integer>> winners = new ArrayList<>();
        for (int r = 0; r < rounds; r++) winners.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    try (SessionStore store = open(spec)) { // a store of its own: its own connection
                        for (int r = 0; r < rounds; r++) {
                            SessionStore.Versioned v = store.read("s");
                            SessionFile next = answered(v.file(), 1000 * r + id);
                            read.await(1, TimeUnit.MINUTES);
                            try {
                                store.write("s", v.version(), next);
                                winners.get(r).add(1000 * r + id);
                            } catch (SessionConflictException e) {
                                assertThat(e.eventsNow()).isEqualTo(r + 2);
                            }
                            written.await(1, TimeUnit.MINUTES);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        List<Integer> expected = new ArrayList<>();
        for (List<Integer> w : winners) {
            assertThat(w).hasSize(1);
            expected.add(w.get(0));
        }
        try (SessionStore store = open(spec)) {
            SessionFile f = store.read("s").file();
            assertThat(answers(f)).isEqualTo(expected);
            assertStateIsReplay(f);
        }
    }

    /** The kept state is the one a straight replay of the kept events gives. */
    static void assertStateIsReplay(SessionFile f) {
        SessionRunner replayer = new SessionRunner(DEMO, StateCache.NONE, Retention.NEVER);
        assertThat(StateCodec.hashText(replayer.replay(f.session()).save())).isEqualTo(StateCodec.hashText(f.state()));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void processesThatReadTheSameVersionHaveExactlyOneWinner(Kind kind) throws Exception {
        String spec = spec(kind);
        try (SessionStore setup = open(spec)) {
            setup.write("s", null, blocked());
        }
        int workers = 4;
        int rounds = 3;
        List<Integer> expected = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Path go = dir.resolve("go-" + r);
            List<Process> ps = new ArrayList<>();
            List<Path> ready = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Path rd = dir.resolve("ready-" + r + "-" + w);
                ready.add(rd);
                ps.add(new ProcessBuilder(Jvm.currentJava().toString(), "-cp", Jvm.classpath(), "-XX:TieredStopAtLevel=1",
                        StoreWorker.class.getName(), spec, "s", Integer.toString(1000 * r + w), rd.toString(), go.toString())
                        .redirectErrorStream(true).start());
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!ready.stream().allMatch(Files::exists)) {
                for (Process p : ps) {
                    if (!p.isAlive() && p.exitValue() != 0) {
                        throw new AssertionError("a worker failed before the barrier: " + new String(p.getInputStream().readAllBytes()));
                    }
                }
                assertThat(System.nanoTime()).as("workers reach the barrier").isLessThan(deadline);
                Thread.sleep(10);
            }
            Files.writeString(go, "go");
            int won = 0;
            for (int w = 0; w < workers; w++) {
                Process p = ps.get(w);
                assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (p.exitValue() == 0) {
                    assertThat(out).isEqualTo("won");
                    won++;
                    expected.add(1000 * r + w);
                } else {
                    assertThat(p.exitValue()).as(out).isEqualTo(5);
                    assertThat(out).isEqualTo("session changed since it was read (now at event " + (r + 2) + "); nothing was written");
                }
            }
            assertThat(won).as("winners in round " + r).isEqualTo(1);
        }
        try (SessionStore store = open(spec)) {
            SessionFile f = store.read("s").file();
            assertThat(answers(f)).isEqualTo(expected);
            assertStateIsReplay(f);
        }
    }

    /** The reproduction: lia resume processes on one blocked session file at the same moment keep every acknowledged answer and no refused one. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void liaResumeProcessesLoseNoAcknowledgedAnswer(Kind kind) throws Exception {
        String spec = spec(kind);
        Path script = dir.resolve("loop.lia");
        Files.writeString(script, LOOP);
        List<String> where = kind == Kind.DIRECTORY ? List.of(dir.resolve("s.session").toString()) : List.of("--store", spec, "--session", "s");
        List<String> start = new ArrayList<>(List.of("run", script.toString(), "--module", Path.of("examples/demo/demo.wasm").toAbsolutePath().toString()));
        if (kind == Kind.DIRECTORY) start.addAll(List.of("--session", where.get(0)));
        else start.addAll(where);
        Jvm.Run made = Jvm.lia(Jvm.currentJava(), dir, start.toArray(String[]::new));
        assertThat(made.exit()).as(made.err()).isEqualTo(3);
        List<Integer> acknowledged = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<Process> ps = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                List<String> cmd = new ArrayList<>(List.of(Jvm.currentJava().toString(), "-cp", Jvm.classpath(), "-XX:TieredStopAtLevel=1",
                        "dev.lia.cli.Main", "resume"));
                cmd.addAll(where);
                cmd.addAll(List.of("--result", Integer.toString(100 * round + w)));
                ps.add(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start());
            }
            for (int w = 0; w < 4; w++) {
                Process p = ps.get(w);
                String out = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
                if (p.exitValue() == 3) {
                    acknowledged.add(100 * round + w);
                } else {
                    assertThat(p.exitValue()).as(out).isEqualTo(5);
                    assertThat(out).contains("session changed since it was read (now at event ").endsWith("; nothing was written\n");
                    refused.add(100 * round + w);
                }
            }
        }
        try (SessionStore store = open(kind == Kind.DIRECTORY ? dir.toString() : spec)) {
            SessionFile f = store.read(kind == Kind.DIRECTORY ? "s.session" : "s").file();
            assertThat(answers(f)).containsExactlyInAnyOrderElementsOf(acknowledged).doesNotContainAnyElementsOf(refused);
            assertStateIsReplay(f);
        }
    }
}
