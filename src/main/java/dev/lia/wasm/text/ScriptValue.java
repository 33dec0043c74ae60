package dev.lia.wasm.text;

import dev.lia.wasm.syntax.ValType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value in a script (an argument or an expected result), in the form wast2json writes it: numbers
 * as the unsigned decimal of their bits, {@code nan:canonical} / {@code nan:arithmetic} for expected
 * NaNs, {@code null} or a host handle for references, and no value at all for "any non-null
 * reference" ({@code (ref.func)}, {@code (ref.extern)}). A {@code v128} has a lane type and one such
 * text per lane.
 *
 * @param type     the value type
 * @param value    the value text, or null (any non-null reference; also null for v128)
 * @param laneType for v128: i8, i16, i32, i64, f32 or f64; else null
 * @param lanes    for v128: one text per lane; else empty
 * @param alternatives for an expected {@code (either r1 r2 ...)}: the results any of which passes (its
 *                 type is the first one's); else empty
 */
public record ScriptValue(ValType type, String value, String laneType, List<String> lanes, List<ScriptValue> alternatives) {
    public ScriptValue {
        lanes = List.copyOf(lanes);
        alternatives = List.copyOf(alternatives);
    }

    public ScriptValue(ValType type, String value, String laneType, List<String> lanes) {
        this(type, value, laneType, lanes, List.of());
    }

    /** An expected result that any of {@code alternatives} satisfies. */
    public static ScriptValue either(List<ScriptValue> alternatives) {
        return new ScriptValue(alternatives.get(0).type(), null, null, List.of(), alternatives);
    }

    public static ScriptValue of(ValType type, String value) {
        return new ScriptValue(type, value, null, List.of());
    }

    /** As a wast2json JSON object. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!alternatives.isEmpty()) {
            m.put("type", "either");
            m.put("values", alternatives.stream().map(ScriptValue::toJson).toList());
            return m;
        }
        m.put("type", type.text);
        if (type == ValType.V128) {
            m.put("lane_type", laneType);
            m.put("value", lanes);
        } else if (value != null) {
            m.put("value", value);
        }
        return m;
    }

    @Override
    public String toString() {
        if (!alternatives.isEmpty()) {
            return "(either " + String.join(" ", alternatives.stream().map(ScriptValue::toString).toList()) + ")";
        }
        if (type == ValType.V128) return "(v128.const " + laneType + "x" + (128 / Integer.parseInt(laneType.substring(1))) + " " + String.join(" ", lanes) + ")";
        if (type.isRef()) {
            String kind = ValType.heapText(type.heap);
            if (value == null) return "(ref." + kind + ")";
            return "null".equals(value) ? "(ref.null " + kind + ")" : "(ref.extern " + value + ")";
        }
        return "(" + type.text + ".const " + value + ")";
    }
}
