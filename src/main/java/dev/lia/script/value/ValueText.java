package dev.lia.script.value;

import dev.lia.script.syntax.Type;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Values as text, both ways: how {@code lia run} prints them and how {@code --arg} and answers to
 * requests are read.
 *
 * <ul>
 *   <li>i32 as signed decimal, i64 as signed decimal;</li>
 *   <li>floats as the shortest decimal that reads back to the same bits ({@code 1.5}, {@code 1e-7}),
 *       {@code inf}, {@code -inf}, {@code nan} (the canonical NaN), {@code nan:0x...} (any other payload), {@code -0};</li>
 *   <li>octs as a quoted string with escapes when they are printable UTF-8, else {@code hex:...};</li>
 *   <li>v128 as {@code i32x4} and four signed decimal lanes (read in any shape: {@code i8x16 1 2 ...}, {@code f64x2 0.5 -1}).</li>
 * </ul>
 */
public final class ValueText {
    private ValueText() {}

    public static String text(Value v) {
        return switch (v.type()) {
            case I32 -> Integer.toString(v.asI32());
            case I64 -> Long.toString(v.asI64());
            case F32 -> f32((int) v.bits());
            case F64 -> f64(v.bits());
            case OCTS -> octs(v.bytesShared());
            case V128 -> dev.lia.wasm.spec.ValueText.formatV128(v.v128Half(0), v.v128Half(1));
            case INSTANCE -> throw new IllegalArgumentException("an instance is not a value");
        };
    }

    /** An f32 as every command prints it ({@link dev.lia.wasm.text.Numbers#f32Text}). */
    public static String f32(int bits) {
        return dev.lia.wasm.text.Numbers.f32Text(bits);
    }

    /** An f64 as every command prints it ({@link dev.lia.wasm.text.Numbers#f64Text}). */
    public static String f64(long bits) {
        return dev.lia.wasm.text.Numbers.f64Text(bits);
    }

    /** A quoted, escaped string when the bytes are printable UTF-8, else {@code hex:...}. */
    public static String octs(byte[] bytes) {
        String s = printable(bytes);
        return s != null ? quote(s) : "hex:" + HexFormat.of().formatHex(bytes);
    }

    /** The text of bytes that are valid UTF-8 without control characters (tab, CR and LF allowed), else null. */
    public static String printable(byte[] bytes) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return null;
        }
        return s;
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A name as a script writes it: as is when it is an identifier, else in backquotes. */
    public static String name(String name) {
        return name.matches("[A-Za-z_][A-Za-z_0-9]*(\\.[A-Za-z_][A-Za-z_0-9]*)*") ? name : "`" + name + "`";
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a value of type {@code t}: integers in decimal or {@code 0x} hex (with {@code _}, a
     * leading {@code -}, and for i32 anything in -2^31..2^32-1), floats as above or in hex float
     * form, octs as {@code "text"} (with the script's escapes) or {@code hex:00ff}.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static Value parse(String text, Type t) {
        String s = text.trim();
        switch (t) {
            case I32, I64 -> {
                BigInteger v = integer(s);
                if (v == null || !Literals.fits(v, t)) {
                    throw new IllegalArgumentException("expected " + t + " (a decimal or 0x hex integer"
                            + (v == null ? "" : " in range") + "), got '" + text + "'");
                }
                return Value.ofBits(t, Literals.intBits(v, t));
            }
            case F32, F64 -> {
                boolean negative = s.startsWith("-");
                String body = negative || s.startsWith("+") ? s.substring(1) : s;
                body = body.replace("_", "");
                try {
                    if (!body.matches("inf|nan|nan:0x[0-9a-fA-F]+|[0-9.eE+\\-]+|0x[0-9a-fA-F.]+[pP][+-]?[0-9]+")) {
                        throw new NumberFormatException();
                    }
                    BigInteger asInt = integer(body);
                    long bits = asInt != null && !body.startsWith("0x") ? Literals.intBits(negative ? asInt.negate() : asInt, t)
                            : Literals.floatBits(body, negative, t);
                    return Value.ofBits(t, bits);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected " + t + " (e.g. 1.5, -2e10, inf, nan, 0x1p-3), got '" + text + "'");
                }
            }
            case V128 -> {
                long[] halves = dev.lia.wasm.spec.ValueText.parseV128(s); // says what was expected
                return Value.v128(halves[0], halves[1]);
            }
            default -> {
                if (s.startsWith("hex:")) {
                    String hex = s.substring(4).replace("_", "").replace(" ", "");
                    if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
                        throw new IllegalArgumentException("expected hex:HH... with an even number of hex digits, got '" + text + "'");
                    }
                    return Value.octsOwned(HexFormat.of().parseHex(hex));
                }
                if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) return Value.octsOwned(unescape(s.substring(1, s.length() - 1)));
                throw new IllegalArgumentException("expected octs as \"text\" or hex:00ff, got '" + text + "'");
            }
        }
    }

    private static BigInteger integer(String s) {
        boolean negative = s.startsWith("-");
        String body = (negative || s.startsWith("+") ? s.substring(1) : s).replace("_", "");
        try {
            BigInteger v = body.startsWith("0x") ? new BigInteger(body.substring(2), 16) : new BigInteger(body);
            if (v.signum() < 0 || body.startsWith("+") || body.startsWith("-")) return null;
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The bytes of a string body with the script's escapes. */
    public static byte[] unescape(String body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            int cp = body.codePointAt(i);
            if (cp != '\\' || i + 1 >= body.length()) {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            char c = body.charAt(i + 1);
            i += 2;
            switch (c) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case 'x' -> {
                    if (i + 2 > body.length() || !body.substring(i, i + 2).matches("[0-9a-fA-F]{2}")) {
                        throw new IllegalArgumentException("bad escape: \\x needs two hex digits");
                    }
                    out.write(Integer.parseInt(body.substring(i, i + 2), 16));
                    i += 2;
                }
                case 'u' -> {
                    int close = body.indexOf('}', i);
                    if (body.charAt(i) != '{' || close < 0) throw new IllegalArgumentException("bad escape: expected \\u{HEX}");
                    int v = Integer.parseInt(body.substring(i + 1, close), 16);
                    out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                    i = close + 1;
                }
                case '\\', '"', '\'' -> out.write(c);
                default -> throw new IllegalArgumentException("unknown escape \\" + c + "; expected one of \\n \\r \\t \\0 \\\\ \\\" \\' \\xHH \\u{HEX}");
            }
        }
        return out.toByteArray();
    }
}
