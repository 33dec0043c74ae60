package dev.lia.script;

import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.wasm.compile.CompiledModule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * memory64 and multi-memory in Lia: a 64-bit memory takes i64 addresses and page counts and gives
 * an i64 size; a 32-bit memory beside it keeps i32 ones; each access reaches the memory it names.
 */
class Memory64ScriptTest {
    static final CompiledModule M = ScriptRunner.wat("""
            (module
              (memory (export "wide") i64 1 3)
              (memory (export "narrow") 1)
              (func (export "peek") (param i64) (result i32) (i32.load8_u (local.get 0)))
              (func (export "peekNarrow") (param i32) (result i32) (i32.load8_u 1 (local.get 0))))
            """);

    @Test
    void aSixtyFourBitMemoryTakesI64AddressesAndPageCounts() {
        Outcome o = ScriptRunner.run("""
                memory.write("hi", 65534)
                memory[1].write(i32(0x01020304), 8)
                old = memory.grow(i64(2))
                refused = memory.grow(1)
                memory.write("!", 3 * 65536 - 1)
                return memory.read(65534, 2), peek(65535), old, refused, memory.size, memory.read(196607, 1), peekNarrow(9), memory[1].size
                """, M);
        assertThat(o).isEqualTo(new Outcome.Done(List.of(Value.octs("hi"), Value.i32('i'), Value.i64(1), Value.i64(-1), Value.i64(3),
                Value.octs("!"), Value.i32(3), Value.i32(1))));
    }

    @Test
    void addressesBeyondFourGibibytesTrapAsOutOfBounds() {
        Outcome o = ScriptRunner.run("return memory.read(0x1_0000_0000, 1)\n", M);
        assertThat(o).isInstanceOfSatisfying(Outcome.Trapped.class, t -> assertThat(t.message()).isEqualTo("out of bounds memory access"));
        Outcome neg = ScriptRunner.run("memory.write(\"x\", -1)\n", M);
        assertThat(neg).isInstanceOfSatisfying(Outcome.Trapped.class, t -> assertThat(t.message()).isEqualTo("out of bounds memory access"));
    }

    @Test
    void eachMemoryChecksItsOwnAddressType() {
        CompileException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Lia.compile(new Source("t.lia", "x = memory[1].read(i64(5), 1)\n"), M), CompileException.class);
        assertThat(e.getMessage()).contains("t.lia:1:20: an address must be i32, got i64");
        // an i32 address widens to i64 on the 64-bit memory, as i32 widens anywhere an i64 is wanted
        assertThat(ScriptRunner.run("a = 16\nmemory.write(a, a)\nreturn memory.read(a, 4)\n", M))
                .isEqualTo(new Outcome.Done(List.of(Value.octs(new byte[] {16, 0, 0, 0}))));
    }
}
