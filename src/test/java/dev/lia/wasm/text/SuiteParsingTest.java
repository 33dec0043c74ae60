package dev.lia.wasm.text;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every script of the suite parses; every text or quoted module in it parses, except those an
 * assert_malformed expects to fail, which fail with the expected message.
 */
class SuiteParsingTest {

    @TestFactory
    Stream<DynamicTest> everyScriptParses() {
        return Suite.nonSimdWast().stream().map(p -> DynamicTest.dynamicTest(Suite.name(p), () -> check(p)));
    }

    static void check(Path wast) throws IOException {
        List<ScriptCommand> commands = WastParser.parse(wast.getFileName().toString(), Files.readAllBytes(wast));
        List<String> problems = new ArrayList<>();
        for (ScriptCommand c : commands) {
            WastModule m = c instanceof ScriptCommand.DefineModule d ? d.module()
                    : c instanceof ScriptCommand.AssertModule a ? a.module() : null;
            if (m == null || m.form() == WastModule.Form.BINARY) continue;
            if (c instanceof ScriptCommand.AssertModule a
                    && dev.lia.wasm.spec.SpecRunner.supersededBy30(wast.getFileName().toString(), a.line(), a.text())) continue;
            boolean malformed = c instanceof ScriptCommand.AssertModule a && a.failure() == ScriptCommand.Failure.MALFORMED;
            try {
                m.module();
                if (malformed) problems.add("line " + c.line() + ": parsed, expected \"" + ((ScriptCommand.AssertModule) c).text() + "\"");
            } catch (TextFormatException e) {
                if (!malformed) problems.add("line " + c.line() + ": " + e.located());
                else if (!e.getMessage().startsWith(((ScriptCommand.AssertModule) c).text())) {
                    problems.add("line " + c.line() + ": expected \"" + ((ScriptCommand.AssertModule) c).text() + "\", got " + e.located());
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
