package dev.lia.wasm.spec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Fuel and suspension on real programs: each corpus program runs on a small budget; at every stop
 * its machine state is taken, a brand-new machine restores it and continues with more fuel. The
 * result, and the fuel used in all, must equal those of a run with unlimited fuel.
 */
class FuelResumeTest {
    /** A prime step, so stops fall on all kinds of positions. */
    private static final long STEP = 1_000_003;

    @TestFactory
    Stream<DynamicTest> stopEveryStepAndResumeOnANewMachine() {
        Path core = SuiteLocation.corpus().resolve("core");
        return CorpusTest.PROGRAMS.stream().map(p -> dynamicTest(p, () -> {
            CompiledModule module = Pipeline.load(Files.readAllBytes(core.resolve(p + ".wasm")));
            Run straight = run(module, Machine.UNLIMITED, false);
            Run stepped = run(module, STEP, true);
            assertThat(stepped.hash).isEqualTo(straight.hash);
            assertThat(stepped.fuelUsed).isEqualTo(straight.fuelUsed);
            assertThat(stepped.stops).isGreaterThan(0);
            // the same program stops at the same places with the same state every time
            Run again = run(module, STEP, true);
            assertThat(again.states).isEqualTo(stepped.states);
        }));
    }

    private record Run(int hash, long fuelUsed, int stops, List<MachineState> states) {}

    private static Run run(CompiledModule module, long step, boolean moveAtEveryStop) {
        Store store = new Store();
        Machine machine = new Machine(store);
        Instance instance = machine.instantiate(module, ImportResolver.NONE);
        machine.setFuel(step);
        long given = step;
        List<MachineState> states = new ArrayList<>();
        long[] results = null;
        for (String export : new String[] {"_initialize", "run"}) {
            FunctionInstance f = instance.exportedFunction(export);
            machine.start(f);
            MachineOutcome outcome = machine.run();
            while (outcome instanceof MachineOutcome.OutOfFuel) {
                if (moveAtEveryStop) {
                    MachineState state = machine.snapshot();
                    if (states.size() < 50) states.add(state);
                    long fuel = machine.fuel();
                    machine = new Machine(store); // a fresh machine over the same store
                    machine.restore(state);
                    machine.setFuel(fuel);
                }
                machine.addFuel(step);
                given += step;
                outcome = machine.run();
            }
            results = ((MachineOutcome.Done) outcome).results();
        }
        long used = step == Machine.UNLIMITED ? Machine.UNLIMITED - machine.fuel() : given - machine.fuel();
        return new Run((int) results[0], used, states.size(), states);
    }
}
