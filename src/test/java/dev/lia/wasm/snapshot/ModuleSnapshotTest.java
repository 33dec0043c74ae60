package dev.lia.wasm.snapshot;

import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.link.Imports;
import dev.lia.wasm.link.LateLinker;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.Table;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModuleSnapshotTest {
    static byte[] wat(String text) {
        return ModuleEncoder.encode(TextFormat.parseModule(text));
    }

    /** A module whose start function and init() change every kind of state a module can hold. */
    static final byte[] RICH = wat("""
            (module
              (memory (export "memory") 1 5)
              (table $t (export "table") 4 funcref)
              (global $a (export "a") (mut i32) (i32.const 1))
              (global $b (export "b") (mut i64) (i64.const 2))
              (global $c (export "c") (mut f32) (f32.const 3))
              (global $d (export "d") (mut f64) (f64.const 4))
              (global $f (export "f") (mut funcref) (ref.null func))
              (global $k (export "k") i32 (i32.const 99))
              (data $kept "later")
              (data $gone "dropped")
              (data (i32.const 8) "active")
              (elem $e funcref (ref.func $seven))
              (elem declare func $eight)
              (func $seven (result i32) (i32.const 7))
              (func $eight (result i32) (i32.const 8))
              (func $start (global.set $a (i32.const 10)))
              (start $start)
              (func (export "init")
                (global.set $a (i32.add (global.get $a) (i32.const 1)))
                (global.set $b (i64.const -3))
                (global.set $c (f32.const nan:0x123))
                (global.set $d (f64.const -0.5))
                (global.set $f (ref.func $eight))
                (drop (memory.grow (i32.const 2)))
                (i32.store (i32.const 100000) (i32.const 0x01020304))
                (i32.store (i32.const 70000) (i32.const 5))
                (data.drop $gone)
                (table.set $t (i32.const 1) (ref.func $eight))
                (table.init $t $e (i32.const 3) (i32.const 0) (i32.const 1)))
              (func (export "later") (result i32)
                (memory.init $kept (i32.const 200) (i32.const 0) (i32.const 5))
                (i32.add (call_indirect (result i32) (i32.const 1))
                         (call_indirect (result i32) (i32.const 3))))
              (func (export "gone_len_zero_ok") (memory.init $gone (i32.const 0) (i32.const 0) (i32.const 0)))
              (func (export "gone_traps") (memory.init $gone (i32.const 0) (i32.const 0) (i32.const 1))))
            """);

    record Run(Machine machine, Instance instance) {
        long[] call(String name, long... args) {
            FunctionInstance f = instance.exportedFunction(name);
            assertThat(f).as(name).isNotNull();
            return machine.invoke(f, args);
        }
    }

    static Run instantiate(byte[] bytes) {
        Machine machine = new Machine(new Store());
        return new Run(machine, machine.instantiate(Pipeline.load(bytes), ImportResolver.NONE));
    }

    @Test
    void aV128GlobalKeepsItsCurrentValue() {
        Run original = instantiate(wat("""
                (module
                  (global $v (export "v") (mut v128) (v128.const i64x2 1 2))
                  (func (export "bump") (global.set $v (i64x2.add (global.get $v) (v128.const i64x2 10 -1))))
                  (func (export "get") (result v128) (global.get $v)))
                """));
        original.call("bump");
        Run copy = instantiate(ModuleEncoder.encode(ModuleSnapshot.of(original.instance(), Set.of())));
        assertThat(copy.call("get")).containsExactly(11, 1);
        copy.call("bump");
        assertThat(copy.call("get")).containsExactly(21, 0);
    }

    @Test
    void theSnapshotStartsInTheStateTheInstanceWasIn() {
        Run original = instantiate(RICH);
        original.call("init");
        Module snapshot = ModuleSnapshot.of(original.instance(), Set.of("init"));
        byte[] bytes = ModuleEncoder.encode(snapshot);
        assertThat(ModuleEncoder.encode(ModuleSnapshot.of(original.instance(), Set.of("init")))).as("deterministic").isEqualTo(bytes);
        assertThat(snapshot.start()).isEqualTo(-1);
        assertThat(snapshot.exports()).extracting(e -> e.name()).doesNotContain("init").contains("later", "memory");

        Run copy = instantiate(bytes);
        Instance a = original.instance();
        Instance b = copy.instance();
        assertThat(b.memory().pages()).isEqualTo(3);
        assertThat(b.memory().bytes()).isEqualTo(a.memory().bytes());
        for (int i = 0; i < a.globalCount(); i++) {
            assertThat(b.global(i).get()).as("global " + i).isEqualTo(a.global(i).get() == Ref.NULL ? Ref.NULL
                    : i == 4 ? Ref.func(b.function(1).address()) : a.global(i).get());
        }
        assertThat(b.global(0).get()).isEqualTo(11);
        assertThat(Float.floatToRawIntBits(Float.intBitsToFloat((int) b.global(2).get()))).isEqualTo(0x7f800123); // a signalling NaN keeps its payload
        Table ta = (Table) a.export("table");
        Table tb = (Table) b.export("table");
        assertThat(tb.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(index(b, tb.elements()[i])).as("slot " + i).isEqualTo(index(a, ta.elements()[i]));
        }
        // the passive segment still there, the dropped one empty, as in the original
        assertThat(copy.call("later")).containsExactly(original.call("later")[0]).containsExactly(15);
        assertThat(((Memory) b.export("memory")).read(200, 5)).isEqualTo("later".getBytes());
        copy.call("gone_len_zero_ok");
        assertThatThrownBy(() -> copy.call("gone_traps")).hasMessage("out of bounds memory access");
        assertThatThrownBy(() -> original.call("gone_traps")).hasMessage("out of bounds memory access");
    }

    private static int index(Instance inst, long ref) {
        if (ref == Ref.NULL) return -1;
        for (int i = 0; i < inst.functionCount(); i++) if (inst.function(i).address() == Ref.funcAddress(ref)) return i;
        throw new AssertionError("not a function of the instance");
    }

    @Test
    void memoryImagesJoinNearbyRunsOnly() {
        Run r = instantiate(wat("(module (memory (export \"memory\") 2))"));
        Memory m = r.instance().memory();
        m.bytes()[3] = 1;
        m.bytes()[10] = 2;             // 6 zero bytes apart: the same segment
        m.bytes()[1000] = 3;           // far: a segment of its own
        m.bytes()[m.bytes().length - 1] = 4;
        Module s = ModuleSnapshot.of(r.instance(), Set.of());
        assertThat(s.datas()).extracting(d -> d.bytes().length).containsExactly(8, 1, 1);
        Run copy = instantiate(ModuleEncoder.encode(s));
        assertThat(copy.instance().memory().bytes()).isEqualTo(m.bytes());
    }

    @Test
    void stateThatIsNotTheInstancesOwnIsRefused() {
        Run host = instantiate(wat("(module (memory (export \"memory\") 1) (table (export \"table\") 1 funcref) (func (export \"f\")))"));
        LateLinker linker = new LateLinker(host.machine());
        Instance importsMemory = linker.instantiate(wat("(module (import \"env\" \"memory\" (memory 1)))"),
                Imports.none().withExports("env", host.instance())).instance();
        assertThatThrownBy(() -> ModuleSnapshot.of(importsMemory, Set.of()))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("imports its memory env.memory");

        Instance foreign = linker.instantiate(wat("""
                (module (import "env" "f" (func $f)) (table (export "t") 1 funcref) (elem declare func $f)
                  (func $s (table.set (i32.const 0) (ref.func $f))) (start $s))
                """), Imports.none().withExports("env", host.instance())).instance();
        assertThat(ModuleSnapshot.of(foreign, Set.of()).elements()).hasSize(2); // the declaration, and the table: an imported function is one of its own
        Table t = (Table) host.instance().export("table");
        t.elements()[0] = Ref.func(foreign.function(0).address());
        assertThat(ModuleSnapshot.of(host.instance(), Set.of()).elements()).hasSize(1);
        t.elements()[0] = Ref.func(foreign.function(1).address()); // foreign's own $s
        assertThatThrownBy(() -> ModuleSnapshot.of(host.instance(), Set.of()))
                .isInstanceOf(SnapshotException.class).hasMessage("table 0 element 0 holds a function of another instance");
    }

    @Test
    void gcReferencesAreRefusedByName() {
        Run gc = instantiate(wat("""
                (module (type $p (struct (field i32)))
                  (global $o (mut anyref) (ref.null any)) (global $i (mut i31ref) (ref.null i31))
                  (func $s (global.set $o (struct.new $p (i32.const 1))) (global.set $i (ref.i31 (i32.const 2)))) (start $s))
                """));
        assertThatThrownBy(() -> ModuleSnapshot.of(gc.instance(), Set.of()))
                .isInstanceOf(SnapshotException.class).hasMessage("global 0 holds a GC or host reference, which snapshots do not write yet");
    }
}
