package dev.lia.cli;

import dev.lia.script.value.Value;
import dev.lia.script.value.ValueText;

/** The few JSON shapes the script commands print, written by hand. */
final class Json {
    private Json() {}

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * A value: {@code {"type":"i32","value":"-1"}}; floats add {@code "bits":"0x..."}; octs are
     * {@code {"type":"octs","hex":"6869","text":"hi"}} ({@code text} only when printable UTF-8); a v128 is
     * {@code {"type":"v128","value":"i32x4 1 2 3 4","hex":"01000000..."}} (its 16 bytes, lane 0 first).
     */
    static String value(Value v) {
        StringBuilder sb = new StringBuilder("{\"type\":\"").append(v.type()).append('"');
        switch (v.type()) {
            case I32, I64 -> sb.append(",\"value\":").append(string(ValueText.text(v)));
            case F32 -> sb.append(",\"value\":").append(string(ValueText.text(v)))
                    .append(",\"bits\":\"0x").append(String.format("%08x", (int) v.bits())).append('"');
            case F64 -> sb.append(",\"value\":").append(string(ValueText.text(v)))
                    .append(",\"bits\":\"0x").append(String.format("%016x", v.bits())).append('"');
            case V128 -> sb.append(",\"value\":").append(string(ValueText.text(v)))
                    .append(",\"hex\":\"").append(v.hex()).append('"');
            case OCTS -> {
                sb.append(",\"hex\":\"").append(v.hex()).append('"');
                String text = ValueText.printable(v.bytesShared());
                if (text != null) sb.append(",\"text\":").append(string(text));
            }
        }
        return sb.append('}').toString();
    }

    static String values(java.util.List<Value> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(value(values.get(i)));
        }
        return sb.append(']').toString();
    }
}
