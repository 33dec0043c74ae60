package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the compiled tier must keep of the interpreter beyond results: traps with the same message
 * and wasm backtrace, call-depth limits counted explicitly, host calls that suspend compiled code
 * and resume it in another machine, and host functions that call back into wasm.
 */
class TierBehaviourTest {
    private static final String WAT = """
            (module
              (import "host" "fail" (func $fail (param i32) (result i32)))
              (import "host" "ask" (func $ask (param i32) (result i32)))
              (import "host" "again" (func $again (param i32) (result i32)))
              (table 2 funcref)
              (elem (i32.const 0) $div $boom)
              (type $binop (func (param i32 i32) (result i32)))
              (func $div (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func $boom (param i32 i32) (result i32) unreachable)
              (func $middle (export "middle") (param i32 i32 i32) (result i32)
                (call_indirect (type $binop) (local.get 0) (local.get 1) (local.get 2)))
              (func (export "outer") (param i32 i32 i32) (result i32)
                (i32.add (i32.const 1) (call $middle (local.get 0) (local.get 1) (local.get 2))))
              (func $deep (export "deep") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (i64.add (i64.const 1) (call $deep (i64.sub (local.get 0) (i64.const 1)))))))
              (func $runaway (export "runaway") (result i32) (call $runaway))
              (func (export "hostfail") (param i32) (result i32) (i32.add (i32.const 1) (call $fail (local.get 0))))
              (func (export "sum_asks") (param $n i32) (result i32) (local $s i32)
                (block $done (loop $next
                  (br_if $done (i32.eqz (local.get $n)))
                  (local.set $s (i32.add (local.get $s) (call $ask (local.get $n))))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $next)))
                (local.get $s))
              (func (export "reenter") (param i32) (result i32) (i32.mul (i32.const 3) (call $again (local.get 0))))
              (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))
            """;

    private static CompiledModule module() {
        return Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
    }

    private record Setup(Machine machine, Instance instance) {}

    private static Setup setup(Tier tier, Limits limits) {
        Store store = new Store(limits);
        Machine m = new Machine(store);
        m.setTier(tier);
        FuncType unary = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
        Instance[] self = new Instance[1];
        Extern fail = store.hostFunction("fail", unary, (caller, args) -> {
            throw new Trap("host says no to " + args[0]);
        });
        Extern ask = store.yieldingFunction("ask", unary);
        Extern again = store.hostFunction("again", unary,
                (caller, args) -> m.invoke(self[0].exportedFunction("twice"), args[0]));
        Instance inst = m.instantiate(module(), (mod, name) -> switch (name) {
            case "fail" -> fail;
            case "ask" -> ask;
            case "again" -> again;
            default -> null;
        });
        self[0] = inst;
        return new Setup(m, inst);
    }

    private static Trap trapOf(Tier tier, String export, long... args) {
        Setup s = setup(tier, Limits.DEFAULT);
        if (tier == Tier.AUTO) { // make it hot first
            for (int i = 0; i < 3 * Tiering.THRESHOLD; i++) s.machine().invoke(s.instance().exportedFunction("outer"), 8, 2, 0);
        }
        return catchThrowableOfType(() -> s.machine().invoke(s.instance().exportedFunction(export), args), Trap.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMPILED", "AUTO"})
    void trapsHaveTheInterpretersMessagesAndBacktraces(String tierName) {
        Tier tier = Tier.valueOf(tierName);
        String[][] cases = {{"outer", "1", "0", "0"}, {"outer", "1", "1", "1"}, {"middle", "1", "1", "5"}, {"hostfail", "4"}, {"runaway"}};
        for (String[] c : cases) {
            long[] args = new long[c.length - 1];
            for (int i = 1; i < c.length; i++) args[i - 1] = Long.parseLong(c[i]);
            Trap expected = trapOf(Tier.INTERP, c[0], args);
            Trap actual = trapOf(tier, c[0], args);
            assertThat(expected).as(c[0]).isNotNull();
            assertThat(actual).as(c[0]).isNotNull();
            assertThat(actual.getMessage()).as(c[0]).isEqualTo(expected.getMessage());
            assertThat(actual.backtrace()).as(c[0]).isEqualTo(expected.backtrace()).isNotEmpty();
            assertThat(actual.omittedFrames()).as(c[0] + ": frames left out").isEqualTo(expected.omittedFrames());
        }
    }

    @Test
    void deepRecursionIsCountedNotAJavaStackOverflow() {
        Limits deep = new Limits(16384, 10_000_000, 200_000, 64 << 20);
        for (Tier tier : Tier.values()) {
            Setup s = setup(tier, deep);
            assertThat(s.machine().invoke(s.instance().exportedFunction("deep"), 150_000L)).containsExactly(150_000L);
            Trap t = catchThrowableOfType(() -> s.machine().invoke(s.instance().exportedFunction("deep"), 250_000L), Trap.class);
            assertThat(t).as(tier.toString()).hasMessage("call stack exhausted");
        }
    }

    @Test
    void aHostCallSuspendsCompiledCodeAndResumesInAnyTier() {
        List<MachineState> reference = new ArrayList<>();
        long expected = askLoop(new Tier[] {Tier.INTERP}, reference);
        for (Tier[] tiers : new Tier[][] {{Tier.COMPILED}, {Tier.COMPILED, Tier.INTERP}, {Tier.AUTO, Tier.COMPILED, Tier.INTERP}}) {
            List<MachineState> states = new ArrayList<>();
            assertThat(askLoop(tiers, states)).isEqualTo(expected);
            assertThat(states).isEqualTo(reference);
        }
        assertThat(expected).isEqualTo(5050L * 7);
    }

    /** sum_asks(100), each ask answered 7 * n by a fresh machine of the next tier, restored from the state. */
    private static long askLoop(Tier[] tiers, List<MachineState> states) {
        Setup s = setup(tiers[0], Limits.DEFAULT);
        Machine m = s.machine();
        m.start(s.instance().exportedFunction("sum_asks"), 100);
        MachineOutcome o = m.run();
        int turn = 0;
        while (o instanceof MachineOutcome.HostCall call) {
            MachineState state = m.snapshot();
            states.add(state);
            m = new Machine(m.store());
            m.setTier(tiers[++turn % tiers.length]);
            m.restore(state);
            o = m.resume(new long[] {7 * call.args()[0]});
        }
        return ((MachineOutcome.Done) o).results()[0];
    }

    @Test
    void aHostFunctionCallsBackIntoWasmUnderCompiledCode() {
        for (Tier tier : Tier.values()) {
            Setup s = setup(tier, Limits.DEFAULT);
            assertThat(s.machine().invoke(s.instance().exportedFunction("reenter"), 5)).as(tier.toString()).containsExactly(30L);
        }
    }
}
