package dev.lia.embed;

import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.state.LiveSession;
import dev.lia.state.MemoryStateCache;
import dev.lia.state.SessionRunner;
import dev.lia.state.StateException;
import dev.lia.wasm.MalformedException;
import dev.lia.wasm.Trap;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTest {
    static final Path DEMO = Path.of("examples/demo/demo.wasm");
    static final String FACT = """
            (module
              (func (export "fact") (param i64) (result i64)
                (if (result i64) (i64.le_s (local.get 0) (i64.const 1))
                  (then (i64.const 1))
                  (else (i64.mul (local.get 0) (call 0 (i64.sub (local.get 0) (i64.const 1))))))))
            """;

    @Test
    void callsExportsWithJavaValues() {
        ModuleInstance wasm = Engine.builder().moduleText(FACT).build().instantiate();
        assertThat(wasm.call("fact", 20L).asI64()).isEqualTo(2432902008176640000L);
        assertThat(wasm.call("fact", 5).asI64()).isEqualTo(120); // an Integer passes as an i64

        ModuleInstance demo = Engine.of(DEMO).instantiate();
        assertThat(demo.call("add", 2, 3)).isEqualTo(Value.i32(5));
        assertThat(demo.call("scale", 1.5, 2).asF64()).isEqualTo(3.0);
        assertThat(demo.callAll("divmod", 7, 2)).containsExactly(Value.i32(3), Value.i32(1));
        assertThat(demo.global("counter").asI32()).isEqualTo(7);
        demo.setGlobal("counter", 9);
        assertThat(demo.global("counter")).isEqualTo(Value.i32(9));
        assertThat(new String(demo.read(16, 15))).isEqualTo("hello from wasm");
        demo.write(0, "abc".getBytes());
        assertThat(demo.call("hash", 0, 3).asI32()).isEqualTo(0x1a47e90b);
    }

    @Test
    void mistakesAreClearExceptions() {
        ModuleInstance demo = Engine.of(DEMO).instantiate();
        assertThatThrownBy(() -> demo.call("add", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'add' takes 2 arguments [i32, i32], got 1");
        assertThatThrownBy(() -> demo.call("add", 1, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument 2 of 'add' must be i32, got the Double 1.5 (which does not convert to i32 exactly)");
        assertThatThrownBy(() -> demo.call("add", 1, 1L << 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> demo.call("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no exported function 'nope'; the exported functions are: add, add64, scale");
        assertThatThrownBy(() -> demo.call("divmod", 7, 2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("callAll");
        assertThatThrownBy(() -> demo.setGlobal("limit", 1L)).isInstanceOf(IllegalArgumentException.class).hasMessage("global 'limit' is immutable");
        assertThatThrownBy(() -> demo.call("divide", 1, 0)).isInstanceOf(Trap.class).hasMessageContaining("divide by zero")
                .satisfies(t -> assertThat(((Trap) t).backtrace()).hasSize(2));
        assertThat(demo.call("divide", 7, 2).asI32()).isEqualTo(3); // usable after a trap
        // an import without a host function is linked all the same and traps, with its name, when called
        assertThatThrownBy(() -> demo.call("roll", 6)).isInstanceOf(Trap.class).hasMessageContaining("env.random");
        assertThatThrownBy(() -> Value.i32(1).asF64()).isInstanceOf(IllegalStateException.class).hasMessage("the value 1 : i32 is not an f64");
        assertThatThrownBy(() -> Value.f64(1).asString()).isInstanceOf(IllegalStateException.class);
        assertThat(Value.octs("hé").asString()).isEqualTo("hé");
    }

    @Test
    void theBuilderChecksWhatItIsGiven() {
        assertThatThrownBy(() -> Engine.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no module");
        assertThatThrownBy(() -> Engine.builder().module(DEMO).host("env", "randm", a -> 0.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the module has no function import env.randm; its function imports are: env.random");
        assertThatThrownBy(() -> Engine.builder().module(new byte[] {1, 2, 3})).isInstanceOf(MalformedException.class);
        assertThatThrownBy(() -> Engine.builder().module(Path.of("no/such.wasm"))).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith("cannot read no/such.wasm");
        assertThat(Engine.builder().module(DEMO).maxMemoryPages(2).build().limits().maxMemoryPages()).isEqualTo(2);
    }

    @Test
    void typedHostFunctions() {
        ModuleInstance demo = Engine.builder().module(DEMO).host("env", "random", args -> 0.5).build().instantiate();
        assertThat(demo.call("roll", 6).asI32()).isEqualTo(3);
        ModuleInstance wrong = Engine.builder().module(DEMO).host("env", "random", args -> "x").build().instantiate();
        assertThatThrownBy(() -> wrong.call("roll", 6)).hasMessageContaining("the result of host function env.random must be f64, got the String \"x\"");
        assertThat(wrong.call("add", 1, 2).asI32()).isEqualTo(3); // usable after a host function failed
        ModuleInstance twice = Engine.builder().module(DEMO).host("env", "random", args -> new Object[] {0.5, 0.5}).build().instantiate();
        assertThatThrownBy(() -> twice.call("roll", 6)).hasMessageContaining("host function env.random returns 1 value [f64], got 2 values");
    }

    @Test
    void scriptSessionsRunSuspendSaveAndLoad() {
        Engine engine = Engine.builder().module(DEMO).build();
        Program bonus = engine.compile("bonus.lia", """
                import i32 n
                i32 bonus = ext lookup(n)
                global.counter = global.counter + n + bonus
                r = roll(6)
                return global.counter, r
                """);
        ScriptSession s = engine.newSession();
        assertThatThrownBy(() -> s.run(bonus, Map.of("n", 1.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("input 'n' must be i32");
        assertThat(s.status()).isEqualTo(LiveSession.Status.READY);

        Outcome o = s.run(bonus, Map.of("n", 5));
        assertThat(o).isEqualTo(new Outcome.Blocked("lookup", List.of(Value.i32(5)), List.of(dev.lia.script.syntax.Type.I32)));
        assertThatThrownBy(() -> s.resolve("thirty")).isInstanceOf(IllegalArgumentException.class);
        o = s.resolve(30);
        assertThat(o).isInstanceOf(Outcome.Blocked.class);
        assertThat(s.pending().name()).isEqualTo("env.random");
        byte[] state = s.save();

        ScriptSession again = engine.load(state);
        assertThat(again.stateHash()).isEqualTo(s.stateHash());
        assertThat(again.resolve(0.5)).isEqualTo(new Outcome.Done(List.of(Value.i32(42), Value.i32(3))));
        assertThat(again.run("next.lia", "return global.counter * 2", Map.of())).isEqualTo(new Outcome.Done(List.of(Value.i32(84))));

        // another engine for the same module loads it too, given the script
        Engine other = Engine.of(DEMO);
        assertThatThrownBy(() -> other.load(state)).isInstanceOf(StateException.class);
        assertThat(other.load(state, other.compile("bonus.lia", "import i32 n\ni32 bonus = ext lookup(n)\nglobal.counter = global.counter + n + bonus\nr = roll(6)\nreturn global.counter, r"))
                .resolve(0.5)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void aHostFunctionThatCannotAnswerBlocksTheScript() {
        Engine engine = Engine.builder().module(DEMO).host("env", "random", args -> { throw Host.notNow("no entropy yet"); }).build();
        ScriptSession s = engine.newSession();
        Outcome o = s.run(engine.compile("roll.lia", "return roll(10)"));
        assertThat(o).isInstanceOf(Outcome.Blocked.class);
        assertThat(s.resolve(0.75)).isEqualTo(new Outcome.Done(List.of(Value.i32(7))));
    }

    @Test
    void fuelStopsAndRefuelContinues() {
        Engine engine = Engine.builder().module(DEMO).fuel(3).build();
        ScriptSession s = engine.newSession();
        Outcome o = s.run(engine.compile("loop.lia", "i32 t = 0\nfor i in 0 .. 10 { t = t + i }\nreturn t"));
        int stops = 0;
        while (o instanceof Outcome.OutOfFuel) {
            o = s.refuel();
            stops++;
        }
        assertThat(stops).isPositive();
        assertThat(o).isEqualTo(new Outcome.Done(List.of(Value.i32(45))));
    }

    @Test
    void withACacheSessionsKeepALogAndResume() {
        MemoryStateCache cache = new MemoryStateCache(16);
        Engine engine = Engine.builder().module(DEMO).cache(cache).build();
        Program bonus = engine.compile("bonus.lia", "import i32 n\ni32 b = ext lookup(n)\nreturn b + n");
        ScriptSession s = engine.newSession();
        assertThat(s.run(bonus, Map.of("n", 2))).isInstanceOf(Outcome.Blocked.class);
        assertThat(s.log().events()).hasSize(1);

        ScriptSession resumed = engine.resume(s.log());
        assertThat(resumed.origin()).isEqualTo(SessionRunner.Origin.CACHED);
        assertThat(resumed.resolve(40)).isEqualTo(new Outcome.Done(List.of(Value.i32(42))));
        assertThat(resumed.log().events()).hasSize(2);

        Engine cold = Engine.builder().module(DEMO).cache(new MemoryStateCache(16)).build();
        cold.compile("bonus.lia", "import i32 n\ni32 b = ext lookup(n)\nreturn b + n");
        ScriptSession replayed = cold.resume(s.log());
        assertThat(replayed.origin()).isEqualTo(SessionRunner.Origin.REPLAYED);
        assertThat(replayed.stateHash()).isEqualTo(s.stateHash());
        assertThatThrownBy(() -> Engine.of(DEMO).resume(s.log())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Engine.of(DEMO).newSession().log()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void compileErrorsAreReported() {
        Engine engine = Engine.of(DEMO);
        assertThatThrownBy(() -> engine.compile("bad.lia", "return nope(1)")).isInstanceOf(CompileException.class).hasMessageContaining("nope");
    }
}
