package dev.lia.fuzz;

import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz targets' seeds for the WebAssembly 3.0 features (issue 14): one small valid module per
 * feature, written in {@code src/test/resources/dev/lia/fuzz/feature-seeds/NAME.wat} and checked in
 * as binaries {@code feature-NAME.wasm} in the inputs of {@link WasmFuzzTest} and {@link TierFuzzTest}
 * (and as text, after the byte choosing the module form, in {@link TextFuzzTest}'s). The binaries must
 * be what Lia's own encoder makes of the text, so the seeds and their sources cannot drift apart.
 * Each module agrees with V8 (node 26) export by export (checked when they were made, with the
 * differential test's harness).
 */
class FeatureSeedsTest {
    static final Path SOURCES = Path.of("src/test/resources/dev/lia/fuzz/feature-seeds");
    static final Path INPUTS = Path.of("src/test/resources/dev/lia/fuzz");

    @ParameterizedTest
    @ValueSource(strings = {"simd", "tail-calls", "exceptions", "gc", "multi-memory", "memory64"})
    void seedsAreTheirSourcesEncoded(String name) throws IOException {
        byte[] text = Files.readAllBytes(SOURCES.resolve(name + ".wat"));
        byte[] binary = ModuleEncoder.encode(TextFormat.parseModule(text, name + ".wat"), false);
        dev.lia.wasm.Pipeline.load(binary); // valid
        assertThat(Files.readAllBytes(INPUTS.resolve("WasmFuzzTestInputs/pipeline/feature-" + name + ".wasm"))).isEqualTo(binary);
        assertThat(Files.readAllBytes(INPUTS.resolve("TierFuzzTestInputs/compiledMatchesInterpreter/feature-" + name + ".wasm"))).isEqualTo(binary);
        byte[] textSeed = Files.readAllBytes(INPUTS.resolve("TextFuzzTestInputs/parse/module-feature-" + name + ".wat"));
        assertThat(textSeed[0] & 1).as("the form byte chooses the module form").isZero();
        assertThat(java.util.Arrays.copyOfRange(textSeed, 1, textSeed.length)).isEqualTo(text);
    }
}
