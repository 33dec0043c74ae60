package dev.lia.wasm.text;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SIMD scripts' text parses (SimdConformanceTest runs them): every module, and
 * every module encodes to what wast2json made of it.
 */
class SimdScriptsTest {

    static List<Path> simdWast() {
        try (Stream<Path> s = Files.list(Suite.root().resolve("2.0/wast"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("simd_")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> simdScriptsParse() {
        return simdWast().stream().map(p -> DynamicTest.dynamicTest(Suite.name(p), () -> SuiteParsingTest.check(p)));
    }

    @TestFactory
    Stream<DynamicTest> simdModulesEncodeLikeWast2json() {
        return simdWast().stream().map(p -> DynamicTest.dynamicTest(Suite.name(p), () -> EncoderAgainstSuiteTest.check(p)));
    }
}
