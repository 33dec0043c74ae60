package example;

// The layers under the front door (dev.lia.state, dev.lia.script), for what Embedding.java does not
// need: compile a script, run it, answer its requests, save its state to bytes and continue in a
// fresh engine, run a second script in the same session, and let a cache decide between resuming
// and replaying. `mvn -q -f examples/embedding/pom.xml test` runs it (EmbeddingTest);
// EmbeddingExampleTest checks what it prints.

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.state.DirectoryStateCache;
import dev.lia.state.LiveSession;
import dev.lia.state.LoadedModule;
import dev.lia.state.Retention;
import dev.lia.state.Session;
import dev.lia.state.SessionRunner;
import dev.lia.state.StateCodec;
import dev.lia.wasm.runtime.Limits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public class LowerLayers {
    static final String SCRIPT = """
            import i32 n
            i32 bonus = ext lookup(n)          # the host answers later
            global.counter = global.counter + n + bonus
            r = roll(6)                        # env.random has no handler: the run blocks inside wasm
            return global.counter, r
            """;

    public static void main(String[] args) throws Exception {
        // 1. Compile: the module once, then scripts against it.
        LoadedModule module = LoadedModule.of(Files.readAllBytes(Path.of(args[0])));
        Program program = Lia.compile(new Source("bonus.lia", SCRIPT), module.compiled());
        System.out.println("module " + module.hashText());
        System.out.println("script " + program.id());

        // 2. Run: a live session; each event has a fuel budget (UNLIMITED here).
        LiveSession live = LiveSession.start(module);
        Outcome o = live.run(program, Map.of("n", Value.i32(5)), LiveSession.UNLIMITED);
        System.out.println("1: " + o);

        // 3. Resolve: answer the request with values of the types it expects.
        o = live.resolve(List.of(Value.i32(30)), LiveSession.UNLIMITED);
        System.out.println("2: " + o);

        // 4. Save: the whole state as canonical bytes; its SHA-256 is the state hash.
        byte[] state = live.save();
        System.out.println("saved " + state.length + " bytes, " + StateCodec.hashText(state));

        // 5. Load: a fresh engine from the bytes alone (here, or in another process), and continue.
        LiveSession again = LiveSession.loader(module).programs(program).load(state);
        o = again.resolve(List.of(Value.f64(0.5)), LiveSession.UNLIMITED);
        System.out.println("3: " + o);
        Program next = Lia.compile(new Source("next.lia", "return global.counter * 2"), module.compiled());
        System.out.println("4: " + again.run(next, Map.of(), LiveSession.UNLIMITED));

        // 6. Cache: sessions as pure data; a runner resumes from a cached state or replays the log.
        Path dir = Files.createTempDirectory("lia-cache");
        SessionRunner runner = new SessionRunner(module, new DirectoryStateCache(dir), Retention.ALWAYS);
        Session session = Session.of(module, Limits.DEFAULT);
        SessionRunner.Step step = runner.run(session, runner.script("bonus.lia", SCRIPT), Map.of("n", Value.i32(5)), LiveSession.UNLIMITED);
        step = runner.apply(step.session(), new Session.Resolve("lookup", List.of(Value.i32(30)), LiveSession.UNLIMITED));
        step = runner.apply(step.session(), new Session.Resolve("env.random", List.of(Value.f64(0.5)), LiveSession.UNLIMITED));
        System.out.println("cached run: " + step.outcome() + " from " + step.origin() + ", state " + step.stateHash());

        // the same event with nothing cached: replayed, and the same state
        SessionRunner cold = new SessionRunner(module, new DirectoryStateCache(Files.createTempDirectory("lia-empty")), Retention.NEVER);
        Session before = Session.of(module, Limits.DEFAULT)
                .with(step.session().events().get(0)).with(step.session().events().get(1));
        SessionRunner.Step replayed = cold.apply(before, step.session().events().get(2));
        System.out.println("replayed:   " + replayed.outcome() + " from " + replayed.origin() + " (" + replayed.note() + "), state "
                + replayed.stateHash());
        System.out.println("same state: " + replayed.stateHash().equals(step.stateHash()));
    }
}
