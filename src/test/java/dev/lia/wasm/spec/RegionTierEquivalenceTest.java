package dev.lia.wasm.spec;

import dev.lia.wasm.compile.jvm.JvmTranslator;
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
    private static long before;

    @BeforeAll
    static void cutEverything() {
        before = JvmTranslator.regionFunctions();
        System.setProperty("lia.jit.splitAbove", "0");
        System.setProperty("lia.jit.regionBytes", "1");
    }

    @AfterAll
    static void restore() {
        System.clearProperty("lia.jit.splitAbove");
        System.clearProperty("lia.jit.regionBytes");
        assertThat(JvmTranslator.regionFunctions() - before).as("functions compiled as regions").isGreaterThan(100);
    }
}
