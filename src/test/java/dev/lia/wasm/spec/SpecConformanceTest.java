package dev.lia.wasm.spec;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The WebAssembly 2.0 spec test suite (wast2json form, {@code wasm-testsuite/2.0/json/NAME/NAME.json}):
 * one dynamic test per script, each asserting that no command failed, then one test of the totals.
 */
class SpecConformanceTest {
    /** Scripts in the suite besides the SIMD ones. */
    static final int CORE_SCRIPTS = 90;

    /**
     * Every command of the 90 non-SIMD scripts, the 581 text-module {@code assert_malformed} included
     * (their .wat files are parsed by the text format).
     */
    static final int CORE_COMMANDS_RUN = 28018;

    /** The simd_* scripts run in {@link SimdConformanceTest}. */
    static boolean excluded(String name) {
        return name.startsWith("simd_");
    }

    @TestFactory
    Stream<DynamicTest> wasmTestsuite20() throws IOException {
        Path json = SuiteLocation.json();
        List<Path> scripts = jsonScripts(json, name -> !excluded(name));
        SpecRunner runner = new SpecRunner();
        List<SpecResult> results = new ArrayList<>();
        Stream<DynamicTest> perScript = scripts.stream().map(script -> dynamicTest(script.getFileName().toString(), () -> {
            SpecResult r = runner.run(script);
            results.add(r);
            System.out.println("spec " + r);
            assertThat(r.failed()).as(() -> r + "\n" + firstLines(r.failures(), 40)).isZero();
        }));
        // The totals test runs last (dynamic tests run in stream order) and sums what the others saw.
        // It needs the whole engine (decoder, validator, compiler, machine) and the text format: exactly
        // 28018 passed, 0 failed, 0 skipped.
        DynamicTest totals = dynamicTest("total of the " + CORE_SCRIPTS + " non-SIMD scripts", () -> {
            assertThat(scripts).as("non-SIMD scripts found in " + json).hasSize(CORE_SCRIPTS);
            SpecResult total = SpecResult.sum("total", results);
            System.out.println("spec " + total + " (" + total.messageMismatches() + " of the failures are message mismatches)");
            assertThat(results).as("scripts run").hasSize(CORE_SCRIPTS);
            assertThat(total.passed()).as(total.toString()).isGreaterThanOrEqualTo(CORE_COMMANDS_RUN);
        });
        return Stream.concat(perScript, Stream.of(totals));
    }

    /** The wast2json scripts ({@code NAME/NAME.json}) under {@code json} whose NAME {@code include} accepts, in name order. */
    static List<Path> jsonScripts(Path json, java.util.function.Predicate<String> include) throws IOException {
        try (Stream<Path> dirs = Files.list(json)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> include.test(d.getFileName().toString()))
                    .map(d -> d.resolve(d.getFileName() + ".json"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    static String firstLines(List<String> lines, int n) {
        String head = lines.stream().limit(n).collect(Collectors.joining("\n"));
        return lines.size() > n ? head + "\n... and " + (lines.size() - n) + " more" : head;
    }
}
