package dev.lia.state;

import dev.lia.script.value.Value;
import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What only the PostgreSQL backends do, against a real server (skipped, saying why, without one):
 * the schema made on first use, rows changed behind the store's back (a corrupted cached state is
 * replayed, a hostile session row is refused with a message), a store that cannot be reached.
 */
class PostgresStoreTest {
    static final LoadedModule DEMO = SessionStoreTest.DEMO;

    @Test
    void theSchemaIsMadeOnFirstUse() throws Exception {
        String url = TestPostgres.freshDatabase();
        try (PostgresSessionStore store = new PostgresSessionStore(url)) {
            assertThat(store.list()).isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:" + url);
             ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('lia_sessions', 'lia_states')")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
        // two stores starting together on an existing schema: no error
        try (PostgresSessionStore a = new PostgresSessionStore(url); PostgresSessionStore b = new PostgresSessionStore(url)) {
            assertThat(a.list()).isEqualTo(b.list());
        }
    }

    @Test
    void aCorruptedCachedStateIsReplayedNotTrusted() {
        String url = TestPostgres.freshDatabase();
        try (PostgresStateCache cache = new PostgresStateCache(url)) {
            SessionRunner runner = new SessionRunner(DEMO, cache, Retention.ALWAYS);
            SessionRunner.Step first = runner.run(Session.of(DEMO, Limits.DEFAULT), runner.script("loop.lia", SessionStoreTest.LOOP), Map.of(),
                    LiveSession.UNLIMITED);
            Session.Event answer = new Session.Resolve("ask", List.of(Value.i32(5)), LiveSession.UNLIMITED);
            SessionRunner.Step cached = runner.apply(first.session(), answer);
            assertThat(cached.origin()).isEqualTo(SessionRunner.Origin.CACHED);

            // another client flips a byte of the entry: its hash no longer matches
            TestPostgres.sql(url, "UPDATE lia_states SET data = set_byte(data, 40, (get_byte(data, 40) + 1) % 256) WHERE key = ?", first.session().key());
            SessionRunner.Step replayed = runner.apply(first.session(), answer);
            assertThat(replayed.origin()).isEqualTo(SessionRunner.Origin.REPLAYED);
            assertThat(replayed.stateHash()).isEqualTo(cached.stateHash());
            // the bad row is gone, the good one back after the event
            assertThat(cache.get(first.session().key())).isNull();
        }
    }

    @Test
    void aSessionReadFromTheStoreIgnoresACorruptedState() {
        String url = TestPostgres.freshDatabase();
        try (PostgresSessionStore store = new PostgresSessionStore(url)) {
            SessionFile start = SessionStoreTest.blocked();
            store.write("s", null, start);
            assertThat(store.read("s").file().state()).isEqualTo(start.state());
            TestPostgres.sql(url, "UPDATE lia_states SET data = set_byte(data, 60, (get_byte(data, 60) + 1) % 256)");
            SessionStore.Versioned read = store.read("s");
            assertThat(read.file().state()).isNull(); // replayed, not trusted
            SessionFile next = SessionStoreTest.answered(read.file(), 3);
            store.write("s", read.version(), next);
            SessionStoreTest.assertStateIsReplay(store.read("s").file());
        }
    }

    @Test
    void aHostileSessionRowIsRefusedWithAMessage() {
        String url = TestPostgres.freshDatabase();
        try (PostgresSessionStore store = new PostgresSessionStore(url)) {
            store.write("s", null, SessionStoreTest.blocked());
            TestPostgres.sql(url, "UPDATE lia_sessions SET events = 9 WHERE name = 's'");
            assertThatThrownBy(() -> store.read("s")).isInstanceOf(StateException.class)
                    .hasMessage("malformed: the row of session s says 9 events, its log has 1");

            TestPostgres.sql(url, "UPDATE lia_sessions SET data = set_byte(data, 30, (get_byte(data, 30) + 1) % 256), events = 1 WHERE name = 's'");
            assertThatThrownBy(() -> store.read("s")).isInstanceOf(StateException.class)
                    .hasMessageStartingWith("corrupted: the session log's checksum does not match");

            TestPostgres.sql(url, "UPDATE lia_sessions SET data = ? WHERE name = 's'", (Object) "DROP TABLE x".getBytes());
            assertThatThrownBy(() -> store.read("s")).isInstanceOf(StateException.class)
                    .hasMessage("not a Lia file: the bytes do not start with LIASESSF, as a session file does");

            store.write("t", null, SessionStoreTest.blocked());
            TestPostgres.sql(url, "UPDATE lia_sessions SET data = substring(data from 1 for 40) WHERE name = 't'");
            assertThatThrownBy(() -> store.read("t")).isInstanceOf(StateException.class).hasMessageStartingWith("truncated: ");
        }
    }

    @Test
    void anUnreachableStoreFailsWithAMessage() {
        TestPostgres.require();
        try (PostgresSessionStore store = new PostgresSessionStore("postgresql://127.0.0.1:1/none?user=lia")) {
            assertThatThrownBy(() -> store.read("s")).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot reach the PostgreSQL store postgresql://127.0.0.1:1/none?user=lia: ");
        }
        assertThatThrownBy(() -> new PostgresSessionStore("postgres://x/y")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The runner's retention choices hold in the PostgreSQL cache as in the others. */
    @Test
    void retentionIsHonouredInThePostgresCache() {
        String url = TestPostgres.freshDatabase();
        for (Retention retention : Retention.values()) {
            try (PostgresStateCache cache = new PostgresStateCache(url)) {
                SessionRunner runner = new SessionRunner(DEMO, cache, retention);
                SessionRunner.Step first = runner.run(Session.of(DEMO, Limits.DEFAULT), runner.script("loop.lia", SessionStoreTest.LOOP), Map.of(),
                        LiveSession.UNLIMITED);
                SessionRunner.Step second = runner.apply(first.session(), new Session.Resolve("ask", List.of(Value.i32(retention.ordinal())), LiveSession.UNLIMITED));
                boolean firstKept = cache.get(first.session().key()) != null;
                boolean secondKept = cache.get(second.session().key()) != null;
                switch (retention) {
                    case ALWAYS -> assertThat(firstKept && secondKept).isTrue();
                    case WHILE_BLOCKED -> assertThat(!firstKept && secondKept).isTrue();
                    case NEVER -> assertThat(firstKept || secondKept).isFalse();
                }
                assertThat(second.origin()).isEqualTo(retention == Retention.NEVER ? SessionRunner.Origin.REPLAYED : SessionRunner.Origin.CACHED);
            }
        }
    }
}
