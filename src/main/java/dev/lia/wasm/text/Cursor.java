package dev.lia.wasm.text;

import dev.lia.wasm.text.SExpr.Atom;
import dev.lia.wasm.text.SExpr.Kind;
import dev.lia.wasm.text.SExpr.SList;

import java.util.List;

/** Walks the items of one list (or of a top-level sequence), with the errors a walk reports. */
final class Cursor {
    private final List<SExpr> items;
    private final int end; // position reported when the items run out
    private int i;

    Cursor(SList list, int start) {
        this.items = list.items();
        this.end = list.end();
        this.i = start;
    }

    Cursor(List<SExpr> items, int end) {
        this.items = items;
        this.end = end;
        this.i = 0;
    }

    boolean atEnd() {
        return i >= items.size();
    }

    SExpr peek() {
        return i < items.size() ? items.get(i) : null;
    }

    SExpr peek(int ahead) {
        return i + ahead < items.size() ? items.get(i + ahead) : null;
    }

    SExpr next() {
        if (atEnd()) throw endError();
        return items.get(i++);
    }

    int position() {
        return atEnd() ? end : items.get(i).pos();
    }

    /** The next item if it is an atom of this kind, else null. */
    Atom peekAtom(Kind kind) {
        return peek() instanceof Atom a && a.kind() == kind ? a : null;
    }

    boolean peekKeyword(String word) {
        return peek() instanceof Atom a && a.isKeyword(word);
    }

    /** The keyword of the next item if it is a keyword atom, else null. */
    String peekKeyword() {
        return peek() instanceof Atom a && a.kind() == Kind.KEYWORD ? a.text() : null;
    }

    /** Whether the next item is a list starting with this keyword. */
    boolean peekList(String head) {
        return peek() instanceof SList l && l.isHead(head);
    }

    /** The next item if it is an atom of this kind (consumed), else null. */
    Atom optional(Kind kind) {
        Atom a = peekAtom(kind);
        if (a != null) i++;
        return a;
    }

    boolean optionalKeyword(String word) {
        if (peekKeyword(word)) {
            i++;
            return true;
        }
        return false;
    }

    Atom atom(Kind kind) {
        Atom a = peekAtom(kind);
        if (a == null) throw unexpectedHere();
        i++;
        return a;
    }

    void keyword(String word) {
        if (!optionalKeyword(word)) throw unexpectedHere();
    }

    SList list() {
        if (peek() instanceof SList l) {
            i++;
            return l;
        }
        throw unexpectedHere();
    }

    /** The next item, a list starting with {@code head}; fails otherwise. */
    SList list(String head) {
        if (!peekList(head)) throw unexpectedHere();
        return (SList) items.get(i++);
    }

    String string() {
        Atom a = atom(Kind.STRING);
        return a.text();
    }

    void expectEnd() {
        if (!atEnd()) throw unexpected(peek());
    }

    TextFormatException unexpectedHere() {
        return atEnd() ? endError() : unexpected(peek());
    }

    private TextFormatException endError() {
        return new TextFormatException("unexpected token", end);
    }

    /** "unexpected token", or "unknown operator ..." if the token is not a known token at all. */
    /** A reserved word or a keyword no instruction or form has: reported as an unknown operator. */
    static boolean unknownOperator(Atom a) {
        return a.kind() == Kind.RESERVED || (a.kind() == Kind.KEYWORD && !Keywords.isKnown(a.text()));
    }

    static TextFormatException unexpected(SExpr e) {
        if (e instanceof Atom a) {
            if (unknownOperator(a)) {
                return new TextFormatException("unknown operator " + a.text(), a.pos());
            }
            return new TextFormatException("unexpected token " + a.text(), a.pos());
        }
        SList l = (SList) e;
        if (!l.items().isEmpty() && l.get(0) instanceof Atom head
                && unknownOperator(head)) {
            return unexpected(head);
        }
        return new TextFormatException("unexpected token", l.pos());
    }
}
