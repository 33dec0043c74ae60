package dev.lia.wasi.session;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.state.LiveSession;
import dev.lia.state.LoadedModule;
import dev.lia.state.StateException;
import dev.lia.wasi.WasiConfig;
import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A WASI program inside a Lia session, driven event by event: each read of stdin with nothing
 * buffered blocks as the request {@code wasi.stdin}; the answer is the next input (empty octs: end of
 * file). Saving at every block and resuming in a fresh engine gives the same output and the same
 * states as one straight run (examples/wasi/lines.c prints the virtual clock and random numbers, so
 * a lost clock or generator state would show).
 */
class WasiSessionTest {
    static final LoadedModule LINES = LoadedModule.of(read("examples/wasi/lines.wasm"));
    static final Program START = Lia.compile(new Source("start.lia", "_start()\n"), LINES.compiled());
    static final Outcome.Blocked STDIN = new Outcome.Blocked("wasi.stdin", List.of(), List.of(Type.OCTS));
    static final List<String> INPUTS = List.of("hello\n", "wa", "sm\nLia\n", "");

    static byte[] read(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static WasiComponent wasi(ByteArrayOutputStream out) {
        return new WasiComponent(WasiConfig.builder().args("lines", "session").stdout(out).seed(7).build());
    }

    /** One straight run: the outcome of each event and the state after it. */
    record Run(List<Outcome> outcomes, List<byte[]> states, String output) {}

    static Run straight() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveSession s = LiveSession.start(LINES, Limits.DEFAULT, wasi(out).functions());
        List<Outcome> outcomes = new ArrayList<>();
        List<byte[]> states = new ArrayList<>();
        outcomes.add(s.run(START, Map.of(), LiveSession.UNLIMITED));
        states.add(s.save());
        for (String in : INPUTS) {
            outcomes.add(s.resolve(List.of(Value.octs(in.getBytes(StandardCharsets.UTF_8))), LiveSession.UNLIMITED));
            states.add(s.save());
        }
        return new Run(outcomes, states, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readingEmptyStdinBlocksAsARequestAndEachAnswerIsTheNextInput() {
        Run r = straight();
        assertThat(r.outcomes()).containsExactly(STDIN, STDIN, STDIN, STDIN, new Outcome.Done(List.of()));
        assertThat(r.output()).isEqualTo("""
                session: ready
                1: olleh (t=1 ms, r=%s)
                2: msaw (t=2 ms, r=%s)
                3: aiL (t=3 ms, r=%s)
                3 lines, 12 bytes
                """.formatted(randoms()));
    }

    /** The program's random numbers, from a run of the same program by lia wasi's engine with the same seed. */
    static Object[] randoms() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dev.lia.wasi.WasiPreview1 w = new dev.lia.wasi.WasiPreview1(WasiConfig.builder().args("lines", "x").seed(7).stdout(out)
                .stdin("a\nb\nc\n".getBytes(StandardCharsets.UTF_8)).build());
        dev.lia.wasm.exec.Machine m = new dev.lia.wasm.exec.Machine(new dev.lia.wasm.runtime.Store());
        w.runCommand(m, m.instantiate(LINES.compiled(), w.imports(m.store())));
        return out.toString(StandardCharsets.UTF_8).lines().skip(1).limit(3)
                .map(l -> l.substring(l.indexOf("r=") + 2, l.length() - 1)).toArray();
    }

    @Test
    void savedAtEveryBlockAndResumedInAFreshEngineItGivesTheSameOutputAndStates() {
        Run straight = straight();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveSession s = LiveSession.start(LINES, Limits.DEFAULT, wasi(out).functions());
        assertThat(s.run(START, Map.of(), LiveSession.UNLIMITED)).isEqualTo(straight.outcomes().get(0));
        byte[] state = s.save();
        assertThat(state).isEqualTo(straight.states().get(0));
        for (int i = 0; i < INPUTS.size(); i++) {
            LiveSession fresh = LiveSession.load(state, LINES, Limits.DEFAULT, wasi(out).functions(), id -> START);
            assertThat(fresh.save()).as("a loaded state saves to the same bytes").isEqualTo(state);
            Outcome o = fresh.resolve(List.of(Value.octs(INPUTS.get(i).getBytes(StandardCharsets.UTF_8))), LiveSession.UNLIMITED);
            assertThat(o).isEqualTo(straight.outcomes().get(i + 1));
            state = fresh.save();
            assertThat(state).as("state after input " + i).isEqualTo(straight.states().get(i + 1));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(straight.output());
    }

    @Test
    void outOfFuelStopsInsideTheProgramResumeInFreshEnginesToTheSameStates() {
        Run straight = straight();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveSession s = LiveSession.start(LINES, Limits.DEFAULT, wasi(out).functions());
        Outcome o = s.run(START, Map.of(), 997);
        int input = 0, stops = 0;
        while (!(o instanceof Outcome.Done)) {
            byte[] state = s.save();
            s = LiveSession.load(state, LINES, Limits.DEFAULT, wasi(out).functions(), id -> START);
            if (o instanceof Outcome.OutOfFuel) {
                stops++;
                o = s.refuel(997);
            } else {
                assertThat(o).isEqualTo(STDIN);
                assertThat(state).isEqualTo(straight.states().get(input));
                o = s.resolve(List.of(Value.octs(INPUTS.get(input++).getBytes(StandardCharsets.UTF_8))), 997);
            }
        }
        assertThat(stops).isGreaterThan(10);
        assertThat(input).isEqualTo(INPUTS.size());
        assertThat(s.save()).isEqualTo(straight.states().get(INPUTS.size()));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(straight.output());
    }

    @Test
    void aStateWithWasiDoesNotLoadIntoASessionWithoutIt() {
        byte[] state = straight().states().get(1);
        assertThatThrownBy(() -> LiveSession.load(state, LINES, Limits.DEFAULT, Map.of(), id -> START))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("the state has the host components [wasi], the session []");
    }

    @Test
    void onlyADeterministicConfigurationWithoutDirectoriesCanBeSaved() {
        assertThatThrownBy(() -> new WasiComponent(WasiConfig.builder().realClock().build()))
                .hasMessage("WASI in a Lia session must be deterministic, but it reads the real clock");
        assertThatThrownBy(() -> new WasiComponent(WasiConfig.builder().secureRandom().build()))
                .hasMessage("WASI in a Lia session must be deterministic, but its random source is not seeded");
        assertThatThrownBy(() -> new WasiComponent(WasiConfig.builder().preopen(Path.of("."), "/").build()))
                .hasMessage("WASI in a Lia session must be deterministic, but it has files or directories open");
    }

    @Test
    void aWronglyTypedAnswerIsRefusedAndChangesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiComponent w = wasi(out);
        LiveSession s = LiveSession.start(LINES, Limits.DEFAULT, w.functions());
        s.run(START, Map.of(), LiveSession.UNLIMITED);
        assertThatThrownBy(() -> s.resolve(List.of(Value.i32(1)), LiveSession.UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("wasi.stdin expects octs as value 1, got i32");
        assertThat(s.pendingRequest()).isEqualTo(STDIN);
    }

    @Test
    void aDamagedWasiStateIsRefusedWithItsReason() {
        WasiComponent w = wasi(new ByteArrayOutputStream());
        byte[] good = w.save();
        assertThat(good).hasSize(8 + 8 + 1 + 4 + 4 + 3 * 21);
        wasi(new ByteArrayOutputStream()).load(good);
        assertThatThrownBy(() -> wasi(new ByteArrayOutputStream()).load(java.util.Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the descriptor table has 3 entries, which 62 bytes cannot hold");
        assertThatThrownBy(() -> wasi(new ByteArrayOutputStream()).load(java.util.Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("1 bytes after the descriptor table");
        byte[] badKind = good.clone();
        badKind[8 + 8 + 1 + 4 + 4] = 9;
        assertThatThrownBy(() -> wasi(new ByteArrayOutputStream()).load(badKind))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("descriptor 0 has kind 9");
        byte[] hugeBuffer = good.clone();
        hugeBuffer[8 + 8 + 1 + 3] = 0x7f;
        assertThatThrownBy(() -> wasi(new ByteArrayOutputStream()).load(hugeBuffer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("stdin's buffer has ");
    }
}
