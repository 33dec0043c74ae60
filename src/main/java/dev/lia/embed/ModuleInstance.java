package dev.lia.embed;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance of an engine's module for plain WebAssembly use: call its exports with Java values,
 * read and write its memory and globals. Made by {@link Engine#instantiate()}.
 *
 * <pre>{@code
 * long f = instance.call("fact", 20L).asI64();
 * List<Value> qr = instance.callAll("divmod", 7, 2);
 * }</pre>
 *
 * <p>Arguments are converted to the export's parameter types exactly, or refused (an Integer passes
 * as an i64, a Float as an f64; 1.5 never passes as an i32). A trap throws {@link Trap}, with the
 * wasm backtrace in {@link Trap#backtrace()}; the instance stays usable.
 */
public final class ModuleInstance {
    private final Machine machine;
    private final Instance instance;

    private ModuleInstance(Machine machine, Instance instance) {
        this.machine = machine;
        this.instance = instance;
    }

    static ModuleInstance create(Engine engine) {
        Store store = new Store(engine.limits());
        Machine machine = new Machine(store);
        Map<String, HostFunction> hosts = engine.hostFunctions();
        Map<String, FunctionInstance> linked = new HashMap<>();
        var module = engine.loadedModule().compiled();
        for (Import imp : module.module().imports()) {
            String name = imp.module() + "." + imp.name();
            if (!(imp.desc() instanceof Import.Func f)) {
                throw new LinkException("import " + name + " is a " + imp.kind().toString().toLowerCase(java.util.Locale.ROOT)
                        + ": a ModuleInstance links function imports only (use the Store and Instantiator underneath for the others)");
            }
            if (linked.containsKey(name)) continue;
            FuncType type = module.module().types().get(f.typeIndex());
            HostFunction h = hosts.get(name);
            if (h == null) h = (caller, args) -> { throw new Trap("the import " + name + " was called, and the engine has no host function for it"); };
            linked.put(name, store.hostFunction(name, type, h));
        }
        Instance instance = machine.instantiate(module, (m, n) -> linked.get(m + "." + n));
        return new ModuleInstance(machine, instance);
    }

    /**
     * Calls an exported function and gives its only result, or null when it has none.
     *
     * @throws IllegalArgumentException if there is no such export, or the arguments do not fit its parameters
     * @throws IllegalStateException    if it returns several values (use {@link #callAll})
     * @throws Trap                     if it traps
     */
    public Value call(String export, Object... args) {
        List<Value> r = callAll(export, args);
        if (r.size() > 1) throw new IllegalStateException("'" + export + "' returns " + r.size() + " values: use callAll");
        return r.isEmpty() ? null : r.get(0);
    }

    /** Calls an exported function and gives all its results, in order. Throws as {@link #call} does. */
    public List<Value> callAll(String export, Object... args) {
        FunctionInstance f = function(export);
        long[] bits = Convert.arguments(f.type(), args == null ? new Object[] {null} : args, export);
        return Convert.values(f.type().results(), machine.invoke(f, bits), "result");
    }

    /** The type of an exported function, e.g. {@code [i32] -> [i32]}. */
    public FuncType functionType(String export) {
        return function(export).type();
    }

    /** The names of the exports, in the module's order. */
    public List<String> exports() {
        return List.copyOf(instance.exports().keySet());
    }

    private FunctionInstance function(String export) {
        FunctionInstance f = instance.exportedFunction(export);
        if (f == null) throw new IllegalArgumentException("no exported function '" + export + "'; the exported functions are: " + functionNames());
        return f;
    }

    private String functionNames() {
        List<String> names = instance.exports().entrySet().stream().filter(e -> e.getValue() instanceof FunctionInstance).map(Map.Entry::getKey).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    // ------------------------------------------------------------------ globals and memory

    /** The value of an exported global. @throws IllegalArgumentException if there is no such global */
    public Value global(String export) {
        GlobalInstance g = globalInstance(export);
        return Value.ofBits(Convert.type(g.type().type(), "global '" + export + "'"), g.get());
    }

    /**
     * Sets an exported mutable global (converted exactly to its type).
     *
     * @throws IllegalArgumentException if there is no such global, it is immutable, or the value does not fit
     */
    public void setGlobal(String export, Object value) {
        GlobalInstance g = globalInstance(export);
        if (!g.type().mutable()) throw new IllegalArgumentException("global '" + export + "' is immutable");
        Type t = Convert.type(g.type().type(), "global '" + export + "'");
        g.set(Convert.value(value, t, "global '" + export + "'").bits());
    }

    private GlobalInstance globalInstance(String export) {
        if (!(instance.export(export) instanceof GlobalInstance g)) throw new IllegalArgumentException("no exported global '" + export + "'");
        return g;
    }

    /** Bytes of memory 0 (or of the memory exported as {@code memory}). @throws Trap if out of bounds */
    public byte[] read(long address, int length) {
        return memory().read(address, length);
    }

    /** Writes bytes into memory 0. @throws Trap if out of bounds */
    public void write(long address, byte[] bytes) {
        memory().write(address, bytes);
    }

    /** Memory 0's size in 64 KiB pages. */
    public int memoryPages() {
        return memory().pages();
    }

    private Memory memory() {
        Memory m = instance.memory();
        if (m == null && instance.export("memory") instanceof Memory exported) m = exported;
        if (m == null) throw new IllegalStateException("the module has no memory");
        return m;
    }

    // ------------------------------------------------------------------ underneath

    /** The runtime instance underneath. */
    public Instance instance() {
        return instance;
    }

    /** The machine underneath (to set fuel, attach a debugger, or invoke with raw bits). */
    public Machine machine() {
        return machine;
    }

    /** An export as the runtime has it, or null. */
    public Extern export(String name) {
        return instance.export(name);
    }
}
