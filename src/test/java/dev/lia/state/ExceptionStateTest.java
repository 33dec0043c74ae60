package dev.lia.state;

import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved states with exception handling: a run suspended (out of fuel at every stop, and in a blocking
 * host call) while try_table handlers are live and exnrefs sit in locals, on the operand stack and in
 * other exceptions' payloads. Each stop is saved, loaded in a fresh store and machine and resumed; the
 * run ends as the one that never stopped, and every stop has the state hash of the run that stopped
 * there without being saved, the same each time.
 */
class ExceptionStateTest {
    static final String WAT = """
            (module
              (import "env" "ask" (func $ask (param i32) (result i32)))
              (tag $e (param i32))
              (tag $wrap (param exnref))
              (func $throwing (param $n i32) (throw $e (local.get $n)))
              (func $pass (param exnref i32) (result i32)
                (i32.add (local.get 1) (ref.is_null (local.get 0))))
              (func (export "run") (param $n i32) (result i32)
                (local $acc i32) (local $x exnref) (local $y exnref) (local $i i32)
                (loop $next
                  (block $h (result i32 exnref)
                    (try_table (catch_ref $e $h)
                      ;; a blocking host call with a live handler and an exnref on the operand stack
                      (local.set $acc (i32.add (local.get $acc) (call $pass (local.get $y) (call $ask (local.get $i)))))
                      (call $throwing (local.get $i)))
                    (unreachable))
                  (local.set $x)
                  (local.set $acc (i32.add (local.get $acc)))
                  ;; an exception whose payload is the one just caught
                  (block $h2 (result exnref exnref)
                    (try_table (catch_ref $wrap $h2) (throw $wrap (local.get $x)))
                    (unreachable))
                  (local.set $y)
                  (drop)
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                ;; rethrow the innermost exception from $y's payload and catch its value
                (block $h3 (result exnref)
                  (try_table (catch $wrap $h3) (throw_ref (local.get $y)))
                  (unreachable))
                (local.set $x)
                (block $h4 (result i32)
                  (try_table (catch $e $h4) (throw_ref (local.get $x)))
                  (unreachable))
                (i32.add (local.get $acc))))
            """;

    static final LoadedModule MODULE = LoadedModule.of(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
    static final FuncType ASK = new FuncType(List.of(ValType.I32), List.of(ValType.I32));
    static final int N = 6;

    private record Run(long result, List<String> hashes) {}

    private static Instance instantiate(Machine machine) {
        HostFunctionInstance ask = machine.store().yieldingFunction("env.ask", ASK);
        return machine.instantiate(MODULE.compiled(), (module, name) -> ask);
    }

    private static String hash(Machine m) {
        long debt = Math.max(0, -m.fuel());
        return StateCodec.hashText(StateCodec.encode(Snapshots.capture(m.store(), m, List.of(MODULE), List.of(), debt, debt, null)));
    }

    /** Runs run(N) with {@code step} fuel per slice (or unlimited); at every stop saves, and with {@code move} loads it elsewhere. */
    private static Run run(long step, boolean move, Tier tier) {
        Machine m = new Machine(new Store());
        m.setTier(tier);
        Instance inst = instantiate(m);
        m.setFuel(step);
        m.start(inst.exportedFunction("run"), N);
        MachineOutcome o = m.run();
        List<String> hashes = new ArrayList<>();
        while (!(o instanceof MachineOutcome.Done done)) {
            long debt = Math.max(0, -m.fuel());
            EngineState state = Snapshots.capture(m.store(), m, List.of(MODULE), List.of(), debt, debt, null);
            byte[] bytes = StateCodec.encode(state);
            hashes.add(StateCodec.hashText(bytes));
            if (o instanceof MachineOutcome.HostCall call && call.args()[0] > 0) assertThat(state.heap().exceptions()).as("exceptions held at a host call").isNotEmpty();
            if (move) {
                Snapshots.Restored r = Snapshots.restore(StateCodec.decode(bytes, Limits.DEFAULT), List.of(MODULE), Limits.DEFAULT,
                        Snapshots.HostFactory.YIELDING);
                assertThat(hash(r.machine())).as("the loaded state saves as it was").isEqualTo(hashes.get(hashes.size() - 1));
                long fuel = m.fuel(); // the budget left is the driver's, not the state's
                m = r.machine();
                m.setFuel(fuel);
                m.setTier(tier);
            }
            if (o instanceof MachineOutcome.HostCall call) {
                o = m.resume(new long[] {call.args()[0] * 7 + 1});
            } else {
                m.addFuel(step);
                o = m.run();
            }
        }
        return new Run(done.results()[0], hashes);
    }

    @Test
    void suspendedWithLiveHandlersEveryStopSavesLoadsAndResumesAsTheStraightRun() {
        Run straight = run(Machine.UNLIMITED, false, Tier.INTERP);
        // acc: asks (7i + 1) plus 1 from $pass once $y is set, plus the payloads i, plus the last payload again
        long expected = 0;
        for (int i = 0; i < N; i++) expected += 7L * i + 1 + (i == 0 ? 1 : 0) + i;
        assertThat(straight.result()).isEqualTo(expected + (N - 1));
        assertThat(straight.hashes()).hasSize(N); // one host call per iteration
        for (long step : new long[] {1, 2, 3, 7}) {
            Run kept = run(step, false, Tier.INTERP);
            Run moved = run(step, true, Tier.INTERP);
            assertThat(kept.result()).isEqualTo(straight.result());
            assertThat(moved.result()).isEqualTo(straight.result());
            assertThat(moved.hashes()).as("step " + step).isEqualTo(kept.hashes());
            assertThat(run(step, true, Tier.INTERP).hashes()).as("twice the same").isEqualTo(moved.hashes());
            assertThat(run(step, true, Tier.AUTO).hashes()).as("any tier").isEqualTo(moved.hashes());
            assertThat(moved.hashes().size()).isGreaterThan(N);
        }
    }

    @Test
    void exceptionObjectsAreNumberedByTheWalkNotByHowManyWereMade() {
        // stopped at the same host call, one run after making many more exceptions than the other
        Machine a = new Machine(new Store());
        Instance ia = instantiate(a);
        a.start(ia.exportedFunction("run"), N);
        MachineOutcome o = a.run();
        for (int k = 0; k < 3; k++) o = a.resume(new long[] {((MachineOutcome.HostCall) o).args()[0] * 7 + 1});
        MachineState sa = a.snapshot();
        assertThat(sa.exceptions()).hasSize(2); // $x and $y (whose payload is $x): the unreachable ones are not kept
        assertThat(sa.exceptions().get(1).payload()).containsExactly(1L); // $wrap's payload names the first object
        assertThat(a.store().exceptions().size()).isGreaterThan(2);
        Machine b = new Machine(new Store());
        instantiate(b);
        b.restore(sa);
        assertThat(b.snapshot()).isEqualTo(sa);
        assertThat(b.store().exceptions().size()).isEqualTo(2);
    }

    @Test
    void statesWithoutExceptionsKeepVersion3AndWithThemAreVersion5() {
        Machine m = new Machine(new Store());
        instantiate(m);
        byte[] bytes = StateCodec.encode(Snapshots.capture(m.store(), m, List.of(MODULE), List.of(), 0, 0, null));
        assertThat(bytes[8]).isEqualTo((byte) 3);
        Machine w = new Machine(new Store());
        Instance inst = instantiate(w);
        w.start(inst.exportedFunction("run"), N);
        MachineOutcome o = w.run();
        o = w.resume(new long[] {1});
        byte[] with = StateCodec.encode(Snapshots.capture(w.store(), w, List.of(MODULE), List.of(), 0, 0, null));
        assertThat(with[8]).as("exception objects: the heap section of version 5").isEqualTo((byte) 5);
        assertThat(StateCodec.decode(with, Limits.DEFAULT).heap().exceptions()).isNotEmpty();
    }
}
