package example;

// Embedding Lia through its front door, dev.lia.embed: call a module's exports with Java values,
// give it a host function, run a Lia script that stops twice to wait for the host, save its state
// and continue it in another engine, keep sessions in a cache, and see how mistakes are reported.
//
//   mvn -q install -DskipTests                          (in the repository root: installs dev.lia:lia)
//   mvn -q -f examples/embedding/pom.xml test
//
// EmbeddingExampleTest runs it this way in Lia's own `mvn test` and checks what it prints.

import dev.lia.embed.Engine;
import dev.lia.embed.ModuleInstance;
import dev.lia.embed.ScriptSession;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.state.MemoryStateCache;
import dev.lia.wasm.Trap;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public class Embedding {
    static final String BONUS = """
            import i32 n
            i32 bonus = ext lookup(n)          # the host answers later
            global.counter = global.counter + n + bonus
            r = roll(6)                        # env.random has no host function here: the run waits inside wasm
            return global.counter, r
            """;

    public static void main(String[] args) {
        Path demo = Path.of(args[0]);

        // 1. Plain WebAssembly: exports called with Java values, an import answered by Java.
        Engine withRandom = Engine.builder()
                .module(demo)
                .host("env", "random", in -> 0.5)    // (result f64): a Double converts exactly
                .build();
        ModuleInstance wasm = withRandom.instantiate();
        int sum = wasm.call("add", 2, 3).asI32();
        double scaled = wasm.call("scale", 1.5, 4).asF64();
        List<Value> qr = wasm.callAll("divmod", 17, 5);
        System.out.println("add(2, 3) = " + sum + ", scale(1.5, 4) = " + scaled + ", divmod(17, 5) = " + qr.get(0).asI32() + " r " + qr.get(1).asI32());
        System.out.println("roll(6) = " + wasm.call("roll", 6).asI32() + ", counter = " + wasm.global("counter").asI32());
        try {
            wasm.call("divide", 1, 0);
        } catch (Trap t) {
            System.out.println("trap: " + t.getMessage() + " at " + t.backtrace());
        }

        // 2. A Lia script: it stops for an ext request, then inside wasm for env.random.
        Engine engine = Engine.of(demo);
        Program bonus = engine.compile("bonus.lia", BONUS);
        ScriptSession session = engine.newSession();
        Outcome o = session.run(bonus, Map.of("n", 5));
        System.out.println("1: " + o);
        o = session.resolve(30);                 // the answer to lookup(5)
        System.out.println("2: " + o);

        // 3. Save: the whole state as bytes. Another engine (here, or in another process) continues it.
        byte[] state = session.save();
        System.out.println("saved " + state.length + " bytes, " + session.stateHash());
        Engine elsewhere = Engine.of(demo);
        ScriptSession again = elsewhere.load(state, elsewhere.compile("bonus.lia", BONUS));
        o = again.resolve(0.5);                  // what env.random returns
        System.out.println("3: " + o);
        if (o instanceof Outcome.Done done) System.out.println("counter " + done.values().get(0).asI32() + ", roll " + done.values().get(1).asI32());
        System.out.println("4: " + again.run("double.lia", "return global.counter * 2", Map.of()));

        // 4. A cache: sessions keep a log of their events and resume from a cached state, or by replay.
        Engine cached = Engine.builder().module(demo).cache(new MemoryStateCache(100)).build();
        ScriptSession s = cached.newSession();
        s.run(cached.compile("bonus.lia", BONUS), Map.of("n", 5));
        s.resolve(30);
        ScriptSession resumed = cached.resume(s.log());
        System.out.println("resumed from " + resumed.origin() + ": " + resumed.resolve(0.5));

        // 5. Mistakes: refused before anything runs, with the session as it was.
        ScriptSession fresh = engine.newSession();
        try {
            fresh.run(bonus, Map.of("n", 1.5));
        } catch (IllegalArgumentException e) {
            System.out.println("refused: " + e.getMessage() + "; the session is " + fresh.status());
        }
        try {
            engine.compile("typo.lia", "return ad(1, 2)");
        } catch (CompileException e) {
            System.out.println("compile error: " + e.getMessage());
        }
    }
}
