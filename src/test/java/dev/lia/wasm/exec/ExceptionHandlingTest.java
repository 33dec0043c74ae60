package dev.lia.wasm.exec;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.TagInstance;
import dev.lia.wasm.runtime.ThrownException;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormat;
import dev.lia.wasm.text.WatPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Exception handling (3.0) through the pipeline: tags, throw, throw_ref, try_table and exnref decoded,
 * encoded, printed, validated and run; exceptions across wasm calls, compiled frames, host functions
 * and re-entrant calls.
 */
class ExceptionHandlingTest {
    static final String WAT = """
            (module
              (import "host" "tag" (tag $host (param i32)))
              (import "host" "raise" (func $raise (param i32)))
              (import "host" "again" (func $again (param i32) (result i32)))
              (tag $e (export "e") (param i32 i64))
              (tag $empty)
              (func $thrower (export "thrower") (param i32)
                (if (i32.eqz (local.get 0)) (then (throw $empty)))
                (throw $e (local.get 0) (i64.extend_i32_u (local.get 0))))
              ;; no exception instruction: the compiled tier takes it
              (func $middle (export "middle") (param i32) (result i32)
                (call $thrower (local.get 0))
                (i32.const -1))
              (func (export "catch") (param i32) (result i64) (local $a i32) (local $b i64)
                (block $h (result i32 i64)
                  (try_table (catch $e $h)
                    (drop (call $middle (local.get 0))))
                  (return (i64.const -2)))
                (local.set $b)
                (local.set $a)
                (i64.add (i64.extend_i32_u (local.get $a)) (local.get $b))) ;; the payload's i32 + i64
              (func (export "catch_all") (param i32) (result i32)
                (block $h
                  (try_table (result i32) (catch_all $h)
                    (call $middle (local.get 0)))
                  (return))
                (i32.const 99))
              (func (export "rethrow") (param i32) (result i32)
                (local $x exnref)
                (local.set $x
                  (block $h (result exnref)
                    (try_table (catch_all_ref $h) (drop (call $middle (local.get 0))))
                    (return (i32.const 0))))
                (block $h2 (result i32 i64)
                  (try_table (catch $e $h2) (throw_ref (local.get $x)))
                  (return (i32.const 1)))
                (drop)
                (i32.const 2)
                (i32.add))
              (func (export "uncaught") (param i32) (result i32)
                (call $middle (local.get 0)))
              (func (export "null_ref") (throw_ref (ref.null exn)))
              (func (export "from_host") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $host $h) (call $raise (local.get 0)))
                  (return (i32.const -1))))
              (func (export "through_host") (param i32) (result i64)
                (block $h (result i32 i64)
                  (try_table (catch $e $h) (drop (call $again (local.get 0))))
                  (return (i64.const -3)))
                (drop)
                (i64.extend_i32_u)))
            """;

    private record Setup(Machine machine, Instance instance, TagInstance hostTag) {}

    private static Setup setup(Tier tier) {
        return setup(tier, false);
    }

    /** With {@code debug}, the module runs as debug code (a STEP before every instruction, a hook that counts them). */
    private static Setup setup(Tier tier, boolean debug) {
        Store store = new Store();
        Machine m = new Machine(store);
        m.setTier(tier);
        TagInstance tag = store.tag(new FuncType(List.of(ValType.I32), List.of()));
        Instance[] self = new Instance[1];
        Extern raise = store.hostFunction("raise", new FuncType(List.of(ValType.I32), List.of()), (caller, args) -> {
            throw new ThrownException(store, tag, args[0] * 10);
        });
        // calls back into wasm; a wasm exception raised there passes through the host
        Extern again = store.hostFunction("again", new FuncType(List.of(ValType.I32), List.of(ValType.I32)),
                (caller, args) -> m.invoke(self[0].exportedFunction("middle"), args[0]));
        Module parsed = ModuleDecoder.decode(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
        Pipeline.validate(parsed);
        CompiledModule module = dev.lia.wasm.compile.ModuleCompiler.compile(parsed, debug);
        if (debug) m.setDebugHook((machine, f, instruction) -> false);
        self[0] = m.instantiate(module, (mod, name) -> switch (name) {
            case "tag" -> tag;
            case "raise" -> raise;
            case "again" -> again;
            default -> null;
        });
        return new Setup(m, self[0], tag);
    }

    private static long[] call(Setup s, String export, long... args) {
        return s.machine().invoke(s.instance().exportedFunction(export), args);
    }

    @Test
    void binaryAndTextRoundTrip() {
        Module parsed = TextFormat.parseModule(WAT);
        byte[] bytes = ModuleEncoder.encode(parsed);
        Module decoded = ModuleDecoder.decode(bytes);
        assertThat(decoded.tags()).hasSize(2);
        assertThat(decoded.imports().get(0).kind().text).isEqualTo("tag");
        assertThat(decoded.exports().stream().filter(e -> e.name().equals("e")).findFirst().orElseThrow().kind().code).isEqualTo(4);
        assertThat(ModuleEncoder.encode(decoded)).isEqualTo(bytes);
        String text = WatPrinter.print(decoded);
        assertThat(text).contains("try_table", "(catch 1 0)", "catch_all_ref", "throw_ref", "ref.null exn", "(tag (;1;) (type");
        assertThat(ModuleEncoder.encode(TextFormat.parseModule(text))).isEqualTo(ModuleEncoder.encode(decoded, false));
        boolean sawTry = decoded.codes().stream().flatMap(c -> c.body().instructions().stream()).anyMatch(i -> i.op == Opcode.TRY_TABLE);
        assertThat(sawTry).isTrue();
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> Pipeline.validate(TextFormat.parseModule("(module (tag (result i32)))")))
                .isInstanceOf(InvalidException.class).hasMessageStartingWith("non-empty tag result type");
        assertThatThrownBy(() -> Pipeline.validate(TextFormat.parseModule(
                "(module (tag (param i32)) (func (block $l (result i64) (try_table (catch 0 $l)) (unreachable)) (drop)))")))
                .isInstanceOf(InvalidException.class).hasMessageStartingWith("type mismatch");
        assertThatThrownBy(() -> Pipeline.validate(TextFormat.parseModule("(module (func (throw 0)))")))
                .isInstanceOf(InvalidException.class).hasMessageStartingWith("unknown tag 0");
        assertThatThrownBy(() -> Pipeline.validate(TextFormat.parseModule("(module (func (throw_ref (i32.const 0))))")))
                .isInstanceOf(InvalidException.class).hasMessageStartingWith("type mismatch");
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void exceptionsUnwindToTheirHandlersInEveryTier(Tier tier) {
        Setup s = setup(tier);
        assertThat(call(s, "catch", 5)).containsExactly(10L);
        assertThat(call(s, "catch", 7)).containsExactly(14L);
        assertThat(call(s, "catch_all", 0)).containsExactly(99L); // $empty, caught by catch_all
        assertThat(call(s, "catch_all", 3)).containsExactly(99L);
        assertThat(call(s, "rethrow", 4)).containsExactly(6L); // rethrown, caught with payload 4
        ThrownException x = catchThrowableOfType(() -> call(s, "uncaught", 9), ThrownException.class);
        assertThat(x).isNotNull().isNotInstanceOf(Trap.class);
        assertThat(x.payload()).containsExactly(9L, 9L);
        assertThat(x.tag()).isSameAs(s.instance().export("e"));
        assertThatThrownBy(() -> call(s, "null_ref")).isInstanceOf(Trap.class).hasMessage("null exception reference");
        // the machine is idle and usable after an uncaught exception
        assertThat(s.machine().isActive()).isFalse();
        assertThat(call(s, "catch", 1)).containsExactly(2L);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void exceptionsCrossHostFunctionsBothWays(Tier tier) {
        Setup s = setup(tier);
        assertThat(call(s, "from_host", 4)).containsExactly(40L); // a Java host throws with an imported tag
        assertThat(call(s, "through_host", 6)).containsExactly(6L); // out of a host->wasm call, through the host
        ThrownException x = catchThrowableOfType(() -> call(s, "middle", 3), ThrownException.class);
        assertThat(x.payload()).containsExactly(3L, 3L);
        assertThat(call(s, "catch", 2)).containsExactly(4L);
    }

    /** $raise answered by a driver: a yielding function, then an asynchronous one, each answering with a wasm exception. */
    @Test
    void driversRaiseExceptionsAtTheHostCall() throws Exception {
        for (int kind = 0; kind < 2; kind++) {
            Store store = new Store();
            Machine m = new Machine(store);
            TagInstance tag = store.tag(new FuncType(List.of(ValType.I32), List.of()));
            FuncType unary = new FuncType(List.of(ValType.I32), List.of());
            Extern raise = kind == 0 ? store.yieldingFunction("raise", unary)
                    : store.asyncFunction("raise", unary, (context, args) -> java.util.concurrent.CompletableFuture.failedFuture(
                            new ThrownException(store, tag, args[0] * 100)));
            Extern again = store.yieldingFunction("again", new FuncType(List.of(ValType.I32), List.of(ValType.I32)));
            CompiledModule module = Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
            Instance inst = m.instantiate(module, (mod, name) -> switch (name) {
                case "tag" -> tag;
                case "raise" -> raise;
                case "again" -> again;
                default -> null;
            });
            if (kind == 0) {
                m.start(inst.exportedFunction("from_host"), 4);
                MachineOutcome o = m.run();
                assertThat(o).isInstanceOf(MachineOutcome.HostCall.class);
                assertThat(((MachineOutcome.Done) m.resumeThrowing(new ThrownException(store, tag, 41))).results()).containsExactly(41L);
                m.start(inst.exportedFunction("through_host"), 4); // not caught there: $e is caught, $host is not
                assertThat(m.run()).isInstanceOf(MachineOutcome.HostCall.class);
                ThrownException x = catchThrowableOfType(() -> m.resumeThrowing(new ThrownException(store, tag, 5)), ThrownException.class);
                assertThat(x.payload()).containsExactly(5L);
                assertThat(m.isActive()).isFalse();
            } else {
                AsyncMachine async = new AsyncMachine(m, Runnable::run);
                assertThat(async.callAsync(inst.exportedFunction("from_host"), 4).get()).containsExactly(400L);
            }
        }
    }

    /** 20,000 exceptions thrown and caught in one call: the table is compacted as it runs, and what is held survives renumbered. */
    @Test
    void aLongRunThatThrowsKeepsABoundedTable() {
        String wat = """
                (module
                  (tag $e (param i32))
                  (tag $wrap (param exnref))
                  (global $first (mut exnref) (ref.null exn))
                  (table $t 1 exnref)
                  (func $throw (param i32) (throw $e (local.get 0)))
                  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $kept exnref) (local $sum i32)
                    (loop $l
                      (block $h (result i32 exnref)
                        (try_table (catch_ref $e $h) (call $throw (local.get $i)))
                        (unreachable))
                      (local.set $kept)
                      (local.set $sum (i32.add (local.get $sum)))
                      (if (i32.eqz (local.get $i)) (then (global.set $first (local.get $kept))))
                      (if (i32.eq (local.get $i) (i32.const 7))
                        (then (table.set $t (i32.const 0) (block $w (result exnref)
                          (try_table (catch $wrap $w) (throw $wrap (local.get $kept))) (unreachable)))))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                    ;; the first exception (in the global), the eighth (in the table) and the last (in a local)
                    (i32.add (local.get $sum)
                      (i32.add
                        (i32.mul (i32.const 1000000) (block $a (result i32) (try_table (catch $e $a) (throw_ref (global.get $first))) (unreachable)))
                        (i32.add
                          (i32.mul (i32.const 1000) (block $b (result i32) (try_table (catch $e $b) (throw_ref (table.get $t (i32.const 0)))) (unreachable)))
                          (block $c (result i32) (try_table (catch $e $c) (throw_ref (local.get $kept))) (unreachable)))))))
                """;
        Store store = new Store();
        Machine m = new Machine(store);
        m.setTier(Tier.INTERP);
        Instance inst = m.instantiate(Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(wat))), (mod, name) -> null);
        int n = 20_000;
        long sum = (long) n * (n - 1) / 2;
        assertThat(m.invoke(inst.exportedFunction("run"), n)).containsExactly((long) (int) (sum + 0 + 7 * 1000 + (n - 1)));
        // the global and the table still hold exceptions, so the table was not emptied at the end: compaction kept it small
        assertThat(store.exceptions().size()).isLessThan(3 * dev.lia.wasm.runtime.ExceptionTable.COMPACT_FIRST);
    }

    @Test
    void debugCodeUnwindsAsFastCode() {
        Setup s = setup(Tier.INTERP, true);
        assertThat(call(s, "catch", 5)).containsExactly(10L);
        assertThat(call(s, "rethrow", 4)).containsExactly(6L);
        assertThat(call(s, "through_host", 6)).containsExactly(6L);
        assertThat(catchThrowableOfType(() -> call(s, "uncaught", 9), ThrownException.class).payload()).containsExactly(9L, 9L);
    }

    @Test
    void compiledFramesBetweenAThrowAndItsCatchPassItOn() {
        Setup s = setup(Tier.COMPILED);
        assertThat(call(s, "catch", 5)).containsExactly(10L);
        WasmFunction middle = (WasmFunction) s.instance().exportedFunction("middle");
        WasmFunction thrower = (WasmFunction) s.instance().exportedFunction("thrower");
        assertThat(middle.jvmCode()).as("middle runs compiled").isNotNull();
        assertThat(thrower.jvmCode()).as("throw stays in the interpreter").isNull();
        assertThat(thrower.jvmRefused()).isTrue();
        assertThat(call(s, "rethrow", 8)).containsExactly(10L);
        assertThat(call(s, "through_host", 6)).containsExactly(6L);
    }
}
