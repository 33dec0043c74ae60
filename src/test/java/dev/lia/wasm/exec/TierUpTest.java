package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@link Tier#AUTO} moves a function to compiled code: a function entered once that loops
 * long moves at a loop start; code translated already (for another instance of the module, or
 * because compiled code called the function) is taken at once, not after another
 * {@link Tiering#THRESHOLD} counts. Whichever tier runs, results, fuel and states are the
 * interpreter's.
 */
class TierUpTest {
    private static final String WAT = """
            (module
              (func $spin (export "spin") (param $n i32) (result i64) (local $x i64)
                (loop $l
                  (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005)) (i64.extend_i32_u (local.get $n))))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $l (local.get $n)))
                (local.get $x))
              (func $leaf (export "leaf") (param $n i32) (result i64)
                (call $spin (local.get $n)))
              (func (export "calls") (param $n i32) (result i64) (local $s i64)
                (loop $l
                  (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (local.get $n))))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $l (local.get $n)))
                (i64.add (local.get $s) (call $leaf (i32.const 2)))))
            """;
    private static final long FUEL = 50_000_000;

    private static CompiledModule module() {
        return Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
    }

    private record Run(long result, long fuelLeft, List<MachineState> states, WasmFunction function) {}

    /** {@code export(arg)} in a fresh instance of {@code module}, stopping every {@code slice} units of fuel for a snapshot. */
    private static Run run(CompiledModule module, Tier tier, String export, long arg, long slice) {
        Machine m = new Machine(new Store());
        m.setTier(tier);
        Instance inst = m.instantiate(module, ImportResolver.NONE);
        m.setFuel(slice);
        m.start(inst.exportedFunction(export), arg);
        List<MachineState> states = new ArrayList<>();
        MachineOutcome o = m.run();
        while (o instanceof MachineOutcome.OutOfFuel) {
            states.add(m.snapshot());
            m.addFuel(slice);
            o = m.run();
        }
        return new Run(((MachineOutcome.Done) o).results()[0], m.fuel(), states, (WasmFunction) inst.exportedFunction(export));
    }

    private static void assertSameAsInterpreter(Run actual, String export, long arg, long slice) {
        Run reference = run(module(), Tier.INTERP, export, arg, slice);
        assertThat(actual.result()).isEqualTo(reference.result());
        assertThat(actual.fuelLeft()).isEqualTo(reference.fuelLeft());
        assertThat(actual.states()).isEqualTo(reference.states());
    }

    @Test
    void aFunctionEnteredOnceMovesToCompiledCodeAtALoopStart() {
        long n = 20 * Tiering.THRESHOLD;
        Run auto = run(module(), Tier.AUTO, "spin", n, FUEL);
        assertThat(auto.function().jvmCode()).as("compiled after one long call").isNotNull();
        assertThat(auto.function().jvmLoopEntries()).isTrue();
        assertSameAsInterpreter(auto, "spin", n, FUEL);
        // stopped and resumed at loop starts along the way, the same states as the interpreter's
        assertSameAsInterpreter(run(module(), Tier.AUTO, "spin", n, 7_919), "spin", n, 7_919);
    }

    @Test
    void aNewInstanceTakesTheCodeTranslatedForAnotherAtOnce() {
        CompiledModule module = module();
        assertThat(run(module, Tier.AUTO, "spin", 20 * Tiering.THRESHOLD, FUEL).function().jvmCode()).isNotNull();
        // a short call in a second instance: far below the threshold, yet compiled code runs it
        Run second = run(module, Tier.AUTO, "spin", 5, FUEL);
        assertThat(second.function().jvmCode()).as("the module's code, taken by the new instance").isNotNull();
        assertSameAsInterpreter(second, "spin", 5, FUEL);
    }

    @Test
    void codeTranslatedBecauseCompiledCodeCalledItIsTakenAtOnce() {
        CompiledModule module = module();
        Machine m = new Machine(new Store());
        m.setTier(Tier.AUTO);
        Instance inst = m.instantiate(module, ImportResolver.NONE);
        // "calls" is hot in its loop; after it its compiled code calls leaf directly, which translates leaf
        long n = 3L * Tiering.THRESHOLD;
        long sum = m.invoke(inst.exportedFunction("calls"), n)[0];
        WasmFunction leaf = (WasmFunction) inst.exportedFunction("leaf");
        assertThat(leaf.jvmCode()).as("not asked for by the tier yet").isNull();
        long once = m.invoke(leaf, 2)[0];
        assertThat(leaf.jvmCode()).as("taken at its first call from the interpreter").isNotNull();
        assertThat(sum).isEqualTo(n * (n + 1) / 2 + once);
        assertSameAsInterpreter(run(module, Tier.AUTO, "leaf", 2, FUEL), "leaf", 2, FUEL);
    }

    @Test
    void callsFromTheHostMakeAFunctionHot() {
        Machine m = new Machine(new Store());
        m.setTier(Tier.AUTO);
        Instance inst = m.instantiate(module(), ImportResolver.NONE);
        WasmFunction leaf = (WasmFunction) inst.exportedFunction("leaf"); // no loop of its own: only its calls count
        long first = m.invoke(leaf, 3)[0];
        for (int i = 1; i < Tiering.THRESHOLD; i++) assertThat(m.invoke(leaf, 3)[0]).isEqualTo(first);
        assertThat(leaf.jvmCode()).as("hot from the host's calls").isNotNull();
        assertThat(m.invoke(leaf, 3)[0]).isEqualTo(first);
    }
}
