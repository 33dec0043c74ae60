package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Compiled callees check only the value stack in their prologue: the call depth is bounded by the
 * Java stack room they are given ({@code Machine.compiledRoom}), and near the limit calls go the
 * slow way, whose checks are the interpreter's. The trap must still come at the interpreter's
 * depth with its backtrace, whether the depth limit or the room is reached first, in direct and
 * indirect recursion with calls at different positions.
 */
class CallDepthTierTest {
    private static final String WAT = """
            (module
              (type $t (func (param i32) (result i32)))
              (table 1 funcref)
              (elem (i32.const 0) $odd)
              (func $rec (export "rec") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 7))
                  (else (i32.mul (i32.const 3)
                    (i32.add (local.get 0) (call $rec (i32.sub (local.get 0) (i32.const 1))))))))
              (func $even (export "even") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                  (else (i32.xor (i32.const 5) (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0))))))
              (func $odd (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (call $even (i32.sub (local.get 0) (i32.const 1))) (i32.const 2)))))
              (func $wide (export "wide") (param i32) (result i32)
                (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
                (local.set 20 (i64.extend_i32_u (local.get 0)))
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 11))
                  (else (i32.add (i32.wrap_i64 (local.get 20))
                    (call $wide (i32.sub (local.get 0) (i32.const 1))))))))
            """;

    private static Object outcome(Tier tier, int maxCallDepth, String export, long n) {
        return outcome(tier, maxCallDepth, 4 << 20, export, n);
    }

    private static Object outcome(Tier tier, int maxCallDepth, int maxStackSlots, String export, long n) {
        CompiledModule module = Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
        Machine m = new Machine(new Store(new Limits(16384, 10_000_000, maxCallDepth, maxStackSlots)));
        m.setTier(tier);
        Instance inst = m.instantiate(module, ImportResolver.NONE);
        if (tier == Tier.AUTO) { // hot first, shallow
            for (int i = 0; i < 3 * Tiering.THRESHOLD; i++) m.invoke(inst.exportedFunction(export), 3);
        }
        Trap t = catchThrowableOfType(() -> m.invoke(inst.exportedFunction(export), n), Trap.class);
        if (t == null) return m.invoke(inst.exportedFunction(export), n)[0];
        return t.getMessage() + " " + t.backtrace() + " omitted " + t.omittedFrames();
    }

    @ParameterizedTest
    @CsvSource({"rec,4", "rec,40", "rec,600", "rec,3000", "even,4", "even,41", "even,700", "even,2500"})
    void depthTrapsComeWhereTheInterpretersDo(String export, int maxCallDepth) {
        for (long n : new long[] {maxCallDepth - 3, maxCallDepth - 2, maxCallDepth - 1, maxCallDepth, maxCallDepth + 5}) {
            Object expected = outcome(Tier.INTERP, maxCallDepth, export, n);
            for (Tier tier : new Tier[] {Tier.COMPILED, Tier.AUTO}) {
                assertThat(outcome(tier, maxCallDepth, export, n)).as(tier + " " + export + "(" + n + ")").isEqualTo(expected);
            }
        }
        assertThat(outcome(Tier.INTERP, maxCallDepth, export, maxCallDepth + 5).toString()).startsWith("call stack exhausted");
    }

    /** The value stack's limit reached before the depth's, and a value stack that grows several times on the way. */
    @ParameterizedTest
    @CsvSource({"2000,3000", "2000,20000", "20000,100000", "100000,4194304"})
    void valueStackLimitsComeWhereTheInterpretersDo(int maxCallDepth, int maxStackSlots) {
        for (long n : new long[] {50, 400, 1500, 4000}) {
            Object expected = outcome(Tier.INTERP, maxCallDepth, maxStackSlots, "wide", n);
            for (Tier tier : new Tier[] {Tier.COMPILED, Tier.AUTO}) {
                assertThat(outcome(tier, maxCallDepth, maxStackSlots, "wide", n)).as(tier + " wide(" + n + ")").isEqualTo(expected);
            }
        }
        assertThat(outcome(Tier.INTERP, 2000, 3000, "wide", 1500).toString()).startsWith("call stack exhausted");
        assertThat(outcome(Tier.INTERP, 100000, 4 << 20, "wide", 4000)).isInstanceOf(Long.class);
    }
}
