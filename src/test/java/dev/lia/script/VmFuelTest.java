package dev.lia.script;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.script.vm.VmState;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fuel in scripts: Lia operations and wasm code share one counter; running out suspends, more fuel resumes. */
class VmFuelTest {
    static final String LOOPS = read("examples/loops/loops.lia");
    static final CompiledModule MATH = ScriptRunner.module("examples/loops/math.wasm");

    static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eachOperationCostsOneUnit() {
        Vm vm = ScriptRunner.vm("x = 1\ny = x + 2\nreturn y", VmTest.MISC, Map.of());
        assertThat(vm.run()).isEqualTo(new Outcome.Done(List.of(Value.i32(3))));
        // i32.const, local.set, local.get, i32.const, i32.add, local.set, local.get, return
        assertThat(Machine.UNLIMITED - vm.fuel()).isEqualTo(8);
        Vm exact = ScriptRunner.vm("x = 1\ny = x + 2\nreturn y", VmTest.MISC, Map.of());
        exact.setFuel(7); // the last operation starts with 0 left
        assertThat(exact.run()).isEqualTo(new Outcome.Done(List.of(Value.i32(3))));
        assertThat(exact.fuel()).isEqualTo(-1);
        Vm short1 = ScriptRunner.vm("x = 1\ny = x + 2\nreturn y", VmTest.MISC, Map.of());
        short1.setFuel(6);
        assertThat(short1.run()).isEqualTo(new Outcome.OutOfFuel(1));
        assertThatThrownBy(() -> short1.resolve(List.of())).isInstanceOf(IllegalStateException.class);
        short1.addFuel(1);
        assertThat(short1.resume()).isEqualTo(new Outcome.Done(List.of(Value.i32(3))));
    }

    @Test
    void stoppingEveryFewUnitsGivesTheSameResultsAndUsesTheSameFuel() {
        Vm straight = ScriptRunner.vm(LOOPS, MATH, Map.of("n", Value.i32(40)));
        Outcome expected = straight.run();
        assertThat(expected).isInstanceOf(Outcome.Done.class);
        long used = Machine.UNLIMITED - straight.fuel();
        for (long step : new long[] {1, 7, 100, 1000}) {
            Vm vm = ScriptRunner.vm(LOOPS, MATH, Map.of("n", Value.i32(40)));
            vm.setFuel(step);
            long given = step;
            Outcome o = vm.run();
            int stops = 0;
            while (o instanceof Outcome.OutOfFuel) {
                stops++;
                vm.addFuel(step);
                given += step;
                o = vm.resume();
            }
            assertThat(o).as("step " + step).isEqualTo(expected);
            assertThat(given - vm.fuel()).as("fuel used with step " + step).isEqualTo(used);
            assertThat(stops).isGreaterThan(0);
        }
    }

    @Test
    void outOfFuelInsideWasmCalledFromAHandlerResumes() throws Exception {
        String script = read("examples/handlers/handlers.lia");
        CompiledModule m = ScriptRunner.module("examples/handlers/handlers.wasm");
        Vm straight = ScriptRunner.vm(script, m, Map.of("n", Value.i32(10)));
        Outcome blocked = straight.run();
        long used = Machine.UNLIMITED - straight.fuel();
        Vm vm = ScriptRunner.vm(script, m, Map.of("n", Value.i32(10)));
        vm.setFuel(3);
        Outcome o = vm.run();
        List<VmState.Suspension> kinds = new ArrayList<>();
        long given = 3;
        while (o instanceof Outcome.OutOfFuel) {
            kinds.add(vm.snapshot().suspension());
            vm.addFuel(3);
            given += 3;
            o = vm.resume();
        }
        assertThat(o).isEqualTo(blocked);
        assertThat(given - vm.fuel()).isEqualTo(used);
        assertThat(kinds).contains(VmState.Suspension.FUEL_SCRIPT, VmState.Suspension.FUEL_WASM);
        vm.setFuel(Machine.UNLIMITED);
        assertThat(vm.resolve(List.of())).isEqualTo(straight.resolve(List.of()));
    }

    @Test
    void aSuspendedScriptRestoresFromItsStateOverTheSameMachine() {
        Vm vm = ScriptRunner.vm("""
                on env.random() -> f64 {
                    f64 r = ext dice("a" ++ "b")
                    return r + 1
                }
                s = "kept"
                x = noise()
                return x, s
                """, VmTest.MISC, Map.of());
        Outcome blocked = vm.run();
        assertThat(blocked).isEqualTo(new Outcome.Blocked("dice", List.of(Value.octs("ab")), List.of(Type.F64)));
        VmState state = vm.snapshot();
        assertThat(state.frames()).isEqualTo(2);
        Vm again = Vm.restore(vm.program(), vm.machine(), vm.instance(), Map.of(), state);
        assertThat(again.snapshot()).isEqualTo(state);
        assertThat(again.pendingRequest()).isEqualTo(blocked);
        assertThat(again.resolve(List.of(Value.f64(2)))).isEqualTo(new Outcome.Done(List.of(Value.f64(6), Value.octs("kept"))));
    }

    @Test
    void aJavaHostThatCannotAnswerBlocksTheScript() {
        Vm vm = ScriptRunner.vm("return noise()", VmTest.MISC, Map.of(), Map.of("env.random", (c, a) -> {
            throw new dev.lia.wasm.runtime.HostYield("later");
        }));
        assertThat(vm.run()).isEqualTo(new Outcome.Blocked("env.random", List.of(), List.of(Type.F64)));
        assertThat(vm.resolve(List.of(Value.f64(1)))).isEqualTo(new Outcome.Done(List.of(Value.f64(2))));
    }

    @Test
    void laterScriptsRunAgainstTheSameInstanceWithTheirOwnHandlers() {
        Vm first = ScriptRunner.vm("global.counter = 40\nreturn global.counter", VmTest.MISC, Map.of());
        assertThat(first.run()).isEqualTo(new Outcome.Done(List.of(Value.i32(40))));
        var second = new Vm(dev.lia.script.Lia.compile(new dev.lia.script.syntax.Source("b.lia", """
                on env.random() -> f64 { return 0.5 }
                global.counter = global.counter + 2
                return global.counter, noise()
                """), VmTest.MISC), first.machine(), first.instance(), Map.of(), Map.of());
        assertThat(second.run()).isEqualTo(new Outcome.Done(List.of(Value.i32(42), Value.f64(1))));
        var third = new Vm(dev.lia.script.Lia.compile(new dev.lia.script.syntax.Source("c.lia", "return noise()"), VmTest.MISC),
                first.machine(), first.instance(), Map.of(), Map.of());
        assertThat(third.run()).isEqualTo(new Outcome.Blocked("env.random", List.of(), List.of(Type.F64)));
    }
}
