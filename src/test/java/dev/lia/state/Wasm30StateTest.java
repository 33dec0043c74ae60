package dev.lia.state;

import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved states of modules using the 3.0 features Lia runs: three memories (one with i64
 * addresses) written before and after a suspension inside a tail-call chain; the state is encoded,
 * decoded and restored in a fresh store, and the run ends as an uninterrupted one does, with the
 * same state hash when saved twice.
 */
class Wasm30StateTest {
    static final String WAT = """
            (module
              (import "env" "ask" (func $ask (param i32) (result i32)))
              (memory $a 1)
              (memory $b i64 1 2)
              (memory $c 1)
              (global $base i32 (i32.add (i32.const 16) (i32.mul (i32.const 2) (i32.const 8))))
              (data (memory $c) (global.get $base) "\\05")
              ;; loop(n): writes n to each memory, asks the host at n = 3, tail-calls loop(n - 1)
              (func $loop (param $n i32) (result i32)
                (if (i32.eqz (local.get $n))
                  (then (return (i32.add (i32.add (i32.load $a (i32.const 0)) (i32.load $b (i64.const 8)))
                                         (i32.add (i32.load8_u $c (global.get $base)) (i32.wrap_i64 (memory.size $b)))))))
                (i32.store $a (i32.const 0) (i32.add (i32.load $a (i32.const 0)) (local.get $n)))
                (i64.store $b offset=8 (i64.const 0) (i64.add (i64.load $b offset=8 (i64.const 0)) (i64.extend_i32_u (local.get $n))))
                (if (i32.eq (local.get $n) (i32.const 3))
                  (then (drop (memory.grow $b (i64.const 1)))
                        (i32.store8 $c (global.get $base) (i32.add (i32.load8_u $c (global.get $base)) (call $ask (local.get $n))))))
                (return_call $loop (i32.sub (local.get $n) (i32.const 1))))
              (func (export "run") (param i32) (result i32) (return_call $loop (local.get 0))))
            """;

    static final LoadedModule MODULE = LoadedModule.of(ModuleEncoder.encode(TextFormat.parseModule(WAT)));
    static final FuncType ASK = new FuncType(List.of(ValType.I32), List.of(ValType.I32));

    static Instance instantiate(Machine machine) {
        HostFunctionInstance ask = machine.store().yieldingFunction("env.ask", ASK);
        return machine.instantiate(MODULE.compiled(), (module, name) -> ask);
    }

    @Test
    void aSuspendedRunOverSeveralMemoriesResumesFromItsEncodedState() {
        Machine direct = new Machine(new Store());
        Instance d = instantiate(direct);
        direct.start(d.exportedFunction("run"), 10);
        MachineOutcome o = direct.run();
        long[] expected = ((MachineOutcome.Done) direct.resume(new long[] {100})).results();
        // 55 in memory a, 55 in memory b, 5 + 100 in memory c, memory b grown to 2 pages
        assertThat(expected).containsExactly(55 + 55 + 105 + 2);

        Machine first = new Machine(new Store());
        Instance i = instantiate(first);
        first.start(i.exportedFunction("run"), 10);
        assertThat(first.run()).isInstanceOf(MachineOutcome.HostCall.class);
        EngineState state = Snapshots.capture(first.store(), first, List.of(MODULE), List.of(), 0, 0, null);
        byte[] bytes = StateCodec.encode(state);
        assertThat(StateCodec.encode(Snapshots.capture(first.store(), first, List.of(MODULE), List.of(), 0, 0, null)))
                .isEqualTo(bytes);
        assertThat(state.machine().frames()).hasSize(1); // the tail calls left one frame

        Snapshots.Restored restored = Snapshots.restore(StateCodec.decode(bytes, Limits.DEFAULT), List.of(MODULE),
                Limits.DEFAULT, Snapshots.HostFactory.YIELDING);
        assertThat(restored.instances().get(0).memory(1).is64()).isTrue();
        assertThat(restored.instances().get(0).memory(1).pages()).isEqualTo(2);
        MachineOutcome done = restored.machine().resume(new long[] {100});
        assertThat(((MachineOutcome.Done) done).results()).isEqualTo(expected);
    }

    /** Typed function references and i31s (3.0) in globals, a table and a suspended frame's locals. */
    static final String TYPED_WAT = """
            (module
              (import "env" "ask" (func $ask (param i32) (result i32)))
              (type $op (func (param i32) (result i32)))
              (func $double (type $op) (i32.add (local.get 0) (local.get 0)))
              (global $f (mut (ref null $op)) (ref.null $op))
              (global $small (mut anyref) (ref.i31 (i32.const -5)))
              (table $t 2 i31ref)
              (elem declare func $double)
              (func (export "run") (param $n i32) (result i32)
                (local $r (ref $op)) (local $i i31ref)
                (local.set $r (ref.func $double))
                (global.set $f (local.get $r))
                (local.set $i (ref.i31 (local.get $n)))
                (table.set $t (i32.const 1) (ref.i31 (i32.const 7)))
                (drop (call $ask (local.get $n)))
                (i32.add
                  (i32.add (call_ref $op (i31.get_s (local.get $i)) (local.get $r))
                           (call_ref $op (i31.get_u (ref.cast i31ref (global.get $small))) (ref.as_non_null (global.get $f))))
                  (i31.get_u (table.get $t (i32.const 1))))))
            """;

    static final LoadedModule TYPED = LoadedModule.of(ModuleEncoder.encode(TextFormat.parseModule(TYPED_WAT)));

    @Test
    void typedReferencesAndI31sSurviveASavedState() {
        Machine direct = new Machine(new Store());
        HostFunctionInstance ask0 = direct.store().yieldingFunction("env.ask", ASK);
        Instance d = direct.instantiate(TYPED.compiled(), (module, name) -> ask0);
        direct.start(d.exportedFunction("run"), 21);
        direct.run();
        long[] expected = ((MachineOutcome.Done) direct.resume(new long[] {0})).results();
        // 2 * 21, plus 2 * (the 31 bits of -5, unsigned), plus 7
        assertThat(expected).containsExactly(42 + 2 * 0x7FFFFFFB + 7);

        Machine first = new Machine(new Store());
        HostFunctionInstance ask = first.store().yieldingFunction("env.ask", ASK);
        Instance i = first.instantiate(TYPED.compiled(), (module, name) -> ask);
        first.start(i.exportedFunction("run"), 21);
        assertThat(first.run()).isInstanceOf(MachineOutcome.HostCall.class);
        byte[] bytes = StateCodec.encode(Snapshots.capture(first.store(), first, List.of(TYPED), List.of(), 0, 0, null));
        assertThat(StateCodec.encode(Snapshots.capture(first.store(), first, List.of(TYPED), List.of(), 0, 0, null)))
                .isEqualTo(bytes);
        Snapshots.Restored restored = Snapshots.restore(StateCodec.decode(bytes, Limits.DEFAULT), List.of(TYPED),
                Limits.DEFAULT, Snapshots.HostFactory.YIELDING);
        byte[] again = StateCodec.encode(Snapshots.capture(restored.machine().store(), restored.machine(), List.of(TYPED),
                List.of(), 0, 0, null));
        assertThat(again).isEqualTo(bytes);
        MachineOutcome done = restored.machine().resume(new long[] {0});
        assertThat(((MachineOutcome.Done) done).results()).isEqualTo(expected);
    }
}
