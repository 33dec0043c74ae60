package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.FuncType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import dev.lia.wasm.types.DefType;
import dev.lia.wasm.types.TypeCanon;

import java.util.List;
import java.util.Map;

/**
 * Everything instances share: the functions addressable by references, the instances themselves,
 * canonical signature ids and the resource limits.
 *
 * <p>Functions, memories, tables and globals each have a store address: their position in the order
 * they entered the store (defined by an instance, or created by the host and registered when first
 * linked). Addresses are what a saved state records for links between instances.
 */
public final class Store {
    private final Limits limits;
    private final List<FunctionInstance> functions = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<Memory> memories = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<GlobalInstance> globals = new ArrayList<>();
    private final List<TagInstance> tags = new ArrayList<>();
    private final ExceptionTable exceptions = new ExceptionTable();
    /** GC objects (3.0); 64 Mi slots (512 MiB of fields) at most, so an allocation bomb traps cleanly. */
    private final GcHeap heap = new GcHeap(GC_HEAP_SLOTS);
    public static final long GC_HEAP_SLOTS = 64L << 20;
    /** The address of each registered memory, table and global (functions carry their own). */
    private final Map<Extern, Integer> addresses = new IdentityHashMap<>();

    public Store(Limits limits) {
        this.limits = limits;
    }

    public Store() {
        this(Limits.DEFAULT);
    }

    public Limits limits() {
        return limits;
    }

    /** The canonical id of a signature (a lone function type): equal types get equal ids. */
    public int typeId(FuncType type) {
        return typeId(TypeCanon.ofFunc(type));
    }

    /** The id of a canonical type (3.0): its process-wide number, so equal types get equal ids in every store. */
    public int typeId(DefType type) {
        DEF_TYPES.putIfAbsent(type.id, type);
        return type.id;
    }

    /** The canonical type with id {@code id} (one {@link #typeId} gave out). */
    public static DefType defType(int id) {
        return DEF_TYPES.get(id);
    }

    private static final java.util.concurrent.ConcurrentHashMap<Integer, DefType> DEF_TYPES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Registers a host function so it can be imported and referenced. */
    public HostFunctionInstance hostFunction(String name, FuncType type, HostFunction implementation) {
        HostFunctionInstance f = new HostFunctionInstance(type, typeId(type), functions.size(), name, implementation, null);
        functions.add(f);
        return f;
    }

    /**
     * Registers an asynchronous host function, which answers with a future. When wasm calls it the
     * machine suspends with a host call (as for a yielding function); {@code AsyncMachine} continues
     * when the future completes, without a thread waiting, and the synchronous {@code Machine.invoke}
     * waits for it.
     */
    public HostFunctionInstance asyncFunction(String name, FuncType type, AsyncHostFunction implementation) {
        if (implementation == null) throw new IllegalArgumentException("an asynchronous host function needs an implementation");
        HostFunctionInstance f = new HostFunctionInstance(type, typeId(type), functions.size(), name, null, implementation);
        functions.add(f);
        return f;
    }

    /**
     * Registers a yielding host function: when wasm calls it, the machine stops with a host call
     * outcome and the driver (a script VM, an async host) supplies the results later.
     */
    public HostFunctionInstance yieldingFunction(String name, FuncType type) {
        return hostFunction(name, type, null);
    }

    WasmFunction addFunction(Instance instance, dev.lia.wasm.compile.CompiledFunction code, int typeId) {
        WasmFunction f = new WasmFunction(instance, code, typeId, functions.size());
        functions.add(f);
        return f;
    }

    void addInstance(Instance instance) {
        instances.add(instance);
    }

    /**
     * Gives a memory, table or global its store address, unless it has one already: instances
     * register what they define, the instantiator registers host-made externs when it links them.
     * Returns the address.
     */
    int register(Extern e) {
        Integer known = addresses.get(e);
        if (known != null) return known;
        int address;
        if (e instanceof Memory m) {
            address = memories.size();
            memories.add(m);
        } else if (e instanceof Table t) {
            address = tables.size();
            tables.add(t);
        } else if (e instanceof GlobalInstance g) {
            address = globals.size();
            globals.add(g);
        } else if (e instanceof TagInstance t) {
            address = tags.size();
            tags.add(t);
        } else {
            throw new IllegalArgumentException("functions get their address when they are created");
        }
        addresses.put(e, address);
        return address;
    }

    /** The store address of an extern of this store, or -1 if it has none here. */
    public int addressOf(Extern e) {
        if (e instanceof FunctionInstance f) {
            return f.address < functions.size() && functions.get(f.address) == f ? f.address : -1;
        }
        Integer a = addresses.get(e);
        return a == null ? -1 : a;
    }

    public Memory memory(int address) {
        return memories.get(address);
    }

    public int memoryCount() {
        return memories.size();
    }

    public Table table(int address) {
        return tables.get(address);
    }

    public int tableCount() {
        return tables.size();
    }

    public GlobalInstance global(int address) {
        return globals.get(address);
    }

    public int globalCount() {
        return globals.size();
    }

    /** Makes a tag of this type (its results must be empty), registered in this store: hosts make theirs so. */
    public TagInstance tag(FuncType type) {
        if (!type.results().isEmpty()) throw new IllegalArgumentException("non-empty tag result type");
        TagInstance t = new TagInstance(type, typeId(type), "a host's tag");
        register(t);
        return t;
    }

    public TagInstance tag(int address) {
        return tags.get(address);
    }

    public int tagCount() {
        return tags.size();
    }

    /** The store's exception objects, which exnrefs refer to. */
    public GcHeap heap() {
        return heap;
    }

    public ExceptionTable exceptions() {
        return exceptions;
    }

    /** The function at a store address (a reference minus one). */
    public FunctionInstance function(int address) {
        return functions.get(address);
    }

    public int functionCount() {
        return functions.size();
    }

    /** The instances, in the order they were created. */
    public List<Instance> instances() {
        return List.copyOf(instances);
    }
}
