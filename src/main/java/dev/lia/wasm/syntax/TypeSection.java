package dev.lia.wasm.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * A module's type definitions (3.0), in index order, with their grouping into recursion groups:
 * {@code groupSizes} partitions {@code types} into consecutive runs, one per {@code rec} group (a
 * definition outside any {@code rec} is a group of one).
 */
public record TypeSection(List<SubType> types, List<Integer> groupSizes) {
    public TypeSection {
        types = List.copyOf(types);
        groupSizes = List.copyOf(groupSizes);
    }

    /** Function types only, each its own group: a module as 2.0 knows it. */
    public static TypeSection ofFuncTypes(List<FuncType> funcs) {
        List<SubType> ts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (FuncType f : funcs) {
            ts.add(SubType.plain(f));
            sizes.add(1);
        }
        return new TypeSection(ts, sizes);
    }

    /** The function types, index by index: null where a definition is a struct or array type. */
    public List<FuncType> funcTypes() {
        List<FuncType> out = new ArrayList<>(types.size());
        for (SubType s : types) out.add(s.comp() instanceof FuncType f ? f : null);
        return out;
    }
}
