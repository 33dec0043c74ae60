package dev.lia.difftest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The differential test in {@code mvn test}: the checked-in cases (each difference ever found, with
 * the events V8 gave for it) always; and, where {@code wasm-opt} and {@code node} are installed, a
 * few freshly generated cases. The long run is {@code tools/difftest/run.sh} (docs/security.md).
 */
class DifferentialTest {
    static final Path CASES = Path.of("src/test/resources/dev/lia/difftest");
    /** Seeds for the in-suite run, away from those the long runs start at. */
    private static final long FIRST_SEED = 1_000_000;
    private static final int GENERATED = Integer.getInteger("lia.difftest.count", 25);

    @TestFactory
    Stream<DynamicTest> checkedInCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(CASES)) {
            for (Path wasm : files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
                String name = wasm.getFileName().toString().replace(".wasm", "");
                long seed = Long.parseLong(name.substring(name.indexOf('-') + 1));
                tests.add(dynamicTest(name, () -> {
                    byte[] bytes = Files.readAllBytes(wasm);
                    List<String> expected = Files.readAllLines(CASES.resolve(name + ".v8"));
                    List<Call> calls = Cases.calls(bytes, seed);
                    DifferentialMain.Result r = DifferentialMain.judge(expected, bytes, calls, seed);
                    assertThat(r.lia()).as("Lia against V8").isEqualTo(expected);
                    assertThat(r.stepped()).as("Lia stepped against Lia").isEqualTo(r.lia());
                    for (long step : DifferentialMain.STEPS) {
                        assertThat(LiaSide.run(bytes, calls, step, true, new dev.lia.wasm.exec.Tier[] {dev.lia.wasm.exec.Tier.COMPILED, dev.lia.wasm.exec.Tier.INTERP}))
                                .as("step %d, moving between tiers", step).isEqualTo(expected);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> freshCasesAgreeWithV8() throws IOException {
        Assumptions.assumeTrue(Cases.toolsPresent(), "neither binaryen 132 and node 26 in " + Tools.cacheDir()
                + " (tools/difftest/install-tools.sh) nor wasm-opt and node on PATH: the generated differential cases are skipped");
        Path work = Files.createTempDirectory("lia-difftest");
        V8Side v8 = new V8Side();
        Generator generator = new Generator(work);
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + GENERATED; seed++) {
            long s = seed;
            tests.add(dynamicTest("seed " + s, () -> {
                byte[] bytes = MultiMemory.apply(generator.generate(s), s);
                Path wasm = generator.wasm(s);
                Files.write(wasm, bytes);
                DifferentialMain.Result r = DifferentialMain.compare(v8, wasm, bytes, Cases.calls(bytes, s), s);
                Files.delete(wasm);
                // a stepped run may end early where Lia cannot save the state
                if (r.verdict() != DifferentialMain.Verdict.UNSAVEABLE) assertThat(r.stepped()).as("Lia stepped against Lia").isEqualTo(r.lia());
                assertThat(r.verdict()).as("Lia's tiers and stepped run").isNotIn(DifferentialMain.Verdict.SELF_DIFFERENT, DifferentialMain.Verdict.CRASH);
                if (r.verdict() != DifferentialMain.Verdict.STACK_DEPTH && r.verdict() != DifferentialMain.Verdict.RELAXED_SIMD
                        && r.verdict() != DifferentialMain.Verdict.RESOURCE_LIMIT) {
                    assertThat(r.lia()).as("Lia against V8").isEqualTo(r.v8());
                }
            }));
        }
        tests.add(dynamicTest("close V8 and wasm-opt", () -> {
            v8.close();
            generator.close();
        }));
        return tests.stream();
    }
}
