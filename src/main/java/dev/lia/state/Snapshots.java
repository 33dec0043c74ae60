package dev.lia.state;

import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.script.vm.VmState;
import dev.lia.wasm.exec.FrameTypes;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Instantiator;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.Table;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between live engines and {@link EngineState}: {@link #capture} reads a store and a suspended
 * machine into plain data; {@link #restore} builds a fresh store and machine from it, by
 * re-instantiating the same modules with the links they had (without running segments or start
 * functions, see {@link Instantiator#allocate}) and overwriting their contents.
 */
public final class Snapshots {
    private Snapshots() {}

    /** Makes a host function again, by name and type, in a store being restored. */
    @FunctionalInterface
    public interface HostFactory {
        HostFunctionInstance create(Store store, String name, FuncType type);

        /** Yielding functions: a driver (the script VM) answers them. */
        HostFactory YIELDING = (store, name, type) -> store.yieldingFunction(name, type);
    }

    /**
     * A rebuilt engine: its store, its machine (with the call stacks restored), its instances in
     * order, and the modules the state carried, in the order of their numbers.
     */
    public record Restored(Store store, Machine machine, List<Instance> instances, List<LoadedModule> carried) {}

    /**
     * Reads the state of a store and its machine (which must not be running).
     *
     * @param modules the modules the store's instances were made from that the restorer supplies (named by hash)
     * @param carried the others, whose binaries the state carries (modules instantiated at run time)
     * @param script  the suspended script, or null
     */
    public static EngineState capture(Store store, Machine machine, List<LoadedModule> modules, List<LoadedModule> carried,
                                      long fuelUsed, long fuelDebt, EngineState.ScriptData script) {
        if (machine.store() != store) throw new IllegalArgumentException("the machine belongs to another store");
        List<Instance> instances = store.instances();
        Map<Module, Integer> numbers = new IdentityHashMap<>();
        List<byte[]> hashes = new ArrayList<>();
        List<EngineState.CarriedModule> carriedBytes = new ArrayList<>();
        boolean[] definedMemory = new boolean[store.memoryCount()];
        boolean[] definedTable = new boolean[store.tableCount()];
        boolean[] definedGlobal = new boolean[store.globalCount()];
        List<EngineState.InstanceData> instanceData = new ArrayList<>();
        for (Instance inst : instances) {
            Module m = inst.module();
            Integer number = numbers.get(m);
            if (number == null) {
                LoadedModule lm = modules.stream().filter(x -> x.compiled().module() == m).findFirst().orElse(null);
                number = hashes.size();
                if (lm == null) {
                    lm = carried.stream().filter(x -> x.compiled().module() == m).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("an instance's module is not among the modules given"));
                    carriedBytes.add(new EngineState.CarriedModule(number, lm.bytes()));
                }
                numbers.put(m, number);
                hashes.add(lm.hash());
            }
            Counts c = Counts.of(m);
            int[] links = new int[m.imports().size()];
            int fi = 0, ti = 0, mi = 0, gi = 0, xi = 0;
            for (int i = 0; i < links.length; i++) {
                Import.Desc d = m.imports().get(i).desc();
                Extern e = d instanceof Import.Func ? inst.function(fi++) : d instanceof Import.Table ? inst.table(ti++)
                        : d instanceof Import.Memory ? inst.memory(mi++) : d instanceof Import.Tag ? inst.tag(xi++) : inst.global(gi++);
                links[i] = store.addressOf(e);
            }
            int fb = c.funcs < inst.functionCount() ? inst.function(c.funcs).address() : -1;
            int tb = c.tables < inst.tableCount() ? store.addressOf(inst.table(c.tables)) : -1;
            int mb = c.memories < inst.memoryCount() ? store.addressOf(inst.memory(c.memories)) : -1;
            int gb = c.globals < inst.globalCount() ? store.addressOf(inst.global(c.globals)) : -1;
            for (int i = c.tables; i < inst.tableCount(); i++) definedTable[store.addressOf(inst.table(i))] = true;
            for (int i = c.memories; i < inst.memoryCount(); i++) definedMemory[store.addressOf(inst.memory(i))] = true;
            for (int i = c.globals; i < inst.globalCount(); i++) definedGlobal[store.addressOf(inst.global(i))] = true;
            boolean[] droppedElements = new boolean[inst.elementSegmentCount()];
            for (int i = 0; i < droppedElements.length; i++) droppedElements[i] = inst.elementSegment(i) == null;
            boolean[] droppedDatas = new boolean[inst.dataSegmentCount()];
            for (int i = 0; i < droppedDatas.length; i++) droppedDatas[i] = inst.dataSegment(i) == null;
            instanceData.add(new EngineState.InstanceData(number, fb, tb, mb, gb, links, droppedElements, droppedDatas));
        }
        refuseHostTags(store, instances);
        List<Module> byNumber = new ArrayList<>();
        for (Instance inst : instances) if (numbers.get(inst.module()) == byNumber.size()) byNumber.add(inst.module());
        HeapWalk walk = new HeapWalk(store, new TypeNames(byNumber));
        // the walk's roots, in its order: globals, tables, segments, frames, the script's host call
        List<EngineState.HostFunc> hosts = new ArrayList<>();
        for (int a = 0; a < store.functionCount(); a++) {
            if (store.function(a) instanceof HostFunctionInstance h) hosts.add(new EngineState.HostFunc(a, h.name(), h.type()));
        }
        List<EngineState.MemoryData> memories = new ArrayList<>();
        for (int a = 0; a < store.memoryCount(); a++) {
            Memory m = store.memory(a);
            memories.add(new EngineState.MemoryData(!definedMemory[a], m.type().limits().max(), m.bytes().clone()));
        }
        List<EngineState.GlobalData> globals = new ArrayList<>();
        for (int a = 0; a < store.globalCount(); a++) {
            GlobalInstance g = store.global(a);
            globals.add(new EngineState.GlobalData(!definedGlobal[a], g.type(), walk.canonical(g.type().type(), g.get()), g.high()));
        }
        List<EngineState.TableData> tables = new ArrayList<>();
        for (int a = 0; a < store.tableCount(); a++) {
            Table t = store.table(a);
            tables.add(new EngineState.TableData(!definedTable[a], t.elemType(), t.type().limits().max(), walk.canonical(t.elemType(), t.elements())));
        }
        List<EngineState.SegmentData> segments = new ArrayList<>();
        for (int n = 0; n < instances.size(); n++) {
            Instance inst = instances.get(n);
            for (int i = 0; i < inst.elementSegmentCount(); i++) {
                if (!HeapWalk.holdsObjects(inst, i)) continue;
                segments.add(new EngineState.SegmentData(n, i, walk.canonical(inst.module().elements().get(i).type(), inst.elementSegment(i))));
            }
        }
        MachineState raw = machine.liveSnapshot();
        MachineState machineState = raw;
        if (!raw.isIdle()) {
            FrameTypes types = new FrameTypes(store);
            List<MachineState.Frame> frames = new ArrayList<>();
            for (MachineState.Frame f : raw.frames()) frames.add(walk.frame(types, f));
            machineState = new MachineState(frames, raw.activationStarts(), raw.innermostInCall());
        }
        if (script != null && script.vm().hostCall() != null) {
            VmState vm = script.vm();
            VmState.HostCall c = vm.hostCall();
            long[] args = walk.canonical(FrameTypes.slotTypes(store.function(c.function()).type().params()), c.args());
            script = new EngineState.ScriptData(script.instance(), new VmState(vm.programId(), vm.pc(), vm.stack(), vm.slots(), vm.frameBase(),
                    vm.frameHandler(), vm.frameReturnPc(), vm.suspension(), vm.request(), new VmState.HostCall(c.function(), c.caller(), args)));
        }
        walk.finish();
        EngineState.Heap heap = new EngineState.Heap(walk.exceptionList, walk.objectList, segments);
        return new EngineState(store.limits(), hashes, carriedBytes, store.functionCount(), hosts, memories, tables, globals, instanceData,
                machineState, fuelUsed, fuelDebt, script, List.of(), heap);
    }

    /** Tags are made again by the instances that define them; a tag a host made has nothing to make it from. */
    private static void refuseHostTags(Store store, List<Instance> instances) {
        boolean[] defined = new boolean[store.tagCount()];
        for (Instance inst : instances) {
            int imported = inst.module().importCount(dev.lia.wasm.syntax.ExternKind.TAG);
            for (int i = imported; i < inst.tagCount(); i++) defined[store.addressOf(inst.tag(i))] = true;
        }
        for (int a = 0; a < defined.length; a++) {
            if (!defined[a]) throw new IllegalArgumentException("tag " + a + " was made by the host: a saved state keeps only the tags instances define");
        }
    }

        /** How many of each kind a module imports. */
    private record Counts(int funcs, int tables, int memories, int globals) {
        static Counts of(Module m) {
            int f = 0, t = 0, mem = 0, g = 0;
            for (Import imp : m.imports()) {
                Import.Desc d = imp.desc();
                if (d instanceof Import.Func) f++;
                else if (d instanceof Import.Table) t++;
                else if (d instanceof Import.Memory) mem++;
                else g++;
            }
            return new Counts(f, t, mem, g);
        }
    }

    /**
     * Builds a new store and machine in the state described. Nothing is shared with any other
     * store; on failure nothing is returned at all.
     *
     * @param available the modules to take the state's modules from, matched by hash, besides those it carries
     * @throws StateException WRONG_MODULE when a module is not available, MALFORMED when the state
     *                        does not fit its modules, TOO_LARGE when a size exceeds the limits
     */
    public static Restored restore(EngineState s, List<LoadedModule> available, Limits limits, HostFactory hosts) {
        if (!s.limits().equals(limits)) {
            throw new StateException(StateException.Kind.MALFORMED, "the state was made with limits " + s.limits() + ", not " + limits);
        }
        LoadedModule[] modules = new LoadedModule[s.modules().size()];
        List<LoadedModule> carried = new ArrayList<>();
        for (EngineState.CarriedModule c : s.carried()) {
            LoadedModule m;
            try {
                m = LoadedModule.of(c.bytes());
            } catch (RuntimeException e) { // malformed, invalid, unsupported
                throw bad("carried module " + c.number() + " does not load: " + e.getMessage());
            }
            if (c.number() >= modules.length || !m.hasHash(s.modules().get(c.number())) || modules[c.number()] != null) {
                throw bad("carried module " + c.number() + " is not the module the state names");
            }
            modules[c.number()] = m;
            carried.add(m);
        }
        for (int i = 0; i < modules.length; i++) {
            if (modules[i] != null) continue;
            byte[] h = s.modules().get(i);
            for (LoadedModule m : available) if (m.hasHash(h)) modules[i] = m;
            if (modules[i] == null) {
                throw new StateException(StateException.Kind.WRONG_MODULE, "the state is for module " + Sha256.text(h)
                        + (available.isEmpty() ? "" : ", not " + String.join(", ", available.stream().map(LoadedModule::hashText).toList())));
            }
        }
        try {
            return build(s, modules, carried, limits, hosts);
        } catch (LinkException e) {
            throw new StateException(StateException.Kind.MALFORMED, "the links do not fit the modules: " + e.getMessage());
        } catch (Trap e) {
            throw new StateException(StateException.Kind.TOO_LARGE, e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException | ClassCastException e) {
            throw new StateException(StateException.Kind.MALFORMED, "the state does not fit its modules: " + e.getMessage());
        }
    }

    private static StateException bad(String message) {
        return new StateException(StateException.Kind.MALFORMED, message);
    }

    private static Restored build(EngineState s, LoadedModule[] modules, List<LoadedModule> carried, Limits limits, HostFactory hostFactory) {
        Store store = new Store(limits);
        Machine machine = new Machine(store);
        List<EngineState.HostFunc> hosts = s.hostFunctions();
        int nextHost = 0;
        Map<Integer, Extern> madeMemories = new HashMap<>(), madeTables = new HashMap<>(), madeGlobals = new HashMap<>();
        List<Instance> instances = new ArrayList<>();
        for (int n = 0; n < s.instances().size(); n++) {
            EngineState.InstanceData d = s.instances().get(n);
            nextHost = makeHosts(store, hosts, nextHost, hostFactory);
            Module m = modules[d.module()].compiled().module();
            if (d.links().length != m.imports().size()) throw bad("instance " + n + " has " + d.links().length + " links for " + m.imports().size() + " imports");
            List<Extern> links = new ArrayList<>();
            for (int i = 0; i < d.links().length; i++) {
                int a = d.links()[i];
                Import.Desc desc = m.imports().get(i).desc();
                if (desc instanceof Import.Func) {
                    if (a >= store.functionCount()) throw bad("instance " + n + " links function " + a + " before it exists");
                    links.add(store.function(a));
                } else if (desc instanceof Import.Memory) {
                    links.add(a < store.memoryCount() ? store.memory(a) : madeMemories.computeIfAbsent(a, x -> hostMemory(s, x, limits)));
                } else if (desc instanceof Import.Tag) { // another instance's tag: made again by that instance, before
                    if (a >= store.tagCount()) throw bad("instance " + n + " links tag " + a + ", which no instance before it defines");
                    links.add(store.tag(a));
                } else if (desc instanceof Import.Table) {
                    links.add(a < store.tableCount() ? store.table(a) : madeTables.computeIfAbsent(a, x -> hostTable(s, x, limits)));
                } else {
                    links.add(a < store.globalCount() ? store.global(a) : madeGlobals.computeIfAbsent(a, x -> hostGlobal(s, x)));
                }
            }
            Instance inst = Instantiator.allocate(store, modules[d.module()].compiled(), links);
            Counts c = Counts.of(m);
            checkBase("function", n, d.functionBase(), c.funcs < inst.functionCount() ? inst.function(c.funcs).address() : -1);
            checkBase("table", n, d.tableBase(), c.tables < inst.tableCount() ? store.addressOf(inst.table(c.tables)) : -1);
            checkBase("memory", n, d.memoryBase(), c.memories < inst.memoryCount() ? store.addressOf(inst.memory(c.memories)) : -1);
            checkBase("global", n, d.globalBase(), c.globals < inst.globalCount() ? store.addressOf(inst.global(c.globals)) : -1);
            for (int i = 0; i < d.links().length; i++) {
                Import.Desc desc = m.imports().get(i).desc();
                if (!(desc instanceof Import.Func) && store.addressOf(links.get(i)) != d.links()[i]) {
                    throw bad("instance " + n + ": import " + i + " did not get address " + d.links()[i]);
                }
            }
            if (d.droppedElements().length != inst.elementSegmentCount() || d.droppedDatas().length != inst.dataSegmentCount()) {
                throw bad("instance " + n + " has the wrong number of segments");
            }
            instances.add(inst);
        }
        nextHost = makeHosts(store, hosts, nextHost, hostFactory);
        if (nextHost < hosts.size()) throw bad("host function " + hosts.get(nextHost).address() + " cannot be placed");
        if (store.functionCount() != s.functionCount() || store.memoryCount() != s.memories().size()
                || store.tableCount() != s.tables().size() || store.globalCount() != s.globals().size()) {
            throw bad("the store has " + store.functionCount() + "/" + store.memoryCount() + "/" + store.tableCount() + "/"
                    + store.globalCount() + " functions/memories/tables/globals, the state " + s.functionCount() + "/"
                    + s.memories().size() + "/" + s.tables().size() + "/" + s.globals().size());
        }

        // contents
        for (int a = 0; a < store.memoryCount(); a++) {
            EngineState.MemoryData d = s.memories().get(a);
            Memory mem = store.memory(a);
            if (d.host() != madeMemories.containsKey(a) || d.max() != mem.type().limits().max()) throw bad("memory " + a + " has another type");
            if (d.pages() < mem.pages()) throw bad("memory " + a + " is smaller than its minimum");
            if (mem.grow(d.pages() - mem.pages()) < 0) {
                throw new StateException(StateException.Kind.TOO_LARGE, "memory " + a + " has " + d.pages() + " pages, more than it may grow to");
            }
            System.arraycopy(d.bytes(), 0, mem.bytes(), 0, d.bytes().length);
        }
        for (int a = 0; a < store.tableCount(); a++) {
            EngineState.TableData d = s.tables().get(a);
            Table t = store.table(a);
            if (d.host() != madeTables.containsKey(a) || d.elemType() != t.elemType() || d.max() != t.type().limits().max()) {
                throw bad("table " + a + " has another type");
            }
            if (d.elements().length < t.size()) throw bad("table " + a + " is smaller than its minimum");
            if (t.grow(d.elements().length - t.size(), Ref.NULL) < 0) {
                throw new StateException(StateException.Kind.TOO_LARGE, "table " + a + " has " + d.elements().length + " elements, more than it may grow to");
            }
            System.arraycopy(d.elements(), 0, t.elements(), 0, d.elements().length);
        }
        for (int a = 0; a < store.globalCount(); a++) {
            EngineState.GlobalData d = s.globals().get(a);
            GlobalInstance g = store.global(a);
            if (d.host() != madeGlobals.containsKey(a) || !d.type().equals(g.type())) throw bad("global " + a + " has another type");
            g.set(d.value());
            g.setHigh(d.high());
        }
        for (int n = 0; n < instances.size(); n++) {
            Instance inst = instances.get(n);
            EngineState.InstanceData d = s.instances().get(n);
            for (int i = 0; i < inst.elementSegmentCount(); i++) if (d.droppedElements()[i]) inst.dropElementSegment(i);
            for (int i = 0; i < inst.dataSegmentCount(); i++) if (d.droppedDatas()[i]) inst.dropDataSegment(i);
        }

        // the call stacks
        for (MachineState.Frame f : s.machine().frames()) {
            if (!(store.function(f.functionAddress()) instanceof WasmFunction)) throw bad("a frame runs function " + f.functionAddress() + ", which is not wasm code");
        }
        machine.restore(s.machine());
        List<Module> byNumber = new ArrayList<>();
        for (LoadedModule lm : modules) byNumber.add(lm.compiled().module());
        HeapRestore.restore(s, store, instances, new TypeNames(byNumber));
        if (s.fuelDebt() > 0) machine.setFuel(-s.fuelDebt());
        return new Restored(store, machine, List.copyOf(instances), List.copyOf(carried));
    }

    private static int makeHosts(Store store, List<EngineState.HostFunc> hosts, int next, HostFactory factory) {
        while (next < hosts.size() && hosts.get(next).address() == store.functionCount()) {
            EngineState.HostFunc h = hosts.get(next);
            FunctionInstance f = factory.create(store, h.name(), h.type());
            if (f == null || f.address() != h.address() || !f.type().equals(h.type())) {
                throw bad("host function " + h.name() + " could not be made again at address " + h.address());
            }
            next++;
        }
        return next;
    }

    private static void checkBase(String kind, int instance, int recorded, int actual) {
        if (recorded != actual) throw bad("instance " + instance + "'s first " + kind + " is at " + actual + ", the state says " + recorded);
    }

    private static Memory hostMemory(EngineState s, int address, Limits limits) {
        if (address >= s.memories().size() || !s.memories().get(address).host()) throw bad("memory " + address + " is linked before it exists");
        EngineState.MemoryData d = s.memories().get(address);
        return new Memory(d.pages(), d.max(), limits.maxMemoryPages());
    }

    private static Table hostTable(EngineState s, int address, Limits limits) {
        if (address >= s.tables().size() || !s.tables().get(address).host()) throw bad("table " + address + " is linked before it exists");
        EngineState.TableData d = s.tables().get(address);
        return new Table(d.elemType(), d.elements().length, d.max(), limits.maxTableSize(), Ref.NULL);
    }

    private static GlobalInstance hostGlobal(EngineState s, int address) {
        if (address >= s.globals().size() || !s.globals().get(address).host()) throw bad("global " + address + " is linked before it exists");
        EngineState.GlobalData d = s.globals().get(address);
        return new GlobalInstance(new GlobalType(d.type().type(), d.type().mutable()), d.value(), d.high());
    }

    /** Whether two states are equal as data (by their canonical encodings). */
    public static boolean same(EngineState a, EngineState b) {
        return Arrays.equals(StateCodec.hash(StateCodec.encode(a)), StateCodec.hash(StateCodec.encode(b)));
    }
}
