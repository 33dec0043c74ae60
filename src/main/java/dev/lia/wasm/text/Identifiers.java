package dev.lia.wasm.text;

/**
 * Identifiers ({@code $name} and, since 3.0, {@code $"..."}). An identifier stands for its characters:
 * {@code $"fh"} is {@code $fh}, and {@code $"\41"} is {@code $A}. Every identifier atom carries the
 * form {@code $} + those characters, so the rest of the text format compares them as strings.
 */
final class Identifiers {
    private Identifiers() {}

    /** Characters that may follow {@code $} in an identifier, or make up a keyword or reserved token. */
    static boolean isIdChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || "!#$%&'*+-./:<=>?@\\^_`|~".indexOf(c) >= 0;
    }

    /**
     * The canonical text of an identifier token at {@code pos}. A quoted one must be a non-empty, valid
     * UTF-8 name; a string that is not lexically a string literal leaves a bare {@code $}, which the
     * reference lexer reports as "empty identifier".
     */
    static String canonical(String token, int pos) {
        if (token.length() < 2 || token.charAt(1) != '"') return token;
        byte[] bytes;
        try {
            bytes = Strings.bytes(token.substring(1), pos + 1);
        } catch (TextFormatException e) {
            throw new TextFormatException("empty identifier", pos);
        }
        if (bytes.length == 0) throw new TextFormatException("empty identifier", pos);
        return "$" + Strings.name(token.substring(1), pos + 1);
    }
}
