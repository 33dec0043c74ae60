package dev.lia.wasm.spec;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The 58 SIMD scripts of the 2.0 suite ({@code simd_*}), both in wast2json form and as released
 * ({@code .wast}, read by Lia's script parser): every command passes, none is skipped, and together
 * they are the 25,988 commands wast2json finds in them (24,688 of them need v128 values to run).
 */
class SimdConformanceTest {
    static final int SCRIPTS = 58;
    static final int COMMANDS = 25_988;

    @TestFactory
    Stream<DynamicTest> simdJsonScripts() throws IOException {
        return run("json", SpecConformanceTest.jsonScripts(SuiteLocation.json(), name -> name.startsWith("simd_")));
    }

    @TestFactory
    Stream<DynamicTest> simdWastScripts() throws IOException {
        Path wast = SuiteLocation.testsuite().resolve("2.0").resolve("wast");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(wast)) {
            scripts = files.filter(f -> f.getFileName().toString().startsWith("simd_") && f.getFileName().toString().endsWith(".wast"))
                    .sorted()
                    .collect(Collectors.toList());
        }
        return run("wast", scripts);
    }

    private static Stream<DynamicTest> run(String form, List<Path> scripts) {
        SpecRunner runner = new SpecRunner();
        List<SpecResult> results = new ArrayList<>();
        Function<Path, DynamicTest> one = script -> dynamicTest(script.getFileName().toString(), () -> {
            SpecResult r = runner.run(script);
            results.add(r);
            assertThat(r.failed()).as(() -> r + "\n" + SpecConformanceTest.firstLines(r.failures(), 40)).isZero();
            assertThat(r.skipped()).as(r::toString).isZero();
        });
        DynamicTest totals = dynamicTest("total of the " + SCRIPTS + " SIMD scripts (" + form + ")", () -> {
            assertThat(scripts).as("SIMD scripts").hasSize(SCRIPTS);
            SpecResult total = SpecResult.sum("total", results);
            System.out.println("simd " + form + " " + total);
            assertThat(results).hasSize(SCRIPTS);
            assertThat(total.failed()).isZero();
            assertThat(total.skipped()).isZero();
            assertThat(total.passed()).as(total.toString()).isEqualTo(COMMANDS);
        });
        return Stream.concat(scripts.stream().map(one), Stream.of(totals));
    }
}
