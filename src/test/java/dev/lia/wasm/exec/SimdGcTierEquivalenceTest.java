package dev.lia.wasm.exec;

import dev.lia.testutil.SteppedRun;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SIMD-heavy functions run compiled ({@code WasmFunction.jvmCode()} set, nothing left to the
 * interpreter) and give the interpreter's results, memory, fuel and machine state at every fuel
 * stop, also when each stop moves to a new machine of another tier; so do GC kernels (struct,
 * array, i31, casts); a trap inside either has the interpreter's message and backtrace.
 */
class SimdGcTierEquivalenceTest {
    /**
     * Kernels over memory in the shapes clang's -msimd128 output has: f32 saxpy and a lane-wise dot
     * product, i8 compares counted through a widening shuffle, i16 dot and narrowing, min/max and
     * bitmasks, lane loads and stores, splats, extracts and replaces, a v128 global and calls with
     * v128 parameters and results.
     */
    private static final String WAT = """
            (module
              (memory (export "memory") 2)
              (global $g (mut v128) (v128.const i32x4 7 -3 1000 -1000))
              (func $seed (export "_initialize") (local $i i32) (local $x i32)
                (local.set $x (i32.const 12345))
                (loop $l
                  (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
                  (i32.store (local.get $i) (i32.shr_u (local.get $x) (i32.const 7)))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 65536)))))
              (func $mix (param $a v128) (param $b v128) (result v128)
                (v128.xor (local.get $a)
                          (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (local.get $b) (local.get $a))))
              (func $saxpy (param $n i32) (result v128) (local $i i32) (local $acc v128) (local $a v128) (local $y v128)
                (local.set $a (f32x4.splat (f32.const 0.5)))
                (loop $l
                  (local.set $y (f32x4.add (f32x4.mul (local.get $a) (v128.load (local.get $i)))
                                           (v128.load offset=16384 (local.get $i))))
                  (v128.store offset=32768 (local.get $i) (local.get $y))
                  (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $y) (local.get $y))))
                  (local.set $acc (f32x4.max (local.get $acc) (f32x4.neg (f32x4.sqrt (f32x4.abs (local.get $y))))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 16))) (local.get $n))))
                (local.get $acc))
              (func $count (param $n i32) (param $v i32) (result i32) (local $i i32) (local $acc v128) (local $m v128)
                (loop $l
                  (local.set $m (i8x16.eq (v128.load32_zero (local.get $i)) (i8x16.splat (local.get $v))))
                  (local.set $acc (i32x4.add (local.get $acc)
                    (v128.and (i8x16.shuffle 0 16 16 16 1 16 16 16 2 16 16 16 3 16 16 16 (local.get $m) (v128.const i64x2 0 0))
                              (v128.const i32x4 1 1 1 1))))
                  (local.set $acc (i32x4.add (local.get $acc)
                    (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (i8x16.popcnt (v128.load8_splat (local.get $i)))))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (local.get $n))))
                (i32.add (i32x4.extract_lane 0 (local.get $acc))
                         (i32.add (i32x4.extract_lane 1 (local.get $acc))
                                  (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))))
              (func $ints (param $n i32) (result v128) (local $i i32) (local $lo v128) (local $hi v128) (local $d v128) (local $x v128) (local $bits i32)
                (local.set $lo (i32x4.splat (i32.const 0x7fffffff)))
                (local.set $hi (i32x4.splat (i32.const 0x80000000)))
                (loop $l
                  (local.set $x (v128.load (local.get $i)))
                  (local.set $lo (i32x4.min_s (local.get $lo) (local.get $x)))
                  (local.set $hi (i32x4.max_u (local.get $hi) (local.get $x)))
                  (local.set $d (i32x4.add (local.get $d) (i32x4.dot_i16x8_s (local.get $x) (v128.load offset=4 (local.get $i)))))
                  (local.set $d (i16x8.add_sat_s (local.get $d) (i16x8.narrow_i32x4_s (local.get $x) (local.get $d))))
                  (local.set $d (i8x16.sub_sat_u (local.get $d) (i8x16.avgr_u (local.get $x) (i8x16.swizzle (local.get $d) (local.get $x)))))
                  (local.set $d (i64x2.add (local.get $d) (i64x2.extmul_high_i32x4_s (local.get $x) (local.get $d))))
                  (local.set $d (i16x8.shl (local.get $d) (i32.and (local.get $i) (i32.const 31))))
                  (local.set $d (i32x4.shr_s (local.get $d) (local.get $i)))
                  (local.set $d (v128.load16_lane 3 (local.get $i) (local.get $d)))
                  (v128.store32_lane offset=49152 2 (local.get $i) (local.get $d))
                  (local.set $bits (i32.add (local.get $bits)
                    (i32.add (i8x16.bitmask (local.get $x)) (i32.add (i16x8.bitmask (local.get $d)) (i32x4.all_true (local.get $x))))))
                  (local.set $d (i8x16.replace_lane 9 (local.get $d) (local.get $bits)))
                  (global.set $g (call $mix (global.get $g) (local.get $d)))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 12))) (local.get $n))))
                (i64x2.replace_lane 1 (v128.xor (local.get $lo) (v128.xor (local.get $hi) (local.get $d)))
                  (i64.extend_i32_u (i32.add (local.get $bits) (i8x16.extract_lane_s 5 (global.get $g))))))
              (func (export "run") (result i32) (local $r v128)
                (local.set $r (call $saxpy (i32.const 16384)))
                (local.set $r (i32x4.add (local.get $r) (call $ints (i32.const 60000))))
                (i32.add (i32x4.extract_lane 0 (local.get $r))
                         (i32.add (i32x4.extract_lane 3 (local.get $r)) (call $count (i32.const 65536) (i32.const 0x41)))))
              (func (export "oob") (param $at i32) (result v128)
                (i16x8.add (v128.load (i32.const 0)) (v128.load offset=8 (local.get $at)))))
            """;

    /**
     * GC kernels: structs with an i32, a v128 and a reference field, an i32 array and an array of
     * structs, casts, i31 and ref.eq in a loop (each instruction runs the interpreter's code with its
     * own slots passed, the rest of the function compiled).
     */
    private static final String GC_WAT = """
            (module
              (type $cell (struct (field $n (mut i32)) (field $v (mut v128)) (field $next (mut (ref null $cell)))))
              (type $ints (array (mut i32)))
              (type $cells (array (mut (ref null $cell))))
              (memory (export "memory") 1)
              (func (export "_initialize"))
              (func (export "run") (result i32) (local $i i32) (local $a (ref null $ints)) (local $cs (ref null $cells))
                  (local $c (ref null $cell)) (local $s i32) (local $any anyref)
                (local.set $a (array.new $ints (i32.const 3) (i32.const 1000)))
                (local.set $cs (array.new_default $cells (i32.const 64)))
                (loop $l
                  (array.set $ints (local.get $a) (i32.rem_u (local.get $i) (i32.const 1000))
                    (i32.add (array.get $ints (local.get $a) (i32.rem_u (i32.mul (local.get $i) (i32.const 7)) (i32.const 1000)))
                             (local.get $i)))
                  (local.set $c (struct.new $cell (local.get $i) (i32x4.splat (local.get $i))
                                  (array.get $cells (local.get $cs) (i32.and (local.get $i) (i32.const 63)))))
                  (array.set $cells (local.get $cs) (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const 63)) (local.get $c))
                  (struct.set $cell $n (local.get $c) (i32.add (struct.get $cell $n (local.get $c)) (array.len (local.get $a))))
                  (struct.set $cell $v (local.get $c) (i32x4.add (struct.get $cell $v (local.get $c)) (v128.const i32x4 1 2 3 4)))
                  (local.set $any (if (result anyref) (i32.and (local.get $i) (i32.const 1))
                                    (then (ref.i31 (local.get $i))) (else (local.get $c))))
                  (local.set $s (i32.add (local.get $s)
                    (if (result i32) (ref.test (ref i31) (local.get $any))
                      (then (i31.get_s (ref.cast (ref i31) (local.get $any))))
                      (else (i32.add (struct.get $cell $n (ref.cast (ref $cell) (local.get $any)))
                                     (i32x4.extract_lane 2 (struct.get $cell $v (local.get $c))))))))
                  (if (ref.is_null (struct.get $cell $next (local.get $c)))
                    (then (local.set $s (i32.add (local.get $s) (i32.const 17))))
                    (else (local.set $s (i32.add (local.get $s) (ref.eq (local.get $c) (struct.get $cell $next (local.get $c)))))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 3000))))
                (i32.add (local.get $s) (array.get $ints (local.get $a) (i32.const 999))))
              (func (export "null") (result i32)
                (struct.get $cell $n (ref.null $cell))))
            """;

    private static CompiledModule module() {
        return Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
    }

    private static CompiledModule gcModule() {
        return Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(GC_WAT)));
    }

    @Test
    void simdKernelsRunCompiledWithTheInterpretersResultsFuelAndStates() throws Exception {
        long[] before = Tiering.totals();
        SteppedRun interp = SteppedRun.of(module(), Machine.UNLIMITED, Tier.INTERP);
        SteppedRun compiled = SteppedRun.of(module(), Machine.UNLIMITED, Tier.COMPILED);
        long[] after = Tiering.totals();
        for (int i = 1; i <= 4; i++) { // mix, saxpy, count, ints: each ran as JVM bytecode
            assertThat(((WasmFunction) compiled.instance().function(i)).jvmCode()).as("function " + i + " compiled").isNotNull();
        }
        assertThat(after[1] - before[1]).as("functions left to the interpreter").isZero();
        assertThat(compiled.result()).isEqualTo(interp.result());
        assertThat(compiled.memory()).isEqualTo(interp.memory());
        assertThat(compiled.fuelUsed()).isEqualTo(interp.fuelUsed());

        long step = 10_007; // prime: stops fall inside the kernels' loops, between and inside calls
        SteppedRun slicedInterp = SteppedRun.of(module(), step, Tier.INTERP);
        SteppedRun slicedCompiled = SteppedRun.of(module(), step, Tier.COMPILED);
        SteppedRun alternating = SteppedRun.of(module(), step, Tier.INTERP, Tier.COMPILED, Tier.AUTO, Tier.COMPILED);
        assertThat(slicedInterp.states()).hasSizeGreaterThan(50);
        for (SteppedRun r : List.of(slicedInterp, slicedCompiled, alternating)) {
            assertThat(r.result()).isEqualTo(interp.result());
            assertThat(r.memory()).isEqualTo(interp.memory());
            assertThat(r.fuelUsed()).isEqualTo(interp.fuelUsed());
        }
        assertThat(slicedCompiled.states()).isEqualTo(slicedInterp.states());
        assertThat(alternating.states()).isEqualTo(slicedInterp.states());
    }

    @Test
    void gcKernelsRunCompiledWithTheInterpretersResultsFuelAndStates() throws Exception {
        long[] before = Tiering.totals();
        SteppedRun interp = SteppedRun.of(gcModule(), Machine.UNLIMITED, Tier.INTERP);
        SteppedRun compiled = SteppedRun.of(gcModule(), Machine.UNLIMITED, Tier.COMPILED);
        long[] after = Tiering.totals();
        assertThat(((WasmFunction) compiled.instance().function(1)).jvmCode()).as("run compiled").isNotNull();
        assertThat(after[1] - before[1]).as("functions left to the interpreter").isZero();
        assertThat(compiled.result()).isEqualTo(interp.result());
        assertThat(compiled.fuelUsed()).isEqualTo(interp.fuelUsed());
        long step = 1_009;
        SteppedRun slicedInterp = SteppedRun.of(gcModule(), step, Tier.INTERP);
        SteppedRun alternating = SteppedRun.of(gcModule(), step, Tier.COMPILED, Tier.INTERP, Tier.COMPILED, Tier.AUTO);
        assertThat(slicedInterp.states()).hasSizeGreaterThan(50);
        assertThat(alternating.result()).isEqualTo(interp.result());
        assertThat(alternating.fuelUsed()).isEqualTo(interp.fuelUsed());
        assertThat(alternating.states()).isEqualTo(slicedInterp.states());
    }

    @Test
    void aTrapInCompiledSimdCodeIsTheInterpreters() {
        Trap interp = trapOf(module(), "oob", Tier.INTERP);
        Trap compiled = trapOf(module(), "oob", Tier.COMPILED);
        assertThat(interp.getMessage()).contains("out of bounds memory access");
        assertThat(compiled.getMessage()).isEqualTo(interp.getMessage());
        assertThat(compiled.backtrace()).isEqualTo(interp.backtrace());
    }

    @Test
    void aTrapInCompiledGcCodeIsTheInterpreters() {
        Trap interp = trapOf(gcModule(), "null", Tier.INTERP);
        Trap compiled = trapOf(gcModule(), "null", Tier.COMPILED);
        assertThat(interp.getMessage()).contains("null structure reference");
        assertThat(compiled.getMessage()).isEqualTo(interp.getMessage());
        assertThat(compiled.backtrace()).isEqualTo(interp.backtrace());
    }

    private static Trap trapOf(CompiledModule module, String export, Tier tier) {
        Machine m = new Machine(new Store());
        m.setTier(tier);
        Instance inst = m.instantiate(module, ImportResolver.NONE);
        if (export.equals("oob")) m.start(inst.exportedFunction(export), 2 * 65536 - 20); // the high half's 8 bytes end past the memory
        else m.start(inst.exportedFunction(export));
        return catchThrowableOfType(m::run, Trap.class);
    }
}
