package dev.lia.wasm.spec;

import dev.lia.testutil.SteppedRun;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.Tier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
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
            SteppedRun interp = SteppedRun.of(module, Machine.UNLIMITED, new Tier[] {Tier.INTERP});
            SteppedRun compiled = SteppedRun.of(Pipeline.load(Files.readAllBytes(core.resolve(p + ".wasm"))), Machine.UNLIMITED, new Tier[] {Tier.COMPILED});
            assertThat(compiled.result()).isEqualTo(interp.result());
            assertThat(compiled.memory()).isEqualTo(interp.memory());
            assertThat(compiled.fuelUsed()).isEqualTo(interp.fuelUsed());

            SteppedRun slicedInterp = SteppedRun.of(module, STEP, new Tier[] {Tier.INTERP});
            SteppedRun slicedCompiled = SteppedRun.of(module, STEP, new Tier[] {Tier.COMPILED});
            SteppedRun alternating = SteppedRun.of(module, STEP, new Tier[] {Tier.INTERP, Tier.COMPILED, Tier.AUTO, Tier.COMPILED});
            for (SteppedRun r : List.of(slicedInterp, slicedCompiled, alternating)) {
                assertThat(r.result()).isEqualTo(interp.result());
                assertThat(r.memory()).isEqualTo(interp.memory());
                assertThat(r.fuelUsed()).isEqualTo(interp.fuelUsed());
            }
            assertThat(slicedInterp.states()).isNotEmpty();
            // the same program stops at the same places with the same state every time
            assertThat(SteppedRun.of(module, STEP, Tier.INTERP).states()).isEqualTo(slicedInterp.states());
            assertThat(slicedCompiled.states()).isEqualTo(slicedInterp.states());
            assertThat(alternating.states()).isEqualTo(slicedInterp.states());
        }));
    }
}
