package dev.lia.wasm.exec;

import dev.lia.script.ScriptRunner;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * v128 struct fields and array elements (GC with SIMD): struct.new / get / set with v128 fields between
 * others, arrays of v128 made by array.new, new_fixed, new_data (16 bytes an element), filled, copied and
 * set, and objects with v128 fields in constant expressions; the same results in every tier.
 */
class V128FieldsTest {
    static final String WAT = """
            (module
              (type $s (struct (field (mut v128)) (field i32) (field (mut v128))))
              (type $a (array (mut v128)))
              (data $d "\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00\\04\\00\\00\\00\\05\\00\\00\\00\\06\\00\\00\\00\\07\\00\\00\\00\\08\\00\\00\\00")
              (global $g (ref $s) (struct.new $s (v128.const i32x4 1 2 3 4) (i32.const 9) (v128.const i64x2 -1 5)))
              (global $ga (ref $a) (array.new_fixed $a 2 (v128.const i32x4 10 20 30 40) (v128.const i32x4 50 60 70 80)))
              (func (export "fields") (result i32)
                (local $r (ref null $s))
                (local.set $r (struct.new $s (v128.const i32x4 1 2 3 4) (i32.const 7) (v128.const i32x4 100 200 300 400)))
                (struct.set $s 0 (local.get $r) (v128.const i32x4 5 6 7 8))
                (i32.add (i32.add (i32x4.extract_lane 3 (struct.get $s 0 (local.get $r))) (struct.get $s 1 (local.get $r)))
                         (i32x4.extract_lane 1 (struct.get $s 2 (local.get $r)))))
              (func (export "constant") (result i32)
                (i32.add (i32.add (i32x4.extract_lane 2 (struct.get $s 0 (global.get $g))) (struct.get $s 1 (global.get $g)))
                  (i32.wrap_i64 (i64x2.extract_lane 1 (struct.get $s 2 (global.get $g))))))
              (func (export "arrays") (result i32)
                (local $x (ref $a)) (local $y (ref $a))
                (local.set $x (array.new $a (v128.const i32x4 1 2 3 4) (i32.const 4)))
                (array.set $a (local.get $x) (i32.const 2) (v128.const i32x4 9 9 9 9))
                (array.fill $a (local.get $x) (i32.const 0) (v128.const i32x4 7 7 7 7) (i32.const 1))
                (local.set $y (array.new_data $a $d (i32.const 0) (i32.const 2)))
                (array.copy $a $a (local.get $x) (i32.const 3) (local.get $y) (i32.const 1) (i32.const 1))
                ;; x = [7 7 7 7, 1 2 3 4, 9 9 9 9, 5 6 7 8]
                (i32.add (i32.add (i32.add (i32x4.extract_lane 0 (array.get $a (local.get $x) (i32.const 0)))
                                           (i32x4.extract_lane 3 (array.get $a (local.get $x) (i32.const 1))))
                                  (i32x4.extract_lane 1 (array.get $a (local.get $x) (i32.const 2))))
                         (i32.add (i32x4.extract_lane 2 (array.get $a (local.get $x) (i32.const 3)))
                                  (i32.add (array.len (local.get $x)) (i32x4.extract_lane 3 (array.get $a (global.get $ga) (i32.const 1))))))))
            """;

    static long call(Tier tier, String export) {
        Machine m = new Machine(new Store());
        m.setTier(tier);
        Instance inst = m.instantiate(ScriptRunner.wat(WAT), ImportResolver.NONE);
        return m.invoke(inst.exportedFunction(export))[0];
    }

    @Test
    void v128FieldsAndElementsHoldTheirSixteenBytesInEveryTier() {
        for (Tier tier : Tier.values()) {
            assertThat(call(tier, "fields")).as(tier.name()).isEqualTo(8 + 7 + 200);
            assertThat(call(tier, "constant")).as(tier.name()).isEqualTo(3 + 9 + 5);
            assertThat(call(tier, "arrays")).as(tier.name()).isEqualTo(7 + 4 + 9 + 7 + 4 + 80);
        }
    }
}
