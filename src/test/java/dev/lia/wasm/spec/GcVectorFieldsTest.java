package dev.lia.wasm.spec;

import dev.lia.wasm.exec.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structs with v128 fields and arrays of v128 (each field or element two slots in the heap): every GC
 * instruction that moves them. Found by the differential test (binaryen 132 with GC and SIMD), which
 * Lia refused as "unsupported: v128 struct fields and array elements".
 */
class GcVectorFieldsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Tier.class)
    void vectorFieldsAndElements(Tier tier) throws IOException {
        Path wast = dir.resolve("gc-v128.wast");
        Files.writeString(wast, """
                (module
                  (type $s (struct (field i32) (field (mut v128)) (field i64) (field (mut v128))))
                  (type $a (array (mut v128)))
                  (data $d "\\00\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\\15\\16\\17\\18\\19\\1a\\1b\\1c\\1d\\1e\\1f")
                  (func $mk (result (ref $s))
                    (struct.new $s (i32.const 7) (v128.const i32x4 1 2 3 4) (i64.const -1) (v128.const i64x2 5 6)))
                  (func (export "fields") (result i32 v128 i64 v128)
                    (local $r (ref null $s))
                    (local.set $r (call $mk))
                    (struct.get $s 0 (local.get $r))
                    (struct.get $s 1 (local.get $r))
                    (struct.get $s 2 (local.get $r))
                    (struct.get $s 3 (local.get $r)))
                  (func (export "set") (result v128 i64)
                    (local $r (ref null $s))
                    (local.set $r (call $mk))
                    (struct.set $s 1 (local.get $r) (v128.const i32x4 9 9 9 9))
                    (struct.set $s 3 (local.get $r) (struct.get $s 1 (local.get $r)))
                    (struct.get $s 3 (local.get $r))
                    (struct.get $s 2 (local.get $r)))
                  (func (export "default") (result v128 i32)
                    (struct.get $s 1 (struct.new_default $s))
                    (array.len (array.new_default $a (i32.const 3))))
                  (func (export "array") (result v128 v128 i32)
                    (local $x (ref null $a))
                    (local.set $x (array.new $a (v128.const i32x4 1 1 1 1) (i32.const 4)))
                    (array.set $a (local.get $x) (i32.const 2) (v128.const i32x4 2 3 4 5))
                    (array.fill $a (local.get $x) (i32.const 0) (v128.const i32x4 7 7 7 7) (i32.const 1))
                    (array.get $a (local.get $x) (i32.const 0))
                    (array.get $a (local.get $x) (i32.const 2))
                    (array.len (local.get $x)))
                  (func (export "fixed_copy") (result v128 v128)
                    (local $x (ref null $a))
                    (local $y (ref null $a))
                    (local.set $x (array.new_fixed $a 3 (v128.const i32x4 1 0 0 0) (v128.const i32x4 2 0 0 0) (v128.const i32x4 3 0 0 0)))
                    (local.set $y (array.new_default $a (i32.const 3)))
                    (array.copy $a $a (local.get $y) (i32.const 1) (local.get $x) (i32.const 0) (i32.const 2))
                    (array.get $a (local.get $y) (i32.const 2))
                    (array.get $a (local.get $x) (i32.const 2)))
                  (func (export "data") (result v128 v128)
                    (local $x (ref null $a))
                    (local.set $x (array.new_data $a $d (i32.const 0) (i32.const 2)))
                    (array.init_data $a $d (local.get $x) (i32.const 1) (i32.const 1) (i32.const 1))
                    (array.get $a (local.get $x) (i32.const 0))
                    (array.get $a (local.get $x) (i32.const 1)))
                  (func (export "bounds") (result v128)
                    (array.get $a (array.new_default $a (i32.const 2)) (i32.const 2))))
                (assert_return (invoke "fields") (i32.const 7) (v128.const i32x4 1 2 3 4) (i64.const -1) (v128.const i64x2 5 6))
                (assert_return (invoke "set") (v128.const i32x4 9 9 9 9) (i64.const -1))
                (assert_return (invoke "default") (v128.const i64x2 0 0) (i32.const 3))
                (assert_return (invoke "array") (v128.const i32x4 7 7 7 7) (v128.const i32x4 2 3 4 5) (i32.const 4))
                (assert_return (invoke "fixed_copy") (v128.const i32x4 2 0 0 0) (v128.const i32x4 3 0 0 0))
                (assert_return (invoke "data")
                  (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
                  (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16))
                (assert_trap (invoke "bounds") "out of bounds array access")
                """);
        SpecResult r = new SpecRunner().tier(tier).run(wast);
        assertThat(r.failures()).isEmpty();
        assertThat(r.summary()).isEqualTo("8 passed, 0 failed, 0 skipped");
    }
}
