package dev.lia.wasm.runtime;

import dev.lia.script.ScriptRunner;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Store addresses of memories, tables and globals, and instantiation in restore mode. */
class StoreAddressesTest {
    static final CompiledModule M = ScriptRunner.wat("""
            (module
              (import "host" "g" (global $hg i32))
              (import "host" "mem" (memory 1))
              (import "host" "f" (func $f (result i32)))
              (table 2 funcref)
              (global $own (mut i32) (i32.const 5))
              (elem (i32.const 0) $get)
              (data (i32.const 10) "hi")
              (func $get (export "get") (result i32) (global.get $own))
              (func $start (global.set $own (i32.const 9)))
              (start $start))
            """);

    @Test
    void everyMemoryTableAndGlobalHasAnAddressInItsStore() {
        Store store = new Store();
        GlobalInstance hostGlobal = new GlobalInstance(new GlobalType(ValType.I32, false), 3);
        Memory hostMemory = new Memory(1, -1, 16);
        FunctionInstance f = store.hostFunction("host.f", new FuncType(List.of(), List.of(ValType.I32)), (c, a) -> new long[] {1});
        ImportResolver imports = (m, n) -> switch (n) {
            case "g" -> hostGlobal;
            case "mem" -> hostMemory;
            case "f" -> f;
            default -> null;
        };
        Machine machine = new Machine(store);
        Instance a = machine.instantiate(M, imports);
        Instance b = machine.instantiate(M, imports);
        assertThat(store.addressOf(hostGlobal)).isZero();
        assertThat(store.addressOf(hostMemory)).isZero();
        assertThat(store.memoryCount()).isEqualTo(1); // both instances share the host's memory
        assertThat(store.addressOf(a.global(1))).isEqualTo(1);
        assertThat(store.addressOf(b.global(1))).isEqualTo(2);
        assertThat(store.addressOf(a.table(0))).isZero();
        assertThat(store.addressOf(b.table(0))).isEqualTo(1);
        assertThat(store.table(1)).isSameAs(b.table(0));
        assertThat(store.global(2)).isSameAs(b.global(1));
        assertThat(store.addressOf(f)).isZero();
        assertThat(store.addressOf(new Memory(1, -1, 1))).isEqualTo(-1);
        assertThat(store.instances()).containsExactly(a, b);
    }

    @Test
    void allocateLinksExplicitlyAndRunsNeitherSegmentsNorStart() {
        Store store = new Store();
        GlobalInstance hostGlobal = new GlobalInstance(new GlobalType(ValType.I32, false), 3);
        Memory hostMemory = new Memory(1, -1, 16);
        FunctionInstance f = store.yieldingFunction("host.f", new FuncType(List.of(), List.of(ValType.I32)));
        Instance inst = Instantiator.allocate(store, M, List.of(hostGlobal, hostMemory, f));
        assertThat(inst.global(1).get()).isEqualTo(5);       // the initializer ran, the start function did not
        assertThat(inst.table(0).elements()).containsExactly(0L, 0L);
        assertThat(hostMemory.read(10, 2)).containsExactly(0, 0);
        assertThat(inst.elementSegment(0)).isNotNull();             // nothing dropped
        assertThat(inst.dataSegment(0)).isNotNull();
        assertThatThrownBy(() -> Instantiator.allocate(store, M, List.of(hostMemory, hostGlobal, f)))
                .isInstanceOf(LinkException.class).hasMessage("incompatible import type host.g");
        assertThatThrownBy(() -> Instantiator.allocate(store, M, List.of(hostGlobal)))
                .isInstanceOf(LinkException.class).hasMessageContaining("3 imports, 1 links");
    }
}
