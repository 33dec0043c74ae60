package dev.lia.wasm.text;

import dev.lia.wasm.text.SExpr.Atom;
import dev.lia.wasm.text.SExpr.Kind;

import java.util.HashMap;
import java.util.Map;

/** One index space of a module (or a function's locals): its size so far and its identifiers. */
final class Space {
    /** How "unknown ..." names an entity of this space. */
    private final String what;
    /** How "duplicate ..." names it. */
    private final String duplicate;
    private final Map<String, Integer> ids = new HashMap<>();
    private int count;

    Space(String what, String duplicate) {
        this.what = what;
        this.duplicate = duplicate;
    }

    int count() {
        return count;
    }

    /** Adds an entity, with its identifier if it has one; returns its index. */
    int add(Atom id) {
        if (id != null) {
            if (ids.containsKey(id.text())) throw new TextFormatException("duplicate " + duplicate + " " + id.text(), id.pos());
            ids.put(id.text(), count);
        }
        return count++;
    }

    /** The index an identifier stands for, or -1. */
    int lookup(String id) {
        Integer i = ids.get(id);
        return i == null ? -1 : i;
    }

    /** An index written as a number or an identifier of this space. */
    int resolve(SExpr e) {
        if (e instanceof Atom a) {
            if (a.kind() == Kind.NAT) return ModuleBuilder.u32(a);
            if (a.kind() == Kind.ID) {
                Integer i = ids.get(a.text());
                if (i == null) throw new TextFormatException("unknown " + what + " " + a.text(), a.pos());
                return i;
            }
        }
        throw Cursor.unexpected(e);
    }

    static boolean isIndex(SExpr e) {
        return e instanceof Atom a && (a.kind() == Kind.NAT || a.kind() == Kind.ID);
    }
}
