package dev.lia.wasm.text;

import java.util.List;

/**
 * The s-expression structure of a text: atoms (tokens) and parenthesized lists. Positions are code
 * point indices into the text; {@link TextSource} turns them into lines and columns.
 */
public sealed interface SExpr permits SExpr.Atom, SExpr.SList {

    /** Code point index where this expression starts. */
    int pos();

    /** The kinds of tokens. */
    enum Kind { NAT, INT, FLOAT, STRING, ID, KEYWORD, RESERVED }

    /** One token. {@code text} is the token exactly as written (strings with quotes and escapes). */
    record Atom(Kind kind, String text, int pos) implements SExpr {
        public boolean is(Kind k) {
            return kind == k;
        }

        public boolean isKeyword(String word) {
            return kind == Kind.KEYWORD && text.equals(word);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A parenthesized list; {@code end} is the position of its closing parenthesis. */
    record SList(List<SExpr> items, int pos, int end) implements SExpr {
        public SList {
            items = List.copyOf(items);
        }

        public int size() {
            return items.size();
        }

        public SExpr get(int i) {
            return items.get(i);
        }

        /** The keyword this list starts with, or null. */
        public String head() {
            return !items.isEmpty() && items.get(0) instanceof Atom a && a.kind == Kind.KEYWORD ? a.text : null;
        }

        public boolean isHead(String word) {
            return word.equals(head());
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(' ');
                sb.append(items.get(i));
            }
            return sb.append(')').toString();
        }
    }
}
