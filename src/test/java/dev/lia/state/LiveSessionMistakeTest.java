package dev.lia.state;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16, defect 9: a caller's mistake (a missing, unknown or wrong-typed input, a program compiled
 * for another module) is refused before anything runs, and the session stays as it was.
 */
class LiveSessionMistakeTest {
    static final String BUMP = "import i32 n\nglobal.counter = global.counter + n\nreturn global.counter";

    static LoadedModule demo() throws Exception {
        return LoadedModule.of(Files.readAllBytes(Path.of("examples/demo/demo.wasm")));
    }

    static Program bump(LoadedModule m) {
        return Lia.compile(new Source("bump.lia", BUMP), m.compiled());
    }

    @Test
    void aFreshSessionRefusesBadInputsAndStaysFresh() throws Exception {
        LoadedModule m = demo();
        Program p = bump(m);
        LiveSession live = LiveSession.start(m);
        byte[] before = live.save();

        assertThatThrownBy(() -> live.run(p, Map.of(), LiveSession.UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot run bump.lia: missing input 'n' (i32)");
        assertThatThrownBy(() -> live.run(p, Map.of("n", Value.i64(1)), LiveSession.UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot run bump.lia: input 'n' must be i32, got i64");
        assertThatThrownBy(() -> live.run(p, Map.of("n", Value.i32(1), "m", Value.i32(2)), LiveSession.UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot run bump.lia: unknown input 'm'; the script's inputs are: n");

        assertThat(live.status()).isEqualTo(LiveSession.Status.READY);
        assertThat(live.lastOutcome()).isNull();
        assertThat(live.instance()).isNull();
        assertThat(live.fuelUsed()).isZero();
        assertThat(live.save()).isEqualTo(before);
        // and the session still works: the first good script instantiates the module
        assertThat(live.run(p, Map.of("n", Value.i32(5)), LiveSession.UNLIMITED)).isEqualTo(new Outcome.Done(List.of(Value.i32(12))));
    }

    @Test
    void aProgramForAnotherModuleIsRefusedBeforeAndAfterTheFirstScript() throws Exception {
        LoadedModule m = demo();
        LoadedModule reverse = LoadedModule.of(Files.readAllBytes(Path.of("examples/reverse/reverse.wasm")));
        Program foreign = Lia.compile(new Source("reverse.lia", Files.readString(Path.of("examples/reverse/reverse.lia"))),
                reverse.compiled());
        Map<String, Value> text = Map.of("text", Value.octs("abc"));
        LiveSession live = LiveSession.start(m);

        assertThatThrownBy(() -> live.run(foreign, text, LiveSession.UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot run reverse.lia: the module does not fit the script: no exported function '__wbindgen_add_to_stack_pointer'");
        assertThat(live.status()).isEqualTo(LiveSession.Status.READY);
        assertThat(live.instance()).isNull();

        Program p = bump(m);
        assertThat(live.run(p, Map.of("n", Value.i32(1)), LiveSession.UNLIMITED)).isEqualTo(new Outcome.Done(List.of(Value.i32(8))));
        byte[] after = live.save();
        long fuel = live.fuelUsed();
        Outcome last = live.lastOutcome();

        assertThatThrownBy(() -> live.run(foreign, text, LiveSession.UNLIMITED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> live.run(p, Map.of("n", Value.f64(1)), LiveSession.UNLIMITED)).isInstanceOf(IllegalArgumentException.class);
        assertThat(live.status()).isEqualTo(LiveSession.Status.READY);
        assertThat(live.lastOutcome()).isSameAs(last);
        assertThat(live.fuelUsed()).isEqualTo(fuel);
        assertThat(live.save()).isEqualTo(after);
        assertThat(live.run(p, Map.of("n", Value.i32(1)), LiveSession.UNLIMITED)).isEqualTo(new Outcome.Done(List.of(Value.i32(9))));
    }

    @Test
    void aScriptWhoseExportHasAnotherTypeIsRefused() throws Exception {
        LoadedModule m = demo();
        // twice.wasm is another module; a script compiled for demo's add(i32, i32) does not fit it if its add differs
        Program p = Lia.compile(new Source("add.lia", "return add(1, 2)"), m.compiled());
        LoadedModule other = LoadedModule.of(dev.lia.wasm.binary.ModuleEncoder.encode(dev.lia.wasm.text.TextFormat.parseModule(
                "(module (func (export \"add\") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add))")));
        LiveSession live = LiveSession.start(other);
        assertThatThrownBy(() -> live.run(p, Map.of(), LiveSession.UNLIMITED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'add' is ");
        assertThat(live.status()).isEqualTo(LiveSession.Status.READY);
    }

    @Test
    void aBadResolveLeavesTheRequestPending() throws Exception {
        LoadedModule m = demo();
        Program p = Lia.compile(new Source("roll.lia", "return roll(6)"), m.compiled());
        LiveSession live = LiveSession.start(m);
        Outcome blocked = live.run(p, Map.of(), LiveSession.UNLIMITED);
        assertThat(blocked).isInstanceOf(Outcome.Blocked.class);
        byte[] state = live.save();
        assertThatThrownBy(() -> live.resolve(List.of(Value.i32(1)), LiveSession.UNLIMITED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> live.resolve(List.of(), LiveSession.UNLIMITED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> live.run(p, Map.of(), LiveSession.UNLIMITED)).isInstanceOf(IllegalStateException.class);
        assertThat(live.pendingRequest()).isEqualTo(blocked);
        assertThat(live.save()).isEqualTo(state);
        assertThat(live.resolve(List.of(Value.f64(0.5)), LiveSession.UNLIMITED)).isEqualTo(new Outcome.Done(List.of(Value.i32(3))));
    }

    @Test
    void aLoaderTakesNamedOptions() throws Exception {
        LoadedModule m = demo();
        Program p = Lia.compile(new Source("roll.lia", "return roll(6)"), m.compiled());
        LiveSession live = LiveSession.start(m);
        live.run(p, Map.of(), LiveSession.UNLIMITED);
        byte[] state = live.save();
        assertThatThrownBy(() -> LiveSession.loader(m).load(state)).isInstanceOf(StateException.class); // the script is unknown
        LiveSession again = LiveSession.loader(m).limits(dev.lia.wasm.runtime.Limits.DEFAULT).programs(p).load(state);
        assertThat(again.save()).isEqualTo(state);
        assertThat(again.resolve(List.of(Value.f64(0.5)), LiveSession.UNLIMITED)).isEqualTo(new Outcome.Done(List.of(Value.i32(3))));
        assertThat(LiveSession.loader(m).programs(id -> p).restore(live.snapshot()).pendingRequest()).isEqualTo(live.pendingRequest());
    }
}
