package dev.lia.wasm.types;

import dev.lia.wasm.syntax.ArrayType;
import dev.lia.wasm.syntax.CompType;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;

/**
 * A canonical defined type (3.0): one member of a canonical recursion group. {@link TypeCanon} hands out
 * exactly one object per distinct (group, position), so two defined types are the same type, within a
 * module or across modules, exactly when they are the same object.
 */
public final class DefType {
    /** The abstract heap type its composite type belongs under: {@link ValType#FUNC}, {@code STRUCT} or {@code ARRAY}. */
    public final int kind;
    public final boolean isFinal;
    /** The declared supertype, or null. Set once, when the group is built. */
    DefType superType;
    /** Number of supertypes above this one (0 for none): bounds the walk in {@link #isSubtypeOf}. */
    int depth;
    /** A number unique to this type in this process, for hashing and fast identity tables. */
    public final int id;

    DefType(CompType comp, boolean isFinal, int id) {
        this.kind = comp instanceof FuncType ? ValType.FUNC : comp instanceof ArrayType ? ValType.ARRAY : ValType.STRUCT;
        this.isFinal = isFinal;
        this.id = id;
    }

    public DefType superType() {
        return superType;
    }

    /** Declared subtyping: this type is {@code other} or has it among its supertypes. */
    public boolean isSubtypeOf(DefType other) {
        if (this == other) return true;
        if (other.depth >= depth) return false;
        DefType t = this;
        while (t.depth > other.depth) t = t.superType;
        return t == other;
    }

    @Override
    public String toString() {
        return "deftype#" + id;
    }
}
