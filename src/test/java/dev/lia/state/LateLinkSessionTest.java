package dev.lia.state;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.wasm.runtime.Limits;
import dev.lia.cli.LiaCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved sessions keep the instances a script made at run time (examples/jit: the module its
 * interpreter generated, linked to the program's memory and table): a state carries the generated
 * module's bytes, and resuming after the late link works, from the state or by replay, alike.
 */
class LateLinkSessionTest {
    static final LoadedModule JIT = LoadedModule.of(Cases.read("examples/jit/jit.wasm"));
    static final String SCRIPT = """
            import i32 n
            _initialize()
            load_builtin()
            i32 a = run(n)
            code = jit_compile(2)
            instantiate(memory.read(code, jit_size()), env.memory = memory, env.__indirect_function_table = table)
            ext linked()
            i32 b = run(n)
            return a, b, jit_count()
            """;
    static final Program PROGRAM = Lia.compile(new Source("jit.lia", SCRIPT), JIT.compiled());
    static final Map<String, Value> N = Map.of("n", Value.i32(10));

    @Test
    void blockedAfterALateLinkTheStateCarriesTheGeneratedModuleAndResumesInAFreshEngine() {
        LiveSession straight = LiveSession.start(JIT);
        assertThat(straight.run(PROGRAM, N, LiveSession.UNLIMITED)).isEqualTo(new Outcome.Blocked("linked", List.of(), List.of()));
        byte[] saved = straight.save();
        EngineState state = StateCodec.decode(saved, Limits.DEFAULT);
        assertThat(state.instances()).hasSize(2);
        assertThat(state.carried()).hasSize(1);
        assertThat(state.carried().get(0).number()).isEqualTo(1);
        assertThat(Sha256.of(state.carried().get(0).bytes())).isEqualTo(state.modules().get(1));
        Outcome done = straight.resolve(List.of(), LiveSession.UNLIMITED);
        assertThat(done).isEqualTo(new Outcome.Done(List.of(Value.i32(55060672), Value.i32(55060672), Value.i32(3))));

        LiveSession loaded = LiveSession.load(saved, JIT, Limits.DEFAULT, Map.of(), id -> PROGRAM);
        assertThat(loaded.save()).as("the same state encodes to the same bytes").isEqualTo(saved);
        assertThat(loaded.resolve(List.of(), LiveSession.UNLIMITED)).isEqualTo(done);
        assertThat(loaded.save()).isEqualTo(straight.save());
    }

    @Test
    void outOfFuelInsideGeneratedCodeEveryStopMovesToAFreshEngine() {
        LiveSession straight = LiveSession.start(JIT);
        straight.run(PROGRAM, N, LiveSession.UNLIMITED);
        Outcome done = straight.resolve(List.of(), LiveSession.UNLIMITED);

        LiveSession s = LiveSession.start(JIT);
        s.run(PROGRAM, N, LiveSession.UNLIMITED);
        Outcome o = s.resolve(List.of(), 50_000);
        int insideGeneratedCode = 0;
        while (o instanceof Outcome.OutOfFuel) {
            int firstGenerated = s.machine().store().instances().get(1).function(0).address();
            if (s.machine().snapshot().frames().stream().anyMatch(f -> f.functionAddress() >= firstGenerated)) insideGeneratedCode++;
            s = LiveSession.load(s.save(), JIT, Limits.DEFAULT, Map.of(), id -> PROGRAM);
            o = s.refuel(50_000);
        }
        assertThat(insideGeneratedCode).isGreaterThan(5);
        assertThat(o).isEqualTo(done);
        assertThat(s.save()).isEqualTo(straight.save());
    }

    @Test
    void aCachedStateAndAReplayGiveTheSameStates() {
        SessionRunner.Step[] cached = steps(new SessionRunner(JIT, new MemoryStateCache(10), Retention.ALWAYS));
        SessionRunner.Step[] replayed = steps(new SessionRunner(JIT, StateCache.NONE, Retention.NEVER));
        assertThat(cached[1].origin()).isEqualTo(SessionRunner.Origin.CACHED);
        assertThat(replayed[1].origin()).isEqualTo(SessionRunner.Origin.REPLAYED);
        for (int i = 0; i < 2; i++) {
            assertThat(replayed[i].outcome()).isEqualTo(cached[i].outcome());
            assertThat(replayed[i].stateHash()).isEqualTo(cached[i].stateHash());
        }
    }

    @Test
    void theCommandLineResumesASessionFileAfterALateLink(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("jit.lia");
        Files.writeString(script, SCRIPT);
        String file = dir.resolve("jit.ses").toString();
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", "examples/jit/jit.wasm", "--arg", "n=10", "--session", file);
        assertThat(r.exit()).as(r.transcript()).isEqualTo(3);
        assertThat(r.out()).startsWith("blocked: linked()\n");
        r = LiaCli.run("resume", file);
        assertThat(r.exit()).as(r.transcript()).isZero();
        assertThat(r.out()).startsWith("55060672 : i32\n55060672 : i32\n3 : i32\nstate: sha256:");
    }

    private static SessionRunner.Step[] steps(SessionRunner runner) {
        Session.Script script = runner.script("jit.lia", SCRIPT);
        SessionRunner.Step a = runner.run(Session.of(JIT, Limits.DEFAULT), script, N, LiveSession.UNLIMITED);
        SessionRunner.Step b = runner.apply(a.session(), new Session.Resolve("linked", List.of(), LiveSession.UNLIMITED));
        return new SessionRunner.Step[] {a, b};
    }
}
