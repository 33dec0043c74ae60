package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SIMD loads and stores on every kind of memory: a 32-bit memory 0, a second memory (multi-memory)
 * and a 64-bit memory (memory64, i64 addresses and u64 offsets), each access reaching the memory it
 * names and trapping exactly at its end. The expected bytes are written out by hand.
 */
class SimdMemoryTest {
    static final CompiledModule CODE = Pipeline.loadText("""
            (module
              (memory $a 1)
              (memory $b 1)
              (memory $w i64 1)
              (func (export "store_b") (param i32 v128) (v128.store $b (local.get 0) (local.get 1)))
              (func (export "load_b") (param i32) (result v128) (v128.load $b offset=4 (local.get 0)))
              (func (export "load_a") (param i32) (result v128) (v128.load (local.get 0)))
              (func (export "lane_b") (param i32 v128) (result v128) (v128.load16_lane $b 3 (local.get 0) (local.get 1)))
              (func (export "store_lane_w") (param i64 v128) (v128.store32_lane $w offset=8 2 (local.get 0) (local.get 1)))
              (func (export "splat_w") (param i64) (result v128) (v128.load8_splat $w (local.get 0)))
              (func (export "zero_w") (param i64) (result v128) (v128.load64_zero $w offset=0x1_0000_0000 (local.get 0)))
              (func (export "extend_w") (param i64) (result v128) (v128.load8x8_u $w (local.get 0)))
              (func (export "store_w") (param i64 v128) (v128.store $w (local.get 0) (local.get 1)))
              (func (export "peek_w") (param i64) (result i32) (i32.load8_u $w (local.get 0))))
            """.getBytes(StandardCharsets.UTF_8), "simd-memory.wat");

    final Machine machine = new Machine(new Store());
    final Instance instance = machine.instantiate(CODE, ImportResolver.NONE);

    long[] call(String name, long... args) {
        return machine.invoke(instance.exportedFunction(name), args);
    }

    static long bytes(int... b) {
        ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : b) buf.put((byte) x);
        return buf.getLong(0);
    }

    @Test
    void aSecondMemoryIsTheOneAccessed() {
        call("store_b", 100, 0x0807060504030201L, 0x100f0e0d0c0b0a09L);
        assertThat(call("load_b", 96)).containsExactly(0x0807060504030201L, 0x100f0e0d0c0b0a09L);
        assertThat(call("load_a", 100)).containsExactly(0, 0); // memory 0 untouched
        // lane 3 (bytes 6-7) of the vector takes the two bytes at 100 of memory $b
        assertThat(call("lane_b", 100, -1L, -1L)).containsExactly(0x0201ffffffffffffL, -1L);
        assertThatThrownBy(() -> call("load_b", 65536 - 20 + 1)).isInstanceOf(Trap.class).hasMessage("out of bounds memory access");
        assertThat(call("load_b", 65536 - 20)).hasSize(2);
    }

    @Test
    void aSixtyFourBitMemoryTakesI64AddressesAndU64Offsets() {
        call("store_lane_w", 40, 0, 0xAABBCCDDL); // lane 2 (the low half of the high slot) at 40 + 8
        assertThat(call("peek_w", 48)).containsExactly(0xDD);
        assertThat(call("peek_w", 51)).containsExactly(0xAA);
        assertThat(call("splat_w", 49)).containsExactly(0xCCCCCCCCCCCCCCCCL, 0xCCCCCCCCCCCCCCCCL);
        assertThat(call("extend_w", 48)).containsExactly(bytes(0xDD, 0, 0xCC, 0, 0xBB, 0, 0xAA, 0), 0);
        call("store_w", 65536 - 16, 1, 2);
        assertThatThrownBy(() -> call("store_w", 65536 - 15, 1, 2)).isInstanceOf(Trap.class).hasMessage("out of bounds memory access");
        // addresses and offsets past 4 GiB are out of bounds, never wrapped to a 32-bit address
        assertThatThrownBy(() -> call("store_w", 0x1_0000_0000L, 1, 2)).isInstanceOf(Trap.class).hasMessage("out of bounds memory access");
        assertThatThrownBy(() -> call("zero_w", 0)).isInstanceOf(Trap.class).hasMessage("out of bounds memory access");
        assertThatThrownBy(() -> call("splat_w", -1)).isInstanceOf(Trap.class).hasMessage("out of bounds memory access");
    }

    @Test
    void theModuleRoundTripsThroughTheBinaryAndTextFormats() {
        byte[] binary = dev.lia.wasm.binary.ModuleEncoder.encode(CODE.module());
        dev.lia.wasm.syntax.Module decoded = Pipeline.decode(binary);
        assertThat(dev.lia.wasm.binary.ModuleEncoder.encode(decoded)).isEqualTo(binary);
        String text = dev.lia.wasm.text.WatPrinter.print(decoded);
        assertThat(text).contains("v128.load16_lane 1 3").contains("v128.store32_lane 2 offset=8 2")
                .contains("v128.load64_zero 2 offset=4294967296");
        assertThat(dev.lia.wasm.binary.ModuleEncoder.encode(dev.lia.wasm.text.TextFormat.parseModule(text))).isEqualTo(binary);
    }
}
