package dev.lia.wasm.spec;

import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTextTest {
    @Test
    void integersInEitherRangeAndBase() {
        assertThat(ValueText.parseI32("42")).isEqualTo(42);
        assertThat(ValueText.parseI32("-1")).isEqualTo(-1);
        assertThat(ValueText.parseI32("4294967295")).isEqualTo(-1);
        assertThat(ValueText.parseI32("0xffffffff")).isEqualTo(-1);
        assertThat(ValueText.parseI32("-0x80000000")).isEqualTo(Integer.MIN_VALUE);
        assertThat(ValueText.parseI32("+7")).isEqualTo(7);
        assertThat(ValueText.parseI32("1_000")).isEqualTo(1000);
        assertThat(ValueText.parseI64("18446744073709551615")).isEqualTo(-1L);
        assertThat(ValueText.parseI64("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(ValueText.parseI64("0x7fffffffffffffff")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void integerErrors() {
        assertThatThrownBy(() -> ValueText.parseI32("4294967296")).hasMessageContaining("out of range for i32");
        assertThatThrownBy(() -> ValueText.parseI32("-2147483649")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ValueText.parseI64("18446744073709551616")).hasMessageContaining("out of range for i64");
        assertThatThrownBy(() -> ValueText.parseI32("abc")).hasMessage("\"abc\" is not a valid i32");
        assertThatThrownBy(() -> ValueText.parseI32("1.5")).hasMessageContaining("not a valid i32");
        assertThatThrownBy(() -> ValueText.parseI32("")).hasMessageContaining("not a valid i32");
        assertThatThrownBy(() -> ValueText.parseI32("0x")).hasMessageContaining("not a valid i32");
        assertThatThrownBy(() -> ValueText.parseI32("_1")).hasMessageContaining("not a valid i32");
        assertThatThrownBy(() -> ValueText.parseI32("1__0")).hasMessageContaining("not a valid i32");
        assertThatThrownBy(() -> ValueText.parseI32("--1")).hasMessageContaining("not a valid i32");
    }

    @Test
    void floats() {
        assertThat((int) ValueText.parseF32("1.5")).isEqualTo(Float.floatToRawIntBits(1.5f));
        assertThat((int) ValueText.parseF32("-0")).isEqualTo(0x80000000);
        assertThat((int) ValueText.parseF32("0x1.8p1")).isEqualTo(Float.floatToRawIntBits(3f));
        assertThat((int) ValueText.parseF32("0x10")).isEqualTo(Float.floatToRawIntBits(16f));
        assertThat((int) ValueText.parseF32("1e3")).isEqualTo(Float.floatToRawIntBits(1000f));
        assertThat((int) ValueText.parseF32(".5")).isEqualTo(Float.floatToRawIntBits(0.5f));
        assertThat((int) ValueText.parseF32("inf")).isEqualTo(0x7F800000);
        assertThat((int) ValueText.parseF32("-inf")).isEqualTo(0xFF800000);
        assertThat((int) ValueText.parseF32("nan")).isEqualTo(0x7FC00000);
        assertThat((int) ValueText.parseF32("-nan")).isEqualTo(0xFFC00000);
        assertThat((int) ValueText.parseF32("nan:0x1")).isEqualTo(0x7F800001);
        // rounded once, straight to f32 (not via f64)
        assertThat((int) ValueText.parseF32("1.00000005960464477539062500000001"))
                .isEqualTo(Float.floatToRawIntBits(1.0000001f));
        assertThat(ValueText.parseF64("0.1")).isEqualTo(Double.doubleToRawLongBits(0.1));
        assertThat(ValueText.parseF64("-0x1p-1074")).isEqualTo(0x8000000000000001L);
        assertThat(ValueText.parseF64("nan:0x4")).isEqualTo(0x7FF0000000000004L);
        assertThat(ValueText.parseF64("infinity")).isEqualTo(0x7FF0000000000000L);
    }

    @Test
    void floatErrors() {
        assertThatThrownBy(() -> ValueText.parseF32("1f")).hasMessage("\"1f\" is not a valid f32");
        assertThatThrownBy(() -> ValueText.parseF32("NaN(3)")).hasMessageContaining("not a valid f32");
        assertThatThrownBy(() -> ValueText.parseF32("nan:0x0")).hasMessageContaining("payload");
        assertThatThrownBy(() -> ValueText.parseF32("nan:0x800000")).hasMessageContaining("payload");
        assertThatThrownBy(() -> ValueText.parseF64("nan:0x10000000000000")).hasMessageContaining("payload");
        assertThatThrownBy(() -> ValueText.parseF64("1e")).hasMessageContaining("not a valid f64");
        assertThatThrownBy(() -> ValueText.parseF64("")).hasMessageContaining("not a valid f64");
    }

    @Test
    void references() {
        assertThat(ValueText.parse("null", ValType.FUNCREF)).isEqualTo(Ref.NULL);
        assertThat(ValueText.parse("null", ValType.EXTERNREF)).isEqualTo(Ref.NULL);
        assertThat(ValueText.parse("5", ValType.EXTERNREF)).isEqualTo(Ref.extern(5));
        assertThat(ValueText.parse("ref.extern 0", ValType.EXTERNREF)).isEqualTo(Ref.extern(0));
        assertThatThrownBy(() -> ValueText.parse("3", ValType.FUNCREF)).hasMessageContaining("funcref");
        assertThatThrownBy(() -> ValueText.parse("x", ValType.EXTERNREF)).hasMessageContaining("externref");
        assertThatThrownBy(() -> ValueText.parse("0", ValType.V128)).hasMessageContaining("v128");
    }

    @Test
    void printing() {
        assertThat(ValueText.format(0xFFFFFFFFL, ValType.I32)).isEqualTo("-1");
        assertThat(ValueText.format(-1L, ValType.I32)).isEqualTo("-1");
        assertThat(ValueText.format(-1L, ValType.I64)).isEqualTo("-1");
        assertThat(ValueText.format(Float.floatToRawIntBits(1.5f), ValType.F32)).isEqualTo("1.5");
        assertThat(ValueText.format(0x80000000L, ValType.F32)).isEqualTo("-0");
        assertThat(ValueText.format(0x7FC00000, ValType.F32)).isEqualTo("nan");
        assertThat(ValueText.format(0xFFC00000L, ValType.F32)).isEqualTo("-nan");
        assertThat(ValueText.format(0x7F800001, ValType.F32)).isEqualTo("nan:0x1");
        assertThat(ValueText.format(0xFF800000L, ValType.F32)).isEqualTo("-inf");
        assertThat(ValueText.format(Double.doubleToRawLongBits(0.1), ValType.F64)).isEqualTo("0.1");
        assertThat(ValueText.format(0x7FF8000000000000L, ValType.F64)).isEqualTo("nan");
        assertThat(ValueText.format(0x7FF0000000000000L, ValType.F64)).isEqualTo("inf");
        assertThat(ValueText.format(Ref.NULL, ValType.FUNCREF)).isEqualTo("null");
        assertThat(ValueText.format(Ref.func(3), ValType.FUNCREF)).isEqualTo("ref.func 3");
        assertThat(ValueText.format(Ref.extern(9), ValType.EXTERNREF)).isEqualTo("ref.extern 9");
        assertThat(ValueText.format(Ref.NULL, ValType.EXTERNREF)).isEqualTo("null");
    }

    @Test
    void printedFloatsReadBack() {
        int[] f32 = {0, 1, 0x00800000, 0x3F800001, 0x7F7FFFFF, 0x80000001, 0x7F800000, 0x7FC00000, 0xFFA00000, 0x7F812345};
        for (int bits : f32) {
            assertThat((int) ValueText.parseF32(ValueText.format(bits, ValType.F32))).as("0x%08x", bits).isEqualTo(bits);
        }
        long[] f64 = {0, 1, 0x3FF0000000000001L, 0x7FEFFFFFFFFFFFFFL, 0x8000000000000000L, 0x7FF0000000000000L,
                0x7FF8000000000000L, 0xFFF0000000000001L, Double.doubleToRawLongBits(Math.PI)};
        for (long bits : f64) {
            assertThat(ValueText.parseF64(ValueText.format(bits, ValType.F64))).as("0x%016x", bits).isEqualTo(bits);
        }
    }
}
