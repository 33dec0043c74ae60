package dev.lia.state;

import dev.lia.script.vm.VmState;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.ValType;

import java.util.List;

/**
 * A whole engine as plain data: the store (memories, tables, globals, dropped segments, instances
 * and their links, host functions by name), the machine's suspended call stacks, the fuel meter and
 * the suspended script, if any. {@link Snapshots} takes it from live objects and rebuilds them from
 * it; {@link StateCodec} turns it into the canonical bytes and back. Everything is in the module's
 * own terms (store addresses, function indices, byte offsets), never the engine's internal code.
 *
 * @param limits        the resource limits the store was made with
 * @param modules       the SHA-256 of each module's binary, by module number (the order instances first used them)
 * @param carried       the binaries the state carries itself (modules instantiated at run time, whose bytes the
 *                      program made), by module number; the others the restorer supplies
 * @param functionCount how many functions the store holds (host and wasm)
 * @param hostFunctions the host functions, by ascending store address; wasm functions are their instances'
 * @param memories      every memory, by store address
 * @param tables        every table, by store address
 * @param globals       every global, by store address
 * @param instances     the instances in the order they were made
 * @param machine       the machine's call stacks ({@link MachineState#IDLE} when nothing runs)
 * @param fuelUsed      fuel used since the store was made (wasm instructions as the machine counts them, plus Lia operations)
 * @param fuelDebt      after running out of fuel: how far the last charge went below zero; 0 otherwise
 * @param script        the suspended Lia script, or null
 * @param hostStates    the state of each {@link HostComponent} (WASI, ...), by ascending name
 */
public record EngineState(Limits limits, List<byte[]> modules, List<CarriedModule> carried, int functionCount,
                          List<HostFunc> hostFunctions, List<MemoryData> memories, List<TableData> tables, List<GlobalData> globals,
                          List<InstanceData> instances, MachineState machine, long fuelUsed, long fuelDebt, ScriptData script,
                          List<HostState> hostStates, Heap heap) {

    /** A state with host components and nothing in the heap. */
    public EngineState(Limits limits, List<byte[]> modules, List<CarriedModule> carried, int functionCount,
                       List<HostFunc> hostFunctions, List<MemoryData> memories, List<TableData> tables, List<GlobalData> globals,
                       List<InstanceData> instances, MachineState machine, long fuelUsed, long fuelDebt, ScriptData script,
                       List<HostState> hostStates) {
        this(limits, modules, carried, functionCount, hostFunctions, memories, tables, globals, instances, machine, fuelUsed,
                fuelDebt, script, hostStates, Heap.EMPTY);
    }

    /** A state without host components. */
    public EngineState(Limits limits, List<byte[]> modules, List<CarriedModule> carried, int functionCount,
                       List<HostFunc> hostFunctions, List<MemoryData> memories, List<TableData> tables, List<GlobalData> globals,
                       List<InstanceData> instances, MachineState machine, long fuelUsed, long fuelDebt, ScriptData script) {
        this(limits, modules, carried, functionCount, hostFunctions, memories, tables, globals, instances, machine, fuelUsed,
                fuelDebt, script, List.of(), Heap.EMPTY);
    }

    public EngineState {
        modules = List.copyOf(modules);
        carried = List.copyOf(carried);
        hostFunctions = List.copyOf(hostFunctions);
        memories = List.copyOf(memories);
        tables = List.copyOf(tables);
        globals = List.copyOf(globals);
        instances = List.copyOf(instances);
        hostStates = List.copyOf(hostStates);
        if (heap == null) heap = Heap.EMPTY;
        if (!machine.exceptions().isEmpty()) { // the heap holds the exception objects, wherever their exnrefs are
            if (!heap.exceptions().isEmpty()) throw new IllegalArgumentException("exception objects both in the machine and in the heap");
            heap = new Heap(machine.exceptions(), heap.objects(), heap.segments());
            machine = new MachineState(machine.frames(), machine.activationStarts(), machine.innermostInCall());
        }
        for (int i = 1; i < hostStates.size(); i++) {
            if (hostStates.get(i - 1).name().compareTo(hostStates.get(i).name()) >= 0) {
                throw new IllegalArgumentException("host states must be in ascending order of their names, each once");
            }
        }
    }

    /** This state with these host component states (in any order; they are sorted by name). */
    public EngineState withHostStates(List<HostState> states) {
        List<HostState> sorted = new java.util.ArrayList<>(states);
        sorted.sort(java.util.Comparator.comparing(HostState::name));
        return new EngineState(limits, modules, carried, functionCount, hostFunctions, memories, tables, globals, instances, machine,
                fuelUsed, fuelDebt, script, sorted, heap);
    }

    /**
     * What the references of the state reach (see docs/state-format.md, section 12), numbered by one walk from
     * the roots in a fixed order, so that equal states number alike however many objects their runs made.
     *
     * @param exceptions exception objects: exnref {@code i + 1} anywhere in the state is {@code exceptions.get(i)}
     * @param objects    GC objects (structs, arrays): object reference {@code i} is {@code objects.get(i)}
     * @param segments   the element segments, not dropped, that hold GC objects (which a restore could not make again)
     */
    public record Heap(List<dev.lia.wasm.exec.MachineState.Exn> exceptions, List<HeapObject> objects, List<SegmentData> segments) {
        public static final Heap EMPTY = new Heap(List.of(), List.of(), List.of());

        public Heap {
            exceptions = List.copyOf(exceptions);
            objects = List.copyOf(objects);
            segments = List.copyOf(segments);
        }

        public boolean isEmpty() {
            return exceptions.isEmpty() && objects.isEmpty() && segments.isEmpty();
        }
    }

    /**
     * A GC object.
     *
     * @param module the number of the first module (section 2) whose types include the object's type
     * @param type   the first index of that module's type section that is the object's type (canonically)
     * @param length an array's element count; -1 for a struct
     * @param fields the fields (a struct) or elements (an array) in order, each by its storage type: i8 1 byte,
     *               i16 2, i32 and f32 4, i64 and f64 8, v128 16, a reference 8 (canonical, as everywhere)
     */
    public record HeapObject(int module, int type, int length, byte[] fields) {
        @Override
        public boolean equals(Object o) {
            return o instanceof HeapObject h && module == h.module && type == h.type && length == h.length
                    && java.util.Arrays.equals(fields, h.fields);
        }

        @Override
        public int hashCode() {
            return (module * 31 + type) * 31 + java.util.Arrays.hashCode(fields);
        }
    }

    /** Element segment {@code segment} of instance {@code instance} (by position), with its references canonical. */
    public record SegmentData(int instance, int segment, long[] elements) {}

    /** A host component's state: its name and the bytes it saved. */
    public record HostState(String name, byte[] bytes) {
        public HostState {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** The binary of module {@code number}, carried in the state. */
    public record CarriedModule(int number, byte[] bytes) {}

    /** A host function: a store address, the name it is made with again, its type. */
    public record HostFunc(int address, String name, FuncType type) {}

    /**
     * A memory.
     *
     * @param host  made by the host (and linked as an import) rather than defined by an instance
     * @param max   the declared maximum in pages, or -1
     * @param bytes the contents; the length is a whole number of 64 KiB pages
     */
    public record MemoryData(boolean host, long max, byte[] bytes) {
        public int pages() {
            return bytes.length / dev.lia.wasm.runtime.Memory.PAGE_SIZE;
        }
    }

    /** A table: its element type, declared maximum (or -1) and its references as raw values. */
    public record TableData(boolean host, ValType elemType, long max, long[] elements) {}

    /** A global: its type and value as raw bits (32-bit values sign-extended). */
    /** A global's value; a v128 has its low 64 bits in {@code value}, its high 64 bits in {@code high} (else 0). */
    public record GlobalData(boolean host, GlobalType type, long value, long high) {
        public GlobalData(boolean host, GlobalType type, long value) {
            this(host, type, value, 0);
        }
    }

    /**
     * An instance.
     *
     * @param module          its module number
     * @param functionBase    the store address of its first defined function, or -1 if it defines none
     * @param tableBase       the same for tables
     * @param memoryBase      the same for memories
     * @param globalBase      the same for globals
     * @param links           per import, in the module's order, the store address it was linked to
     * @param droppedElements per element segment, whether it was dropped
     * @param droppedDatas    per data segment, whether it was dropped
     */
    public record InstanceData(int module, int functionBase, int tableBase, int memoryBase, int globalBase, int[] links,
                               boolean[] droppedElements, boolean[] droppedDatas) {}

    /** A suspended script and the instance it drives. */
    public record ScriptData(int instance, VmState vm) {}

    /** How many non-zero 64 KiB pages the memories hold: what the encoding keeps. */
    public int nonZeroPages() {
        int n = 0;
        for (MemoryData m : memories) {
            for (int p = 0; p < m.pages(); p++) if (!StateCodec.isZeroPage(m.bytes(), p)) n++;
        }
        return n;
    }

    public int totalPages() {
        int n = 0;
        for (MemoryData m : memories) n += m.pages();
        return n;
    }
}
