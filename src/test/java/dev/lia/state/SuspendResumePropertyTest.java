package dev.lia.state;

import dev.lia.script.vm.Outcome;
import dev.lia.wasm.spec.SuiteLocation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The central property: a session stopped at every request and every k units of fuel, saved to
 * bytes and continued each time in a fresh engine built from those bytes alone, gives the same
 * outcomes, the same state hashes at every request and at the end, and uses the same fuel as the
 * session run straight through; and replaying its log gives the same final state hash too.
 */
class SuspendResumePropertyTest {
    static List<Cases.Case> small() {
        return List.of(Cases.rich(), Cases.handlers(), Cases.demo(), Cases.loops(), Cases.simd());
    }

    @TestFactory
    Stream<DynamicTest> everyRequestAndEveryKUnitsOfFuel() {
        return small().stream().flatMap(c -> {
            Cases.Result straight = Cases.drive(c, LiveSession.UNLIMITED, false);
            assertThat(straight.outcomes()).last().isInstanceOf(Outcome.Done.class);
            long total = straight.fuelUsed();
            // every k, as long as that makes at most a few thousand stops
            return Stream.of(0L, 1L, 2L, 3L, 7L, 61L, 997L, Math.max(1, total / 10)).distinct().filter(k -> k == 0 || total / k <= 3000)
                    .map(k -> dynamicTest(c + (k == 0 ? ", requests only" : ", every " + k + " units"), () -> {
                Cases.Result moved = Cases.drive(c, k == 0 ? LiveSession.UNLIMITED : k, true);
                assertSame(moved, straight);
                if (k > 0) assertThat(moved.moves()).isGreaterThanOrEqualTo((int) (total / k / 20));
            }));
        });
    }

    @TestFactory
    Stream<DynamicTest> corpusProgramsStopEveryTwentiethOfTheirWork() throws IOException {
        Path core = SuiteLocation.corpus().resolve("core");
        List<Path> programs;
        try (Stream<Path> files = Files.list(core)) {
            programs = files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        return programs.stream().map(p -> dynamicTest(p.getFileName().toString(), () -> {
            Cases.Case c = Cases.corpus(p);
            Cases.Result straight = Cases.drive(c, LiveSession.UNLIMITED, false);
            assertThat(straight.outcomes()).last().isInstanceOf(Outcome.Done.class);
            long k = straight.fuelUsed() / 20 + 1;
            Cases.Result moved = Cases.drive(c, k, true);
            assertSame(moved, straight);
            assertThat(moved.moves()).isBetween(19, 21);
        }));
    }

    @Test
    void replayingTheLogGivesTheSameStateAsTheStraightRun() {
        for (Cases.Case c : small()) {
            Cases.Result straight = Cases.drive(c, LiveSession.UNLIMITED, false);
            SessionRunner.Step replayed = Cases.replay(c, StateCache.NONE, Retention.NEVER);
            assertThat(replayed.outcome()).as(c.name()).isEqualTo(straight.outcomes().get(straight.outcomes().size() - 1));
            assertThat(replayed.stateHash()).as(c.name()).isEqualTo(straight.finalHash());
        }
    }

    @Test
    void theSameSessionTwiceGivesTheSameStateHash() {
        Cases.Result a = Cases.drive(Cases.rich(), LiveSession.UNLIMITED, false);
        Cases.Result b = Cases.drive(Cases.rich(), LiveSession.UNLIMITED, false);
        assertThat(b.finalHash()).isEqualTo(a.finalHash());
        assertThat(b.blockedHashes()).isEqualTo(a.blockedHashes());
    }

    static void assertSame(Cases.Result moved, Cases.Result straight) {
        assertThat(moved.outcomes()).isEqualTo(straight.outcomes());
        assertThat(moved.blockedHashes()).isEqualTo(straight.blockedHashes());
        assertThat(moved.finalHash()).isEqualTo(straight.finalHash());
        assertThat(moved.fuelUsed()).isEqualTo(straight.fuelUsed());
    }
}
