package dev.lia.wasm.spec;

import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.exec.Tiering;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIMD scripts of the 2.0 suite and the 3.0 scripts of SIMD on any memory, relaxed SIMD, typed
 * references and GC ({@link Wasm30FeaturesSpecTest}'s lists), with every function compiled from its first call
 * ({@link Tier#COMPILED}): the same commands pass as in the interpreter, and the compiler leaves no
 * function for SIMD, struct, array, i31, cast instructions or call_ref, only for what it does not take
 * yet (tail calls, exception handling) and methods over the JVM's size limit.
 */
class SpecSimdGcCompiledTierTest {
    /**
     * Why the compiler may still leave a function here (see docs/architecture.md, the compiled tier's
     * list): exception handling, tail calls, methods over the JVM's size limit. SIMD, GC instructions
     * and call_ref are never a reason any more (nor the old vague "internal opcode N").
     */
    private static final List<String> ALLOWED = List.of("tail calls", "exception handling", "over the JVM's");

    @Test
    void simdAndGcScriptsPassWithEveryFunctionCompiled() throws IOException {
        List<Path> scripts = new ArrayList<>(SpecConformanceTest.jsonScripts(SuiteLocation.json(), name -> name.startsWith("simd_")));
        Path wasm30 = SuiteLocation.testsuite().resolve("3.0").resolve("wast");
        for (List<String> list : List.of(Wasm30FeaturesSpecTest.SIMD_MEMORY, Wasm30FeaturesSpecTest.TYPED_REFERENCES, Wasm30FeaturesSpecTest.GC)) {
            for (String name : list) scripts.add(wasm30.resolve(name));
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(wasm30)) { // relaxed SIMD (RelaxedSimdTest checks the exact profile)
            files.filter(f -> f.getFileName().toString().contains("relaxed")).sorted().forEach(scripts::add);
        }
        System.setProperty("lia.jit.hugeMethods", "true");
        long[] before = Tiering.totals();
        Map<String, Long> reasonsBefore = Tiering.leftReasons();
        SpecRunner runner = new SpecRunner().tier(Tier.COMPILED);
        List<SpecResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try {
            for (Path script : scripts) {
                SpecResult r = runner.run(script);
                results.add(r);
                failures.addAll(r.failures());
            }
        } finally {
            System.clearProperty("lia.jit.hugeMethods");
        }
        long[] after = Tiering.totals();
        Map<String, Long> left = new TreeMap<>();
        Tiering.leftReasons().forEach((why, n) -> {
            long more = n - reasonsBefore.getOrDefault(why, 0L);
            if (more > 0) left.put(why, more);
        });
        SpecResult total = SpecResult.sum("total", results);
        long compiled = after[0] - before[0];
        System.out.println("simd and gc, compiled tier: " + total + "; " + compiled + " functions compiled, left: " + left);
        assertThat(failures).as(total.toString()).isEmpty();
        assertThat(total.skipped()).as(total.toString()).isZero();
        assertThat(total.passed()).isGreaterThanOrEqualTo(SimdConformanceTest.COMMANDS);
        assertThat(left.keySet()).as("why functions were left: " + left)
                .allMatch(why -> ALLOWED.stream().anyMatch(why::contains));
        // the functions these scripts call (translated on their first call): 3,780 on 2026-12-07
        assertThat(compiled).as("functions compiled").isGreaterThan(3000);
    }
}
