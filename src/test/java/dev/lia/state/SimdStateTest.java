package dev.lia.state;

import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * v128 values in saved states: a loop over v128 locals, a v128 global and calls with v128 parameters
 * stops out of fuel every few instructions; at every stop the whole engine state is encoded, decoded
 * and restored into a new store and machine, and the run goes on there. The result, the global and
 * the states of a second such run equal those of a run that never stops.
 */
class SimdStateTest {
    static final byte[] MODULE = ModuleEncoder.encode(TextFormat.parseModule("""
            (module
              (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
              (func $mix (param $a v128) (param $b v128) (result v128)
                (v128.xor (local.get $a)
                          (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get $b) (local.get $a))))
              (func (export "run") (param $n i32) (result v128)
                (local $acc v128) (local $i i32) (local $f v128)
                (local.set $f (f64x2.splat (f64.const 0.5)))
                (loop $l
                  (local.set $acc (i32x4.add (local.get $acc) (global.get $g)))
                  (global.set $g (i32x4.mul (global.get $g) (v128.const i32x4 3 5 7 11)))
                  (local.set $acc (call $mix (local.get $acc) (global.get $g)))
                  (local.set $f (f64x2.mul (local.get $f) (f64x2.add (local.get $f) (v128.const f64x2 1.25 -0.75))))
                  (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (v128.xor (local.get $acc) (local.get $f))))
            """));

    record Run(long[] result, long globalLo, long globalHi, int stops, List<String> hashes) {}

    static Run run(long step) {
        LoadedModule module = LoadedModule.of(MODULE);
        Store store = new Store();
        Machine machine = new Machine(store);
        Instance instance = machine.instantiate(module.compiled(), ImportResolver.NONE);
        machine.setFuel(step);
        machine.start(instance.exportedFunction("run"), 50);
        MachineOutcome outcome = machine.run();
        List<String> hashes = new ArrayList<>();
        int stops = 0;
        while (outcome instanceof MachineOutcome.OutOfFuel) {
            stops++;
            byte[] saved = StateCodec.encode(Snapshots.capture(store, machine, List.of(module), List.of(), 0, 0, null));
            hashes.add(StateCodec.hashText(saved));
            Snapshots.Restored restored = Snapshots.restore(StateCodec.decode(saved, Limits.DEFAULT), List.of(module), Limits.DEFAULT,
                    Snapshots.HostFactory.YIELDING);
            assertThat(StateCodec.encode(Snapshots.capture(restored.store(), restored.machine(), List.of(module), List.of(), 0, 0, null)))
                    .isEqualTo(saved);
            store = restored.store();
            machine = restored.machine();
            instance = restored.instances().get(0);
            machine.setFuel(step);
            outcome = machine.run();
        }
        GlobalInstance g = (GlobalInstance) instance.export("g");
        return new Run(((MachineOutcome.Done) outcome).results(), g.get(), g.high(), stops, hashes);
    }

    @Test
    void v128LocalsGlobalsAndCallsSurviveSaveAndRestoreAtEveryStop() {
        Run straight = run(Machine.UNLIMITED);
        Run stepped = run(3);
        assertThat(straight.stops()).isZero();
        assertThat(stepped.stops()).isGreaterThan(100);
        assertThat(stepped.result()).hasSize(2).isEqualTo(straight.result());
        assertThat(stepped.globalLo()).isEqualTo(straight.globalLo());
        assertThat(stepped.globalHi()).isEqualTo(straight.globalHi()).isNotZero();
        assertThat(run(3).hashes()).isEqualTo(stepped.hashes());
    }
}
