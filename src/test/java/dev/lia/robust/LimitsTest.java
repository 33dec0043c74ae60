package dev.lia.robust;

import dev.lia.wasm.LimitException;
import dev.lia.wasm.MalformedException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.DecodeLimits;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every configurable limit, hit by a hostile module: each gives its clean error, trap or outcome,
 * at the same point every time, and the engine goes on working afterwards.
 */
class LimitsTest {
    private static byte[] wat(String text) {
        return ModuleEncoder.encode(TextFormat.parseModule(text));
    }

    private record Run(Machine machine, Instance instance) {
        long[] call(String name, long... args) {
            return machine.invoke(instance.exportedFunction(name), args);
        }
    }

    private static Run instantiate(String text, Limits limits) {
        CompiledModule m = Pipeline.load(wat(text), limits);
        Machine machine = new Machine(new Store(limits));
        return new Run(machine, machine.instantiate(m, ImportResolver.NONE));
    }

    // ---- memory and tables ----

    @Test
    void memoryThatGrowsForeverStopsAtTheLimit() {
        String grow = """
                (module (memory 1)
                  (func (export "grow") (result i32)
                    (loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
                    (memory.size)))
                """;
        Run run = instantiate(grow, Limits.DEFAULT.withMaxMemoryPages(64));
        assertThat(run.call("grow")).containsExactly(64);
        assertThat(run.instance().memory().bytes().length).isEqualTo(64 * 65536);
        assertThat(run.call("grow")).containsExactly(64); // and again: growth stays refused
    }

    @Test
    void memoryDeclaredLargerThanTheLimitIsRefusedAtInstantiation() {
        CompiledModule m = Pipeline.load(wat("(module (memory 100))"));
        Machine machine = new Machine(new Store(Limits.DEFAULT.withMaxMemoryPages(64)));
        assertThatThrownBy(() -> machine.instantiate(m, ImportResolver.NONE))
                .isInstanceOf(Trap.class).hasMessageStartingWith("resource limit exceeded: memory of 100");
    }

    @Test
    void tableGrowthStopsAtTheLimitAndALargerTableIsRefused() {
        Run run = instantiate("""
                (module (table 1 funcref)
                  (func (export "grow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))
                """, Limits.DEFAULT.withMaxTableSize(1000));
        assertThat(run.call("grow", 999)).containsExactly(1);
        assertThat(run.call("grow", 1)).containsExactly(-1);
        CompiledModule big = Pipeline.load(wat("(module (table 5000 funcref))"));
        Machine machine = new Machine(new Store(Limits.DEFAULT.withMaxTableSize(1000)));
        assertThatThrownBy(() -> machine.instantiate(big, ImportResolver.NONE))
                .isInstanceOf(Trap.class).hasMessageStartingWith("resource limit exceeded: table of 5000");
    }

    // ---- calls and the value stack ----

    private static final String RECURSE = """
            (module (global $depth (mut i32) (i32.const 0))
              (func $f (export "f") (global.set $depth (i32.add (global.get $depth) (i32.const 1))) (call $f))
              (func $wide (export "wide") (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
                (global.set $depth (i32.add (global.get $depth) (i32.const 1))) (call $wide))
              (func (export "depth") (result i32) (global.get $depth))
              (func (export "reset") (global.set $depth (i32.const 0))))
            """;

    @Test
    void infiniteRecursionTrapsAtTheCallDepthLimitEveryTime() {
        Run run = instantiate(RECURSE, Limits.DEFAULT.withMaxCallDepth(500));
        for (int i = 0; i < 3; i++) {
            run.call("reset");
            assertThatThrownBy(() -> run.call("f")).isInstanceOf(Trap.class).hasMessageStartingWith("call stack exhausted");
            assertThat(run.call("depth")).containsExactly(500); // 500 frames; the 501st call traps
        }
    }

    /**
     * A limit below the machine's initial stack (16,384 slots) was not enforced: the check ran only
     * when the stack array had to grow.
     */
    @Test
    void framesThatFillTheValueStackTrapTheSameWay() {
        Run run = instantiate(RECURSE, Limits.DEFAULT.withMaxStackSlots(4096));
        long[] depths = new long[2];
        for (int i = 0; i < 2; i++) {
            run.call("reset");
            assertThatThrownBy(() -> run.call("wide")).isInstanceOf(Trap.class).hasMessageStartingWith("call stack exhausted");
            depths[i] = run.call("depth")[0];
        }
        assertThat(depths[0]).isEqualTo(depths[1]).isLessThan(4096 / 16).isGreaterThan(100);
    }

    // ---- fuel ----

    @Test
    void infiniteLoopRunsOutOfFuelAtTheSamePointEveryTime() {
        CompiledModule m = Pipeline.load(wat("""
                (module (global $n (mut i64) (i64.const 0))
                  (func (export "spin") (loop $l (global.set $n (i64.add (global.get $n) (i64.const 1))) (br $l)))
                  (func (export "n") (result i64) (global.get $n)))
                """));
        long[] counts = new long[2];
        long[] overdrafts = new long[2];
        for (int i = 0; i < 2; i++) {
            Machine machine = new Machine(new Store());
            Instance inst = machine.instantiate(m, ImportResolver.NONE);
            machine.setFuel(1_000_000);
            machine.start(inst.exportedFunction("spin"));
            MachineOutcome o = machine.run();
            assertThat(o).isInstanceOf(MachineOutcome.OutOfFuel.class);
            overdrafts[i] = ((MachineOutcome.OutOfFuel) o).overdraft();
            machine.abort(); // the run is given up; the machine and its store stay usable
            machine.setFuel(Machine.UNLIMITED);
            counts[i] = machine.invoke(inst.exportedFunction("n"))[0];
        }
        assertThat(counts[0]).isEqualTo(counts[1]).isBetween(100_000L, 200_000L);
        assertThat(overdrafts[0]).isEqualTo(overdrafts[1]);
    }

    // ---- module shape: size, functions, locals ----

    @Test
    void aModuleLargerThanTheLimitIsRefusedBeforeDecoding() {
        byte[] bytes = wat("(module (func (export \"f\")) (data \"" + "x".repeat(500) + "\"))");
        Limits small = Limits.DEFAULT.withDecoding(new DecodeLimits(256, 1000, 1000, 10_000));
        assertThatThrownBy(() -> Pipeline.load(bytes, small)).isInstanceOf(LimitException.class)
                .hasMessageStartingWith("resource limit exceeded: module size " + bytes.length + " exceeds the limit of 256");
    }

    @Test
    void tooManyFunctionsAreRefusedWhileDecoding() {
        byte[] bytes = wat("(module (import \"m\" \"f\" (func)) (func) (func) (func))");
        Limits three = Limits.DEFAULT.withDecoding(new DecodeLimits(1 << 20, 3, 1000, 10_000));
        assertThatThrownBy(() -> Pipeline.load(bytes, three)).isInstanceOf(LimitException.class)
                .hasMessageStartingWith("resource limit exceeded: function count 4 exceeds the limit of 3");
        Limits four = Limits.DEFAULT.withDecoding(new DecodeLimits(1 << 20, 4, 1000, 10_000));
        assertThat(Pipeline.load(bytes, four).functions()).hasSize(3);
    }

    /** A module of {@code functions} bodies, each declaring {@code locals} i64 locals in one run (a few bytes each). */
    static byte[] manyLocals(int functions, long locals) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        m.writeBytes(new byte[] {1, 4, 1, 0x60, 0, 0}); // type section: () -> ()
        ByteArrayOutputStream funcs = new ByteArrayOutputStream();
        leb(funcs, functions);
        for (int i = 0; i < functions; i++) funcs.write(0);
        section(m, 3, funcs.toByteArray());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1); // one run of locals
        leb(body, locals);
        body.write(0x7E);
        body.write(0x0B);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        leb(code, functions);
        for (int i = 0; i < functions; i++) {
            leb(code, body.size());
            code.writeBytes(body.toByteArray());
        }
        section(m, 10, code.toByteArray());
        return m.toByteArray();
    }

    private static void section(ByteArrayOutputStream m, int id, byte[] content) {
        m.write(id);
        leb(m, content.length);
        m.writeBytes(content);
    }

    private static void leb(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    @Test
    void hugeLocalCountsAreRefusedBeforeTheCompilerSizesAnything() {
        // more than 2^32-1 in all is malformed, as the specification says
        assertThatThrownBy(() -> Pipeline.load(manyLocals(1, 0xFFFF_FFFFL + 1)))
                .isInstanceOf(MalformedException.class);
        // 2^32-1 is well-formed, and far beyond the default limit of 50,000
        assertThatThrownBy(() -> Pipeline.load(manyLocals(1, 0xFFFF_FFFFL))).isInstanceOf(LimitException.class)
                .hasMessageStartingWith("resource limit exceeded: locals of a function 4294967295 exceeds the limit of 50000");
        assertThat(Pipeline.load(manyLocals(1, 50_000)).functions()).hasSize(1);
        // many functions each just under the limit: the module's total is bounded too (200 x 50,000 > 4M)
        assertThatThrownBy(() -> Pipeline.load(manyLocals(200, 50_000))).isInstanceOf(LimitException.class)
                .hasMessageStartingWith("resource limit exceeded: locals of the module");
    }

    @Test
    void theEngineWorksNormallyAfterEveryLimitWasHit() {
        memoryThatGrowsForeverStopsAtTheLimit();
        infiniteRecursionTrapsAtTheCallDepthLimitEveryTime();
        hugeLocalCountsAreRefusedBeforeTheCompilerSizesAnything();
        Run run = instantiate("(module (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))",
                Limits.DEFAULT);
        assertThat(run.call("add", 2, 3)).containsExactly(5);
    }
}
