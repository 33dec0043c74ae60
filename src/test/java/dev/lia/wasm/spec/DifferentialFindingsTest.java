package dev.lia.wasm.spec;

import dev.lia.wasm.exec.Tier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the differential test against V8 found with GC on (binaryen 132), each reduced to a script and
 * run in every tier. (v128 fields and elements: {@link GcVectorFieldsTest}.)
 */
class DifferentialFindingsTest {
    @TempDir
    Path dir;

    private SpecResult run(Tier tier, String script) throws IOException {
        Path wast = dir.resolve("finding.wast");
        Files.writeString(wast, script);
        SpecResult r = new SpecRunner().tier(tier).run(wast);
        assertThat(r.failures()).isEmpty();
        return r;
    }

    /** Constant expressions with v128 operands of GC allocations ("not a constant instruction: v128.const"). */
    @ParameterizedTest
    @EnumSource(Tier.class)
    void vectorsInConstantExpressions(Tier tier) throws IOException {
        SpecResult r = run(tier, """
                (module
                  (type $s (struct (field i32) (field v128)))
                  (type $a (array v128))
                  (global $v v128 (v128.const i32x4 5 6 7 8))
                  (global $g (ref $s) (struct.new $s (i32.const 3) (v128.const i32x4 1 2 3 4)))
                  (global $h (ref $s) (struct.new $s (i32.const 4) (global.get $v)))
                  (global $f (ref $a) (array.new_fixed $a 2 (v128.const i64x2 1 2) (global.get $v)))
                  (global $n (ref $a) (array.new $a (v128.const i64x2 9 9) (i32.const 3)))
                  (func (export "g") (result i32 v128) (struct.get $s 0 (global.get $g)) (struct.get $s 1 (global.get $g)))
                  (func (export "h") (result v128) (struct.get $s 1 (global.get $h)))
                  (func (export "f") (result v128 v128) (array.get $a (global.get $f) (i32.const 0)) (array.get $a (global.get $f) (i32.const 1)))
                  (func (export "n") (result v128 i32) (array.get $a (global.get $n) (i32.const 2)) (array.len (global.get $n))))
                (assert_return (invoke "g") (i32.const 3) (v128.const i32x4 1 2 3 4))
                (assert_return (invoke "h") (v128.const i32x4 5 6 7 8))
                (assert_return (invoke "f") (v128.const i64x2 1 2) (v128.const i32x4 5 6 7 8))
                (assert_return (invoke "n") (v128.const i64x2 9 9) (i32.const 3))
                """);
        assertThat(r.summary()).isEqualTo("5 passed, 0 failed, 0 skipped");
    }

    /**
     * call_indirect to compiled code in a module that also has struct types: the compiled tier's
     * switch per parameter count took every type for a function type (a NullPointerException).
     */
    @ParameterizedTest
    @EnumSource(Tier.class)
    void indirectCallsBesideStructTypes(Tier tier) throws IOException {
        SpecResult r = run(tier, """
                (module
                  (type $s (struct (field i32)))
                  (type $f (func (param i32) (result i32)))
                  (table 1 funcref)
                  (elem (i32.const 0) $inc)
                  (func $inc (type $f) (i32.add (local.get 0) (i32.const 1)))
                  (func (export "call") (param i32) (result i32) (call_indirect (type $f) (local.get 0) (i32.const 0))))
                (assert_return (invoke "call" (i32.const 41)) (i32.const 42))
                """);
        assertThat(r.summary()).isEqualTo("2 passed, 0 failed, 0 skipped");
    }
}
