package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tail calls (WebAssembly 3.0 {@code return_call}, {@code return_call_indirect}) run in constant
 * stack: a million-deep mutual recursion fits in a machine allowed 64 frames and 4096 value slots,
 * also when a host call in the middle suspends it and the state moves to a fresh machine.
 */
class TailCallTest {
    /** Call depth and stack small enough that a million non-tail calls could never fit. */
    static final Limits SMALL = Limits.DEFAULT.withMaxCallDepth(64).withMaxStackSlots(4096);

    static final String WAT = """
            (module
              (import "env" "ask" (func $ask (param i64) (result i64)))
              (type $t (func (param i64 i64) (result i64)))
              (table funcref (elem $even $odd $ask2))
              ;; even(n, acc) and odd(n, acc) count n down to 0, adding n to acc; at n = 500000 even
              ;; asks the host (a plain call, which may suspend) and adds its answer
              (func $even (export "even") (param $n i64) (param $acc i64) (result i64)
                (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
                (if (i64.eq (local.get $n) (i64.const 500000))
                  (then (local.set $acc (i64.add (local.get $acc) (call $ask (local.get $n))))))
                (return_call $odd (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n))))
              (func $odd (param $n i64) (param $acc i64) (result i64)
                (if (i64.eqz (local.get $n)) (then (return (local.get $acc))))
                (return_call_indirect (type $t)
                  (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (local.get $n)) (i32.const 0)))
              ;; the same without tail calls
              (func $plain (export "plain") (param $n i64) (result i64)
                (if (result i64) (i64.eqz (local.get $n)) (then (i64.const 0))
                  (else (call $plain (i64.sub (local.get $n) (i64.const 1))))))
              ;; a tail call to the host: its answer is the caller's result
              (func $ask2 (param i64 i64) (result i64) (return_call $ask (i64.add (local.get 0) (local.get 1))))
              (func (export "toHost") (param i64) (result i64)
                (return_call_indirect (type $t) (local.get 0) (i64.const 1) (i32.const 2))))
            """;

    static final CompiledModule CODE = Pipeline.loadText(WAT.getBytes(StandardCharsets.UTF_8), "tail.wat");

    /** Sum of 1..n. */
    static long triangle(long n) {
        return n * (n + 1) / 2;
    }

    static Instance instantiate(Machine machine, boolean yielding) {
        Store store = machine.store();
        FuncType t = new FuncType(List.of(ValType.I64), List.of(ValType.I64));
        HostFunctionInstance ask = yielding ? store.yieldingFunction("env.ask", t)
                : store.hostFunction("env.ask", t, (caller, args) -> new long[] {args[0] * 2});
        return machine.instantiate(CODE, (module, name) -> ask);
    }

    @Test
    void aMillionDeepMutualRecursionRunsInConstantStack() {
        Machine machine = new Machine(new Store(SMALL));
        Instance instance = instantiate(machine, false);
        long[] r = machine.invoke(instance.exportedFunction("even"), 1_000_000L, 0L);
        assertThat(r).containsExactly(triangle(1_000_000) + 1_000_000L);
        // without tail calls the same depth exhausts the call stack
        assertThatThrownBy(() -> machine.invoke(instance.exportedFunction("plain"), 1_000_000L))
                .isInstanceOf(Trap.class).hasMessageStartingWith("call stack exhausted");
    }

    @Test
    void aHostCallInTheMiddleSuspendsOneFrameWhoseStateResumesInAFreshMachine() {
        Machine first = new Machine(new Store(SMALL));
        Instance instance = instantiate(first, true);
        first.start(instance.exportedFunction("even"), 1_000_000L, 0L);
        MachineOutcome o = first.run();
        assertThat(o).isInstanceOf(MachineOutcome.HostCall.class);
        assertThat(((MachineOutcome.HostCall) o).args()).containsExactly(500_000L);
        MachineState state = first.snapshot();
        assertThat(state.frames()).hasSize(1); // half a million tail calls behind it, one frame

        Machine second = new Machine(new Store(SMALL));
        instantiate(second, true);
        second.restore(state);
        assertThat(second.snapshot()).isEqualTo(state);
        MachineOutcome done = second.resume(new long[] {7});
        assertThat(done).isInstanceOf(MachineOutcome.Done.class);
        assertThat(((MachineOutcome.Done) done).results()).containsExactly(triangle(1_000_000) + 7);
        assertThat(second.callDepth()).isZero();
    }

    @Test
    void aTailCallToTheHostReturnsItsAnswerAlsoAfterSuspending() {
        Machine direct = new Machine(new Store(SMALL));
        Instance a = instantiate(direct, false);
        assertThat(direct.invoke(a.exportedFunction("toHost"), 20L)).containsExactly(42L);

        Machine first = new Machine(new Store(SMALL));
        Instance b = instantiate(first, true);
        first.start(b.exportedFunction("toHost"), 20L);
        MachineOutcome o = first.run();
        assertThat(((MachineOutcome.HostCall) o).args()).containsExactly(21L);
        MachineState state = first.snapshot();
        Machine second = new Machine(new Store(SMALL));
        instantiate(second, true);
        second.restore(state);
        MachineOutcome done = second.resume(new long[] {99});
        assertThat(((MachineOutcome.Done) done).results()).containsExactly(99L);
    }

    @Test
    void fuelCountsTheSameInstructionsWhateverTheBudget() {
        Machine unmetered = new Machine(new Store(SMALL));
        Instance i = instantiate(unmetered, false);
        unmetered.setFuel(1L << 40);
        unmetered.invoke(i.exportedFunction("even"), 1000L, 0L);
        long used = (1L << 40) - unmetered.fuel();

        Machine metered = new Machine(new Store(SMALL));
        Instance j = instantiate(metered, false);
        metered.setFuel(37);
        metered.start(j.exportedFunction("even"), 1000L, 0L);
        long total = 37;
        MachineOutcome o = metered.run();
        while (o instanceof MachineOutcome.OutOfFuel) {
            metered.addFuel(37);
            total += 37;
            o = metered.run();
        }
        assertThat(((MachineOutcome.Done) o).results()).containsExactly(triangle(1000));
        assertThat(total - metered.fuel()).isEqualTo(used);
    }
}
