package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the differential test against V8 found in runs moved to a fresh machine over the same store
 * (snapshot, new machine, restore) at every stop, with all of WebAssembly 3.0 on (binaryen 132):
 * <ul>
 *   <li>seed 277: fuel running out just after a tail call's host callee returned left the frame at the
 *       RETURN the compiler puts after the call, which is no instruction of the module: snapshot failed
 *       with "no instruction starts at ..." (and a run with a non-yielding host would have failed the same way);</li>
 *   <li>seed 404: restore replaced the store's exception objects with those the frames reach, so an exnref
 *       held in a table (or a global, or a GC object) lost its object ("no exception object 2"); and slots
 *       of type {@code (ref exn)} were not taken for exnrefs at all (only {@code exnref} was).</li>
 * </ul>
 */
class MoveToFreshMachineFindingsTest {
    private static final FuncType GET = new FuncType(List.of(), List.of(ValType.I32));
    private static final FuncType TICK = new FuncType(List.of(), List.of());

    static final CompiledModule TAIL = Pipeline.loadText("""
            (module
              (import "env" "get" (func $get (result i32)))
              (type $g (func (result i32)))
              (table 1 funcref) (elem (i32.const 0) $get) (elem declare func $get)
              (func $direct (param i32) (result i32) (return_call $get))
              (func $indirect (param i32) (result i32) (return_call_indirect (type $g) (i32.const 0)))
              (func $ref (param i32) (result i32) (return_call_ref $g (ref.func $get)))
              (func (export "direct") (param i32) (result i32) (i32.add (call $direct (local.get 0)) (local.get 0)))
              (func (export "indirect") (param i32) (result i32) (i32.add (call $indirect (local.get 0)) (local.get 0)))
              (func (export "ref") (param i32) (result i32) (i32.add (call $ref (local.get 0)) (local.get 0)))
              (func (export "outermost") (result i32) (return_call $get)))
            """.getBytes(StandardCharsets.UTF_8), "tail-host.wat");

    /** The host answers 41 when the fuel is spent: the stop comes after the callee returned, and it saves and resumes. */
    @ParameterizedTest
    @ValueSource(strings = {"direct", "indirect", "ref", "outermost"})
    void fuelSpentAsATailCalledHostReturnsStopsWhereAStateCanBeSaved(String export) {
        Store store = new Store();
        Machine machine = new Machine(store);
        HostFunctionInstance get = store.yieldingFunction("get", GET);
        Instance instance = machine.instantiate(TAIL, (m, n) -> get);
        boolean outermost = export.equals("outermost");
        if (outermost) machine.start(instance.exportedFunction(export));
        else machine.start(instance.exportedFunction(export), 1);
        assertThat(machine.run()).isInstanceOf(MachineOutcome.HostCall.class);
        machine.setFuel(-1);
        MachineOutcome o = machine.resume(new long[] {41});
        if (!outermost) {
            assertThat(o).isInstanceOf(MachineOutcome.OutOfFuel.class);
            MachineState state = machine.snapshot();
            machine = new Machine(store);
            machine.restore(state);
            machine.setFuel(100);
            o = machine.run();
        }
        assertThat(o).isInstanceOfSatisfying(MachineOutcome.Done.class, d -> assertThat(d.results()).containsExactly(outermost ? 41 : 42));
    }

    /** With a host that answers at once, every fuel budget ends in a saveable stop or the result. */
    @ParameterizedTest
    @ValueSource(strings = {"direct", "indirect", "ref"})
    void everyFuelBudgetAroundATailCalledHostEndsWell(String export) {
        for (Tier tier : Tier.values()) for (long step = 1; step <= 20; step++) {
            Store store = new Store();
            Machine machine = new Machine(store);
            machine.setTier(tier);
            HostFunctionInstance get = store.hostFunction("get", GET, (caller, args) -> new long[] {41});
            Instance instance = machine.instantiate(TAIL, (m, n) -> get);
            machine.setFuel(step);
            machine.start(instance.exportedFunction(export), 1);
            MachineOutcome o = machine.run();
            while (o instanceof MachineOutcome.OutOfFuel) {
                MachineState state = machine.snapshot();
                machine = new Machine(store);
                machine.setTier(tier);
                machine.restore(state);
                machine.setFuel(step);
                o = machine.run();
            }
            assertThat(o).as("%s, step %d", tier, step).isInstanceOfSatisfying(MachineOutcome.Done.class, d -> assertThat(d.results()).containsExactly(42));
        }
    }

    static final CompiledModule EXNREFS = Pipeline.loadText("""
            (module
              (import "env" "tick" (func $tick))
              (tag $e (param i32))
              (table $t 2 exnref)
              (global $g (mut exnref) (ref.null exn))
              (func $caught (param i32) (result exnref)
                (block $h (result (ref exn))
                  (try_table (catch_all_ref $h) (throw $e (local.get 0)))
                  (unreachable)))
              (func $rethrown (param exnref) (result i32)
                (block $h (result i32)
                  (try_table (catch $e $h) (throw_ref (local.get 0)))
                  (unreachable)))
              (func (export "f") (result i32)
                (local $x (ref exn))
                (table.set $t (i32.const 0) (call $caught (i32.const 7)))
                (global.set $g (call $caught (i32.const 100)))
                (local.set $x (ref.as_non_null (call $caught (i32.const 9))))
                (call $tick)
                (call $rethrown (local.get $x))
                (call $tick)
                (call $rethrown (table.get $t (i32.const 0)))
                (call $tick)
                (call $rethrown (global.get $g))
                (i32.add) (i32.add)))
            """.getBytes(StandardCharsets.UTF_8), "exnref-holders.wat");

    /** Exnrefs in a table, a global and a {@code (ref exn)} local keep their objects through moves at every tick and fuel stop. */
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 5, 8, 13})
    void exnrefsOutsideFramesSurviveMovesToFreshMachines(long step) {
        for (Tier tier : Tier.values()) exnrefsSurvive(step, tier);
    }

    private static void exnrefsSurvive(long step, Tier tier) {
        Store store = new Store();
        Machine machine = new Machine(store);
        machine.setTier(tier);
        HostFunctionInstance tick = store.yieldingFunction("tick", TICK);
        Instance instance = machine.instantiate(EXNREFS, (m, n) -> tick);
        machine.setFuel(step > 0 ? step : Machine.UNLIMITED);
        machine.start(instance.exportedFunction("f"));
        MachineOutcome o = machine.run();
        int moves = 0;
        while (!(o instanceof MachineOutcome.Done)) {
            boolean inCall = o instanceof MachineOutcome.HostCall;
            MachineState state = machine.snapshot();
            machine = new Machine(store);
            machine.setTier(tier);
            machine.restore(state);
            moves++;
            if (step > 0) machine.setFuel(step);
            o = inCall ? machine.resume(new long[0]) : machine.run();
        }
        assertThat(moves).isGreaterThanOrEqualTo(3);
        assertThat(((MachineOutcome.Done) o).results()).containsExactly(116);
        assertThat(store.exceptions().size()).as("moves do not copy objects the store holds").isLessThanOrEqualTo(3 + 3);
    }
}
