package dev.lia.wasm.syntax;

import java.util.List;

/** A function signature: parameter and result types. */
public record FuncType(List<ValType> params, List<ValType> results) {
    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FuncType of(ValType[] params, ValType[] results) {
        return new FuncType(List.of(params), List.of(results));
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
