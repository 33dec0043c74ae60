package dev.lia.script.check;

import dev.lia.script.syntax.Type;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A function type in Lia's terms. */
public record Signature(List<Type> params, List<Type> results) {
    public Signature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** The Lia signature of a wasm function type, or null if it uses a type Lia has no values of. */
    public static Signature of(FuncType f) {
        List<Type> p = convert(f.params());
        List<Type> r = convert(f.results());
        return p == null || r == null ? null : new Signature(p, r);
    }

    private static List<Type> convert(List<ValType> types) {
        List<Type> out = new ArrayList<>();
        for (ValType v : types) {
            Type t = Type.of(v);
            if (t == null) return null;
            out.add(t);
        }
        return out;
    }

    static String list(List<Type> types) {
        return types.stream().map(Type::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "(" + list(params) + ")" + (results.isEmpty() ? "" : " -> " + list(results));
    }
}
