package dev.lia.wasm.spec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    @Test
    void readsEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e3, true, false, null], \"b\": {\"c\": \"d\"}, \"e\": []} ");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("a", "b", "e");
        @SuppressWarnings("unchecked")
        List<Object> a = (List<Object>) m.get("a");
        assertThat(a).containsExactly(1L, -2L, 3.5, 1000.0, true, false, Json.NULL);
        assertThat(m.get("b")).isEqualTo(Map.of("c", "d"));
        assertThat(m.get("e")).isEqualTo(List.of());
    }

    @Test
    void decodesEscapes() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0000\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("a\"b\\c/d\b\f\n\r\t\u0000\u00e9\ud83d\ude00");
        assertThat(Json.parse("\"caf\u00e9 \u2603\"")).isEqualTo("caf\u00e9 \u2603");
    }

    @Test
    void bigIntegersBecomeDoubles() {
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("18446744073709551616")).isEqualTo(1.8446744073709552E19);
        assertThat(Json.parse("-0")).isEqualTo(0L);
    }

    @Test
    void rejectsBadInputWithAnOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).isInstanceOf(Json.JsonException.class).hasMessageContaining("offset 6");
        assertThatThrownBy(() -> Json.parse("[1, 2")).isInstanceOf(Json.JsonException.class).hasMessageContaining("end of input");
        assertThatThrownBy(() -> Json.parse("[1 2]")).isInstanceOf(Json.JsonException.class);
        assertThatThrownBy(() -> Json.parse("\"abc")).isInstanceOf(Json.JsonException.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Json.parse("\"a\nb\"")).isInstanceOf(Json.JsonException.class).hasMessageContaining("control");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).isInstanceOf(Json.JsonException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> Json.parse("01")).isInstanceOf(Json.JsonException.class);
        assertThatThrownBy(() -> Json.parse("1.")).isInstanceOf(Json.JsonException.class);
        assertThatThrownBy(() -> Json.parse("tru")).isInstanceOf(Json.JsonException.class);
        assertThatThrownBy(() -> Json.parse("\"\\x\"")).isInstanceOf(Json.JsonException.class).hasMessageContaining("escape");
        assertThatThrownBy(() -> Json.parse("\"\\u12g4\"")).isInstanceOf(Json.JsonException.class);
        assertThatThrownBy(() -> Json.parse("[] x")).isInstanceOf(Json.JsonException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> Json.parse("")).isInstanceOf(Json.JsonException.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(10_000))).isInstanceOf(Json.JsonException.class).hasMessageContaining("deep");
    }

    @Test
    void typedHelpers() {
        Map<String, Object> o = Json.parseObject("{\"s\": \"x\", \"n\": 3, \"o\": {}, \"l\": [{}, {\"k\": 1}]}");
        assertThat(Json.string(o, "s")).isEqualTo("x");
        assertThat(Json.string(o, "missing")).isNull();
        assertThat(Json.integer(o, "n", -1)).isEqualTo(3);
        assertThat(Json.integer(o, "missing", -1)).isEqualTo(-1);
        assertThat(Json.object(o, "o")).isEmpty();
        assertThat(Json.objects(o, "l")).hasSize(2);
        assertThat(Json.objects(o, "missing")).isEmpty();
        assertThatThrownBy(() -> Json.string(o, "n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parseObject("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsARealScript() throws Exception {
        java.nio.file.Path json = SuiteLocation.json().resolve("i32/i32.json");
        Map<String, Object> doc = Json.parseObject(java.nio.file.Files.readString(json));
        assertThat(Json.string(doc, "source_filename")).endsWith("i32.wast");
        assertThat(Json.objects(doc, "commands")).hasSizeGreaterThan(400);
    }
}
