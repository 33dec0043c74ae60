package dev.lia.wasm.spec;

import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WastValueTest {
    private static WastValue v(String json) {
        return WastValue.of(Json.parseObject(json));
    }

    @Test
    void argumentsAreUnsignedBits() {
        assertThat(v("{\"type\": \"i32\", \"value\": \"4294967295\"}").bits()).isEqualTo(-1L);
        assertThat(v("{\"type\": \"i64\", \"value\": \"18446744073709551615\"}").bits()).isEqualTo(-1L);
        assertThat(v("{\"type\": \"f32\", \"value\": \"1069547520\"}").bits()).isEqualTo(Float.floatToRawIntBits(1.5f));
        assertThat(v("{\"type\": \"f32\", \"value\": \"2147483648\"}").bits()).isEqualTo(0xFFFFFFFF80000000L);
        assertThat(v("{\"type\": \"f64\", \"value\": \"9221120237041090560\"}").bits()).isEqualTo(0x7FF8000000000000L);
        assertThat(v("{\"type\": \"externref\", \"value\": \"null\"}").bits()).isEqualTo(Ref.NULL);
        assertThat(v("{\"type\": \"externref\", \"value\": \"3\"}").bits()).isEqualTo(Ref.extern(3));
        assertThat(v("{\"type\": \"funcref\", \"value\": \"null\"}").bits()).isEqualTo(Ref.NULL);
    }

    @Test
    void matching() {
        WastValue minus1 = v("{\"type\": \"i32\", \"value\": \"4294967295\"}");
        assertThat(minus1.matches(0xFFFFFFFFL)).isTrue();
        assertThat(minus1.matches(-1L)).isTrue();
        assertThat(minus1.matches(1L)).isFalse();

        WastValue canonical = v("{\"type\": \"f32\", \"value\": \"nan:canonical\"}");
        assertThat(canonical.matches(0x7FC00000)).isTrue();
        assertThat(canonical.matches(0xFFC00000L)).isTrue();
        assertThat(canonical.matches(0x7FC00001)).isFalse();
        assertThat(canonical.matches(0x7F800001)).isFalse();
        WastValue arithmetic = v("{\"type\": \"f32\", \"value\": \"nan:arithmetic\"}");
        assertThat(arithmetic.matches(0x7FC00001)).isTrue();
        assertThat(arithmetic.matches(0xFFE00000L)).isTrue();
        assertThat(arithmetic.matches(0x7F800001)).isFalse();
        assertThat(arithmetic.matches(0x7F800000)).isFalse();

        WastValue canonical64 = v("{\"type\": \"f64\", \"value\": \"nan:canonical\"}");
        assertThat(canonical64.matches(0xFFF8000000000000L)).isTrue();
        assertThat(canonical64.matches(0x7FF8000000000001L)).isFalse();
        WastValue arithmetic64 = v("{\"type\": \"f64\", \"value\": \"nan:arithmetic\"}");
        assertThat(arithmetic64.matches(0x7FF8000000000001L)).isTrue();
        assertThat(arithmetic64.matches(0x7FF0000000000001L)).isFalse();

        WastValue minusZero = v("{\"type\": \"f64\", \"value\": \"9223372036854775808\"}");
        assertThat(minusZero.matches(0x8000000000000000L)).isTrue();
        assertThat(minusZero.matches(0)).isFalse();

        assertThat(v("{\"type\": \"externref\", \"value\": \"null\"}").matches(Ref.NULL)).isTrue();
        assertThat(v("{\"type\": \"externref\", \"value\": \"1\"}").matches(Ref.extern(1))).isTrue();
        assertThat(v("{\"type\": \"externref\", \"value\": \"1\"}").matches(Ref.extern(2))).isFalse();
        assertThat(v("{\"type\": \"funcref\", \"value\": \"null\"}").matches(Ref.func(0))).isFalse();
        assertThat(v("{\"type\": \"funcref\"}").matches(Ref.func(0))).isTrue();
        assertThat(v("{\"type\": \"i32\"}").matches(12)).isTrue();
    }

    @Test
    void textForms() {
        assertThat(v("{\"type\": \"i32\", \"value\": \"4294967295\"}")).hasToString("(i32.const -1)");
        assertThat(v("{\"type\": \"f32\", \"value\": \"nan:canonical\"}")).hasToString("(f32.const nan:canonical)");
        assertThat(v("{\"type\": \"f64\", \"value\": \"4609434218613702656\"}")).hasToString("(f64.const 1.5)");
        assertThat(v("{\"type\": \"externref\", \"value\": \"null\"}")).hasToString("(ref.null extern)");
        assertThat(v("{\"type\": \"externref\", \"value\": \"7\"}")).hasToString("(ref.extern 7)");
        assertThat(v("{\"type\": \"funcref\", \"value\": \"null\"}")).hasToString("(ref.null func)");
        assertThat(WastValue.describe(Ref.func(2), ValType.FUNCREF)).isEqualTo("(ref.func)");
        assertThat(WastValue.describe(0xFFFFFFFFL, ValType.I32)).isEqualTo("(i32.const -1)");
    }

    @Test
    void v128IsRecognisedNotRun() {
        WastValue v = WastValue.of(Json.parseObject("{\"type\": \"v128\", \"lane_type\": \"i32\", \"value\": [\"1\", \"2\", \"3\", \"4\"]}"));
        assertThat(v.isV128()).isTrue();
        assertThatThrownBy(v::bits).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownType() {
        assertThatThrownBy(() -> WastValue.of(Map.of("type", "i31"))).hasMessageContaining("i31");
    }
}
