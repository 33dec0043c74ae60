package dev.lia.script;

import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReverseExampleTest {
    @Test
    void reversesByCharacters() throws Exception {
        String script = Files.readString(Path.of("examples/reverse/reverse.lia"));
        var module = ScriptRunner.module("examples/reverse/reverse.wasm");
        Outcome o = ScriptRunner.run(script, module, Map.of("text", Value.octs("héllo, wörld ✓")));
        assertThat(o).isEqualTo(new Outcome.Done(List.of(Value.octs("✓ dlröw ,olléh"))));
    }
}
