package dev.lia.wasm.text;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** String literals: their bytes, and names (strings that must be valid UTF-8). */
public final class Strings {
    private Strings() {}

    /**
     * The bytes a string token stands for: characters as UTF-8, {@code \hh} as one byte, and the
     * escapes {@code \t \n \r \" \' \\ &#92;u{...}}. {@code pos} is the token's position, for errors.
     */
    public static byte[] bytes(String token, int pos) {
        int n = token.length();
        if (n < 2 || token.charAt(n - 1) != '"' || endsWithEscapedQuote(token)) {
            throw new TextFormatException("unclosed string literal", pos);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        int i = 1;
        int cpIndex = 1; // code point offset from pos
        int end = n - 1;
        while (i < end) {
            int c = token.codePointAt(i);
            int width = Character.charCount(c);
            if (c == '\\') {
                if (i + 1 >= end) throw new TextFormatException("illegal escape", pos + cpIndex);
                char e = token.charAt(i + 1);
                int consumed = 2;
                switch (e) {
                    case 't' -> out.write('\t');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case '"' -> out.write('"');
                    case '\'' -> out.write('\'');
                    case '\\' -> out.write('\\');
                    case 'u' -> {
                        int close = token.indexOf('}', i);
                        if (i + 2 >= end || token.charAt(i + 2) != '{' || close < 0 || close >= end || close == i + 3) {
                            throw new TextFormatException("illegal escape", pos + cpIndex);
                        }
                        String hex = token.substring(i + 3, close);
                        if (!hex.matches("[0-9a-fA-F]+(_?[0-9a-fA-F]+)*")) throw new TextFormatException("illegal escape", pos + cpIndex);
                        long v;
                        try {
                            v = Long.parseLong(hex.replace("_", ""), 16);
                        } catch (NumberFormatException x) {
                            v = Long.MAX_VALUE;
                        }
                        if (v >= 0x110000 || (v >= 0xD800 && v < 0xE000)) throw new TextFormatException("illegal escape", pos + cpIndex);
                        byte[] b = new String(Character.toChars((int) v)).getBytes(StandardCharsets.UTF_8);
                        out.write(b, 0, b.length);
                        consumed = close - i + 1;
                    }
                    default -> {
                        if (hex(e) >= 0 && i + 2 < end && hex(token.charAt(i + 2)) >= 0) {
                            out.write(hex(e) * 16 + hex(token.charAt(i + 2)));
                            consumed = 3;
                        } else {
                            throw new TextFormatException("illegal escape", pos + cpIndex);
                        }
                    }
                }
                i += consumed;
                cpIndex += consumed; // escapes are ASCII
            } else {
                if (c < 0x20 || c == 0x7F) {
                    throw new TextFormatException("illegal control character in string literal", pos + cpIndex);
                }
                if (c < 0x80) {
                    out.write(c);
                } else {
                    byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                }
                i += width;
                cpIndex++;
            }
        }
        return out.toByteArray();
    }

    /** Whether the closing quote is really the end of an escape ({@code "abc\"}), so the string is unclosed. */
    private static boolean endsWithEscapedQuote(String token) {
        int backslashes = 0;
        for (int i = token.length() - 2; i >= 1 && token.charAt(i) == '\\'; i--) backslashes++;
        return backslashes % 2 == 1;
    }

    /** A string token as a name: its bytes must be valid UTF-8. */
    public static String name(String token, int pos) {
        byte[] b = bytes(token, pos);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new TextFormatException("malformed UTF-8 encoding", pos);
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** A string literal (with quotes) for these bytes, escaping what is not printable ASCII. */
    public static String quote(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') sb.append('\\').append((char) c);
            else if (c >= 0x20 && c < 0x7F) sb.append((char) c);
            else sb.append('\\').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
        }
        return sb.append('"').toString();
    }

    /** A string literal for a name: printable characters as they are, the rest escaped. */
    public static String quote(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 2).append('"');
        name.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') sb.append('\\').append((char) c);
            else if (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0)) sb.appendCodePoint(c);
            else sb.append(String.format("\\u{%x}", c));
        });
        return sb.append('"').toString();
    }
}
