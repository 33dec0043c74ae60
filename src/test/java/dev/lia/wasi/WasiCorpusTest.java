package dev.lia.wasi;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import dev.lia.wasm.exec.Tier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The seven WASI programs of the shared corpus print exactly {@code expected/wasi/P.out} (default
 * size; argv is just the program's name) and {@code P-perf.out} (perf size, the arguments of the
 * corpus README; about a minute in all), and exit 0.
 */
class WasiCorpusTest {
    static final List<String> PROGRAMS = List.of("crc32", "fib", "interp", "mandelbrot", "nbody", "sha256", "sort");

    /** The perf-size arguments from the corpus README. */
    static final Map<String, List<String>> PERF_ARGS = Map.of(
            "fib", List.of("35"),
            "mandelbrot", List.of("1000", "256"),
            "sha256", List.of("32"),
            "crc32", List.of("16", "8"),
            "nbody", List.of("2000000"),
            "sort", List.of("1000000"),
            "interp", List.of("20000", "100000"));

    /** The default sizes in both tiers alone: the interpreter, and every function compiled from its first call. */
    @TestFactory
    Stream<DynamicTest> defaultSize() {
        return Stream.concat(runs("", List.of(), Tier.INTERP), runs("", List.of(), Tier.COMPILED));
    }

    /** The perf sizes as users run them: the interpreter first, hot code compiled. */
    @TestFactory
    Stream<DynamicTest> perfSize() {
        return runs("-perf", null, Tier.AUTO);
    }

    private static Stream<DynamicTest> runs(String suffix, List<String> fixedArgs, Tier tier) {
        Path corpus = WasiRun.corpus();
        return PROGRAMS.stream().map(p -> dynamicTest(p + suffix + " (" + tier + ")", () -> {
            byte[] wasm = Files.readAllBytes(corpus.resolve("wasi").resolve(p + ".wasm"));
            String expected = Files.readString(corpus.resolve("expected/wasi").resolve(p + suffix + ".out"), StandardCharsets.ISO_8859_1);
            List<String> args = fixedArgs != null ? fixedArgs : PERF_ARGS.get(p);
            long start = System.nanoTime();
            WasiRun.Result r = WasiRun.run(wasm, WasiConfig.builder().args(p + ".wasm").args(args), tier);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (!suffix.isEmpty()) System.out.printf("wasi corpus %s%s %s (%s): %d ms%n", p, suffix, args, tier, ms);
            assertThat(r.stdout()).isEqualTo(expected);
            assertThat(r.stderr()).isEmpty();
            assertThat(r.exitCode()).isZero();
        }));
    }
}
