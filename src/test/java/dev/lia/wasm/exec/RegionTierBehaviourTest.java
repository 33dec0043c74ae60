package dev.lia.wasm.exec;

import dev.lia.testutil.EveryFunctionInRegions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TierBehaviourTest} with every function cut into regions ({@code lia.jit.splitAbove=0},
 * {@code lia.jit.regionBytes=1}): traps keep their messages and backtraces, limits are counted, and
 * host calls suspend and resume compiled code, when the code runs in region methods.
 */
class RegionTierBehaviourTest extends TierBehaviourTest {
    @BeforeAll
    static void cutEverything() {
        EveryFunctionInRegions.start();
    }

    @AfterAll
    static void restore() {
        assertThat(EveryFunctionInRegions.stop()).as("functions compiled as regions").isGreaterThan(0);
    }
}
