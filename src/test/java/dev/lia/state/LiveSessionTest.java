package dev.lia.state;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveSessionTest {
    static LoadedModule module(String path) throws Exception {
        return LoadedModule.of(Files.readAllBytes(Path.of(path)));
    }

    @Test
    void blockedInsideAHandlerSavesAndResumesInAFreshEngine() throws Exception {
        LoadedModule m = module("examples/handlers/handlers.wasm");
        Program p = Lia.compile(new Source("handlers.lia", Files.readString(Path.of("examples/handlers/handlers.lia"))), m.compiled());
        Map<String, Value> in = Map.of("n", Value.i32(10));

        LiveSession straight = LiveSession.start(m);
        Outcome blocked = straight.run(p, in, LiveSession.UNLIMITED);
        assertThat(blocked).isInstanceOf(Outcome.Blocked.class);
        byte[] saved = straight.save();
        assertThat(StateCodec.decode(saved, Limits.DEFAULT)).isNotNull();
        // the same state encodes to the same bytes
        assertThat(LiveSession.load(saved, m, Limits.DEFAULT, Map.of(), id -> p).save()).isEqualTo(saved);

        Outcome done = straight.resolve(List.of(), LiveSession.UNLIMITED);
        byte[] finalState = straight.save();

        LiveSession loaded = LiveSession.load(saved, m, Limits.DEFAULT, Map.of(), id -> id.equals(p.id()) ? p : null);
        assertThat(loaded.status()).isEqualTo(LiveSession.Status.BLOCKED);
        assertThat(loaded.pendingRequest()).isEqualTo(blocked);
        assertThatThrownBy(() -> loaded.resolve(List.of(Value.i32(1)), LiveSession.UNLIMITED)).isInstanceOf(IllegalArgumentException.class);
        assertThat(loaded.resolve(List.of(), LiveSession.UNLIMITED)).isEqualTo(done);
        assertThat(loaded.save()).isEqualTo(finalState);
        assertThat(loaded.fuelUsed()).isEqualTo(straight.fuelUsed());
    }
}
