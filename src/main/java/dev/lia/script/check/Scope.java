package dev.lia.script.check;

import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names visible at a point of a script. A frame (the script's main body or one import handler)
 * numbers its variables' slots from 0; each block opens a scope inside it.
 */
final class Scope {
    record Variable(String name, Type type, int slot, Pos declared) {}

    /** Slot numbering and loop nesting of one frame. */
    static final class Frame {
        int slots;
        int loops;
        final List<Type> handlerResults; // null in the script's main body

        Frame(List<Type> handlerResults) {
            this.handlerResults = handlerResults;
        }
    }

    final Scope parent;
    final Frame frame;
    private final Map<String, Variable> names = new HashMap<>();

    private Scope(Scope parent, Frame frame) {
        this.parent = parent;
        this.frame = frame;
    }

    static Scope frame(List<Type> handlerResults) {
        return new Scope(null, new Frame(handlerResults));
    }

    Scope child() {
        return new Scope(this, frame);
    }

    Variable lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Variable v = s.names.get(name);
            if (v != null) return v;
        }
        return null;
    }

    Variable declare(String name, Type type, Pos pos) {
        Variable v = new Variable(name, type, frame.slots++, pos);
        names.put(name, v);
        return v;
    }

    /** A slot no name refers to (a for loop's bound). */
    int hiddenSlot() {
        return frame.slots++;
    }

    /** Visible names, innermost first, for "did you mean" hints. */
    List<String> visibleNames() {
        List<String> out = new ArrayList<>();
        for (Scope s = this; s != null; s = s.parent) out.addAll(s.names.keySet());
        return out;
    }
}
