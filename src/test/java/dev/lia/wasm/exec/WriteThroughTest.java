package dev.lia.wasm.exec;

import dev.lia.testutil.EveryLocalWrittenThrough;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Locals written through to the value stack ({@code lia.jit.writeThrough=all}) stay right when a
 * callee grows the value stack (the array is replaced: writes after the call must go to the new
 * one) and at every fuel stop before and after such calls: each stop's saved state is the
 * interpreter's.
 */
class WriteThroughTest {
    private static final String WAT = """
            (module
              (func $deep (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (i64.add (i64.const 1) (call $deep (i64.sub (local.get 0) (i64.const 1)))))))
              (func (export "run") (param $n i64) (result i64) (local $a i64) (local $b i64) (local $i i64)
                (local.set $a (i64.const 7))
                (local.set $b (call $deep (local.get $n)))   ;; grows the value stack past its first 16K slots
                (local.set $a (i64.add (local.get $a) (local.get $b)))
                (block $done (loop $next
                  (br_if $done (i64.ge_u (local.get $i) (i64.const 20000)))
                  (local.set $a (i64.add (i64.mul (local.get $a) (i64.const 31)) (local.get $i)))
                  (local.set $b (call $deep (i64.const 3)))
                  (local.set $i (i64.add (local.get $i) (local.get $b)))
                  (br $next)))
                (i64.add (local.get $a) (call $deep (local.get $n)))))
            """;

    @BeforeEach
    void writeEverythingThrough() {
        EveryLocalWrittenThrough.start();
    }

    @AfterEach
    void restore() {
        assertThat(EveryLocalWrittenThrough.stop()).as("functions writing locals through").isGreaterThan(0);
    }

    private record Run(long result, List<MachineState> states) {}

    private static Run run(Tier tier, long step) {
        CompiledModule module = Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
        Store store = new Store(new Limits(16, 10_000_000, 200_000, 64 << 20));
        Machine machine = new Machine(store);
        machine.setTier(tier);
        Instance instance = machine.instantiate(module, ImportResolver.NONE);
        machine.setFuel(step);
        List<MachineState> states = new ArrayList<>();
        machine.start(instance.exportedFunction("run"), 30_000L);
        MachineOutcome outcome = machine.run();
        while (outcome instanceof MachineOutcome.OutOfFuel) {
            states.add(machine.snapshot());
            machine.addFuel(step);
            outcome = machine.run();
        }
        return new Run(((MachineOutcome.Done) outcome).results()[0], states);
    }

    @Test
    void locals_written_through_survive_a_growing_stack_and_every_stop() {
        Run expected = run(Tier.INTERP, Machine.UNLIMITED);
        assertThat(run(Tier.COMPILED, Machine.UNLIMITED).result()).isEqualTo(expected.result());
        for (long step : new long[] {997, 200_003, 350_017}) { // the larger steps first stop after the call that grew the stack
            Run interp = run(Tier.INTERP, step);
            Run compiled = run(Tier.COMPILED, step);
            assertThat(interp.states()).as("stops").hasSizeGreaterThan(1);
            assertThat(compiled.result()).isEqualTo(expected.result());
            assertThat(compiled.states()).as("states at every stop, step " + step).isEqualTo(interp.states());
        }
    }
}
