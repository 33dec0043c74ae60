package dev.lia.wasm.text;

import dev.lia.wasm.spec.SpecResult;
import dev.lia.wasm.spec.SpecRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The 90 non-SIMD scripts of the 2.0 suite as released ({@code .wast}, read by Lia's script parser,
 * text modules included), run by the spec runner: no command fails, none is skipped, and together
 * they are the 28,018 commands wast2json finds in them.
 */
class WastConformanceTest {
    static final int COMMANDS = 28_018;

    @TestFactory
    Stream<DynamicTest> wastScriptsAsReleased() {
        List<Path> scripts = Suite.nonSimdWast();
        SpecRunner runner = new SpecRunner();
        List<SpecResult> results = new ArrayList<>();
        Stream<DynamicTest> each = scripts.stream().map(p -> dynamicTest(Suite.name(p), () -> {
            SpecResult r = runner.run(p);
            results.add(r);
            System.out.println("wast " + r);
            assertThat(r.failed()).as(() -> r + "\n" + r.failures().stream().limit(40).collect(Collectors.joining("\n"))).isZero();
            assertThat(r.skipped()).as(r.toString()).isZero();
        }));
        DynamicTest total = dynamicTest("total", () -> {
            assertThat(scripts).hasSize(90);
            SpecResult sum = SpecResult.sum("total", results);
            System.out.println("wast " + sum);
            assertThat(sum.passed()).as(sum.toString()).isEqualTo(COMMANDS);
            assertThat(sum.failed()).isZero();
        });
        return Stream.concat(each, Stream.of(total));
    }
}
