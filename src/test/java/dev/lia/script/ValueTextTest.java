package dev.lia.script;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.value.ValueText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTextTest {
    @Test
    void readsEveryForm() {
        assertThat(ValueText.parse("4294967295", Type.I32)).isEqualTo(Value.i32(-1));
        assertThat(ValueText.parse("-0x10", Type.I64)).isEqualTo(Value.i64(-16));
        assertThat(ValueText.parse("1_000", Type.I32)).isEqualTo(Value.i32(1000));
        assertThat(ValueText.parse("18446744073709551615", Type.I64)).isEqualTo(Value.i64(-1));
        assertThat(ValueText.parse("1.5", Type.F64)).isEqualTo(Value.f64(1.5));
        assertThat(ValueText.parse("-2", Type.F32)).isEqualTo(Value.f32(-2));
        assertThat(ValueText.parse("0x1.8p1", Type.F64)).isEqualTo(Value.f64(3));
        assertThat(ValueText.parse("-inf", Type.F32)).isEqualTo(Value.f32(Float.NEGATIVE_INFINITY));
        assertThat(ValueText.parse("nan:0x1", Type.F32)).isEqualTo(Value.f32Bits(0x7f800001));
        assertThat(ValueText.parse("\"a\\n\"", Type.OCTS)).isEqualTo(Value.octs("a\n"));
        assertThat(ValueText.parse("hex:00FF", Type.OCTS)).isEqualTo(Value.octs(new byte[] {0, (byte) 0xff}));
    }

    @Test
    void rejectsWithWhatWasExpected() {
        assertThatThrownBy(() -> ValueText.parse("4294967296", Type.I32)).hasMessage("expected i32 (a decimal or 0x hex integer in range), got '4294967296'");
        assertThatThrownBy(() -> ValueText.parse("Infinity", Type.F64)).hasMessage("expected f64 (e.g. 1.5, -2e10, inf, nan, 0x1p-3), got 'Infinity'");
        assertThatThrownBy(() -> ValueText.parse("hello", Type.OCTS)).hasMessage("expected octs as \"text\" or hex:00ff, got 'hello'");
        assertThatThrownBy(() -> ValueText.parse("hex:abc", Type.OCTS)).hasMessageContaining("even number");
    }

    @Test
    void printsShortestRoundTrip() {
        assertThat(ValueText.f64(Double.doubleToRawLongBits(0.1))).isEqualTo("0.1");
        assertThat(ValueText.f64(Double.doubleToRawLongBits(2.82879384806159E17))).isEqualTo("282879384806159000");
        assertThat(ValueText.f64(Double.doubleToRawLongBits(1e21))).isEqualTo("1e21");
        assertThat(ValueText.f64(Double.doubleToRawLongBits(5e-324))).isEqualTo("5e-324");
        assertThat(ValueText.f32(Float.floatToRawIntBits(3.4028235e38f))).isEqualTo("3.4028235e38");
        assertThat(ValueText.f32(0xffc00000)).isEqualTo("-nan");
        for (double d : new double[] {Math.PI, 1.0 / 3, 123456.789, 1e-7, 9007199254740993.0}) {
            assertThat(Double.parseDouble(ValueText.f64(Double.doubleToRawLongBits(d)))).isEqualTo(d);
        }
        assertThat(ValueText.octs(new byte[] {(byte) 0xff})).isEqualTo("hex:ff");
        assertThat(ValueText.octs("say \"hi\"\n".getBytes())).isEqualTo("\"say \\\"hi\\\"\\n\"");
    }
}
