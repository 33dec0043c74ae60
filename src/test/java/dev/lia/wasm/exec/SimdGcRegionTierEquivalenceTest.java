package dev.lia.wasm.exec;

import dev.lia.testutil.EveryFunctionInRegions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SimdGcTierEquivalenceTest} with every function cut into regions as small as the translator
 * makes them: v128 slots and GC references crossing region edges, and fuel stops inside regions,
 * must still give the interpreter's results, fuel, states and traps.
 */
class SimdGcRegionTierEquivalenceTest extends SimdGcTierEquivalenceTest {
    @BeforeAll
    static void cutEverything() {
        EveryFunctionInRegions.start();
    }

    @AfterAll
    static void restore() {
        assertThat(EveryFunctionInRegions.stop()).as("functions compiled as regions").isGreaterThan(4);
    }
}
