package dev.lia.wasm.exec;

import dev.lia.wasm.compile.jvm.JvmTranslator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TierBehaviourTest} with every function cut into regions ({@code lia.jit.splitAbove=0},
 * {@code lia.jit.regionBytes=1}): traps keep their messages and backtraces, limits are counted, and
 * host calls suspend and resume compiled code, when the code runs in region methods.
 */
class RegionTierBehaviourTest extends TierBehaviourTest {
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
        assertThat(JvmTranslator.regionFunctions() - before).as("functions compiled as regions").isGreaterThan(0);
    }
}
