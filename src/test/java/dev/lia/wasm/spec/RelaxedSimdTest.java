package dev.lia.wasm.spec;

import dev.lia.wasm.exec.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relaxed SIMD runs as the specification's deterministic profile prescribes: exact results where the
 * relaxed forms may differ (the suite's own scripts accept any allowed result through {@code either}),
 * in the interpreter and in the compiled tier.
 */
class RelaxedSimdTest {
    @TempDir
    Path dir;

    @Test
    void deterministicProfileResults() throws IOException {
        Path wast = dir.resolve("relaxed.wast");
        Files.writeString(wast, """
                (module
                  (func (export "madd") (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
                  (func (export "nmadd") (param v128 v128 v128) (result v128) (f64x2.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
                  (func (export "dot") (param v128 v128) (result v128) (i16x8.relaxed_dot_i8x16_i7x16_s (local.get 0) (local.get 1)))
                  (func (export "dot_add") (param v128 v128 v128) (result v128) (i32x4.relaxed_dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2)))
                  (func (export "laneselect") (param v128 v128 v128) (result v128) (i32x4.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
                  (func (export "swizzle") (param v128 v128) (result v128) (i8x16.relaxed_swizzle (local.get 0) (local.get 1)))
                  (func (export "trunc") (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_s (local.get 0)))
                  (func (export "min") (param v128 v128) (result v128) (f32x4.relaxed_min (local.get 0) (local.get 1)))
                  (func (export "q15") (param v128 v128) (result v128) (i16x8.relaxed_q15mulr_s (local.get 0) (local.get 1))))
                ;; unfused: (1+2^-23)^2 rounds to 1+2^-22 before the add, so the sum is 0 (fused: 2^-46)
                (assert_return (invoke "madd" (v128.const i32x4 0x3f800001 0x3f800001 0x3f800001 0x3f800001)
                                              (v128.const i32x4 0x3f800001 0x3f800001 0x3f800001 0x3f800001)
                                              (v128.const i32x4 0xbf800002 0xbf800002 0xbf800002 0xbf800002))
                               (v128.const f32x4 0 0 0 0))
                (assert_return (invoke "nmadd" (v128.const f64x2 2 nan) (v128.const f64x2 3 1) (v128.const f64x2 1 1))
                               (v128.const i64x2 0xc014000000000000 0x7ff8000000000000))
                ;; the second operand is signed, pairs add with saturation
                (assert_return (invoke "dot" (v128.const i8x16 -128 -128 1 2 0 0 0 0 0 0 0 0 0 0 0 0)
                                             (v128.const i8x16 -128 -128 -1 200 0 0 0 0 0 0 0 0 0 0 0 0))
                               (v128.const i16x8 32767 -113 0 0 0 0 0 0))
                (assert_return (invoke "dot_add" (v128.const i8x16 -128 -128 -128 -128 0 0 0 0 0 0 0 0 0 0 0 0)
                                                 (v128.const i8x16 -128 -128 -128 -128 0 0 0 0 0 0 0 0 0 0 0 0)
                                                 (v128.const i32x4 1 2 3 4))
                               (v128.const i32x4 65535 2 3 4))
                ;; a mask that mixes bits selects bitwise
                (assert_return (invoke "laneselect" (v128.const i32x4 -1 -1 -1 -1) (v128.const i32x4 0 0 0 0) (v128.const i32x4 0x80000001 0 -1 0xf0))
                               (v128.const i32x4 0x80000001 0 -1 0xf0))
                (assert_return (invoke "swizzle" (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
                                                 (v128.const i8x16 0 16 17 100 127 128 255 15 0 0 0 0 0 0 0 0))
                               (v128.const i8x16 1 0 0 0 0 0 0 16 1 1 1 1 1 1 1 1))
                (assert_return (invoke "trunc" (v128.const f32x4 nan -inf 3e9 -1.5))
                               (v128.const i32x4 0 -2147483648 2147483647 -1))
                (assert_return (invoke "min" (v128.const f32x4 -0 0 nan 1) (v128.const f32x4 0 -0 1 nan))
                               (v128.const i32x4 0x80000000 0x80000000 0x7fc00000 0x7fc00000))
                (assert_return (invoke "q15" (v128.const i16x8 -32768 0 0 0 0 0 0 0) (v128.const i16x8 -32768 0 0 0 0 0 0 0))
                               (v128.const i16x8 32767 0 0 0 0 0 0 0))
                """);
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.COMPILED}) { // the compiled tier's SIMD computes the same profile
            SpecResult r = new SpecRunner().tier(tier).run(wast);
            assertThat(r.failures()).as(tier.toString()).isEmpty();
            assertThat(r.summary()).as(tier.toString()).isEqualTo("10 passed, 0 failed, 0 skipped");
        }
    }

    /** The relaxed SIMD scripts of the 3.0 suite, whose results are {@code either} sets. */
    @Test
    void suiteRelaxedScripts() throws IOException {
        Path wast = SuiteLocation.testsuite().resolve("3.0").resolve("wast");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(wast)) {
            scripts = files.filter(f -> f.getFileName().toString().contains("relaxed")).sorted().collect(Collectors.toList());
        }
        assertThat(scripts).hasSize(7);
        SpecRunner runner = new SpecRunner();
        SpecResult total = SpecResult.sum("total", scripts.stream().map(runner::run).toList());
        assertThat(total.failures()).isEmpty();
        assertThat(total.skipped()).isZero();
        assertThat(total.passed()).isEqualTo(77);
    }
}
