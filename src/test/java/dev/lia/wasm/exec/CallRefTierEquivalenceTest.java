package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code call_ref} runs compiled: a vtable dispatch loop in the shape GC languages compile virtual
 * calls to (function references in struct fields), calling wasm methods, a host function and a
 * yielding host through them, gives the interpreter's result, fuel and machine state at every stop,
 * also when each stop moves to a fresh machine of another tier; a null {@code call_ref} traps with the
 * interpreter's message and backtrace.
 */
class CallRefTierEquivalenceTest {
    private static final String WAT = """
            (module
              (type $op (func (param i32 i32) (result i32)))
              (type $vt (struct (field (ref $op)) (field (ref $op))))
              (type $obj (struct (field $vt (ref $vt)) (field $k (mut i32))))
              (type $objs (array (ref null $obj)))
              (import "host" "scale" (func $scale (type $op)))
              (import "host" "ask" (func $ask (type $op)))
              (elem declare func $add $mul $xor $sub $scale $ask)
              (func $add (type $op) (i32.add (local.get 0) (local.get 1)))
              (func $mul (type $op) (i32.mul (i32.or (local.get 0) (i32.const 1)) (local.get 1)))
              (func $xor (type $op) (i32.xor (local.get 0) (i32.rotl (local.get 1) (i32.const 5))))
              (func $sub (type $op) (local $j i32) ;; a loop in the callee: stops fall inside it too
                (loop $l
                  (local.set 0 (i32.sub (local.get 0) (local.get 1)))
                  (br_if $l (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 3))))
                (local.get 0))
              (func $objects (param $host i32) (result (ref $objs))
                (array.new_fixed $objs 4
                  (struct.new $obj (struct.new $vt (ref.func $add) (ref.func $mul)) (i32.const 3))
                  (struct.new $obj (struct.new $vt (ref.func $xor) (ref.func $sub)) (i32.const 5))
                  (struct.new $obj (struct.new $vt (ref.func $sub) (ref.func $add)) (i32.const 7))
                  (struct.new $obj (struct.new $vt (ref.func $mul)
                                     (if (result (ref $op)) (local.get $host) (then (ref.func $ask)) (else (ref.func $scale))))
                                   (i32.const 11))))
              (func $dispatch (param $objs (ref $objs)) (param $n i32) (result i32) (local $i i32) (local $acc i32) (local $o (ref null $obj))
                (loop $l
                  (local.set $o (array.get $objs (local.get $objs) (i32.and (local.get $i) (i32.const 3))))
                  (local.set $acc (call_ref $op (local.get $acc) (struct.get $obj $k (local.get $o))
                                    (struct.get $vt 0 (struct.get $obj $vt (local.get $o)))))
                  (if (i32.and (i32.shr_u (local.get $i) (i32.const 2)) (i32.const 1))
                    (then (local.set $acc (call_ref $op (local.get $acc) (local.get $i)
                                            (struct.get $vt 1 (struct.get $obj $vt (local.get $o)))))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $acc))
              (func (export "run") (param $n i32) (result i32) (call $dispatch (call $objects (i32.const 0)) (local.get $n)))
              (func (export "asks") (param $n i32) (result i32) (call $dispatch (call $objects (i32.const 1)) (local.get $n)))
              (func $callNull (param $f (ref null $op)) (result i32) (call_ref $op (i32.const 1) (i32.const 2) (local.get $f)))
              (func (export "null") (result i32) (i32.add (i32.const 1) (call $callNull (ref.null $op)))))
            """;

    private static final FuncType OP = new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));

    private static CompiledModule module() {
        return Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
    }

    /** What a host answers {@code ask} (and {@code scale} computes): depends on both arguments. */
    private static long answer(long[] args) {
        return (int) (args[0] * 3 + args[1]);
    }

    private record Run(long result, long fuelUsed, List<MachineState> states, List<WasmFunction> functions, int hostCalls) {}

    /**
     * {@code export(n)} with {@code step} fuel a slice; at every stop (out of fuel, or a call of the
     * yielding host) a fresh machine of the next tier takes the state and goes on.
     */
    private static Run run(String export, int n, long step, Tier... tiers) {
        CompiledModule module = module();
        Store store = new Store();
        Extern scale = store.hostFunction("scale", OP, (caller, args) -> new long[] {answer(args)});
        Extern ask = store.yieldingFunction("ask", OP);
        Machine machine = new Machine(store);
        machine.setTier(tiers[0]);
        Instance instance = machine.instantiate(module, (mod, name) -> name.equals("scale") ? scale : ask);
        machine.setFuel(step);
        long given = step;
        List<MachineState> states = new ArrayList<>();
        int turn = 0, hostCalls = 0;
        machine.start(instance.exportedFunction(export), n);
        MachineOutcome outcome = machine.run();
        while (!(outcome instanceof MachineOutcome.Done)) {
            MachineState state = machine.snapshot();
            states.add(state);
            long fuel = machine.fuel();
            machine = dev.lia.testutil.FreshMachine.resumeIn(store, tiers[++turn % tiers.length], state, fuel);
            if (outcome instanceof MachineOutcome.HostCall call) {
                hostCalls++;
                outcome = machine.resume(new long[] {answer(call.args())});
            } else {
                assertThat(outcome).isInstanceOf(MachineOutcome.OutOfFuel.class);
                machine.addFuel(step);
                given += step;
                outcome = machine.run();
            }
        }
        long used = step == Machine.UNLIMITED ? Machine.UNLIMITED - machine.fuel() : given - machine.fuel();
        List<WasmFunction> functions = new ArrayList<>();
        for (int i = 2; i < module.functions().size() + 2; i++) functions.add((WasmFunction) instance.function(i)); // after the two imports
        return new Run(((MachineOutcome.Done) outcome).results()[0], used, states, functions, hostCalls);
    }

    @Test
    void aVtableDispatchLoopRunsCompiledWithTheInterpretersResultFuelAndStates() {
        long[] before = Tiering.totals();
        Run interp = run("run", 3000, Machine.UNLIMITED, Tier.INTERP);
        Run compiled = run("run", 3000, Machine.UNLIMITED, Tier.COMPILED);
        long[] after = Tiering.totals();
        for (WasmFunction f : compiled.functions()) assertThat(f.jvmCode()).as("function " + f.index() + " compiled").isNotNull();
        assertThat(after[1] - before[1]).as("functions left to the interpreter").isZero();
        assertThat(compiled.result()).isEqualTo(interp.result());
        assertThat(compiled.fuelUsed()).isEqualTo(interp.fuelUsed());

        long step = 1_009; // prime: stops fall in the loop, in the callees and between a call_ref's resolution and its call
        Run slicedInterp = run("run", 3000, step, Tier.INTERP);
        Run slicedCompiled = run("run", 3000, step, Tier.COMPILED);
        Run alternating = run("run", 3000, step, Tier.COMPILED, Tier.INTERP, Tier.AUTO, Tier.COMPILED);
        assertThat(slicedInterp.states()).hasSizeGreaterThan(50);
        for (Run r : List.of(slicedInterp, slicedCompiled, alternating)) {
            assertThat(r.result()).isEqualTo(interp.result());
            assertThat(r.fuelUsed()).isEqualTo(interp.fuelUsed());
        }
        assertThat(slicedCompiled.states()).isEqualTo(slicedInterp.states());
        assertThat(alternating.states()).isEqualTo(slicedInterp.states());
    }

    @Test
    void aCallRefToAYieldingHostSuspendsCompiledCodeAndResumesInAnyTier() {
        Run interp = run("asks", 400, 997, Tier.INTERP);
        assertThat(interp.hostCalls()).isEqualTo(50); // i & 7 == 7: object 3's second method, the host
        for (Tier[] tiers : new Tier[][] {{Tier.COMPILED}, {Tier.COMPILED, Tier.INTERP}, {Tier.AUTO, Tier.COMPILED, Tier.INTERP}}) {
            Run r = run("asks", 400, 997, tiers);
            assertThat(r.result()).isEqualTo(interp.result());
            assertThat(r.fuelUsed()).isEqualTo(interp.fuelUsed());
            assertThat(r.hostCalls()).isEqualTo(interp.hostCalls());
            assertThat(r.states()).isEqualTo(interp.states());
        }
        // the yielding host answers as scale computes: the same result as the run calling the host function
        assertThat(interp.result()).isEqualTo(run("run", 400, Machine.UNLIMITED, Tier.INTERP).result());
    }

    @Test
    void aNullCallRefTrapsInCompiledCodeAsInTheInterpreter() {
        Trap interp = trapOfNull(Tier.INTERP);
        Trap compiled = trapOfNull(Tier.COMPILED);
        assertThat(interp.getMessage()).contains("null function reference");
        assertThat(compiled.getMessage()).isEqualTo(interp.getMessage());
        assertThat(compiled.backtrace()).isEqualTo(interp.backtrace());
        assertThat(compiled.backtrace()).hasSizeGreaterThanOrEqualTo(2); // callNull, then the export
    }

    /** The element operand reaches the interpreter's check whole: a table64 index of 2^32 is out of bounds, not element 0. */
    @Test
    void aTable64IndexPast32BitsTrapsInCompiledCodeAsInTheInterpreter() {
        CompiledModule module = Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule("""
                (module
                  (type $t (func (result i32)))
                  (table i64 2 funcref)
                  (elem (i64.const 0) func $one $one)
                  (func $one (result i32) (i32.const 1))
                  (func (export "at") (param i64) (result i32) (call_indirect (type $t) (local.get 0))))
                """)));
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.COMPILED}) {
            Machine m = new Machine(new Store());
            m.setTier(tier);
            Instance inst = m.instantiate(module, dev.lia.wasm.runtime.ImportResolver.NONE);
            assertThat(m.invoke(inst.exportedFunction("at"), 1L)).as(tier.toString()).containsExactly(1L);
            Trap t = catchThrowableOfType(() -> m.invoke(inst.exportedFunction("at"), 1L << 32), Trap.class);
            assertThat(t).as(tier.toString()).hasMessageContaining("undefined element");
        }
    }

    private static Trap trapOfNull(Tier tier) {
        Store store = new Store();
        Extern scale = store.hostFunction("scale", OP, (caller, args) -> new long[] {answer(args)});
        Extern ask = store.yieldingFunction("ask", OP);
        Machine m = new Machine(store);
        m.setTier(tier);
        Instance inst = m.instantiate(module(), (mod, name) -> name.equals("scale") ? scale : ask);
        m.start(inst.exportedFunction("null"));
        return catchThrowableOfType(m::run, Trap.class);
    }
}
