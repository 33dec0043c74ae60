package dev.lia.wasm.text;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.atn.LexerATNSimulator;

/**
 * Annotations, {@code (@id ...)} (3.0 text format): white space to the grammar, so the lexer skips
 * them, but what is inside must still be well-formed tokens, nested parentheses, closed strings and
 * comments, as the reference lexer checks. Lia gives no annotation a meaning.
 */
final class Annotations {
    private final CharStream in;
    private final LexerATNSimulator sim;

    private Annotations(CharStream in, LexerATNSimulator sim) {
        this.in = in;
        this.sim = sim;
    }

    /** Skips the rest of an annotation whose opening "(@" starts at {@code start} and was just matched. */
    static void skip(CharStream in, int start, LexerATNSimulator sim) {
        Annotations a = new Annotations(in, sim);
        a.annotationId(start);
        a.body(start);
    }

    /** The id right after "(@": identifier characters, or a string that is a non-empty UTF-8 name. */
    private void annotationId(int start) {
        if (in.LA(1) == '"') {
            int at = in.index();
            String s = string();
            byte[] bytes = null;
            if (s != null) {
                try {
                    bytes = Strings.bytes(s, at);
                } catch (TextFormatException e) {
                    bytes = null;
                }
            }
            if (bytes == null || bytes.length == 0) throw new TextFormatException("empty annotation id", start);
            Strings.name(s, at); // malformed UTF-8 encoding
        } else if (Identifiers.isIdChar(in.LA(1))) {
            while (Identifiers.isIdChar(in.LA(1))) consume();
        } else {
            throw new TextFormatException("empty annotation id", start);
        }
    }

    /** Tokens, white space and comments up to the ")" that closes the annotation. */
    private void body(int start) {
        int depth = 1;
        while (depth > 0) {
            int c = in.LA(1);
            int at = in.index();
            if (c == IntStream.EOF) throw new TextFormatException("unclosed annotation", start);
            if (c == '(' && in.LA(2) == ';') {
                blockComment(at);
            } else if (c == '(' && in.LA(2) == '@' && in.LA(3) == '"') { // a nested annotation's quoted id is checked
                consume();
                consume();
                annotationId(at);
                depth++;
            } else if (c == '(') {
                consume();
                depth++;
            } else if (c == ')') {
                consume();
                depth--;
            } else if (c == ';' && in.LA(2) == ';') {
                while (in.LA(1) != '\n' && in.LA(1) != '\r' && in.LA(1) != IntStream.EOF) consume();
            } else if (c == '"') {
                String s = string();
                if (s == null) throw new TextFormatException("unclosed string literal", at);
                Strings.bytes(s, at);
            } else if (c == '$') {
                identifier(at);
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || Identifiers.isIdChar(c) || ",;[]{}".indexOf(c) >= 0) {
                consume();
            } else {
                throw new TextFormatException("illegal character", at);
            }
        }
    }

    /** An identifier inside an annotation: a bare "$" or an empty or malformed quoted name is an error. */
    private void identifier(int at) {
        consume();
        if (in.LA(1) == '"') {
            String s = string();
            if (s == null) throw new TextFormatException("empty identifier", at);
            Identifiers.canonical("$" + s, at);
        } else if (!Identifiers.isIdChar(in.LA(1))) {
            throw new TextFormatException("empty identifier", at);
        }
    }

    /**
     * A string's token text, quotes included, consumed; null (with the line break or end of input left
     * unread) if it is not closed on its line. Its escapes and characters are checked by the caller.
     */
    private String string() {
        StringBuilder sb = new StringBuilder().appendCodePoint(in.LA(1));
        consume();
        while (true) {
            int c = in.LA(1);
            if (c == IntStream.EOF || c == '\n' || c == '\r') return null;
            sb.appendCodePoint(c);
            consume();
            if (c == '"') return sb.toString();
            if (c == '\\') {
                int e = in.LA(1);
                if (e == IntStream.EOF || e == '\n' || e == '\r') return null;
                sb.appendCodePoint(e);
                consume();
            }
        }
    }

    /** A block comment, nested ones included. */
    private void blockComment(int start) {
        consume();
        consume();
        int depth = 1;
        while (depth > 0) {
            int c = in.LA(1);
            if (c == IntStream.EOF) throw new TextFormatException("unclosed comment", start);
            if (c == '(' && in.LA(2) == ';') {
                consume();
                depth++;
            } else if (c == ';' && in.LA(2) == ')') {
                consume();
                depth--;
            }
            consume();
        }
    }

    private void consume() {
        sim.consume(in);
    }
}
