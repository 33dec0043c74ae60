package dev.lia.wasm.spec;

import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.Table;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpectestTest {
    @Test
    void exportsWhatTheReferenceInterpreterDoes() {
        Map<String, Extern> e = Spectest.create(new Store());
        assertThat(e.keySet()).containsExactlyInAnyOrder("print", "print_i32", "print_i64", "print_f32", "print_f64",
                "print_i32_f32", "print_f64_f64", "global_i32", "global_i64", "global_f32", "global_f64", "table", "table64", "memory");
        assertThat(((Table) e.get("table64")).is64()).isTrue(); // 3.0 table64
        assertThat(((HostFunctionInstance) e.get("print_i32_f32")).type())
                .isEqualTo(new FuncType(List.of(ValType.I32, ValType.F32), List.of()));
        assertThat(((HostFunctionInstance) e.get("print")).type()).isEqualTo(new FuncType(List.of(), List.of()));

        GlobalInstance gi = (GlobalInstance) e.get("global_i32");
        assertThat(gi.type().type()).isEqualTo(ValType.I32);
        assertThat(gi.type().mutable()).isFalse();
        assertThat((int) gi.get()).isEqualTo(666);
        assertThat(((GlobalInstance) e.get("global_i64")).get()).isEqualTo(666L);
        assertThat(Float.intBitsToFloat((int) ((GlobalInstance) e.get("global_f32")).get())).isEqualTo(666.6f);
        assertThat(Double.longBitsToDouble(((GlobalInstance) e.get("global_f64")).get())).isEqualTo(666.6);

        Table t = (Table) e.get("table");
        assertThat(t.elemType()).isEqualTo(ValType.FUNCREF);
        assertThat(t.size()).isEqualTo(10);
        assertThat(t.type().limits().max()).isEqualTo(20);
        Memory m = (Memory) e.get("memory");
        assertThat(m.pages()).isEqualTo(1);
        assertThat(m.type().limits().max()).isEqualTo(2);
        assertThat(m.grow(1)).isEqualTo(1);
        assertThat(m.grow(1)).isEqualTo(-1);
    }

    @Test
    void printsToTheSink() {
        List<String> lines = new ArrayList<>();
        Map<String, Extern> e = Spectest.create(new Store(), lines::add);
        call(e, "print_i32", -1);
        call(e, "print_i32_f32", 5, Float.floatToRawIntBits(1.5f));
        call(e, "print_f64_f64", Double.doubleToRawLongBits(0.25), Double.doubleToRawLongBits(-2));
        call(e, "print_i64", Long.MIN_VALUE);
        call(e, "print");
        assertThat(lines).containsExactly("-1 : i32", "5 : i32", "1.5 : f32", "0.25 : f64", "-2 : f64",
                "-9223372036854775808 : i64");
    }

    @Test
    void silentWithoutASink() {
        Map<String, Extern> e = Spectest.create(new Store());
        assertThat(call(e, "print_f32", Float.floatToRawIntBits(1f))).isEmpty();
    }

    private static long[] call(Map<String, Extern> e, String name, long... args) {
        return ((HostFunctionInstance) e.get(name)).implementation().call(null, args);
    }
}
