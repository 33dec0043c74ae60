package dev.lia.wasm.compile;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How v128 values lie in the register code: two slots each, SIMD instructions in their own opcode range. */
class SimdCompileTest {
    static final CompiledModule MODULE = compile("""
            (module
              (func $scalar (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $vec (param v128) (result v128) (local i32 v128 i64)
                (local.set 2 (i32x4.add (local.get 0) (v128.const i32x4 1 2 3 4)))
                (local.get 2))
              (func $caller (result i32)
                (drop (call $vec (v128.const i64x2 7 8)))
                (i32.const 1)))
            """);

    static CompiledModule compile(String wat) {
        var m = TextFormat.parseModule(wat);
        Pipeline.validate(m);
        return ModuleCompiler.compile(m);
    }

    @Test
    void aV128TakesTwoSlots() {
        CompiledFunction vec = MODULE.functions().get(1);
        assertThat(vec.paramCount()).isEqualTo(2);
        assertThat(vec.resultCount()).isEqualTo(2);
        assertThat(vec.localCount()).isEqualTo(2 + 1 + 2 + 1); // v128 param, i32, v128, i64
        assertThat(vec.constants()).hasSize(2); // the v128.const: low half, high half
        assertThat(vec.constants()).containsExactly(1L | (2L << 32), 3L | (4L << 32));
    }

    @Test
    void simdInstructionsHaveTheirOwnRange() {
        CompiledFunction vec = MODULE.functions().get(1);
        int[] code = vec.code();
        List<Integer> ops = new java.util.ArrayList<>();
        for (int pc = 0; pc < code.length; pc += 1 + Op.operandCount(code, pc)) ops.add(code[pc]);
        assertThat(ops).contains(Op.SIMD_BASE + 0xAE); // i32x4.add
        assertThat(ops).allMatch(op -> !Op.isSimd(op) || op == Op.SIMD_BASE + 0xAE);
    }

    @Test
    void usesSimdTellsWhichFunctionsHandleV128() {
        assertThat(MODULE.functions().get(0).usesSimd()).isFalse();
        assertThat(MODULE.functions().get(1).usesSimd()).isTrue();
        assertThat(MODULE.functions().get(2).usesSimd()).as("drops a v128 a call returns").isTrue();
    }
}
