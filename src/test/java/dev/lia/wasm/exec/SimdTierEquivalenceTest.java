package dev.lia.wasm.exec;

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

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SIMD-heavy functions run compiled ({@code WasmFunction.jvmCode()} set, nothing left to the
 * interpreter) and give the interpreter's results, memory, fuel and machine state at every fuel
 * stop, also when each stop moves to a new machine of another tier; a trap inside a SIMD kernel
 * has the interpreter's message and backtrace.
 */
class SimdTierEquivalenceTest {
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

    private static CompiledModule module() {
        return Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
    }

    private record Run(long result, String memory, long fuelUsed, List<MachineState> states, List<WasmFunction> functions) {}

    /** {@code _initialize} and {@code run}; at every stop (each {@code step} units) a new machine of the next tier takes the state. */
    private static Run run(CompiledModule module, long step, Tier... tiers) throws Exception {
        Store store = new Store();
        Machine machine = new Machine(store);
        machine.setTier(tiers[0]);
        Instance instance = machine.instantiate(module, ImportResolver.NONE);
        machine.setFuel(step);
        long given = step;
        List<MachineState> states = new ArrayList<>();
        long[] results = null;
        int turn = 0;
        for (String export : new String[] {"_initialize", "run"}) {
            machine.start(instance.exportedFunction(export));
            MachineOutcome outcome = machine.run();
            while (outcome instanceof MachineOutcome.OutOfFuel) {
                MachineState state = machine.snapshot();
                states.add(state);
                long fuel = machine.fuel();
                machine = new Machine(store);
                machine.setTier(tiers[++turn % tiers.length]);
                machine.restore(state);
                machine.setFuel(fuel);
                machine.addFuel(step);
                given += step;
                outcome = machine.run();
            }
            results = ((MachineOutcome.Done) outcome).results();
        }
        long used = step == Machine.UNLIMITED ? Machine.UNLIMITED - machine.fuel() : given - machine.fuel();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(instance.memory().bytes());
        List<WasmFunction> functions = new ArrayList<>();
        for (int i = 0; i < 7; i++) functions.add((WasmFunction) instance.function(i));
        return new Run(results[0], HexFormat.of().formatHex(digest), used, states, functions);
    }

    @Test
    void simdKernelsRunCompiledWithTheInterpretersResultsFuelAndStates() throws Exception {
        long[] before = Tiering.totals();
        Run interp = run(module(), Machine.UNLIMITED, Tier.INTERP);
        Run compiled = run(module(), Machine.UNLIMITED, Tier.COMPILED);
        long[] after = Tiering.totals();
        for (int i = 1; i <= 4; i++) { // mix, saxpy, count, ints: each ran as JVM bytecode
            assertThat(compiled.functions().get(i).jvmCode()).as("function " + i + " compiled").isNotNull();
        }
        assertThat(after[1] - before[1]).as("functions left to the interpreter").isZero();
        assertThat(compiled.result()).isEqualTo(interp.result());
        assertThat(compiled.memory()).isEqualTo(interp.memory());
        assertThat(compiled.fuelUsed()).isEqualTo(interp.fuelUsed());

        long step = 10_007; // prime: stops fall inside the kernels' loops, between and inside calls
        Run slicedInterp = run(module(), step, Tier.INTERP);
        Run slicedCompiled = run(module(), step, Tier.COMPILED);
        Run alternating = run(module(), step, Tier.INTERP, Tier.COMPILED, Tier.AUTO, Tier.COMPILED);
        assertThat(slicedInterp.states()).hasSizeGreaterThan(50);
        for (Run r : List.of(slicedInterp, slicedCompiled, alternating)) {
            assertThat(r.result()).isEqualTo(interp.result());
            assertThat(r.memory()).isEqualTo(interp.memory());
            assertThat(r.fuelUsed()).isEqualTo(interp.fuelUsed());
        }
        assertThat(slicedCompiled.states()).isEqualTo(slicedInterp.states());
        assertThat(alternating.states()).isEqualTo(slicedInterp.states());
    }

    @Test
    void aTrapInCompiledSimdCodeIsTheInterpreters() {
        Trap interp = trapOf(Tier.INTERP);
        Trap compiled = trapOf(Tier.COMPILED);
        assertThat(interp.getMessage()).contains("out of bounds memory access");
        assertThat(compiled.getMessage()).isEqualTo(interp.getMessage());
        assertThat(compiled.backtrace()).isEqualTo(interp.backtrace());
    }

    private static Trap trapOf(Tier tier) {
        Machine m = new Machine(new Store());
        m.setTier(tier);
        Instance inst = m.instantiate(module(), ImportResolver.NONE);
        m.start(inst.exportedFunction("oob"), 2 * 65536 - 20); // the high half's 8 bytes end past the memory
        return catchThrowableOfType(m::run, Trap.class);
    }
}
