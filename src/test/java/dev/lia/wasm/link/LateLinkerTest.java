package dev.lia.wasm.link;

import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.Table;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LateLinkerTest {
    static byte[] wat(String text) {
        return ModuleEncoder.encode(TextFormat.parseModule(text));
    }

    static CompiledModule compile(byte[] bytes) {
        return ModuleCompiler.compile(dev.lia.wasm.Pipeline.decode(bytes));
    }

    /** The main program: a growable exported table, a memory, and code that calls through table slot mem[0]. */
    static final String MAIN = """
            (module
              (import "host" "link" (func $link))
              (table (export "table") 1 funcref)
              (memory (export "memory") 1)
              (type $unary (func (param i32) (result i32)))
              (func (export "call_slot") (param i32) (result i32)
                local.get 0
                (i32.load (i32.const 0))
                call_indirect (type $unary))
              (func (export "link_then_call") (param i32) (result i32)
                call $link
                local.get 0
                (i32.load (i32.const 0))
                call_indirect (type $unary)))
            """;

    /** Generated code: its start function grows the imported table, puts $triple there and writes the slot to mem[0]. */
    static final String GENERATED = """
            (module
              (import "env" "memory" (memory 0))
              (import "env" "table" (table 0 funcref))
              (func $triple (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
              (elem declare func $triple)
              (func $install
                (i32.store (i32.const 0) (table.grow (ref.func $triple) (i32.const 1))))
              (start $install))
            """;

    @Test
    void aHostFunctionLinksGeneratedCodeWhileWasmRuns() {
        Machine machine = new Machine(new Store());
        LateLinker linker = new LateLinker(machine);
        Instance[] main = new Instance[1];
        byte[] generated = wat(GENERATED);
        var link = machine.store().hostFunction("host.link", new FuncType(List.of(), List.of()), (caller, args) -> {
            linker.instantiate(generated, Imports.none().withExports("env", main[0]));
            return new long[0];
        });
        main[0] = machine.instantiate(compile(wat(MAIN)), (m, n) -> m.equals("host") ? link : null);
        Table table = (Table) main[0].export("table");
        assertThat(table.size()).isEqualTo(1);

        long[] r = machine.invoke(main[0].exportedFunction("link_then_call"), 14);

        assertThat(r).containsExactly(42);
        assertThat(table.size()).isEqualTo(2);
        assertThat(((Memory) main[0].export("memory")).readInt(0)).isEqualTo(1);
        assertThat(machine.invoke(main[0].exportedFunction("call_slot"), 5)).containsExactly(15);
        LateLinker.Linked l = linker.linked().get(0);
        assertThat(l.links()).containsExactly(main[0].export("memory"), table);
        assertThat(l.sha256()).hasSize(64);
        assertThat(l.bytes()).isEqualTo(generated);
        assertThat(machine.isActive()).isFalse();
    }

    @Test
    void explicitImportsWinOverAnInstancesExports() {
        Machine machine = new Machine(new Store());
        Instance main = machine.instantiate(compile(wat(MAIN)),
                (m, n) -> machine.store().hostFunction("noop", new FuncType(List.of(), List.of()), (c, a) -> new long[0]));
        Memory other = new Memory(1, -1, 10);
        Imports imports = Imports.none().withExports("env", main).with("env", "memory", other);
        assertThat(imports.resolve("env", "memory")).isSameAs(other);
        assertThat(imports.resolve("env", "table")).isSameAs(main.export("table"));
        assertThat(imports.resolve("env", "nothing")).isNull();
        assertThat(imports.resolve("elsewhere", "table")).isNull();
    }

    @Test
    void missingImportsAndTrappingStartFunctionsAreReported() {
        Machine machine = new Machine(new Store());
        LateLinker linker = new LateLinker(machine);
        assertThatThrownBy(() -> linker.instantiate(wat(GENERATED), Imports.none()))
                .isInstanceOf(LinkException.class).hasMessageContaining("unknown import env.memory");
        assertThat(linker.linked()).isEmpty();
        byte[] trapping = wat("(module (func $s unreachable) (start $s))");
        assertThatThrownBy(() -> linker.instantiate(trapping, Imports.none())).isInstanceOf(Trap.class).hasMessage("unreachable");
        assertThat(linker.linked()).hasSize(1); // the instance exists, as the spec says
        assertThatThrownBy(() -> linker.instantiate(new byte[] {0, 'a', 's', 'x'}, Imports.none()))
                .isInstanceOf(dev.lia.wasm.MalformedException.class);
    }

    /** The example of examples/jit: a C interpreter that compiles its hot functions to a module of its own making. */
    @Test
    void theJitExampleGivesTheSameResultsCompiled() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("examples/jit/jit.wasm"));
        Machine machine = new Machine(new Store());
        Instance main = machine.instantiate(compile(bytes), dev.lia.wasm.runtime.ImportResolver.NONE);
        JitProgram p = new JitProgram(machine, main);
        assertThat(p.call("load_builtin")).isEqualTo(4);
        int interpreted = p.call("run", 12);
        Table table = (Table) main.export("__indirect_function_table");
        int tableBefore = table.size();

        int ptr = p.call("jit_compile", 2);
        byte[] generated = ((Memory) main.export("memory")).read(ptr, p.call("jit_size"));
        new LateLinker(machine).instantiate(generated, Imports.none()
                .with("env", "memory", main.export("memory"))
                .with("env", "__indirect_function_table", table));

        assertThat(p.call("jit_count")).isEqualTo(3); // fib, sieve, collatz; main ran once, it stays interpreted
        assertThat(table.size()).isEqualTo(tableBefore + 3);
        assertThat(p.call("run", 12)).isEqualTo(interpreted);
        assertThat(interpreted).isEqualTo(JitProgram.expected(12));
    }

    /** Calls the example's exports. */
    record JitProgram(Machine machine, Instance instance) {
        JitProgram {
            machine.invoke(instance.exportedFunction("_initialize"));
        }

        int call(String export, long... args) {
            FunctionInstance f = instance.exportedFunction(export);
            assertThat(f).as(export).isNotNull();
            return (int) machine.invoke(f, args)[0];
        }

        /** main(n) of the built-in program, computed in Java. */
        static int expected(int n) {
            int limit = n * 1000;
            boolean[] composite = new boolean[limit];
            int primes = 0;
            for (int i = 2; i < limit; i++) {
                if (composite[i]) continue;
                primes++;
                for (long j = (long) i * i; j < limit; j += i) composite[(int) j] = true;
            }
            int steps = 0;
            for (int k = 1; k <= n * 100; k++) {
                for (int x = k; x != 1; steps++) x = (x & 1) == 0 ? x / 2 : 3 * x + 1;
            }
            return 1000003 * fib(n) + (primes ^ steps);
        }

        static int fib(int n) {
            return n < 2 ? n : fib(n - 1) + fib(n - 2);
        }
    }
}
