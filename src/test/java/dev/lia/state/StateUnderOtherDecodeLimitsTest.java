package dev.lia.state;

import dev.lia.script.compile.Program;
import dev.lia.wasm.binary.DecodeLimits;
import dev.lia.wasm.runtime.Limits;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state records the run-time limits (memory, table, call depth, stack); the module-shape limits
 * (size, functions, locals) are not part of it. A state saved under non-default module-shape limits
 * must load under the same limits.
 */
class StateUnderOtherDecodeLimitsTest {
    @Test
    void aStateSavedUnderCustomDecodeLimitsLoadsUnderThem() {
        Limits limits = Limits.DEFAULT.withMaxCallDepth(2_000).withDecoding(new DecodeLimits(1 << 20, 1_000, 1_000, 10_000));
        Cases.Case c = StateFuzzTest.tiny();
        LoadedModule m = LoadedModule.of(c.module());
        Map<String, Program> programs = Cases.programs(c, m);
        LiveSession live = LiveSession.start(m, limits, Map.of());
        Cases.Script s = c.scripts().get(0);
        Program p = programs.values().stream().filter(x -> x.sourceName().equals(s.name())).findFirst().orElseThrow();
        live.run(p, s.inputs(), LiveSession.UNLIMITED);
        byte[] saved = live.save();
        assertThat(StateCodec.decode(saved, limits).limits()).isEqualTo(limits);
        assertThat(LiveSession.load(saved, m, limits, Map.of(), programs::get).status()).isEqualTo(live.status());
    }
}
