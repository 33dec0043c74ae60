package dev.lia.wasm.spec;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The scripts of the WebAssembly 3.0 suite ({@code wasm-testsuite/3.0/wast}, run as released) for
 * the 3.0 features Lia runs besides SIMD, GC and exceptions: every command of each passes. Scripts
 * join the list as their feature is complete; the rest of the 3.0 suite is issue 14's.
 */
class Wasm30FeaturesSpecTest {
    /** Extended constant expressions. */
    static final List<String> EXTENDED_CONST = List.of("data.wast");
    /** Tail calls (return_call_ref waits for typed function references). */
    static final List<String> TAIL_CALLS = List.of("return_call.wast", "return_call_indirect.wast");

    static List<String> scripts() {
        return Stream.of(EXTENDED_CONST, TAIL_CALLS).flatMap(List::stream).toList();
    }

    @TestFactory
    Stream<DynamicTest> wasm30Scripts() {
        Path dir = SuiteLocation.testsuite().resolve("3.0").resolve("wast");
        SpecRunner runner = new SpecRunner();
        return scripts().stream().map(name -> dynamicTest(name, () -> {
            Path script = dir.resolve(name);
            assertThat(Files.isRegularFile(script)).as(script + " exists").isTrue();
            SpecResult r = runner.run(script);
            System.out.println("spec 3.0 " + r);
            assertThat(r.failed()).as(() -> r + "\n" + SpecConformanceTest.firstLines(r.failures(), 40)).isZero();
            assertThat(r.skipped()).as(r.toString()).isZero();
            assertThat(r.passed()).as(r.toString()).isPositive();
        }));
    }
}
