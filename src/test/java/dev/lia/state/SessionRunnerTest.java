package dev.lia.state;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions through the cache: hits resume, misses and bad entries replay (and say why), retention, traps. */
class SessionRunnerTest {
    static final LoadedModule DEMO = LoadedModule.of(Cases.read("examples/demo/demo.wasm"));
    static final String ASK = """
            import i32 n
            i32 a = ext ask(n)
            global.counter = global.counter + a
            i32 b = ext ask(a)
            return a + b, global.counter
            """;

    record Flow(SessionRunner.Step blocked1, SessionRunner.Step blocked2, SessionRunner.Step done) {}

    static Flow flow(SessionRunner runner) {
        Session s = Session.of(DEMO, Limits.DEFAULT);
        Session.Script script = runner.script("ask.lia", ASK);
        SessionRunner.Step a = runner.run(s, script, Map.of("n", Value.i32(3)), LiveSession.UNLIMITED);
        SessionRunner.Step b = runner.apply(a.session(), new Session.Resolve("ask", List.of(Value.i32(10)), LiveSession.UNLIMITED));
        SessionRunner.Step c = runner.apply(b.session(), new Session.Resolve("ask", List.of(Value.i32(20)), LiveSession.UNLIMITED));
        return new Flow(a, b, c);
    }

    @Test
    void aHitResumesAMissReplaysAndBothAgree() {
        MemoryStateCache cache = new MemoryStateCache(10);
        Flow cached = flow(new SessionRunner(DEMO, cache, Retention.ALWAYS));
        assertThat(cached.blocked1().origin()).isEqualTo(SessionRunner.Origin.FRESH);
        assertThat(cached.blocked2().origin()).isEqualTo(SessionRunner.Origin.CACHED);
        assertThat(cached.done().origin()).isEqualTo(SessionRunner.Origin.CACHED);
        assertThat(cached.done().outcome()).isEqualTo(new Outcome.Done(List.of(Value.i32(30), Value.i32(17))));
        assertThat(cache.size()).isEqualTo(3);

        Flow replayed = flow(new SessionRunner(DEMO, StateCache.NONE, Retention.NEVER));
        assertThat(replayed.blocked2().origin()).isEqualTo(SessionRunner.Origin.REPLAYED);
        assertThat(replayed.blocked2().note()).isEqualTo("no cached state for this session");
        assertThat(replayed.done().outcome()).isEqualTo(cached.done().outcome());
        assertThat(replayed.blocked1().stateHash()).isEqualTo(cached.blocked1().stateHash());
        assertThat(replayed.blocked2().stateHash()).isEqualTo(cached.blocked2().stateHash());
        assertThat(replayed.done().stateHash()).isEqualTo(cached.done().stateHash());
        assertThat(replayed.done().session().key()).isEqualTo(cached.done().session().key());
    }

    @Test
    void badEntriesAreReplayedAndTheReasonIsGiven() {
        MemoryStateCache cache = new MemoryStateCache(10);
        SessionRunner runner = new SessionRunner(DEMO, cache, Retention.ALWAYS);
        Flow good = flow(runner);
        Session atBlocked1 = good.blocked1().session();
        String key = atBlocked1.key();
        byte[] entry = cache.get(key);
        Session.Resolve answer = new Session.Resolve("ask", List.of(Value.i32(10)), LiveSession.UNLIMITED);

        byte[] flipped = entry.clone();
        flipped[flipped.length / 2] ^= 1;
        byte[] truncated = java.util.Arrays.copyOf(entry, entry.length - 100);
        byte[] version = entry.clone();
        version[32 + 8] = 9;
        byte[] otherSession = SessionRunner.entry(good.blocked2().session().key(), good.blocked1().state());
        byte[] otherModule = SessionRunner.entry(key, otherModuleState());
        Map<byte[], String> bad = new java.util.LinkedHashMap<>();
        bad.put(flipped, "corrupted: the checksum does not match");
        bad.put(truncated, "truncated: the state has");
        bad.put(version, "unknown version: the state has format version 9");
        bad.put(otherSession, "malformed: the cache entry belongs to another session");
        bad.put(otherModule, "wrong module: the state is for module");
        for (Map.Entry<byte[], String> e : bad.entrySet()) {
            cache.put(key, e.getKey());
            SessionRunner.Step step = runner.apply(atBlocked1, answer);
            assertThat(step.origin()).isEqualTo(SessionRunner.Origin.REPLAYED);
            assertThat(step.note()).startsWith("the cached state was not used: " + e.getValue());
            assertThat(step.stateHash()).isEqualTo(good.blocked2().stateHash());
            assertThat(step.outcome()).isEqualTo(good.blocked2().outcome());
        }
    }

    static byte[] otherModuleState() {
        LoadedModule m = LoadedModule.of(Cases.read("examples/loops/math.wasm"));
        LiveSession live = LiveSession.start(m);
        live.run(dev.lia.script.Lia.compile(new dev.lia.script.syntax.Source("x.lia", "return 1"), m.compiled()), Map.of(), LiveSession.UNLIMITED);
        return live.save();
    }

    @Test
    void retentionPolicies() {
        MemoryStateCache whileBlocked = new MemoryStateCache(10);
        Flow f = flow(new SessionRunner(DEMO, whileBlocked, Retention.WHILE_BLOCKED));
        assertThat(whileBlocked.size()).isZero(); // each blocked state is dropped once answered; done is not kept
        assertThat(f.done().state()).isNotNull();

        MemoryStateCache keep = new MemoryStateCache(10);
        SessionRunner runner = new SessionRunner(DEMO, keep, Retention.WHILE_BLOCKED);
        SessionRunner.Step a = runner.run(Session.of(DEMO, Limits.DEFAULT), runner.script("ask.lia", ASK), Map.of("n", Value.i32(3)), LiveSession.UNLIMITED);
        assertThat(keep.get(a.session().key())).isNotNull();

        MemoryStateCache never = new MemoryStateCache(10);
        flow(new SessionRunner(DEMO, never, Retention.NEVER));
        assertThat(never.size()).isZero();
    }

    @Test
    void nothingIsCachedAfterATrapAndTheSessionEnds() {
        MemoryStateCache cache = new MemoryStateCache(10);
        SessionRunner runner = new SessionRunner(DEMO, cache, Retention.ALWAYS);
        Session s = Session.of(DEMO, Limits.DEFAULT);
        SessionRunner.Step t = runner.run(s, runner.script("t.lia", "global.counter = 99\nx = divide(1, 0)"), Map.of(), LiveSession.UNLIMITED);
        assertThat(t.outcome()).isInstanceOf(Outcome.Trapped.class);
        assertThat(t.state()).isNull();
        assertThat(t.stateHash()).isNull();
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> runner.run(t.session(), runner.script("u.lia", "return 1"), Map.of(), LiveSession.UNLIMITED))
                .isInstanceOf(IllegalStateException.class).hasMessage("the session has ended: its last script trapped");
    }

    @Test
    void aWrongAnswerChangesNothing() {
        MemoryStateCache cache = new MemoryStateCache(10);
        SessionRunner runner = new SessionRunner(DEMO, cache, Retention.ALWAYS);
        Flow f = flow(runner);
        Session at = f.blocked1().session();
        assertThatThrownBy(() -> runner.apply(at, new Session.Resolve("ask", List.of(Value.i64(1)), LiveSession.UNLIMITED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ask expects i32 as value 1, got i64");
        assertThatThrownBy(() -> runner.apply(at, new Session.Resolve("other", List.of(Value.i32(1)), LiveSession.UNLIMITED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the answer is for other, the session waits for ask");
        assertThat(runner.current(at).stateHash()).isEqualTo(f.blocked1().stateHash());
        assertThat(runner.current(at).live().pendingRequest()).isEqualTo(new Outcome.Blocked("ask", List.of(Value.i32(3)), List.of(Type.I32)));
    }

    @Test
    void fuelBudgetsArePartOfTheSessionButNotOfTheState() {
        SessionRunner runner = new SessionRunner(DEMO, new MemoryStateCache(100), Retention.ALWAYS);
        Session s = Session.of(DEMO, Limits.DEFAULT);
        SessionRunner.Step step = runner.run(s, runner.script("loop.lia", "t = 0\nfor i in 0 .. 50 { t = t + add(i, 1) }\nreturn t"), Map.of(), 40);
        int stops = 0;
        while (step.outcome() instanceof Outcome.OutOfFuel) {
            stops++;
            step = runner.apply(step.session(), new Session.Refuel(40));
        }
        assertThat(stops).isGreaterThan(10);
        SessionRunner.Step straight = runner.run(s, runner.script("loop.lia", "t = 0\nfor i in 0 .. 50 { t = t + add(i, 1) }\nreturn t"), Map.of(),
                LiveSession.UNLIMITED);
        assertThat(step.outcome()).isEqualTo(straight.outcome()).isEqualTo(new Outcome.Done(List.of(Value.i32(1275))));
        assertThat(step.session().key()).isNotEqualTo(straight.session().key());
        assertThat(step.stateHash()).isEqualTo(straight.stateHash());
    }

    @Test
    void theDirectoryCacheWritesAtomicallyAndSurvivesTheProcess(@TempDir Path dir) throws Exception {
        DirectoryStateCache cache = new DirectoryStateCache(dir);
        Flow f = flow(new SessionRunner(DEMO, cache, Retention.ALWAYS));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(3).allMatch(n -> n.endsWith(".state"));
        }
        // a new runner over the same directory resumes from the files
        SessionRunner later = new SessionRunner(DEMO, new DirectoryStateCache(dir), Retention.ALWAYS);
        SessionRunner.Step step = later.apply(f.blocked1().session(), new Session.Resolve("ask", List.of(Value.i32(10)), LiveSession.UNLIMITED));
        assertThat(step.origin()).isEqualTo(SessionRunner.Origin.CACHED);
        assertThat(step.stateHash()).isEqualTo(f.blocked2().stateHash());
        // a damaged file is a miss that replays, and the entry is dropped
        Path file = dir.resolve(f.blocked1().session().key() + ".state");
        byte[] b = Files.readAllBytes(file);
        b[200] ^= 0x10;
        Files.write(file, b);
        step = later.apply(f.blocked1().session(), new Session.Resolve("ask", List.of(Value.i32(10)), LiveSession.UNLIMITED));
        assertThat(step.origin()).isEqualTo(SessionRunner.Origin.REPLAYED);
        assertThat(step.note()).contains("corrupted");
        assertThat(step.stateHash()).isEqualTo(f.blocked2().stateHash());
    }

    @Test
    void theMemoryCacheEvictsTheLeastRecentlyUsed() {
        MemoryStateCache c = new MemoryStateCache(2, 100);
        c.put("a", new byte[10]);
        c.put("b", new byte[10]);
        c.get("a");
        c.put("c", new byte[10]);
        assertThat(c.get("b")).isNull();
        assertThat(c.get("a")).isNotNull();
        c.put("d", new byte[95]);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.bytes()).isEqualTo(95);
    }
}
