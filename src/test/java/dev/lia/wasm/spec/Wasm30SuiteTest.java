package dev.lia.wasm.spec;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The whole 3.0 suite as released ({@code wasm-testsuite/3.0/wast}, 257 scripts): every command of
 * every script passes, none is skipped. The scripts {@link Wasm30FeaturesSpecTest} and
 * {@link RelaxedSimdTest} run already are not run twice; the rest (the 2.0 scripts' 3.0 versions,
 * SIMD, the text format's identifiers and annotations, ...) are run here.
 */
class Wasm30SuiteTest {
    static final int SCRIPTS = 257;

    @TestFactory
    Stream<DynamicTest> everyOther30Script() throws IOException {
        Path dir = SuiteLocation.testsuite().resolve("3.0").resolve("wast");
        List<Path> all;
        try (Stream<Path> files = Files.list(dir)) {
            all = files.filter(f -> f.getFileName().toString().endsWith(".wast")).sorted().toList();
        }
        Set<String> elsewhere = new HashSet<>(Wasm30FeaturesSpecTest.scripts());
        List<Path> rest = all.stream()
                .filter(p -> !elsewhere.contains(p.getFileName().toString()) && !p.getFileName().toString().contains("relaxed"))
                .toList();
        SpecRunner runner = new SpecRunner();
        DynamicTest count = dynamicTest("the suite has " + SCRIPTS + " scripts", () -> assertThat(all).hasSize(SCRIPTS));
        Stream<DynamicTest> each = rest.stream().map(script -> dynamicTest(script.getFileName().toString(), () -> {
            SpecResult r = runner.run(script);
            System.out.println("spec 3.0 " + r);
            assertThat(r.failed()).as(() -> r + "\n" + SpecConformanceTest.firstLines(r.failures(), 40)).isZero();
            assertThat(r.skipped()).as(r.toString()).isZero();
            assertThat(r.passed()).as(r.toString()).isPositive();
        }));
        return Stream.concat(Stream.of(count), each);
    }
}
