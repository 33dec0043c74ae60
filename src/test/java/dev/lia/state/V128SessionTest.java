package dev.lia.state;

import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * v128 values in a Lia session ({@link Cases#simd()}): the straight run's requests and results, worked
 * out by hand from the module and script; and the same outcomes and hashes when the session is saved
 * and loaded into a fresh engine at every stop (SuspendResumePropertyTest runs it at every k units too).
 */
class V128SessionTest {
    static Value lanes(int a, int b, int c, int d) {
        return Value.v128((a & 0xFFFFFFFFL) | ((long) b << 32), (c & 0xFFFFFFFFL) | ((long) d << 32));
    }

    @Test
    void requestsAndResultsCarryV128() {
        Cases.Result straight = Cases.drive(Cases.simd(), LiveSession.UNLIMITED, false);
        // seed (1 2 -1 -1) + g (1 2 3 4) = 2 4 2 3; four twists add 1 each, the third also adds the answer 5 0 0 0
        assertThat(straight.outcomes()).containsExactly(
                new Outcome.Blocked("tell", List.of(lanes(5, 7, 5, 6), Value.i32(2)), List.of(dev.lia.script.syntax.Type.V128)),
                new Outcome.Blocked("env.ask", List.of(lanes(11, 8, 6, 7)), List.of(dev.lia.script.syntax.Type.V128)),
                new Outcome.Done(List.of(Value.i32(4), lanes(-1, -1, 7, 0), Value.i32(5), Value.i32(-1), Value.i32(1))));
    }

    @Test
    void savedAndLoadedAtEveryStopGivesTheSameOutcomesAndHashes() {
        Cases.Result straight = Cases.drive(Cases.simd(), LiveSession.UNLIMITED, false);
        for (long k : new long[] {LiveSession.UNLIMITED, 1, 5}) {
            Cases.Result moved = Cases.drive(Cases.simd(), k, true);
            assertThat(moved.outcomes()).isEqualTo(straight.outcomes());
            assertThat(moved.blockedHashes()).isEqualTo(straight.blockedHashes());
            assertThat(moved.finalHash()).isEqualTo(straight.finalHash());
            assertThat(moved.fuelUsed()).isEqualTo(straight.fuelUsed());
        }
    }
}
