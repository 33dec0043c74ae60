package dev.lia.wasm.link;

import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Import values for a module about to be instantiated: single externs by {@code module.name}, and
 * whole instances whose exports stand for one import module. An explicit extern wins over an
 * instance's export of the same name; instances are searched in the order they were added.
 *
 * <pre>
 * Imports.none()
 *        .with("env", "memory", running.memory())
 *        .with("env", "__indirect_function_table", running.export("__indirect_function_table"))
 * </pre>
 *
 * Immutable: every {@code with} gives a new value.
 */
public final class Imports implements ImportResolver {
    private record Key(String module, String name) {}

    private record Exports(String module, Instance instance) {}

    private final Map<Key, Extern> externs;
    private final List<Exports> instances;

    private Imports(Map<Key, Extern> externs, List<Exports> instances) {
        this.externs = externs;
        this.instances = instances;
    }

    public static Imports none() {
        return new Imports(Map.of(), List.of());
    }

    /** These imports plus {@code module.name = extern}, replacing an earlier value for that name. */
    public Imports with(String module, String name, Extern extern) {
        if (extern == null) throw new IllegalArgumentException("no extern given for " + module + "." + name);
        Map<Key, Extern> m = new LinkedHashMap<>(externs);
        m.put(new Key(module, name), extern);
        return new Imports(Map.copyOf(m), instances);
    }

    /** These imports plus every export of {@code instance} as an import of module {@code module}. */
    public Imports withExports(String module, Instance instance) {
        List<Exports> l = new ArrayList<>(instances);
        l.add(new Exports(module, instance));
        return new Imports(externs, List.copyOf(l));
    }

    @Override
    public Extern resolve(String module, String name) {
        Extern e = externs.get(new Key(module, name));
        if (e != null) return e;
        for (Exports x : instances) {
            if (x.module().equals(module)) {
                e = x.instance().export(name);
                if (e != null) return e;
            }
        }
        return null;
    }
}
