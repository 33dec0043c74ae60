package dev.lia.wasm.spec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The tier never changes a result: each corpus program runs straight in the interpreter and with
 * every function compiled, then on a small fuel budget, stopping at every boundary and moving to a
 * brand-new machine whose tier alternates (interpreter, compiled, auto, ...). Results, memory, fuel
 * used and the machine state at every stop must be those of the interpreter's own sliced run, which
 * itself gives the same states every time and the straight run's results and fuel.
 */
class TierEquivalenceTest {
    /** A prime step, so stops fall on all kinds of positions, inside compiled code and out. */
    private static final long STEP = 300_007;

    @TestFactory
    Stream<DynamicTest> everyTierGivesTheInterpretersRun() {
        Path core = SuiteLocation.corpus().resolve("core");
        return CorpusTest.PROGRAMS.stream().map(p -> dynamicTest(p, () -> {
            CompiledModule module = Pipeline.load(Files.readAllBytes(core.resolve(p + ".wasm")));
            Run interp = run(module, Machine.UNLIMITED, new Tier[] {Tier.INTERP});
            Run compiled = run(Pipeline.load(Files.readAllBytes(core.resolve(p + ".wasm"))), Machine.UNLIMITED, new Tier[] {Tier.COMPILED});
            assertThat(compiled.result).isEqualTo(interp.result);
            assertThat(compiled.memory).isEqualTo(interp.memory);
            assertThat(compiled.fuelUsed).isEqualTo(interp.fuelUsed);

            Run slicedInterp = run(module, STEP, new Tier[] {Tier.INTERP});
            Run slicedCompiled = run(module, STEP, new Tier[] {Tier.COMPILED});
            Run alternating = run(module, STEP, new Tier[] {Tier.INTERP, Tier.COMPILED, Tier.AUTO, Tier.COMPILED});
            for (Run r : List.of(slicedInterp, slicedCompiled, alternating)) {
                assertThat(r.result).isEqualTo(interp.result);
                assertThat(r.memory).isEqualTo(interp.memory);
                assertThat(r.fuelUsed).isEqualTo(interp.fuelUsed);
            }
            assertThat(slicedInterp.states).isNotEmpty();
            // the same program stops at the same places with the same state every time
            assertThat(run(module, STEP, new Tier[] {Tier.INTERP}).states).isEqualTo(slicedInterp.states);
            assertThat(slicedCompiled.states).isEqualTo(slicedInterp.states);
            assertThat(alternating.states).isEqualTo(slicedInterp.states);
        }));
    }

    private record Run(long result, String memory, long fuelUsed, List<MachineState> states) {}

    /** Runs {@code _initialize} and {@code run}; at every stop a new machine of the next tier takes the state. */
    private static Run run(CompiledModule module, long step, Tier[] tiers) throws Exception {
        Store store = new Store();
        Machine machine = new Machine(store);
        machine.setTier(tiers[0]);
        Instance instance = machine.instantiate(module, ImportResolver.NONE);
        machine.setFuel(step);
        long given = step;
        List<MachineState> states = new ArrayList<>();
        long[] results = null;
        int turn = 0;
        for (String export : new String[] {"_initialize", "run"}) {
            FunctionInstance f = instance.exportedFunction(export);
            machine.start(f);
            MachineOutcome outcome = machine.run();
            while (outcome instanceof MachineOutcome.OutOfFuel) {
                MachineState state = machine.snapshot();
                states.add(state);
                long fuel = machine.fuel();
                machine = dev.lia.testutil.FreshMachine.resumeIn(store, tiers[++turn % tiers.length], state, fuel);
                machine.addFuel(step);
                given += step;
                outcome = machine.run();
            }
            results = ((MachineOutcome.Done) outcome).results();
        }
        long used = step == Machine.UNLIMITED ? Machine.UNLIMITED - machine.fuel() : given - machine.fuel();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(instance.memory().bytes());
        return new Run(results[0], HexFormat.of().formatHex(digest), used, states);
    }
}
