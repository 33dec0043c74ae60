package dev.lia.wasm.runtime;

import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.Module;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module instance: the module's index spaces resolved to store objects. Its index spaces are
 * private: the interpreter, the compiled tier and embedders read them through the accessors
 * ({@link #function(int)}, {@link #global(int)}, ...), and only dropping a segment changes them.
 */
public final class Instance {
    final Store store;
    final Module module;
    private final CompiledModule compiled;
    /** The store's canonical id of each type in the module's type section. */
    private final int[] typeIds;
    private final FunctionInstance[] functions;
    private final Table[] tables;
    private final Memory[] memories;
    private final GlobalInstance[] globals;
    /** Memory 0 or null: the memory every WebAssembly 2.0 memory instruction addresses. */
    private final Memory memory0;
    /** The tags of the module's tag index space (imports first); set by the instantiator. */
    private TagInstance[] tags = new TagInstance[0];
    /** Element segments as reference values; null once dropped. */
    private final long[][] elements;
    /** Data segments; null once dropped. */
    private final byte[][] datas;
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
        return memory0;
    }

    /** The store's canonical id of the type at this index of the module's type section. */
    /** The canonical types of the module's type indices (3.0), set once at instantiation. */
    public dev.lia.wasm.types.DefType[] defTypes() {
        return defTypes;
    }

    void setDefTypes(dev.lia.wasm.types.DefType[] defs) {
        this.defTypes = defs;
    }

    private dev.lia.wasm.types.DefType[] defTypes = new dev.lia.wasm.types.DefType[0];

    public int typeId(int typeIndex) {
        return typeIds[typeIndex];
    }

    /** The function at this index of the module's function index space (imports first). */
    public FunctionInstance function(int index) {
        return functions[index];
    }

    /** How many functions the instance has, imported and defined. */
    public int functionCount() {
        return functions.length;
    }

    /** The table at this index of the module's table index space (imports first). */
    public Table table(int index) {
        return tables[index];
    }

    /** How many tables the instance has, imported and defined. */
    public int tableCount() {
        return tables.length;
    }

    /** The global at this index of the module's global index space (imports first). */
    public GlobalInstance global(int index) {
        return globals[index];
    }

    /** How many globals the instance has, imported and defined. */
    public int globalCount() {
        return globals.length;
    }

    /**
     * Element segment {@code index} as reference values, or null once dropped. The array is the
     * instance's own: callers copy out of it and never write into it.
     */
    public long[] elementSegment(int index) {
        return elements[index];
    }

    /** How many element segments the module has. */
    public int elementSegmentCount() {
        return elements.length;
    }

    /** Sets element segment {@code index} to the references a saved state holds for it (GC objects, renumbered). */
    public void restoreElementSegment(int index, long[] refs) {
        elements[index] = refs.clone();
    }

    /** {@code elem.drop}: element segment {@code index} is empty from now on. */
    public void dropElementSegment(int index) {
        elements[index] = null;
    }

    /**
     * Data segment {@code index}, or null once dropped. The array is the instance's own: callers
     * copy out of it and never write into it.
     */
    public byte[] dataSegment(int index) {
        return datas[index];
    }

    /** How many data segments the module has. */
    public int dataSegmentCount() {
        return datas.length;
    }

    /** {@code data.drop}: data segment {@code index} is empty from now on. */
    public void dropDataSegment(int index) {
        datas[index] = null;
    }

    /** Tag {@code i} of the module's tag index space (imports first). */
    public TagInstance tag(int i) {
        return tags[i];
    }

    public int tagCount() {
        return tags.length;
    }

    void setTags(TagInstance[] tags) {
        this.tags = tags;
    }
}
