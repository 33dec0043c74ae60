package dev.lia.wasm.spec;

import dev.lia.testutil.EveryLocalWrittenThrough;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TierEquivalenceTest} with every local of every compiled function written through to the
 * value stack ({@code lia.jit.writeThrough=all}): stops that write only the operands, and frames
 * that read their locals back at loop entries, must still give the interpreter's results, fuel and
 * state at every stop.
 */
class WriteThroughTierEquivalenceTest extends TierEquivalenceTest {
    @BeforeAll
    static void writeEverythingThrough() {
        EveryLocalWrittenThrough.start();
    }

    @AfterAll
    static void restore() {
        assertThat(EveryLocalWrittenThrough.stop()).as("functions writing locals through").isGreaterThan(100);
    }
}
