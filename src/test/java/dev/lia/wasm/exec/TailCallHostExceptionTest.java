package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.TagInstance;
import dev.lia.wasm.runtime.ThrownException;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tail call leaves its frame, try_tables and all, before the callee runs: an exception a host
 * callee throws comes out of the frame's caller. Found by the differential test against V8 (binaryen
 * 132 seed 6683: {@code return_call_ref} to the harness's {@code throw} import inside a
 * {@code try_table (catch_all_ref)}): Lia called a tail-called host function as a plain call, so the
 * frame's own handler caught the exception, where V8 let it out.
 */
class TailCallHostExceptionTest {
    static final CompiledModule CODE = Pipeline.loadText("""
            (module
              (import "env" "boom" (func $boom (param i32)))
              (type $b (func (param i32)))
              (tag $t (export "t") (param i32))
              (table 1 funcref) (elem (i32.const 0) $boom) (elem declare func $boom)
              ;; each catches what comes out of its body: were the tail call a plain call, it would catch the
              ;; host's exception and return normally
              (func $direct_host (param i32)
                (block $h (result i32) (try_table (catch $t $h) (return_call $boom (local.get 0))) (unreachable))
                (drop))
              (func $indirect_host (param i32)
                (block $h (result i32) (try_table (catch $t $h) (return_call_indirect (type $b) (local.get 0) (i32.const 0))) (unreachable))
                (drop))
              (func $ref_host (param i32)
                (block $h (result i32) (try_table (catch $t $h) (return_call_ref $b (local.get 0) (ref.func $boom))) (unreachable))
                (drop))
              (func (export "direct") (param i32) (result i32) (call $outer (local.get 0) (i32.const 0)))
              (func (export "indirect") (param i32) (result i32) (call $outer (local.get 0) (i32.const 1)))
              (func (export "ref") (param i32) (result i32) (call $outer (local.get 0) (i32.const 2)))
              ;; the caller's try_table is where the exception belongs: it returns the payload
              (func $outer (param $x i32) (param $how i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $t $h)
                    (if (i32.eqz (local.get $how)) (then (call $direct_host (local.get $x))))
                    (if (i32.eq (local.get $how) (i32.const 1)) (then (call $indirect_host (local.get $x))))
                    (if (i32.eq (local.get $how) (i32.const 2)) (then (call $ref_host (local.get $x))))
                    (return (i32.const -1)))
                  (unreachable))))
            """.getBytes(StandardCharsets.UTF_8), "tail-host-throws.wat");

    @ParameterizedTest
    @CsvSource({"direct,INTERP,false", "indirect,INTERP,false", "ref,INTERP,false", "direct,COMPILED,false", "indirect,COMPILED,false",
            "ref,COMPILED,false", "direct,INTERP,true", "indirect,INTERP,true", "ref,INTERP,true", "direct,COMPILED,true",
            "indirect,COMPILED,true", "ref,COMPILED,true"})
    void aTailCalledHostsExceptionComesOutOfTheCaller(String export, Tier tier, boolean yielding) {
        Store store = new Store();
        Machine machine = new Machine(store);
        machine.setTier(tier);
        AtomicReference<TagInstance> tag = new AtomicReference<>();
        FuncType type = new FuncType(List.of(ValType.I32), List.of());
        HostFunctionInstance boom = yielding ? store.yieldingFunction("boom", type)
                : store.hostFunction("boom", type, (caller, args) -> {
                    throw new ThrownException(store, tag.get(), args[0]);
                });
        Instance instance = machine.instantiate(CODE, (m, n) -> boom);
        tag.set((TagInstance) instance.export("t"));
        machine.start(instance.exportedFunction(export), 7);
        MachineOutcome o = machine.run();
        if (yielding) {
            assertThat(o).isInstanceOf(MachineOutcome.HostCall.class);
            o = machine.resumeThrowing(new ThrownException(store, tag.get(), ((MachineOutcome.HostCall) o).args()[0]));
        }
        assertThat(o).isInstanceOfSatisfying(MachineOutcome.Done.class, d -> assertThat(d.results()).containsExactly(7));
    }
}
