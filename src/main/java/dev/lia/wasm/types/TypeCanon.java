package dev.lia.wasm.types;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.ArrayType;
import dev.lia.wasm.syntax.CompType;
import dev.lia.wasm.syntax.FieldType;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.StructType;
import dev.lia.wasm.syntax.SubType;
import dev.lia.wasm.syntax.TypeSection;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Iso-recursive canonicalization (3.0): turns a module's type definitions into {@link DefType}s such that
 * structurally equal recursion groups give the same objects. A group's key spells its definitions out,
 * with each type index replaced by either its position inside the group ({@link Rel}) or, for an earlier
 * group, that group's canonical type ({@link Ext}); equal keys are equal groups. The table is process-wide
 * so that identity is type equality everywhere (imports, call_indirect, casts); it grows with the number of
 * distinct groups ever seen.
 */
public final class TypeCanon {
    private static final ConcurrentHashMap<List<Object>, DefType[]> GROUPS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private TypeCanon() {}

    /** A type index inside the group being keyed, as its position there. */
    private record Rel(boolean nullable, int position) {}

    /** A type index of an earlier group, as its canonical type. */
    private record Ext(boolean nullable, DefType type) {}

    /**
     * The canonical type of each definition, in index order. A type index that points past its own group
     * is "unknown type" (at {@code offset}): definitions may only refer to earlier groups and their own.
     */
    public static DefType[] canonicalize(TypeSection section, int offset) {
        List<SubType> types = section.types();
        DefType[] out = new DefType[types.size()];
        int start = 0;
        for (int size : section.groupSizes()) {
            int end = start + size;
            List<Object> key = new ArrayList<>();
            for (int i = start; i < end; i++) key(key, types.get(i), out, start, end, offset);
            final int groupStart = start;
            DefType[] group = GROUPS.computeIfAbsent(key, k -> build(types, groupStart, size, out));
            System.arraycopy(group, 0, out, start, size);
            start = end;
        }
        return out;
    }

    /** The canonical type of a lone function type (a host function's, say): a group of one, final, no supertypes. */
    public static DefType ofFunc(FuncType f) {
        return canonicalize(TypeSection.ofFuncTypes(List.of(f)), -1)[0];
    }

    /**
     * Makes a group's canonical types and links their supertypes: one inside the group must come earlier
     * in it (the validator reports one that does not, which then stays unlinked).
     */
    private static DefType[] build(List<SubType> types, int start, int size, DefType[] earlier) {
        DefType[] group = new DefType[size];
        for (int i = 0; i < size; i++) {
            SubType s = types.get(start + i);
            DefType d = new DefType(s.comp(), s.isFinal(), NEXT_ID.getAndIncrement());
            if (!s.supers().isEmpty()) {
                int sup = s.supers().get(0);
                d.superType = sup < start ? earlier[sup] : sup - start < i ? group[sup - start] : null;
            }
            d.depth = d.superType == null ? 0 : d.superType.depth + 1;
            group[i] = d;
        }
        return group;
    }

    private static void key(List<Object> key, SubType s, DefType[] defs, int start, int end, int offset) {
        CompType c = s.comp();
        key.add(c instanceof FuncType ? 'F' : c instanceof StructType ? 'S' : 'A');
        key.add(s.isFinal());
        key.add(s.supers().size());
        for (int sup : s.supers()) key.add(index(false, sup, defs, start, end, offset));
        if (c instanceof FuncType f) {
            key.add(f.params().size());
            for (ValType t : f.params()) key.add(type(t, defs, start, end, offset));
            key.add(f.results().size());
            for (ValType t : f.results()) key.add(type(t, defs, start, end, offset));
        } else if (c instanceof StructType st) {
            key.add(st.fields().size());
            for (FieldType ft : st.fields()) field(key, ft, defs, start, end, offset);
        } else {
            field(key, ((ArrayType) c).element(), defs, start, end, offset);
        }
    }

    private static void field(List<Object> key, FieldType f, DefType[] defs, int start, int end, int offset) {
        key.add(f.packed());
        key.add(f.mutable());
        key.add(type(f.type(), defs, start, end, offset));
    }

    private static Object type(ValType t, DefType[] defs, int start, int end, int offset) {
        return t.isConcrete() ? index(t.nullable, t.heap, defs, start, end, offset) : t;
    }

    private static Object index(boolean nullable, int index, DefType[] defs, int start, int end, int offset) {
        if (index >= start && index < end) return new Rel(nullable, index - start);
        if (index >= 0 && index < start) return new Ext(nullable, defs[index]);
        throw new InvalidException("unknown type " + index, offset);
    }
}
