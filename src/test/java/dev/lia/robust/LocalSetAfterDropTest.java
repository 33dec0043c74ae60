package dev.lia.robust;

import dev.lia.wasm.compile.CompiledModule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by the differential test against V8 (binaryen seed 365): {@code local.set} writes the value
 * it pops straight from the instruction that produced it, by retargeting that instruction's
 * destination. After {@code drop}s, the last instruction emitted had produced a value that was
 * dropped, not the one {@code local.set} pops, yet it was retargeted: the local got the dropped value.
 */
class LocalSetAfterDropTest {
    @Test
    void localSetTakesTheValueUnderTheDroppedOnes() {
        CompiledModule module = Stepping.wat("""
                (module
                  (global $g (mut f64) (f64.const 65435))
                  (func (export "f") (result i64)
                    (local i64)
                    f64.const 3
                    loop (result i64)
                      block (result i64)
                        i64.const -65
                      end
                    end
                    f32.const 1
                    global.get $g
                    drop
                    drop
                    local.set 0
                    drop
                    local.get 0))
                """);
        assertThat(Stepping.straight(module, "f")).containsExactly(-65L);
    }

    @Test
    void localTeeAfterADropOfAComputedValue() {
        CompiledModule module = Stepping.wat("""
                (module
                  (func (export "f") (param i32) (result i32)
                    (local i32)
                    local.get 0
                    i32.const 1
                    i32.add
                    local.get 0
                    i32.const 100
                    i32.mul
                    drop
                    local.tee 1
                    local.get 1
                    i32.add))
                """);
        assertThat(Stepping.straight(module, "f", 4)).containsExactly(10L);
    }
}
