package dev.lia.wasm.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader (RFC 8259), enough for wast2json output and nothing more.
 *
 * <p>Values map to Java as: object to an unmodifiable {@code Map<String, Object>} keeping key order,
 * array to an unmodifiable {@code List<Object>}, string to {@link String}, number to {@link Long}
 * when it is an integer that fits and to {@link Double} otherwise, {@code true}/{@code false} to
 * {@link Boolean}, and {@code null} to {@link #NULL} (so that a map lookup can tell a JSON null from
 * a missing key).
 */
public final class Json {
    /** The JSON {@code null} value. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A syntax error, with the offset (in characters) where it was found. */
    public static final class JsonException extends IllegalArgumentException {
        private final int offset;

        JsonException(String message, int offset) {
            super(offset >= 0 ? message + " at offset " + offset : message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value; only whitespace may follow it. */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) throw p.error("unexpected content after the value");
        return value;
    }

    /** Parses text that must be a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) throw new JsonException("expected an object", 0);
        return (Map<String, Object>) v;
    }

    private static final int MAX_DEPTH = 512;

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw error("nesting too deep");
        if (pos >= text.length()) throw error("unexpected end of input");
        char c = text.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a string key");
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth + 1);
            if (map.put(key, v) != null) throw error("duplicate key \"" + key + "\"");
            skipWhitespace();
            char c = next();
            if (c == '}') return Collections.unmodifiableMap(map);
            if (c != ',') throw error(pos - 1, "expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) {
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == ']') return Collections.unmodifiableList(list);
            if (c != ',') throw error(pos - 1, "expected ',' or ']'");
        }
    }

    private String string() {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) throw error(start, "unterminated string");
            char c = text.charAt(pos);
            if (c == '"') {
                String tail = text.substring(runStart, pos);
                pos++;
                return sb == null ? tail : sb.append(tail).toString();
            }
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) sb = new StringBuilder();
            sb.append(text, runStart, pos);
            pos++; // backslash
            char e = next();
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u': sb.append(hex4()); break;
                default: throw error(pos - 1, "bad escape '\\" + printable(e) + "'");
            }
            runStart = pos;
        }
    }

    private char hex4() {
        if (pos + 4 > text.length()) throw error("truncated \\u escape");
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) throw error(pos + i, "bad hex digit in \\u escape");
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v; // surrogate pairs arrive as two escapes and join up in the String
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            throw error("bad number");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) throw error("digit expected after '.'");
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw error("digit expected in exponent");
            while (isDigit(peek())) pos++;
        }
        String s = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException tooBig) {
                // falls through to a double
            }
        }
        return Double.parseDouble(s);
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) throw error("unexpected word");
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) throw error("unexpected end of input");
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        pos++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private JsonException error(String message) {
        return error(pos, message);
    }

    private JsonException error(int at, String message) {
        return new JsonException(message, at);
    }

    // ---- typed access helpers for reading parsed documents ----

    /** The string under {@code key}, or null if absent. */
    public static String string(Map<String, Object> obj, String key) {
        Object v = obj.get(key);
        if (v == null) return null;
        if (!(v instanceof String s)) throw new JsonException("\"" + key + "\" is not a string", -1);
        return s;
    }

    /** The integer under {@code key}, or {@code dflt} if absent. */
    public static long integer(Map<String, Object> obj, String key, long dflt) {
        Object v = obj.get(key);
        if (v == null) return dflt;
        if (!(v instanceof Long l)) throw new JsonException("\"" + key + "\" is not an integer", -1);
        return l;
    }

    /** The object under {@code key}, or null if absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> obj, String key) {
        Object v = obj.get(key);
        if (v == null) return null;
        if (!(v instanceof Map)) throw new JsonException("\"" + key + "\" is not an object", -1);
        return (Map<String, Object>) v;
    }

    /** The array under {@code key} as a list of objects; empty if absent. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> objects(Map<String, Object> obj, String key) {
        Object v = obj.get(key);
        if (v == null) return List.of();
        if (!(v instanceof List<?> list)) throw new JsonException("\"" + key + "\" is not an array", -1);
        for (Object o : list) {
            if (!(o instanceof Map)) throw new JsonException("\"" + key + "\" holds a non-object", -1);
        }
        return (List<Map<String, Object>>) v;
    }
}
