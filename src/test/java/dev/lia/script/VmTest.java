package dev.lia.script;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.HostFunction;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmTest {
    static final CompiledModule MISC = ScriptRunner.wat("""
            (module
              (import "env" "random" (func $random (result f64)))
              (memory (export "memory") 1 4)
              (global (export "counter") (mut i32) (i32.const 7))
              (global (export "big") i64 (i64.const -5))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
              (func (export "pair") (result i32 i64) (i32.const 1) (i64.const 2))
              (func (export "noise") (result f64) (f64.mul (call $random) (f64.const 2)))
              (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
              (func $crash (export "crash") (param i32) (result i32) (call $inner (local.get 0))))
            """);

    static Outcome run(String script) {
        return ScriptRunner.run(script, MISC);
    }

    static List<Value> done(String script) {
        Outcome o = run(script);
        assertThat(o).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done) o).values();
    }

    @Test
    void importHandlersRunReentrantlyAndExtBlocks() throws Exception {
        String script = Files.readString(Path.of("examples/handlers/handlers.lia"));
        CompiledModule m = ScriptRunner.module("examples/handlers/handlers.wasm");
        Vm vm = ScriptRunner.vm(script, m, Map.of("n", Value.i32(10)));
        Outcome o = vm.run();
        assertThat(o).isEqualTo(new Outcome.Blocked("log", List.of(Value.octs("total computed")), List.of()));
        assertThatThrownBy(() -> vm.resolve(List.of(Value.i32(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log expects 0 values");
        assertThat(vm.pendingRequest()).isEqualTo(o);
        assertThat(vm.resolve(List.of())).isEqualTo(new Outcome.Done(List.of(Value.i32(63), Value.i32(10))));
        assertThatThrownBy(() -> vm.resolve(List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void deepRecursionThroughHandlers() throws Exception {
        String script = Files.readString(Path.of("examples/handlers/handlers.lia")).replace("total = total(n)\n", "total = 0\n");
        CompiledModule m = ScriptRunner.module("examples/handlers/handlers.wasm");
        Outcome o = ScriptRunner.vm(script, m, Map.of("n", Value.i32(2000))).run();
        assertThat(o).isEqualTo(new Outcome.Done(List.of(Value.i32(0), Value.i32(2000))));
    }

    @Test
    void blockingInsideANestedActivationResumesEveryLevel() {
        CompiledModule m = ScriptRunner.wat("""
                (module
                  (import "env" "a" (func $a (param i32) (result i32)))
                  (import "env" "b" (func $b (result i32)))
                  (func (export "f") (param i32) (result i32) (i32.add (call $a (local.get 0)) (i32.const 1000)))
                  (func (export "g") (param i32) (result i32) (i32.mul (call $b) (local.get 0))))
                """);
        Vm vm = ScriptRunner.vm("""
                on env.a(i32 x) -> i32 {
                    y = g(x + 1)            # wasm -> Lia -> wasm, which then blocks on env.b
                    i32 z = ext check(y)
                    return y + z
                }
                return f(2)
                """, m, Map.of());
        assertThat(vm.run()).isEqualTo(new Outcome.Blocked("env.b", List.of(), List.of(Type.I32)));
        assertThat(vm.resolve(List.of(Value.i32(5)))).isEqualTo(new Outcome.Blocked("check", List.of(Value.i32(15)), List.of(Type.I32)));
        assertThat(vm.resolve(List.of(Value.i32(100)))).isEqualTo(new Outcome.Done(List.of(Value.i32(1115))));
    }

    @Test
    void anUnansweredImportBlocksAndResolvesWithCheckedTypes() {
        Vm vm = ScriptRunner.vm("return noise()", MISC, Map.of());
        Outcome o = vm.run();
        assertThat(o).isEqualTo(new Outcome.Blocked("env.random", List.of(), List.of(Type.F64)));
        assertThatThrownBy(() -> vm.resolve(List.of(Value.f32(0.25f))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("env.random expects f64 as value 1, got f32");
        assertThat(vm.resolve(List.of(Value.f64(0.25)))).isEqualTo(new Outcome.Done(List.of(Value.f64(0.5))));
    }

    @Test
    void aJavaHostFunctionAnswersAnImport() {
        HostFunction random = (caller, args) -> new long[] {Double.doubleToRawLongBits(1.5)};
        Outcome o = ScriptRunner.vm("return noise()", MISC, Map.of(), Map.of("env.random", random)).run();
        assertThat(o).isEqualTo(new Outcome.Done(List.of(Value.f64(3.0))));
    }

    @Test
    void aHandlerTakesPrecedenceAndExtInsideAHandlerBlocksTheWholeRun() {
        Vm vm = ScriptRunner.vm("""
                on env.random() -> f64 {
                    f64 r = ext dice()
                    return r + 1
                }
                x = noise()
                return x
                """, MISC, Map.of());
        assertThat(vm.run()).isEqualTo(new Outcome.Blocked("dice", List.of(), List.of(Type.F64)));
        assertThat(vm.resolve(List.of(Value.f64(2)))).isEqualTo(new Outcome.Done(List.of(Value.f64(6))));
    }

    @Test
    void wasmTrapsCarryTheScriptPositionAndTheBacktrace() {
        Outcome o = run("a = 1\nb = crash(0)\n");
        assertThat(o).isInstanceOf(Outcome.Trapped.class);
        Outcome.Trapped t = (Outcome.Trapped) o;
        assertThat(t.kind()).isEqualTo(Outcome.TrapKind.WASM);
        assertThat(t.message()).isEqualTo("integer divide by zero");
        assertThat(t.at().toString()).isEqualTo("test.lia:2:5");
        assertThat(t.backtrace()).extracting(f -> f.function()).containsExactly("inner", "crash");
    }

    @Test
    void scriptTraps() {
        assertThat(trap("x = 0\ny = 5 / x")).isEqualTo("script: integer divide by zero @ test.lia:2:7");
        assertThat(trap("x = -2147483648\ny = x / -1")).isEqualTo("script: integer overflow @ test.lia:2:7");
        assertThat(trap("s = \"abc\"\nt = s[2..5]")).isEqualTo("script: octs slice [2..5] out of bounds of length 3 @ test.lia:2:5");
        assertThat(trap("s = \"abc\"\nt = s[3]")).isEqualTo("script: octs index 3 out of bounds of length 3 @ test.lia:2:5");
        assertThat(trap("i32 x = \"abcde\"")).isEqualTo("script: octs of length 5 do not fit in 4 bytes @ test.lia:1:1");
        assertThat(trap("x = memory.read(65530, 10)")).isEqualTo("script: out of bounds memory access @ test.lia:1:5");
        assertThat(trap("f = nan\ni = i32(f)")).isEqualTo("script: invalid conversion to integer @ test.lia:2:5");
    }

    private static String trap(String script) {
        Outcome.Trapped t = (Outcome.Trapped) run(script);
        return t.kind().text + ": " + t.message() + " @ " + t.at();
    }

    @Test
    void failAndAssert() {
        assertThat(run("x = 1\nfail \"bad \" ++ \"input\"").toString()).isEqualTo("Failed[message=bad input, at=test.lia:2:1]");
        Outcome.Failed f = (Outcome.Failed) run("assert 1 == 2");
        assertThat(f.message()).isEqualTo("assertion failed");
        f = (Outcome.Failed) run("x = 3\nassert x < 3, \"x is too big\"");
        assertThat(f.message()).isEqualTo("x is too big");
        assertThat(f.at().toString()).isEqualTo("test.lia:2:1");
        assertThat(done("assert 1 < 2\nreturn 1")).containsExactly(Value.i32(1));
    }

    @Test
    void integerArithmeticWrapsLikeWasm() {
        assertThat(done("x = 2147483647\nreturn x + 1, x * 2, -x - 2")).containsExactly(
                Value.i32(Integer.MIN_VALUE), Value.i32(-2), Value.i32(Integer.MAX_VALUE));
        assertThat(done("x = -7\nreturn x / 2, x % 2, x /u 2, x %u 2, x >> 1, x >>u 28, x << 1")).containsExactly(
                Value.i32(-3), Value.i32(-1), Value.i32(2147483644), Value.i32(1), Value.i32(-4), Value.i32(15), Value.i32(-14));
        assertThat(done("x = -1\nreturn x < 0, x <u 0, x >u 5, x >=u 0, x <=u 1, 3 & 5, 3 | 5, 3 ^ 5, ~0, !5, !0")).containsExactly(
                Value.i32(1), Value.i32(0), Value.i32(1), Value.i32(1), Value.i32(0), Value.i32(1), Value.i32(7),
                Value.i32(6), Value.i32(-1), Value.i32(0), Value.i32(1));
        assertThat(done("x = 0xFFFFFFFF\nreturn x")).containsExactly(Value.i64(0xFFFFFFFFL));
        assertThat(done("i32 x = 0xFFFFFFFF\nreturn x, x == 4294967295")).containsExactly(Value.i32(-1), Value.i32(1));
        assertThat(done("i64 y = 1\nx = -1\nreturn y + x, x + 5000000000, 9223372036854775807 + y")).containsExactly(
                Value.i64(0), Value.i64(4999999999L), Value.i64(Long.MIN_VALUE));
    }

    @Test
    void conversions() {
        assertThat(done("x = -1\nreturn i64(x), u64(x), i32(5000000000), u32(3.9), f64(x), f32(2.5), i32(-2.9)")).containsExactly(
                Value.i64(-1), Value.i64(0xFFFFFFFFL), Value.i32(705032704), Value.i32(3), Value.f64(-1), Value.f32(2.5f), Value.i32(-2));
        assertThat(done("return octs(258), octs(i64(1)), i32(hex\"0102\"), i64(hex\"ffffffffffffffff\"), f32(octs(1.5f32))".replace("1.5f32", "f32(1.5)")))
                .containsExactly(Value.octs(new byte[] {2, 1, 0, 0}), Value.octs(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}),
                        Value.i32(0x201), Value.i64(-1), Value.f32(1.5f));
        assertThat(done("f64 a = 3\ni32 b = 2.75\nreturn a, b")).containsExactly(Value.f64(3), Value.i32(2));
    }

    @Test
    void floatsKeepTheirBits() {
        assertThat(done("return 0.1 + 0.2, -0.0, inf, -inf, nan:0x123, 0x1p-2, 1e3")).containsExactly(
                Value.f64(0.30000000000000004), Value.f64Bits(0x8000000000000000L), Value.f64(Double.POSITIVE_INFINITY),
                Value.f64(Double.NEGATIVE_INFINITY), Value.f64Bits(0x7ff0000000000123L), Value.f64(0.25), Value.f64(1000));
        assertThat(done("f32 x = 0.1\nreturn x + 0.2, x < 1, nan == nan, nan != nan")).containsExactly(
                Value.f32(0.1f + 0.2f), Value.i32(1), Value.i32(0), Value.i32(1));
    }

    @Test
    void octs() {
        assertThat(done("s = \"hello\"\nreturn s.len, s[1..3], s[0], s ++ \"!\", s == \"hello\", s != \"x\", hex\"00 ff\"")).containsExactly(
                Value.i32(5), Value.octs("el"), Value.i32('h'), Value.octs("hello!"), Value.i32(1), Value.i32(1),
                Value.octs(new byte[] {0, (byte) 0xff}));
        assertThat(done("return \"a\\tb\\n\\x00\\u{e9}\"")).containsExactly(Value.octs(new byte[] {'a', 9, 'b', 10, 0, (byte) 0xc3, (byte) 0xa9}));
    }

    @Test
    void callsGlobalsAndMemory() {
        assertThat(done("return add(2, 3), add64(1, 2), add64(-1, 4000000000)")).containsExactly(
                Value.i32(5), Value.i64(3), Value.i64(3999999999L));
        assertThat(done("a, b = pair()\ni64 c, i32 d = pair()\nreturn a, b, c, d")).containsExactly(
                Value.i32(1), Value.i64(2), Value.i64(1), Value.i32(2));
        assertThat(done("x = global.counter\nglobal.counter = x + 1\nreturn global.counter, global.big")).containsExactly(
                Value.i32(8), Value.i64(-5));
        assertThat(done("""
                s = memory.size
                old = memory.grow(2)
                fail1 = memory.grow(10)
                memory.write(0x01020304, 8)
                memory[0].write(i64(-2), 12)
                memory.write("hi", 20)
                i32 w = memory.read(8, 4)
                return s, old, fail1, memory.size, w, memory.read(8, 6), i64(memory.read(12, 8)), memory[0].read(20, 2)
                """)).containsExactly(Value.i32(1), Value.i32(1), Value.i32(-1), Value.i32(3), Value.i32(0x01020304),
                Value.octs(new byte[] {4, 3, 2, 1, (byte) 0xfe, (byte) 0xff}), Value.i64(-2), Value.octs("hi"));
    }

    @Test
    void controlFlow() {
        assertThat(done("""
                sum = 0
                for i in 0 .. 10 {
                    if i == 2 { continue }
                    if i == 7 { break }
                    sum = sum + i
                }
                n = 0
                while 1 {
                    n = n + 1
                    if n >= 5 { break } else if n == 100 { fail "no" } else { }
                }
                i64 big = 0
                for j in 0 .. i64(3) { big = big + j }
                e = 0
                for k in 5 .. 2 { e = 1 }
                return sum, n, big, e, 1 && 2, 0 || 3, 0 && 1 / 0, 1 || 1 / 0
                """)).containsExactly(Value.i32(19), Value.i32(5), Value.i64(3), Value.i32(0), Value.i32(1), Value.i32(1),
                Value.i32(0), Value.i32(1));
    }

    @Test
    void extRequestsWithSeveralAnswers() {
        Vm vm = ScriptRunner.vm("i32 a, octs b = ext fetch(7, \"key\")\nreturn a, b", MISC, Map.of());
        assertThat(vm.run()).isEqualTo(new Outcome.Blocked("fetch", List.of(Value.i32(7), Value.octs("key")), List.of(Type.I32, Type.OCTS)));
        assertThatThrownBy(() -> vm.resolve(List.of(Value.i32(1)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(vm.resolve(List.of(Value.i32(1), Value.octs("v")))).isEqualTo(new Outcome.Done(List.of(Value.i32(1), Value.octs("v"))));
    }

    @Test
    void inputsAreCheckedBeforeRunning() {
        assertThat(ScriptRunner.run("import i32 n\nreturn n", MISC, Map.of())).isEqualTo(new Outcome.Failed("missing input 'n' (i32)", null));
        assertThat(ScriptRunner.run("import i32 n\nreturn n", MISC, Map.of("n", Value.i64(1)))).isEqualTo(new Outcome.Failed("input 'n' must be i32, got i64", null));
        assertThat(ScriptRunner.run("return 1", MISC, Map.of("n", Value.i64(1)))).isEqualTo(new Outcome.Failed("unknown input 'n'; the script's inputs are: none", null));
    }
}
