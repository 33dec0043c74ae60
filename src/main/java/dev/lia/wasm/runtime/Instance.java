package dev.lia.wasm.runtime;

import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.Module;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module instance: the module's index spaces resolved to store objects. The public fields are
 * there for the interpreter ({@code dev.lia.wasm.exec.Machine} and {@code RareOps} read them in
 * their loops); embedders should go through the methods.
 */
public final class Instance {
    final Store store;
    final Module module;
    private final CompiledModule compiled;
    /** The store's canonical id of each type in the module's type section. */
    public final int[] typeIds;
    public final FunctionInstance[] functions;
    public final Table[] tables;
    /** Private to the runtime: other packages use {@link #memory(int)} and {@link #memoryCount()}. */
    final Memory[] memories;
    public final GlobalInstance[] globals;
    /** Memory 0 or null: the memory every WebAssembly 2.0 memory instruction addresses. */
    public final Memory memory0;
    /** The tags of the module's tag index space (imports first); set by the instantiator. */
    public TagInstance[] tags = new TagInstance[0];
    /** Element segments as reference values; null once dropped. */
    public final long[][] elements;
    /** Data segments; null once dropped. */
    public final byte[][] datas;
    /**
     * Built on first use: the instantiator fills {@link #functions} and {@link #globals} in after
     * constructing the instance, so they cannot be read here.
     */
    private Map<String, Extern> exports;

    Instance(Store store, CompiledModule compiled, int[] typeIds, FunctionInstance[] functions, Table[] tables,
             Memory[] memories, GlobalInstance[] globals, long[][] elements, byte[][] datas) {
        this.store = store;
        this.module = compiled.module();
        this.compiled = compiled;
        this.typeIds = typeIds;
        this.functions = functions;
        this.tables = tables;
        this.memories = memories;
        this.globals = globals;
        this.memory0 = memories.length > 0 ? memories[0] : null;
        this.elements = elements;
        this.datas = datas;
    }

    private Map<String, Extern> exportMap() {
        Map<String, Extern> map = exports;
        if (map == null) {
            map = new LinkedHashMap<>();
            for (Export e : module.exports()) {
                map.put(e.name(), switch (e.kind()) {
                    case FUNC -> functions[e.index()];
                    case TABLE -> tables[e.index()];
                    case MEMORY -> memories[e.index()];
                    case GLOBAL -> globals[e.index()];
                    case TAG -> tags[e.index()];
                });
            }
            exports = map;
        }
        return map;
    }

    public Store store() {
        return store;
    }

    /** The code the instance runs: its module's compilation, shared with other instances of it. */
    public CompiledModule compiledModule() {
        return compiled;
    }

    public Module module() {
        return module;
    }

    /** The export with this name, or null. */
    public Extern export(String name) {
        return exportMap().get(name);
    }

    public Map<String, Extern> exports() {
        return java.util.Collections.unmodifiableMap(exportMap());
    }

    /** The exported function with this name, or null. */
    public FunctionInstance exportedFunction(String name) {
        return exportMap().get(name) instanceof FunctionInstance f ? f : null;
    }

    /** The memory at this index of the module's memory index space (imports first). */
    public Memory memory(int index) {
        return memories[index];
    }

    /** How many memories the instance has, imported and defined. */
    public int memoryCount() {
        return memories.length;
    }

    /** Memory 0, or null when the module has none. */
    public Memory memory() {
        return memories.length > 0 ? memories[0] : null;
    }
}
