package dev.lia.wasm.spec;

import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.exec.Tiering;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2.0 spec suite's non-SIMD scripts with every function compiled to JVM bytecode from its first
 * call ({@link Tier#COMPILED}): the same commands pass as in the interpreter, and the compiler left
 * no function to the interpreter.
 */
class SpecCompiledTierTest {
    @Test
    void everyScriptPassesWithEveryFunctionCompiled() throws IOException {
        Path json = SuiteLocation.json();
        List<Path> scripts;
        try (Stream<Path> dirs = Files.list(json)) {
            scripts = dirs.filter(Files::isDirectory)
                    .filter(d -> !SpecConformanceTest.excluded(d.getFileName().toString()))
                    .map(d -> d.resolve(d.getFileName() + ".json"))
                    .sorted()
                    .collect(Collectors.toList());
        }
        System.setProperty("lia.jit.hugeMethods", "true"); // every function, however large (HotSpot then interprets the largest)
        long[] before = Tiering.totals();
        java.util.Map<String, Long> reasonsBefore = Tiering.leftReasons(); // the counts are the JVM's: other tests' runs are in them
        SpecRunner runner = new SpecRunner().tier(Tier.COMPILED);
        List<SpecResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path script : scripts) {
            SpecResult r = runner.run(script);
            results.add(r);
            failures.addAll(r.failures());
        }
        long[] after = Tiering.totals();
        System.clearProperty("lia.jit.hugeMethods");
        SpecResult total = SpecResult.sum("total", results);
        long compiled = after[0] - before[0];
        long left = after[1] - before[1];
        System.out.println("spec, compiled tier: " + total + "; " + compiled + " functions compiled, " + left + " left to the interpreter");
        assertThat(failures).as(total.toString()).isEmpty();
        assertThat(total.passed()).isGreaterThanOrEqualTo(SpecConformanceTest.CORE_COMMANDS_RUN);
        // Only methods over the JVM's 64 KB limit stay in the interpreter (two huge test functions, a
        // case the issue allows); every other function, whatever it contains, is compiled.
        long overJvmLimit = Tiering.leftReasons().entrySet().stream()
                .filter(e -> e.getKey().contains("over the JVM's"))
                .mapToLong(e -> e.getValue() - reasonsBefore.getOrDefault(e.getKey(), 0L)).sum();
        assertThat(left).as("functions the compiler left: " + Tiering.leftReasons()).isEqualTo(overJvmLimit);
        assertThat(left).isLessThanOrEqualTo(2);
        assertThat(compiled).as("functions compiled").isGreaterThan(3000);
    }
}
