package dev.lia.wasm.syntax;

import java.util.List;

/** A function signature: parameter and result types. */
public record FuncType(List<ValType> params, List<ValType> results) implements CompType {
    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FuncType of(ValType[] params, ValType[] results) {
        return new FuncType(List.of(params), List.of(results));
    }

    /** Frame slots the parameters occupy (a v128 takes two). */
    public int paramSlots() {
        return slots(params);
    }

    /** Frame slots the results occupy (a v128 takes two). */
    public int resultSlots() {
        return slots(results);
    }

    /** Frame slots of a sequence of values: one each, two for a v128. */
    public static int slots(List<ValType> types) {
        int n = types.size();
        for (int i = 0; i < types.size(); i++) if (types.get(i) == ValType.V128) n++;
        return n;
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
