package dev.lia.script;

import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.link.LateLinker;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Table;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** instantiate(...) in Lia: modules made at run time, linked to the script's module and to each other. */
class InstantiateTest {
    static byte[] bytes(String wat) {
        return ModuleEncoder.encode(TextFormat.parseModule(wat));
    }

    /** The script's module: a memory, a growable table, a mutable global, functions, and an import a handler can answer. */
    static final CompiledModule MAIN = Lia.loadModule(bytes("""
            (module
              (import "env" "random" (func $random (result f64)))
              (memory (export "memory") 1)
              (table (export "table") 2 funcref)
              (global (export "counter") (mut i32) (i32.const 7))
              (data (i32.const 16) "hello")
              (type $unary (func (param i32) (result i32)))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "roll") (param i32) (result i32)
                (i32.trunc_f64_u (f64.mul (call $random) (f64.convert_i32_u (local.get 0)))))
              (func (export "call_slot") (param i32 i32) (result i32)
                (call_indirect (type $unary) (local.get 1) (local.get 0))))
            """));

    /** Imports the main module's add, memory and counter; exports functions of its own. */
    static final byte[] CHILD = bytes("""
            (module
              (import "env" "add" (func $add (param i32 i32) (result i32)))
              (import "env" "memory" (memory 1))
              (import "env" "counter" (global $counter (mut i32)))
              (func (export "twice") (param i32) (result i32) (call $add (local.get 0) (local.get 0)))
              (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
              (func (export "bump") (result i32)
                (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
                (global.get $counter))
              (func (export "wide") (param i64 f64) (result i64 f64) (local.get 0) (local.get 1)))
            """);

    /** Imports another instance's function; its start function fills a new table slot, as a JIT's does. */
    static final byte[] GRANDCHILD = bytes("""
            (module
              (import "child" "twice" (func $twice (param i32) (result i32)))
              (import "env" "table" (table 0 funcref))
              (import "env" "memory" (memory 1))
              (func $quadruple (param i32) (result i32) (call $twice (call $twice (local.get 0))))
              (elem declare func $quadruple)
              (func $install (i32.store (i32.const 0) (table.grow (ref.func $quadruple) (i32.const 1))))
              (start $install)
              (export "quadruple" (func $quadruple)))
            """);

    /** Its start function calls the main module's roll, which calls the import env.random. */
    static final byte[] ROLLER = bytes("""
            (module
              (import "env" "roll" (func $roll (param i32) (result i32)))
              (global $g (mut i32) (i32.const 0))
              (func $start (global.set $g (call $roll (i32.const 100))))
              (start $start)
              (func (export "rolled") (result i32) (global.get $g)))
            """);

    static Vm vm(String script, Map<String, Value> inputs) {
        Program p = Lia.compile(new Source("test.lia", script), MAIN);
        return new Vm(p, MAIN, inputs);
    }

    static Outcome run(String script, byte[]... modules) {
        Map<String, Value> inputs = new java.util.HashMap<>();
        for (int i = 0; i < modules.length; i++) inputs.put("m" + i, Value.octs(modules[i]));
        return vm(script, inputs).run();
    }

    static final String LINK_CHILD = """
            import octs m0
            c = instantiate(m0, env.add = add, env.memory = memory, env.counter = global.counter)
            """;

    @Test
    void callsExportsOfAnInstanceLinkedToTheScriptsModule() {
        Outcome o = run(LINK_CHILD + """
                i32 t = c.twice(21)
                i32 h = c.peek(16)
                c.bump()                       # a statement: the export must return nothing...
                """, CHILD);
        assertThat(o).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) o).message())
                .isEqualTo("the instance's export 'bump' is () -> i32; the script calls it as ()");

        o = run(LINK_CHILD + """
                i32 t = c.twice(21)
                i32 h = c.peek(16)
                i32 b = c.bump()
                i64 w, f64 d = c.wide(i64(-5), 0.5)
                return t, h, b, global.counter, w, d
                """, CHILD);
        assertThat(o).isEqualTo(new Outcome.Done(List.of(Value.i32(42), Value.i32('h'), Value.i32(8), Value.i32(8),
                Value.i64(-5), Value.f64(0.5))));
    }

    @Test
    void instancesLinkToEachOtherAndStartFunctionsPatchTheSharedTableAndMemory() {
        Vm vm = vm(LINK_CHILD + """
                import octs m1
                slots = table.size
                g = instantiate(m1, child.twice = c.twice, env.table = table, env.memory = memory)
                i32 slot = memory.read(0, 4)
                i32 q = g.quadruple(3)
                return q, call_slot(slot, 5), table.size - slots, slot
                """, Map.of("m0", Value.octs(CHILD), "m1", Value.octs(GRANDCHILD)));
        assertThat(vm.run()).isEqualTo(new Outcome.Done(List.of(Value.i32(12), Value.i32(20), Value.i32(1), Value.i32(2))));
        List<LateLinker.Linked> linked = vm.linked();
        assertThat(linked).hasSize(2);
        assertThat(linked.get(0).bytes()).isEqualTo(CHILD);
        assertThat(linked.get(1).links()).containsExactly(linked.get(0).instance().export("twice"),
                vm.instance().export("table"), vm.instance().export("memory"));
        assertThat(((Table) vm.instance().export("table")).size()).isEqualTo(3);
    }

    @Test
    void aStartFunctionRunsAsAnActivationThatHandlersAnswerOrThatBlocks() {
        String script = """
                import octs m0
                r = instantiate(m0, env.roll = roll)
                i32 v = r.rolled()
                return v
                """;
        Outcome o = run("on env.random() -> f64 {\n    return 0.25\n}\n" + script, ROLLER);
        assertThat(o).isEqualTo(new Outcome.Done(List.of(Value.i32(25))));

        Vm vm = vm(script, Map.of("m0", Value.octs(ROLLER)));
        assertThat(vm.run()).isEqualTo(new Outcome.Blocked("env.random", List.of(), List.of(Type.F64)));
        assertThat(vm.resolve(List.of(Value.f64(0.5)))).isEqualTo(new Outcome.Done(List.of(Value.i32(50))));
    }

    @Test
    void aHandlerCanInstantiate() {
        Outcome o = run("""
                on env.random() -> f64 {
                    c = instantiate(hex"%s", env.add = add, env.memory = memory, env.counter = global.counter)
                    i32 t = c.twice(20)
                    return f64(t) / 100
                }
                return roll(10)
                """.formatted(java.util.HexFormat.of().formatHex(CHILD)));
        assertThat(o).isEqualTo(new Outcome.Done(List.of(Value.i32(4))));
    }

    @Test
    void whatCannotBeInstantiatedOrCalledFailsTheRun() {
        assertThat(failure("import octs m0\nc = instantiate(m0, env.add = add)", CHILD))
                .isEqualTo("cannot instantiate: unknown import env.memory @ test.lia:2:5");
        assertThat(failure("import octs m0\nc = instantiate(m0, env.add = roll, env.memory = memory, env.counter = global.counter)", CHILD))
                .isEqualTo("cannot instantiate: incompatible import type env.add @ test.lia:2:5");
        assertThat(failure("c = instantiate(hex\"0061736d02000000\")"))
                .startsWith("cannot instantiate: ");
        assertThat(failure(LINK_CHILD + "i32 x = c.nothing()", CHILD))
                .isEqualTo("the instance has no exported function 'nothing'; it exports: twice, peek, bump, wide @ test.lia:3:9");
        assertThat(failure(LINK_CHILD + "i64 x = c.twice(1)", CHILD))
                .isEqualTo("the instance's export 'twice' is (i32) -> i32; the script calls it as (i32) -> i64 @ test.lia:3:9");
        Outcome trap = run("x = instantiate(hex\"0061736d 01000000 010401600000 03020100 080100 0a05010300000b\")");
        assertThat(trap).isInstanceOf(Outcome.Trapped.class);
        assertThat(((Outcome.Trapped) trap).kind()).isEqualTo(Outcome.TrapKind.WASM);
        assertThat(((Outcome.Trapped) trap).message()).isEqualTo("unreachable");
    }

    static String failure(String script, byte[]... modules) {
        Outcome o = run(script, modules);
        assertThat(o).as(script).isInstanceOf(Outcome.Failed.class);
        Outcome.Failed f = (Outcome.Failed) o;
        return f.message() + (f.at() != null ? " @ " + f.at() : "");
    }

    @Test
    void theInstanceSharesTheScriptsMemory() {
        Vm vm = vm(LINK_CHILD + "memory.write(\"x\", 100)\ni32 v = c.peek(100)\nreturn v", Map.of("m0", Value.octs(CHILD)));
        assertThat(vm.run()).isEqualTo(new Outcome.Done(List.of(Value.i32('x'))));
        assertThat(vm.linked().get(0).links().get(1)).isSameAs(vm.instance().export("memory"));
        assertThat(((Memory) vm.instance().export("memory")).read(100, 1)).containsExactly('x');
    }
}
