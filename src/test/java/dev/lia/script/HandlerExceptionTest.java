package dev.lia.script;

import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.TagInstance;
import dev.lia.wasm.runtime.ThrownException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wasm exception crosses Lia import handlers: raised in wasm that a handler called (or by a Java
 * host function), it leaves the handler, with the handler's half-computed values, and goes on in the
 * wasm that called the import, where a try_table catches it; uncaught there it goes further out, to
 * the script at last, which fails.
 */
class HandlerExceptionTest {
    static final CompiledModule M = ScriptRunner.wat("""
            (module
              (import "env" "h" (func $h (param i32) (result i32)))
              (import "env" "j" (func $j (param i32) (result i32)))
              (tag $t (export "t") (param i32))
              (func (export "inner") (param i32) (result i32) (throw $t (local.get 0)))
              ;; calls the import inside a try_table catching $t: the payload + 1000
              (func (export "outer") (param i32) (result i32)
                (block $c (result i32)
                  (try_table (result i32) (catch $t $c)
                    (call $h (local.get 0))))
                (i32.const 1000) (i32.add))
              ;; calls the import with no try_table: an exception goes on out
              (func (export "bare") (param i32) (result i32) (call $h (local.get 0)))
              (func (export "viaJ") (param i32) (result i32)
                (block $c (result i32)
                  (try_table (result i32) (catch $t $c)
                    (call $j (local.get 0))))
                (i32.const 2000) (i32.add)))
            """);

    static Outcome run(String script) {
        return ScriptRunner.run(script, M);
    }

    @Test
    void anExceptionFromWasmAHandlerCalledIsCaughtByTheWasmThatCalledTheHandler() {
        // the handler's own 1 + ... and the script's 5 + ... are on the VM's stack when the exception comes
        assertThat(run("""
                on env.h(i32 x) -> i32 {
                    return 1 + inner(x * 2)
                }
                return 5 + outer(21), outer(1)
                """)).isEqualTo(new Outcome.Done(List.of(Value.i32(1047), Value.i32(1002))));
    }

    @Test
    void anExceptionCrossesSeveralHandlersUntilATryTableCatchesIt() {
        // outer -> h -> bare -> h -> inner: the inner handler and bare have no catch; outer's try_table catches
        assertThat(run("""
                on env.h(i32 x) -> i32 {
                    if x > 100 {
                        return 7 * inner(x)
                    }
                    return 3 + bare(x + 1000)
                }
                return outer(4)
                """)).isEqualTo(new Outcome.Done(List.of(Value.i32(2004))));
    }

    @Test
    void uncaughtEverywhereItReachesTheScriptAsBefore() {
        Outcome o = run("""
                on env.h(i32 x) -> i32 {
                    return inner(x)
                }
                return bare(9)
                """);
        assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.message()).isEqualTo("uncaught exception of tag \"t\" with payload [9 : i32]"));
    }

    @Test
    void anExceptionAfterTheHandlerWasSuspendedAndAnsweredIsCaughtToo() {
        Vm vm = ScriptRunner.vm("""
                on env.h(i32 x) -> i32 {
                    i32 k = ext ask(x)
                    return k + inner(k)
                }
                return outer(3)
                """, M, Map.of());
        assertThat(vm.run()).isEqualTo(new Outcome.Blocked("ask", List.of(Value.i32(3)), List.of(dev.lia.script.syntax.Type.I32)));
        assertThat(vm.resolve(List.of(Value.i32(40)))).isEqualTo(new Outcome.Done(List.of(Value.i32(1040))));
    }

    @Test
    void aJavaHostFunctionThrowingAWasmExceptionIsCaughtByItsCaller() {
        HostFunction j = (caller, args) -> {
            throw new ThrownException(caller.store(), (TagInstance) caller.export("t"), args[0] * 3);
        };
        Outcome o = ScriptRunner.vm("return viaJ(5)\n", M, Map.of(), Map.of("env.j", j)).run();
        assertThat(o).isEqualTo(new Outcome.Done(List.of(Value.i32(2015))));
    }
}
