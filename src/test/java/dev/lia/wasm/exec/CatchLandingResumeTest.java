package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that runs out of fuel just where a caught exception lands (the catch target of a try_table,
 * after dead code and the block's end) is saved and restored in a fresh machine, and goes on. Found
 * by the differential test (binaryen 132 seed 36, an exception from a host function answered while
 * the fuel was spent): restore refused such a state as "mid-expression", since only branch
 * instructions' targets counted as places code can resume.
 */
class CatchLandingResumeTest {
    static final CompiledModule CODE = Pipeline.loadText("""
            (module
              (import "env" "boom" (func $boom (param i32)))
              (tag $t (export "t") (param i32))
              (func $thrower (param i32) (throw $t (local.get 0)))
              (func (export "f") (param $n i32) (result i32)
                (local $sum i32)
                (loop $again
                  (local.set $sum (i32.add (local.get $sum)
                    (block $h (result i32)
                      (try_table (catch $t $h)
                        (if (i32.and (local.get $n) (i32.const 1))
                          (then (call $thrower (local.get $n)))
                          (else (throw $t (i32.mul (local.get $n) (i32.const 10))))))
                      (i32.const 0))))
                  (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $sum))
              ;; a host function that throws (answered by resumeThrowing), caught here; dead code before the landing
              (func (export "g") (result i32)
                (block $h (result i32)
                  (try_table (catch $t $h)
                    (call $boom (i32.const 5))
                    (unreachable))
                  (unreachable))
                (i32.const 100) (i32.add)))
            """.getBytes(StandardCharsets.UTF_8), "catch-landing.wat");

    /** 1+20+3+40+5+60 (odd n thrown by a callee, even n times 10 thrown in place). */
    static final long EXPECTED = 129;

    @Test
    void outOfFuelWhereAHostFunctionsExceptionLandsResumesInAFreshMachine() {
        Store store = new Store();
        Machine machine = new Machine(store);
        dev.lia.wasm.runtime.HostFunctionInstance boom = store.yieldingFunction("boom",
                new dev.lia.wasm.syntax.FuncType(java.util.List.of(dev.lia.wasm.syntax.ValType.I32), java.util.List.of()));
        Instance instance = machine.instantiate(CODE, (m, n) -> n.equals("boom") ? boom : null);
        machine.start(instance.exportedFunction("g"));
        MachineOutcome.HostCall call = (MachineOutcome.HostCall) machine.run();
        machine.setFuel(-1); // spent: the machine stops as soon as the exception has landed
        MachineOutcome o = machine.resumeThrowing(new dev.lia.wasm.runtime.ThrownException(store,
                (dev.lia.wasm.runtime.TagInstance) instance.export("t"), call.args()[0]));
        assertThat(o).isInstanceOf(MachineOutcome.OutOfFuel.class);
        MachineState state = machine.snapshot();
        Machine fresh = new Machine(store);
        fresh.restore(state);
        assertThat(fresh.run()).isInstanceOfSatisfying(MachineOutcome.Done.class, d -> assertThat(d.results()).containsExactly(105));
    }

    @Test
    void stopsAtEveryPointIncludingCatchLandingsResumeInAFreshMachine() {
        for (long step = 1; step <= 40; step++) {
            Store store = new Store();
            Machine machine = new Machine(store);
            Instance instance = machine.instantiate(CODE, (m, n) -> store.yieldingFunction("boom",
                    new dev.lia.wasm.syntax.FuncType(java.util.List.of(dev.lia.wasm.syntax.ValType.I32), java.util.List.of())));
            machine.setFuel(step);
            machine.start(instance.exportedFunction("f"), 6);
            MachineOutcome o = machine.run();
            int stops = 0;
            while (o instanceof MachineOutcome.OutOfFuel) {
                stops++;
                MachineState state = machine.snapshot();
                machine = new Machine(store);
                machine.restore(state);
                machine.setFuel(step);
                o = machine.run();
            }
            assertThat(o).as("step %d", step).isInstanceOf(MachineOutcome.Done.class);
            assertThat(((MachineOutcome.Done) o).results()).as("step %d after %d stops", step, stops).containsExactly(EXPECTED);
        }
    }
}
