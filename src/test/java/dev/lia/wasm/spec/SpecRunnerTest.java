package dev.lia.wasm.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpecRunnerTest {
    @TempDir
    Path dir;

    static String i32(long v) {
        return "{\"type\": \"i32\", \"value\": \"" + Integer.toUnsignedString((int) v) + "\"}";
    }

    static String invoke(String field, String... args) {
        return "{\"type\": \"invoke\", \"field\": \"" + field + "\", \"args\": [" + String.join(", ", args) + "]}";
    }

    private Path script(String... commands) throws IOException {
        Files.write(dir.resolve("t.0.wasm"), TestModules.arith());
        Files.write(dir.resolve("t.1.wasm"), TestModules.invalid());
        Files.writeString(dir.resolve("t.2.wat"), "(module quote \"(func\")");
        Files.write(dir.resolve("t.3.wasm"), TestModules.malformed());
        Files.write(dir.resolve("t.4.wasm"), TestModules.importsEnv());
        Files.write(dir.resolve("t.6.wasm"), TestModules.printer());
        Path json = dir.resolve("t.json");
        Files.writeString(json, "{\"source_filename\": \"suite/t.wast\",\n \"commands\": [\n  "
                + String.join(",\n  ", commands) + "]}\n");
        return json;
    }

    @Test
    void runsEveryKindOfCommandAndReportsFailuresOnOneLine() throws IOException {
        Path json = script(
                "{\"type\": \"module\", \"line\": 1, \"filename\": \"t.0.wasm\"}",
                "{\"type\": \"assert_return\", \"line\": 2, \"action\": " + invoke("add", i32(1), i32(2)) + ", \"expected\": [" + i32(3) + "]}",
                "{\"type\": \"assert_return\", \"line\": 3, \"action\": " + invoke("add", i32(1), i32(2)) + ", \"expected\": [" + i32(4) + "]}",
                "{\"type\": \"assert_trap\", \"line\": 4, \"action\": " + invoke("div", i32(1), i32(0)) + ", \"text\": \"integer divide by zero\", \"expected\": [{\"type\": \"i32\"}]}",
                "{\"type\": \"assert_trap\", \"line\": 5, \"action\": " + invoke("div", i32(1), i32(0)) + ", \"text\": \"integer overflow\", \"expected\": [{\"type\": \"i32\"}]}",
                "{\"type\": \"assert_return\", \"line\": 6, \"action\": " + invoke("two") + ", \"expected\": [" + i32(7) + ", {\"type\": \"f32\", \"value\": \"1069547520\"}]}",
                "{\"type\": \"action\", \"line\": 7, \"action\": " + invoke("nop") + ", \"expected\": []}",
                "{\"type\": \"assert_return\", \"line\": 8, \"action\": " + invoke("fneg", "{\"type\": \"f64\", \"value\": \"9221120237041090560\"}")
                        + ", \"expected\": [{\"type\": \"f64\", \"value\": \"nan:canonical\"}]}",
                "{\"type\": \"assert_invalid\", \"line\": 9, \"filename\": \"t.1.wasm\", \"text\": \"type mismatch\", \"module_type\": \"binary\"}",
                "{\"type\": \"assert_malformed\", \"line\": 10, \"filename\": \"t.2.wat\", \"text\": \"unexpected token\", \"module_type\": \"text\"}",
                "{\"type\": \"assert_malformed\", \"line\": 11, \"filename\": \"t.3.wasm\", \"text\": \"unknown binary version\", \"module_type\": \"binary\"}",
                "{\"type\": \"assert_unlinkable\", \"line\": 12, \"filename\": \"t.4.wasm\", \"text\": \"unknown import\", \"module_type\": \"binary\"}",
                "{\"type\": \"assert_return\", \"line\": 13, \"action\": " + invoke("add", "{\"type\": \"v128\", \"lane_type\": \"i32\", \"value\": [\"0\", \"0\", \"0\", \"0\"]}")
                        + ", \"expected\": []}",
                "{\"type\": \"module\", \"line\": 14, \"name\": \"$M\", \"filename\": \"t.0.wasm\"}",
                "{\"type\": \"register\", \"line\": 15, \"name\": \"$M\", \"as\": \"M\"}",
                "{\"type\": \"module\", \"line\": 16, \"filename\": \"t.3.wasm\"}",
                "{\"type\": \"assert_return\", \"line\": 17, \"action\": " + invoke("add", i32(1), i32(1)) + ", \"expected\": [" + i32(2) + "]}",
                "{\"type\": \"assert_return\", \"line\": 18, \"action\": {\"type\": \"invoke\", \"module\": \"$M\", \"field\": \"add\", \"args\": ["
                        + i32(-1) + ", " + i32(-1) + "]}, \"expected\": [" + i32(-2) + "]}",
                "{\"type\": \"module\", \"line\": 19, \"filename\": \"t.6.wasm\"}",
                "{\"type\": \"action\", \"line\": 20, \"action\": " + invoke("p", i32(5)) + ", \"expected\": []}");
        List<String> printed = new ArrayList<>();
        List<String> live = new ArrayList<>();
        SpecResult r = new SpecRunner().printTo(printed::add).onFailure(live::add).run(json);

        assertThat(r.failures()).containsExactly(
                "t.wast:3: assert_return (invoke \"add\" (i32.const 1) (i32.const 2)): expected (i32.const 4), got (i32.const 3)",
                "t.wast:5: assert_trap (invoke \"div\" (i32.const 1) (i32.const 0)): expected trap \"integer overflow\", got trap \"integer divide by zero\"",
                "t.wast:13: assert_return (invoke \"add\" (v128.const i32x4 0 0 0 0)): expected 2 arguments for \"add\", got 1",
                r.failures().get(3),
                "t.wast:17: assert_return (invoke \"add\" (i32.const 1) (i32.const 1)): expected a module, got none (the module at line 16 failed to load)");
        assertThat(r.failures().get(3)).startsWith("t.wast:16: module t.3.wasm: expected a module, got malformed \"unknown binary version");
        assertThat(live).isEqualTo(r.failures());
        // the text module (line 10) is parsed by the text format; a v128 argument is run (and is one too few here)
        assertThat(r.passed()).isEqualTo(15);
        assertThat(r.failed()).isEqualTo(5);
        assertThat(r.skipped()).isEqualTo(0);
        assertThat(r.messageMismatches()).isEqualTo(1);
        assertThat(r.summary()).isEqualTo("15 passed, 5 failed, 0 skipped");
        assertThat(printed).containsExactly("5 : i32");
    }

    @Test
    void registeredModulesCanBeImported() throws IOException {
        // printer imports spectest.print_i32; registering the spectest-like exports under another name
        // is not possible, so check that register makes a module's exports importable by name:
        // arith registered as "env" does not export "f", so importsEnv stays unlinkable
        Path json = script(
                "{\"type\": \"module\", \"line\": 1, \"filename\": \"t.0.wasm\"}",
                "{\"type\": \"register\", \"line\": 2, \"as\": \"env\"}",
                "{\"type\": \"assert_unlinkable\", \"line\": 3, \"filename\": \"t.4.wasm\", \"text\": \"unknown import\", \"module_type\": \"binary\"}",
                "{\"type\": \"register\", \"line\": 4, \"name\": \"$nope\", \"as\": \"x\"}");
        SpecResult r = new SpecRunner().run(json);
        assertThat(r.passed()).isEqualTo(3);
        assertThat(r.failures()).containsExactly("t.wast:4: register \"x\" $nope: expected a module $nope, got none (no module defined before)");
    }

    @Test
    void aBrokenScriptIsOneFailureNotACrash() throws IOException {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{\"commands\": [");
        SpecResult r = new SpecRunner().run(json);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.failures().get(0)).startsWith("bad.json: not valid JSON");

        SpecResult missing = new SpecRunner().run(dir.resolve("missing.json"));
        assertThat(missing.failures()).containsExactly("missing.json: no such file");

        Path weird = dir.resolve("weird.json");
        Files.writeString(weird, "{\"commands\": [{\"type\": \"assert_nothing\", \"line\": 9}, {\"type\": \"module\", \"line\": 10, \"filename\": \"nope.wasm\"}]}");
        SpecResult w = new SpecRunner().run(weird);
        assertThat(w.failed()).isEqualTo(2);
        assertThat(w.failures().get(0)).isEqualTo("weird.json:9: assert_nothing: expected a known command, got \"assert_nothing\"");
        assertThat(w.failures().get(1)).startsWith("weird.json:10: module nope.wasm: expected module file nope.wasm, got an unreadable file");
    }

    @Test
    void sums() {
        SpecResult a = new SpecResult("a", 1, 2, 3, 1, List.of("x", "y"));
        SpecResult b = new SpecResult("b", 10, 0, 5, 0, List.of());
        SpecResult t = SpecResult.sum("total", List.of(a, b));
        assertThat(t.summary()).isEqualTo("11 passed, 2 failed, 8 skipped");
        assertThat(t.total()).isEqualTo(21);
        assertThat(t.failures()).containsExactly("x", "y");
        assertThat(t.messageMismatches()).isEqualTo(1);
    }
}
