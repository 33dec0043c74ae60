package dev.lia.wasm.link;

import dev.lia.state.EngineState;
import dev.lia.state.LoadedModule;
import dev.lia.state.Snapshots;
import dev.lia.state.StateCodec;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Java host that linked generated code saves its engine with {@link Snapshots}: the linker's
 * records give the modules the state carries. A run stopped (out of fuel) inside the generated
 * code moves, through the state's bytes, to a fresh engine at every stop and finishes alike.
 */
class ResumeAfterLateLinkTest {
    @Test
    void aRunStoppedInsideGeneratedCodeFinishesInFreshEnginesRestoredFromItsState() {
        LateLinkerTest.JitProgram p = JitExampleTest.interpreting();
        int n = 12;
        int expected = p.call("run", n);
        LateLinker.Linked jit = JitExampleTest.link(p);
        LoadedModule program = LoadedModule.of(JitExampleTest.read(), JitExampleTest.JIT);
        List<LoadedModule> carried = List.of(LoadedModule.of(jit.bytes(), jit.module()));
        String jitHash = carried.get(0).hashText();
        assertThat(jitHash).isEqualTo("sha256:" + jit.sha256());

        Machine machine = p.machine();
        machine.setFuel(200_000);
        machine.start(p.instance().exportedFunction("run"), n);
        MachineOutcome o = machine.run();
        int insideGeneratedCode = 0;
        int firstGenerated = jit.instance().function(0).address();
        while (o instanceof MachineOutcome.OutOfFuel) {
            EngineState state = Snapshots.capture(machine.store(), machine, List.of(program), carried, 0, 0, null);
            if (state.machine().frames().stream().anyMatch(f -> f.functionAddress() >= firstGenerated)) insideGeneratedCode++;
            byte[] bytes = StateCodec.encode(state);
            Snapshots.Restored r = Snapshots.restore(StateCodec.decode(bytes, Limits.DEFAULT), List.of(program), Limits.DEFAULT,
                    Snapshots.HostFactory.YIELDING);
            assertThat(r.instances()).hasSize(2);
            assertThat(r.carried()).extracting(LoadedModule::hashText).containsExactly(jitHash);
            carried = r.carried(); // the restored instances are made from these
            Instance generated = r.instances().get(1);
            assertThat(generated.function(0).address()).isEqualTo(firstGenerated);
            machine = r.machine();
            machine.setFuel(200_000);
            o = machine.run();
        }
        assertThat(insideGeneratedCode).as("stops inside the generated code").isGreaterThan(3);
        assertThat(((MachineOutcome.Done) o).results()).containsExactly(expected);
    }
}
