package dev.lia.state;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wasm exception leaving an import handler after the session was saved and loaded in a fresh
 * engine while the handler waited on a request ({@link Cases#handlerException()}): the handler's
 * frame and stack entries go as in a run that never stopped, at every k units of fuel too.
 */
class HandlerExceptionSessionTest {
    @Test
    void theExceptionLeavesTheRestoredHandlerIntoTheTryTable() {
        Cases.Result straight = Cases.drive(Cases.handlerException(), LiveSession.UNLIMITED, false);
        // a = 5 + (1000 + 2*20 ... thrown: payload 40) = 1045; b = 7; outer(7): ask -> 1, payload 2: 1002
        assertThat(straight.outcomes()).containsExactly(
                new Outcome.Blocked("ask", List.of(Value.i32(3)), List.of(Type.I32)),
                new Outcome.Blocked("again", List.of(Value.i32(1045)), List.of(Type.I32)),
                new Outcome.Blocked("ask", List.of(Value.i32(7)), List.of(Type.I32)),
                new Outcome.Done(List.of(Value.i32(1045), Value.i32(1009))));
        for (long k : new long[] {LiveSession.UNLIMITED, 1, 2, 5}) {
            Cases.Result moved = Cases.drive(Cases.handlerException(), k, true);
            assertThat(moved.outcomes()).as("every %d", k).isEqualTo(straight.outcomes());
            assertThat(moved.finalHash()).isEqualTo(straight.finalHash());
            assertThat(moved.fuelUsed()).isEqualTo(straight.fuelUsed());
        }
    }
}
