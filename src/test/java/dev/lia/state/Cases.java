package dev.lia.state;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.text.TextFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Sessions for the state tests, and the ways of driving them: straight through, or stopping at
 * every request and every k units of fuel and moving to a fresh engine (new store, machine and VM,
 * from the saved bytes alone) each time.
 */
final class Cases {
    private Cases() {}

    /** A script of a session with its inputs. */
    record Script(String name, String source, Map<String, Value> inputs) {}

    /**
     * A session: scripts run one after another, and the answers to give, in order, whenever a
     * script blocks.
     */
    record Case(String name, byte[] module, List<Script> scripts, List<List<Value>> answers) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a drive gave: every outcome (blocked ones included), the state hash at each stop and at the end, fuel used. */
    record Result(List<Outcome> outcomes, List<String> blockedHashes, String finalHash, long fuelUsed, int moves) {}

    static byte[] read(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    static String resource(String name) {
        try (var in = Cases.class.getResourceAsStream("/state/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text-format module, assembled by the engine's own text format. */
    static byte[] wat(String text) {
        return ModuleEncoder.encode(TextFormat.parseModule(text));
    }

    static Case rich() {
        return new Case("rich", wat(resource("rich.wat")),
                List.of(new Script("rich.lia", resource("rich.lia"), Map.of("n", Value.i32(6))),
                        new Script("rich-more.lia", resource("rich-more.lia"), Map.of())),
                List.of(List.of(Value.i32(5)), List.of(Value.i32(2)), List.of(Value.i32(-7))));
    }

    static Case handlers() {
        return new Case("handlers", read("examples/handlers/handlers.wasm"),
                List.of(new Script("handlers.lia", text("examples/handlers/handlers.lia"), Map.of("n", Value.i32(10)))),
                List.of(List.of()));
    }

    static Case loops() {
        return new Case("loops", read("examples/loops/math.wasm"),
                List.of(new Script("loops.lia", text("examples/loops/loops.lia"), Map.of("n", Value.i32(30)))), List.of());
    }

    static Case demo() {
        String script = """
                import octs name
                i32 a = ext ask(name)
                memory.write(name ++ "!", 300)
                r = roll(100)                 # env.random has no handler: blocks inside wasm
                f64 w = ext weigh(memory.read(300, name.len + 1), a)
                global.counter = global.counter + a + r
                return a, r, w, hash(300, name.len + 1), global.counter
                """;
        return new Case("demo", read("examples/demo/demo.wasm"),
                List.of(new Script("demo-session.lia", script, Map.of("name", Value.octs("lia")))),
                List.of(List.of(Value.i32(41)), List.of(Value.f64(0.25)), List.of(Value.f64(Double.longBitsToDouble(0x7ff8000000000123L)))));
    }

    /**
     * v128 values in the script: an input, literals, lanes, a v128 global, an ext request and an
     * answer, a blocked import and a handler taking and giving v128 (its slots on the VM's stack and
     * in its variables when it stops).
     */
    static Case simd() {
        byte[] module = wat("""
                (module
                  (import "env" "twist" (func $twist (param v128 i32) (result v128)))
                  (import "env" "ask" (func $ask (param v128) (result v128)))
                  (global (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
                  (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
                  (func (export "mix") (param $v v128) (param $n i32) (result i32 v128)
                    (local $i i32)
                    (loop $l
                      (local.set $v (call $twist (local.get $v) (local.get $i)))
                      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                    (local.get $n) (call $ask (local.get $v))))
                """);
        String script = """
                import v128 seed
                on env.twist(v128 v, i32 k) -> v128 {
                    r = add(v, i32x4 1 1 1 1)
                    if k == 2 {
                        v128 told = ext tell(r, k)
                        r = add(r, told)
                    }
                    return r
                }
                n, v = mix(add(seed, global.g), 4)
                global.g = v
                total = 0
                for k in 0 .. 4 { total = total + v.i32x4[k] }
                return n, v, total, v.i8x16[0], global.g == v
                """;
        return new Case("simd", module, List.of(new Script("simd.lia", script, Map.of("seed", Value.v128(0x0000000200000001L, -1L)))),
                List.of(List.of(Value.v128(5, 0)), List.of(Value.v128(-1L, 7))));
    }

    static Case corpus(Path wasm) {
        String name = wasm.getFileName().toString().replace(".wasm", "");
        return new Case("corpus " + name, read(wasm.toString()),
                List.of(new Script("corpus.lia", text("examples/corpus/corpus.lia"), Map.of())), List.of());
    }

    /** The programs of each script, compiled against a module. */
    static Map<String, Program> programs(Case c, LoadedModule m) {
        Map<String, Program> byId = new java.util.HashMap<>();
        for (Script s : c.scripts()) {
            Program p = Lia.compile(new Source(s.name(), s.source()), m.compiled());
            byId.put(p.id(), p);
        }
        return byId;
    }

    /**
     * Drives a case. With {@code fuel} = {@link LiveSession#UNLIMITED} and {@code move} false it is
     * the straight run. With {@code move}, at every stop (blocked or out of fuel) the state is saved
     * and a fresh engine (store, machine, VM) is loaded from the bytes, over a module and scripts
     * compiled separately from those the run started with.
     */
    static Result drive(Case c, long fuel, boolean move) {
        LoadedModule module = LoadedModule.of(c.module());
        Map<String, Program> programs = programs(c, module);
        LoadedModule other = move ? LoadedModule.of(c.module()) : null;
        Map<String, Program> otherPrograms = move ? programs(c, other) : null;
        LiveSession live = LiveSession.start(module);
        Deque<List<Value>> answers = new ArrayDeque<>(c.answers());
        List<Outcome> outcomes = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        int moves = 0;
        for (Script s : c.scripts()) {
            Program p = programs.get(Lia.compile(new Source(s.name(), s.source()), module.compiled()).id());
            Outcome o = live.run(p, s.inputs(), fuel);
            while (o instanceof Outcome.Blocked || o instanceof Outcome.OutOfFuel) {
                if (o instanceof Outcome.Blocked) {
                    outcomes.add(o);
                    blocked.add(StateCodec.hashText(live.save()));
                }
                if (move) {
                    byte[] bytes = live.save();
                    LoadedModule m = moves % 2 == 0 ? other : module;
                    Map<String, Program> ps = moves % 2 == 0 ? otherPrograms : programs;
                    live = LiveSession.load(bytes, m, Limits.DEFAULT, Map.of(), ps::get);
                    moves++;
                }
                o = o instanceof Outcome.Blocked ? live.resolve(answers.removeFirst(), fuel) : live.refuel(fuel);
            }
            outcomes.add(o);
            if (!(o instanceof Outcome.Done)) break;
        }
        String hash = live.status() == LiveSession.Status.ENDED ? null : StateCodec.hashText(live.save());
        return new Result(outcomes, blocked, hash, live.fuelUsed(), moves);
    }

    /** The session's events as a straight drive makes them, for replay through a {@link SessionRunner}. */
    static SessionRunner.Step replay(Case c, StateCache cache, Retention retention) {
        LoadedModule module = LoadedModule.of(c.module());
        SessionRunner runner = new SessionRunner(module, cache, retention);
        Session session = Session.of(module, Limits.DEFAULT);
        Deque<List<Value>> answers = new ArrayDeque<>(c.answers());
        SessionRunner.Step step = null;
        for (Script s : c.scripts()) {
            step = runner.run(session, runner.script(s.name(), s.source()), s.inputs(), LiveSession.UNLIMITED);
            session = step.session();
            while (step.outcome() instanceof Outcome.Blocked b) {
                step = runner.apply(session, new Session.Resolve(b.name(), answers.removeFirst(), LiveSession.UNLIMITED));
                session = step.session();
            }
            if (!(step.outcome() instanceof Outcome.Done)) break;
        }
        return step;
    }
}
