package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fuel refill ({@link Machine#setFuelRefill}) must be the same as taking every out-of-fuel stop,
 * adding the fuel and running on: same result, fuel left and number of refills, in every tier; and a
 * refill that declines leaves the state the stop would have left.
 */
class FuelRefillTest {
    // Nested loops with a call and a branch inside: stops land at loop starts (refilled in compiled
    // code), after calls, at a callee's entry and at forward branches (refilled by the machine).
    private static final String WAT = """
            (module
              (func $step (param i64 i64) (result i64)
                (i64.add (i64.mul (local.get 0) (i64.const 6364136223846793005)) (local.get 1)))
              (func (export "work") (param $n i32) (result i64) (local $x i64) (local $i i32) (local $j i32)
                (loop $outer
                  (local.set $j (i32.const 0))
                  (loop $inner
                    (local.set $x (call $step (local.get $x) (i64.extend_i32_u (local.get $j))))
                    (if (i64.lt_u (local.get $x) (i64.const 0x4000000000000000))
                      (then (local.set $x (i64.xor (local.get $x) (i64.const 12345)))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br_if $inner (i32.lt_u (local.get $j) (i32.const 37))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $x)))
            """;
    private static final long N = 300;

    private record Sliced(long result, long fuelLeft, int refills, List<MachineState> states) {}

    private static Machine machine(Tier tier, Instance[] instance) {
        CompiledModule module = Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
        Machine m = new Machine(new Store());
        m.setTier(tier);
        instance[0] = m.instantiate(module, ImportResolver.NONE);
        return m;
    }

    /** The host takes every stop: a snapshot, more fuel, run on. */
    private static Sliced suspending(Tier tier, long slice) {
        Instance[] inst = new Instance[1];
        Machine m = machine(tier, inst);
        m.setFuel(slice);
        m.start(inst[0].exportedFunction("work"), N);
        List<MachineState> states = new ArrayList<>();
        MachineOutcome o = m.run();
        while (o instanceof MachineOutcome.OutOfFuel) {
            states.add(m.snapshot());
            m.addFuel(slice);
            o = m.run();
        }
        return new Sliced(((MachineOutcome.Done) o).results()[0], m.fuel(), states.size(), states);
    }

    @ParameterizedTest
    @CsvSource({"INTERP,3", "INTERP,1000", "COMPILED,3", "COMPILED,97", "COMPILED,1000", "COMPILED,10007", "AUTO,97", "AUTO,10007"})
    void refillingIsTakingEveryStop(Tier tier, long slice) {
        Sliced reference = suspending(Tier.INTERP, slice);
        assertThat(reference.refills()).isGreaterThan(5);
        assertThat(suspending(tier, slice).states()).isEqualTo(reference.states());

        Instance[] inst = new Instance[1];
        Machine m = machine(tier, inst);
        int[] refills = {0};
        m.setFuelRefill(overdraft -> {
            refills[0]++;
            return slice;
        });
        m.setFuel(slice);
        long result = m.invoke(inst[0].exportedFunction("work"), N)[0];
        assertThat(new long[] {result, m.fuel(), refills[0]})
                .containsExactly(reference.result(), reference.fuelLeft(), reference.refills());
    }

    @ParameterizedTest
    @CsvSource({"INTERP,97", "COMPILED,97", "COMPILED,1000", "AUTO,1000"})
    void aDeclinedRefillStopsWhereTheStopWouldBe(Tier tier, long slice) {
        Sliced reference = suspending(Tier.INTERP, slice);
        int grant = reference.refills() / 2;
        Instance[] inst = new Instance[1];
        Machine m = machine(tier, inst);
        int[] asked = {0};
        m.setFuelRefill(overdraft -> ++asked[0] <= grant ? slice : 0);
        m.setFuel(slice);
        FunctionInstance work = inst[0].exportedFunction("work");
        m.start(work, N);
        MachineOutcome o = m.run();
        assertThat(o).isInstanceOf(MachineOutcome.OutOfFuel.class);
        assertThat(asked[0]).as("asked once per stop").isEqualTo(grant + 1);
        assertThat(m.snapshot()).isEqualTo(reference.states().get(grant));
        m.setFuelRefill(null);
        m.addFuel(slice);
        o = m.run();
        while (o instanceof MachineOutcome.OutOfFuel) {
            m.addFuel(slice);
            o = m.run();
        }
        assertThat(((MachineOutcome.Done) o).results()[0]).isEqualTo(reference.result());
        assertThat(m.fuel()).isEqualTo(reference.fuelLeft());
    }
}
