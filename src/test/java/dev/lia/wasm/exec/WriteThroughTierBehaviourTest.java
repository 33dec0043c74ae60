package dev.lia.wasm.exec;

import dev.lia.testutil.EveryLocalWrittenThrough;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TierBehaviourTest} with every local written through to the value stack
 * ({@code lia.jit.writeThrough=all}): traps, limits, and host calls that suspend and resume
 * compiled code (a callee that grows the value stack included) behave as in the interpreter.
 */
class WriteThroughTierBehaviourTest extends TierBehaviourTest {
    @BeforeAll
    static void writeEverythingThrough() {
        EveryLocalWrittenThrough.start();
    }

    @AfterAll
    static void restore() {
        assertThat(EveryLocalWrittenThrough.stop()).as("functions writing locals through").isGreaterThan(0);
    }
}
