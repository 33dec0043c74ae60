package dev.lia.script;

import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.value.ValueText;
import dev.lia.script.vm.Outcome;
import dev.lia.wasm.compile.CompiledModule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** v128 in Lia: literals of every shape, lane reads, calls, globals, memory, conversions, handlers and the checker's errors. */
class V128ScriptTest {
    static final CompiledModule M = ScriptRunner.wat("""
            (module
              (import "env" "twice" (func $twice (param v128) (result v128)))
              (memory (export "memory") 1)
              (global (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
              (global (export "k") v128 (v128.const i64x2 -1 5))
              (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
              (func (export "swap") (param v128 i32) (result i32 v128) (local.get 1) (local.get 0))
              (func (export "viaImport") (param v128) (result v128) (call $twice (local.get 0)))
              (func (export "load") (param i32) (result v128) (v128.load (local.get 0))))
            """);

    static Value i32x4(int a, int b, int c, int d) {
        return Value.v128((a & 0xFFFFFFFFL) | ((long) b << 32), (c & 0xFFFFFFFFL) | ((long) d << 32));
    }

    static List<Value> done(String script) {
        Outcome o = ScriptRunner.run(script, M);
        assertThat(o).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done) o).values();
    }

    @Test
    void literalsOfEveryShapeAreTheirLittleEndianBytes() {
        List<Value> v = done("""
                a = i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -1
                b = i16x8 1 -1 0 0 0 0 0 65535
                return a, b, i32x4 1 2 3 0xFFFFFFFF, i64x2 -2 0x0102030405060708, f32x4 1 -0 inf nan, f64x2 0.5 -1
                """);
        assertThat(v.stream().map(Value::hex)).containsExactly(
                "0102030405060708090a0b0c0d0e0fff",
                "0100ffff00000000000000000000ffff",
                "010000000200000003000000ffffffff",
                "feffffffffffffff0807060504030201",
                "0000803f000000800000807f0000c07f",
                "000000000000e03f000000000000f0bf");
        assertThat(v).allMatch(x -> x.type() == Type.V128);
        assertThat(ValueText.text(v.get(2))).isEqualTo("i32x4 1 2 3 -1");
    }

    @Test
    void lanesReadInEveryShape() {
        List<Value> v = done("""
                v = i8x16 0x80 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
                k = 3
                return v.i8x16[0], v.i16x8[1], v.i32x4[k], v.i64x2[1], (f32x4 1.5 0 0 0).f32x4[0], (f64x2 0 -2.25).f64x2[1]
                """);
        assertThat(v).containsExactly(Value.i32(-128), Value.i32(0x0403), Value.i32(0x100f0e0d),
                Value.i64(0x100f0e0d0c0b0a09L), Value.f32(1.5f), Value.f64(-2.25));
    }

    @Test
    void v128ArgumentsResultsGlobalsMemoryAndConversions() {
        List<Value> v = done("""
                on env.twice(v128 x) -> v128 {
                    return add(x, x)
                }
                a = add(i32x4 1 2 3 4, i32x4 10 20 30 40)
                n, b = swap(a, 9)
                global.g = viaImport(b)
                memory.write(global.k, 64)
                v128 back = memory.read(64, 16)
                return n, b, global.g, back == global.k, octs(a).len, v128(octs(a)) == a, load(64) != a
                """);
        assertThat(v).containsExactly(Value.i32(9), i32x4(11, 22, 33, 44), i32x4(22, 44, 66, 88), Value.i32(1), Value.i32(16),
                Value.i32(1), Value.i32(1));
    }

    @Test
    void badLaneIndicesAndLengthsTrapInTheScript() {
        Outcome o = ScriptRunner.run("k = 4\nreturn (i32x4 1 2 3 4).i32x4[k]\n", M);
        assertThat(o).isInstanceOfSatisfying(Outcome.Trapped.class, t -> {
            assertThat(t.message()).isEqualTo("lane index 4 out of range: i32x4 has lanes 0 .. 3");
            assertThat(t.kind()).isEqualTo(Outcome.TrapKind.SCRIPT);
        });
        Outcome o2 = ScriptRunner.run("return v128(hex\"0011\")\n", M);
        assertThat(o2).isInstanceOfSatisfying(Outcome.Trapped.class,
                t -> assertThat(t.message()).isEqualTo("octs of length 2 are not a v128 (16 bytes)"));
    }

    @Test
    void anUnansweredImportBlocksWithV128ArgumentsAndTakesAV128Answer() {
        var vm = ScriptRunner.vm("return viaImport(i32x4 7 0 0 -7)\n", M, Map.of());
        Outcome o = vm.run();
        assertThat(o).isEqualTo(new Outcome.Blocked("env.twice", List.of(i32x4(7, 0, 0, -7)), List.of(Type.V128)));
        assertThat(vm.resolve(List.of(i32x4(1, 2, 3, 4)))).isEqualTo(new Outcome.Done(List.of(i32x4(1, 2, 3, 4))));
    }

    @Test
    void v128TextReadsEveryShape() {
        assertThat(ValueText.parse("i64x2 -1 2", Type.V128)).isEqualTo(Value.v128(-1, 2));
        assertThat(ValueText.parse("i32x4 1 2 3 4", Type.V128)).isEqualTo(i32x4(1, 2, 3, 4));
        assertThatThrownBy(() -> ValueText.parse("i32x4 1 2 3", Type.V128)).hasMessageContaining("i32x4 takes 4 lanes, got 3");
    }

    static String errors(String script) {
        try {
            Lia.compile(new Source("t.lia", script), M);
        } catch (CompileException e) {
            return e.getMessage();
        }
        throw new AssertionError("compiled: " + script);
    }

    @Test
    void wrongLaneCountsAndTypesAreCompileErrorsAtTheirPositions() {
        assertThat(errors("x = 1\na = i32x4 1 2 3\n")).contains("t.lia:2:5: i32x4 takes 4 lanes, got 3");
        assertThat(errors("a = i64x2 1 2 3\n")).contains("t.lia:1:5: i64x2 takes 2 lanes, got 3");
        assertThat(errors("a = i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 256\n"))
                .contains("t.lia:1:47: lane 15 of i8x16: 256 does not fit in 8 bits (-128 .. 255)");
        assertThat(errors("a = i16x8 0 0 0 0 0 0 0 -32769\n")).contains("t.lia:1:25: lane 7 of i16x8: -32769 does not fit in 16 bits");
        assertThat(errors("a = i32x4 1 2.5 3 4\n")).contains("t.lia:1:13: lane 1 of i32x4 must be an integer, got a float literal");
        assertThat(errors("a = f32x4 1 2 3 1e39\n")).contains("t.lia:1:17: float literal 1e39 is out of range for f32");
        assertThat(errors("v = i32x4 0 0 0 0\nx = v.i16x8[8]\n")).contains("t.lia:2:13: lane index 8 is out of range: i16x8 has lanes 0 .. 7");
        assertThat(errors("x = 5\ny = x.i32x4[0]\n")).contains("t.lia:2:5: .i32x4[k] reads a lane of a v128, got i32");
        assertThat(errors("v = i32x4 0 0 0 0\nw = v + v\n")).contains("t.lia:2:5: '+' needs numbers, got v128 and v128");
        assertThat(errors("v = i32x4 0 0 0 0\ni32 x = v\n")).contains("t.lia:2:1: 'x' is declared i32; a v128 does not convert to it");
        assertThat(errors("v = i32x4 0 0 0 0\nx = f64(v)\n")).contains("t.lia:2:5: no conversion from v128 to f64");
        assertThat(errors("x = add(1, i32x4 0 0 0 0)\n")).contains("t.lia:1:9: argument 1 of 'add' must be v128, got i32");
        assertThat(errors("on env.twice(i32 x) -> v128 {\n return i32x4 0 0 0 0\n}\n")).contains("t.lia:1:4:");
    }
}
