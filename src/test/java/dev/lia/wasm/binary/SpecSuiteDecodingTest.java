package dev.lia.wasm.binary;

import dev.lia.testutil.Json;
import dev.lia.testutil.SpecSuite;
import dev.lia.wasm.MalformedException;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decodes every binary module of the WebAssembly 2.0 spec test suite: modules that are well-formed (including
 * those that are invalid, unlinkable or trap on instantiation) must decode, and each binary
 * {@code assert_malformed} must fail with a message starting with the expected text. Text-format modules are the
 * text parser's business and are skipped.
 */
class SpecSuiteDecodingTest {

    /** Shows up as skipped, with the reason, without the suite: surefire does not report an aborted factory. */
    @Test
    void suiteIsPresent() {
        assertThat(SpecSuite.json20()).isDirectory();
    }

    @TestFactory
    Stream<DynamicNode> specSuite() throws IOException {
        Path jsonDir = SpecSuite.json20();
        try (Stream<Path> dirs = Files.list(jsonDir)) {
            List<Path> scripts = dirs.filter(Files::isDirectory)
                    .map(d -> d.resolve(d.getFileName() + ".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            return scripts.stream().map(SpecSuiteDecodingTest::script);
        }
    }

    private static DynamicContainer script(Path json) {
        Map<String, Object> script;
        try {
            script = Json.parseObject(Files.readString(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<?>) script.get("commands")) {
            @SuppressWarnings("unchecked") Map<String, Object> command = (Map<String, Object>) o;
            DynamicTest test = test(json.getParent(), command);
            if (test != null) tests.add(test);
        }
        return DynamicContainer.dynamicContainer(json.getFileName().toString(), tests);
    }

    /** The test for one command, or null when the command has no binary module to decode. */
    private static DynamicTest test(Path dir, Map<String, Object> command) {
        String type = (String) command.get("type");
        String file = (String) command.get("filename");
        if (file == null || "text".equals(command.get("module_type")) || !file.endsWith(".wasm")) return null;
        Path wasm = dir.resolve(file);
        int line = ((Number) command.get("line")).intValue();
        if (dev.lia.wasm.spec.SpecRunner.supersededBy30(dir.getFileName() + ".wast", line, (String) command.get("text"))) return null;
        // surefire reports dynamic tests by index only: the description makes a failure say which command it was
        String name = dir.getFileName() + ".wast line " + ((Number) command.get("line")).intValue() + ": " + type
                + " " + file;
        if (type.equals("assert_malformed")) {
            String expected = (String) command.get("text");
            return DynamicTest.dynamicTest(name, () ->
                    assertThatThrownBy(() -> ModuleDecoder.decode(Files.readAllBytes(wasm)))
                            .as(name)
                            .isInstanceOf(MalformedException.class)
                            .hasMessageStartingWith(expected));
        }
        // module, assert_invalid, assert_unlinkable, assert_uninstantiable, ...: all well-formed
        return DynamicTest.dynamicTest(name, () ->
                assertThatCode(() -> ModuleDecoder.decode(Files.readAllBytes(wasm))).as(name)
                        .doesNotThrowAnyException());
    }
}
