package dev.lia.state;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.AnsweringHost;
import dev.lia.script.vm.HostRequest;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.VmState;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The general mechanism under WASI's stdin: a Java host function that needs an answer from outside
 * blocks the script with a request of its own; the VM keeps the call, hands the answer over and calls
 * again, also in a fresh engine after a save. Here {@code env.random} (imported by examples/demo)
 * asks for a die's face as the request {@code dice.face}.
 */
class HostRequestTest {
    static final LoadedModule DEMO = LoadedModule.of(Cases.read("examples/demo/demo.wasm"));
    static final Program ROLLS = Lia.compile(new Source("rolls.lia", "a = roll(6)\nb = roll(6)\nreturn a, b\n"), DEMO.compiled());

    /** Answers env.random with face/6 (roll(6) then gives the face), asking for each face first. */
    static final class Dice implements AnsweringHost {
        Integer face;
        int calls;

        @Override
        public long[] call(Instance caller, long[] args) {
            calls++;
            if (face == null) throw new HostRequest("dice.face", List.of(Type.I32));
            double r = face / 6.0;
            face = null;
            return new long[] {Double.doubleToRawLongBits(r)};
        }

        @Override
        public void answer(String request, List<Value> answer) {
            int f = answer.get(0).asI32();
            if (f < 0 || f > 5) throw new IllegalArgumentException("a face is 0 to 5, got " + f);
            face = f;
        }
    }

    static final Outcome.Blocked FACE = new Outcome.Blocked("dice.face", List.of(), List.of(Type.I32));

    @Test
    void theRequestBlocksTheScriptAndTheAnswerGoesToTheHostWhichIsCalledAgain() {
        Dice dice = new Dice();
        LiveSession s = LiveSession.start(DEMO, Limits.DEFAULT, Map.of("env.random", dice));
        assertThat(s.run(ROLLS, Map.of(), LiveSession.UNLIMITED)).isEqualTo(FACE);
        EngineState state = s.snapshot();
        assertThat(state.script().vm().suspension()).isEqualTo(VmState.Suspension.HOST_REQUEST);
        assertThat(state.script().vm().hostCall()).isNotNull();
        assertThat(s.resolve(List.of(Value.i32(4)), LiveSession.UNLIMITED)).isEqualTo(FACE);
        assertThat(s.resolve(List.of(Value.i32(2)), LiveSession.UNLIMITED)).isEqualTo(new Outcome.Done(List.of(Value.i32(4), Value.i32(2))));
        assertThat(dice.calls).isEqualTo(4);
    }

    @Test
    void anAnswerTheHostRefusesChangesNothing() {
        LiveSession s = LiveSession.start(DEMO, Limits.DEFAULT, Map.of("env.random", new Dice()));
        s.run(ROLLS, Map.of(), LiveSession.UNLIMITED);
        byte[] before = s.save();
        assertThatThrownBy(() -> s.resolve(List.of(Value.i32(9)), LiveSession.UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a face is 0 to 5, got 9");
        assertThat(s.save()).isEqualTo(before);
        assertThat(s.resolve(List.of(Value.i32(1)), LiveSession.UNLIMITED)).isEqualTo(FACE);
    }

    @Test
    void aSavedRequestIsAnsweredInAFreshEngineAndNeedsTheHostThere() {
        LiveSession s = LiveSession.start(DEMO, Limits.DEFAULT, Map.of("env.random", new Dice()));
        s.run(ROLLS, Map.of(), LiveSession.UNLIMITED);
        byte[] saved = s.save();
        LiveSession fresh = LiveSession.load(saved, DEMO, Limits.DEFAULT, Map.of("env.random", new Dice()), id -> ROLLS);
        assertThat(fresh.pendingRequest()).isEqualTo(FACE);
        assertThat(fresh.resolve(List.of(Value.i32(5)), LiveSession.UNLIMITED)).isEqualTo(FACE);
        assertThat(fresh.resolve(List.of(Value.i32(0)), LiveSession.UNLIMITED)).isEqualTo(new Outcome.Done(List.of(Value.i32(5), Value.i32(0))));
        assertThatThrownBy(() -> LiveSession.load(saved, DEMO, Limits.DEFAULT, Map.of(), id -> ROLLS))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("the script waits on a request of host function env.random, which this VM was not given");
    }

    /** Issue 16, defect 10: a program lookup that finds nothing is an unknown script, not a wrong module. */
    @Test
    void aStateWhoseScriptTheCallerLacksIsAnUnknownScript() {
        LiveSession s = LiveSession.start(DEMO, Limits.DEFAULT, Map.of("env.random", new Dice()));
        s.run(ROLLS, Map.of(), LiveSession.UNLIMITED);
        byte[] saved = s.save();
        assertThatThrownBy(() -> LiveSession.load(saved, DEMO, Limits.DEFAULT, Map.of("env.random", new Dice()), id -> null))
                .isInstanceOf(StateException.class)
                .satisfies(e -> assertThat(((StateException) e).kind()).isEqualTo(StateException.Kind.UNKNOWN_SCRIPT))
                .hasMessageStartingWith("unknown script: the state runs script ");
    }
}
