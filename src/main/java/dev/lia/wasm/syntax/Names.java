package dev.lia.wasm.syntax;

import java.util.Map;

/** What the {@code name} custom section says; every part may be empty. */
public record Names(String moduleName, Map<Integer, String> functionNames, Map<Integer, Map<Integer, String>> localNames) {
    public static final Names EMPTY = new Names(null, Map.of(), Map.of());

    public Names {
        functionNames = Map.copyOf(functionNames);
        localNames = Map.copyOf(localNames);
    }

    public String functionName(int funcIndex) {
        return functionNames.get(funcIndex);
    }
}
