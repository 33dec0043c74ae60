package dev.lia.wasm.spec;

import dev.lia.testutil.EveryFunctionInRegions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TierEquivalenceTest} with every function of the corpus cut into regions as small as the
 * translator makes them ({@code lia.jit.splitAbove=0}, {@code lia.jit.regionBytes=1}): region
 * crossings on every path, and fuel stops inside regions and at their edges, must still give the
 * interpreter's results, fuel and state at every stop.
 */
class RegionTierEquivalenceTest extends TierEquivalenceTest {
    @BeforeAll
    static void cutEverything() {
        EveryFunctionInRegions.start();
    }

    @AfterAll
    static void restore() {
        assertThat(EveryFunctionInRegions.stop()).as("functions compiled as regions").isGreaterThan(100);
    }
}
