package dev.lia.state;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults: workers killed with SIGKILL in the middle of their events, on both stores, leave a sound
 * session holding every answer they acknowledged; a PostgreSQL restart makes calls fail cleanly,
 * and the same store goes on once the server is back.
 */
class StoreFaultTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SessionStoreTest.Kind.class)
    void workersKilledMidEventLoseNothingAcknowledged(SessionStoreTest.Kind kind) throws Exception {
        String spec = kind == SessionStoreTest.Kind.DIRECTORY ? dir.toString() : TestPostgres.freshDatabase();
        try (SessionStore store = SessionStoreTest.open(spec)) {
            store.write("s", null, SessionStoreTest.blocked());
        }
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        java.util.Random random = new java.util.Random(15);
        for (int round = 0; round < 3; round++) {
            java.util.concurrent.atomic.AtomicInteger wins = new java.util.concurrent.atomic.AtomicInteger();
            List<Process> ps = new ArrayList<>();
            List<Thread> readers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                Process p = new ProcessBuilder(Jvm.currentJava().toString(), "-cp", Jvm.classpath(), "-XX:TieredStopAtLevel=1",
                        StoreWorker.class.getName(), "loop", spec, "s", Integer.toString(100_000 * (round + 1) + 1000 * w), "100000")
                        .redirectErrorStream(true).start();
                ps.add(p);
                Thread t = new Thread(() -> {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            if (line.startsWith("won ")) {
                                acknowledged.add(Integer.parseInt(line.substring(4)));
                                wins.incrementAndGet();
                            }
                        }
                    } catch (java.io.IOException ignored) {
                        // killed
                    }
                });
                t.start();
                readers.add(t);
            }
            // the workers are under way (however slowly the machine starts JVMs), then killed at a random moment
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (wins.get() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            Thread.sleep(random.nextInt(1000));
            for (Process p : ps) p.destroyForcibly(); // SIGKILL, wherever it is
            for (Process p : ps) assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
            for (Thread t : readers) t.join();
        }
        assertThat(acknowledged).as("the workers got to write before they were killed").isNotEmpty();
        try (SessionStore store = SessionStoreTest.open(spec)) {
            SessionStore.Versioned read = store.read("s"); // sound: decodes, checksums match
            List<Integer> kept = SessionStoreTest.answers(read.file());
            assertThat(kept).containsAll(acknowledged);
            assertThat(kept).doesNotHaveDuplicates();
            // at most the last kept answer of each killed worker went unacknowledged (killed between commit and print)
            assertThat(kept.size() - acknowledged.size()).isBetween(0, 9);
            SessionStoreTest.assertStateIsReplay(read.file());
            // and a new writer goes on: no lock was left behind
            store.write("s", read.version(), SessionStoreTest.answered(read.file(), -1));
        }
    }

    @Test
    void aPostgresRestartFailsCleanlyAndTheStoreGoesOn() throws Exception {
        String url = TestPostgres.freshDatabase();
        String ctl = System.getenv("LIA_TEST_POSTGRES_CTL");
        Assumptions.assumeTrue(ctl != null && !ctl.isBlank(),
                "LIA_TEST_POSTGRES_CTL is not set: the test cannot restart the server (.ci/postgres.sh sets it for its throwaway cluster)");
        try (PostgresSessionStore store = new PostgresSessionStore(url)) {
            store.write("s", null, SessionStoreTest.blocked());
            List<String> cmd = new ArrayList<>(List.of(ctl.trim().split("\\s+")));
            cmd.addAll(List.of("-m", "fast", "-w", "-t", "60", "restart"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            // the old connection is gone: the first call may fail, cleanly; then the store reconnects
            SessionStore.Versioned read = null;
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < 20 && read == null; i++) {
                try {
                    read = store.read("s");
                } catch (StoreException e) {
                    failures.add(e.getMessage());
                    Thread.sleep(250);
                }
            }
            assertThat(read).as("read after the restart; failures: " + failures).isNotNull();
            assertThat(failures).allMatch(m -> m.contains("PostgreSQL store"));
            store.write("s", read.version(), SessionStoreTest.answered(read.file(), 9));
            assertThat(SessionStoreTest.answers(store.read("s").file())).containsExactly(9);
        }
    }
}
