package dev.lia.state;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.VmState;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.ValType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical binary encoding of an {@link EngineState} (specified byte by byte in
 * {@code docs/state-format.md}): a header (magic, format version, total length), eleven sections in a
 * fixed order (twelve in version 5: the heap), and the SHA-256 of everything before it. That trailing digest is the state hash, the
 * state's identity. One state has exactly one encoding: the decoder refuses anything the encoder
 * would not have written (an all-zero page kept, pages out of order, a flag other than 0 or 1).
 *
 * <p>No Java serialization: every field is written explicitly, little-endian, fixed width.
 */
public final class StateCodec {
    /** "LIASTATE". */
    static final byte[] MAGIC = "LIASTATE".getBytes(StandardCharsets.US_ASCII);
    /**
     * The current format version: 5 is version 3 plus the heap section (exception objects, GC objects and the
     * element segments holding GC objects, wherever their references are).
     */
    public static final int VERSION = 5;
    /**
     * The version a state whose heap is empty is written in: version 3 is version 5 without the heap section,
     * so each state keeps exactly one encoding and states saved before exceptions and GC keep their bytes and
     * hashes (and load).
     */
    public static final int VERSION_WITHOUT_EXCEPTIONS = 3;
    /** Read, never written: version 3 plus exception objects (reached from frames only) at the end of the machine section. */
    static final int VERSION_EXCEPTIONS_IN_MACHINE = 4;
    static final int HEADER = MAGIC.length + 4 + 8;
    static final int PAGE = Memory.PAGE_SIZE;

    static final int S_LIMITS = 1, S_MODULES = 2, S_FUNCTIONS = 3, S_MEMORIES = 4, S_TABLES = 5, S_GLOBALS = 6,
            S_INSTANCES = 7, S_MACHINE = 8, S_FUEL = 9, S_SCRIPT = 10, S_HOSTS = 11, S_HEAP = 12;
    private static final String[] SECTION_NAMES = {"", "limits", "modules", "functions", "memories", "tables", "globals",
            "instances", "machine", "fuel", "script", "hosts", "heap"};

    /** The type code of octs in typed values (numbers use their wasm value type codes). */
    static final int OCTS_CODE = 0x01;

    private static final byte[] ZERO_PAGE = new byte[PAGE];

    private StateCodec() {}

    // ------------------------------------------------------------------ encoding

    /** The canonical bytes of a state, ending in their SHA-256. */
    public static byte[] encode(EngineState s) {
        long estimate = HEADER + 1024L + Sha256.LENGTH;
        for (EngineState.MemoryData m : s.memories()) estimate += m.bytes().length / 4; // most memory is zeros
        Out out = new Out((int) Math.min(estimate, 1 << 28));
        out.bytes(MAGIC);
        boolean withHeap = !s.heap().isEmpty();
        out.u32(withHeap ? VERSION : VERSION_WITHOUT_EXCEPTIONS);
        int total = out.size();
        out.u64(0); // total length, filled in below

        int mark = section(out, S_LIMITS);
        Limits l = s.limits();
        out.u32(l.maxMemoryPages());
        out.u32(l.maxTableSize());
        out.u32(l.maxCallDepth());
        out.u32(l.maxStackSlots());
        out.patchLength(mark);

        mark = section(out, S_MODULES);
        out.u32(s.modules().size());
        for (byte[] h : s.modules()) {
            if (h.length != Sha256.LENGTH) throw new IllegalArgumentException("a module hash has 32 bytes");
            out.bytes(h);
        }
        out.u32(s.carried().size());
        for (EngineState.CarriedModule c : s.carried()) {
            out.u32(c.number());
            out.blob(c.bytes());
        }
        out.patchLength(mark);

        mark = section(out, S_FUNCTIONS);
        out.u32(s.functionCount());
        out.u32(s.hostFunctions().size());
        for (EngineState.HostFunc f : s.hostFunctions()) {
            out.u32(f.address());
            out.str(f.name());
            valTypes(out, f.type().params());
            valTypes(out, f.type().results());
        }
        out.patchLength(mark);

        mark = section(out, S_MEMORIES);
        out.u32(s.memories().size());
        for (EngineState.MemoryData m : s.memories()) {
            out.bool(m.host());
            out.u64(m.max());
            int pages = m.pages();
            out.u32(pages);
            int countAt = out.size();
            out.u32(0);
            int kept = 0;
            for (int p = 0; p < pages; p++) {
                if (isZeroPage(m.bytes(), p)) continue;
                out.u32(p);
                out.bytes(m.bytes(), p * PAGE, PAGE);
                kept++;
            }
            byte[] a = out.array();
            a[countAt] = (byte) kept;
            a[countAt + 1] = (byte) (kept >>> 8);
            a[countAt + 2] = (byte) (kept >>> 16);
            a[countAt + 3] = (byte) (kept >>> 24);
        }
        out.patchLength(mark);

        mark = section(out, S_TABLES);
        out.u32(s.tables().size());
        for (EngineState.TableData t : s.tables()) {
            out.bool(t.host());
            valType(out, t.elemType());
            out.u64(t.max());
            out.u32(t.elements().length);
            for (long e : t.elements()) out.u64(e);
        }
        out.patchLength(mark);

        mark = section(out, S_GLOBALS);
        out.u32(s.globals().size());
        for (EngineState.GlobalData g : s.globals()) {
            out.bool(g.host());
            valType(out, g.type().type());
            out.bool(g.type().mutable());
            out.u64(g.value());
            if (g.type().type() == ValType.V128) out.u64(g.high()); // a v128: its high 64 bits follow
        }
        out.patchLength(mark);

        mark = section(out, S_INSTANCES);
        out.u32(s.instances().size());
        for (EngineState.InstanceData i : s.instances()) {
            out.u32(i.module());
            out.u32(i.functionBase());
            out.u32(i.tableBase());
            out.u32(i.memoryBase());
            out.u32(i.globalBase());
            out.u32(i.links().length);
            for (int a : i.links()) out.u32(a);
            bits(out, i.droppedElements());
            bits(out, i.droppedDatas());
        }
        out.patchLength(mark);

        mark = section(out, S_MACHINE);
        MachineState m = s.machine();
        out.u32(m.frames().size());
        for (MachineState.Frame f : m.frames()) {
            out.u32(f.functionAddress());
            out.u32(f.resumeOffset());
            out.u32(f.slots().length);
            for (long v : f.slots()) out.u64(v);
        }
        out.u32(m.activationStarts().length);
        for (int a : m.activationStarts()) out.u32(a);
        out.bool(m.innermostInCall());
        out.patchLength(mark);

        mark = section(out, S_FUEL);
        out.u64(s.fuelUsed());
        out.u64(s.fuelDebt());
        out.patchLength(mark);

        mark = section(out, S_SCRIPT);
        EngineState.ScriptData sd = s.script();
        out.bool(sd != null);
        if (sd != null) script(out, sd);
        out.patchLength(mark);

        mark = section(out, S_HOSTS);
        out.u32(s.hostStates().size());
        for (EngineState.HostState h : s.hostStates()) {
            out.str(h.name());
            out.blob(h.bytes());
        }
        out.patchLength(mark);

        if (withHeap) heap(out, s.heap());

        out.patchU64(total, out.size() + (long) Sha256.LENGTH);
        byte[] hash = Sha256.of(out.array(), 0, out.size());
        out.bytes(hash);
        return out.toByteArray();
    }

    private static void heap(Out out, EngineState.Heap h) {
        int mark = section(out, S_HEAP);
        out.u32(h.exceptions().size());
        for (MachineState.Exn x : h.exceptions()) {
            out.u32(x.tagAddress());
            out.u32(x.payload().length);
            for (long v : x.payload()) out.u64(v);
        }
        out.u32(h.objects().size());
        for (EngineState.HeapObject o : h.objects()) {
            out.u32(o.module());
            out.u32(o.type());
            out.u32(o.length());
            out.blob(o.fields());
        }
        out.u32(h.segments().size());
        for (EngineState.SegmentData d : h.segments()) {
            out.u32(d.instance());
            out.u32(d.segment());
            out.u32(d.elements().length);
            for (long v : d.elements()) out.u64(v);
        }
        out.patchLength(mark);
    }

    private static EngineState.Heap heap(In s, int instanceCount, int moduleCount) {
        int nx = s.count("exception count", 8);
        List<MachineState.Exn> exns = new ArrayList<>(nx);
        for (int k = 0; k < nx; k++) exns.add(exception(s));
        int no = s.count("object count", 16);
        if (no > Store.GC_HEAP_SLOTS) throw new StateException(StateException.Kind.TOO_LARGE, no + " GC objects; the heap holds " + Store.GC_HEAP_SLOTS + " slots");
        List<EngineState.HeapObject> objects = new ArrayList<>(no);
        for (int k = 0; k < no; k++) {
            int module = s.u31("object module");
            if (module >= moduleCount) throw s.malformed("object " + k + " is of a type of module " + module + ", of " + moduleCount);
            int type = s.u31("object type");
            int length = s.i32();
            if (length < -1) throw s.malformed("object " + k + " has length " + length);
            objects.add(new EngineState.HeapObject(module, type, length, s.blob()));
        }
        int ns = s.count("segment count", 12);
        List<EngineState.SegmentData> segments = new ArrayList<>(ns);
        for (int k = 0; k < ns; k++) {
            int instance = s.u31("segment instance");
            if (instance >= instanceCount) throw s.malformed("segment " + k + " is of instance " + instance + ", of " + instanceCount);
            int segment = s.u31("segment index");
            int n = s.count("segment element count", 8);
            long[] elements = new long[n];
            for (int j = 0; j < n; j++) elements[j] = s.u64();
            segments.add(new EngineState.SegmentData(instance, segment, elements));
        }
        EngineState.Heap h = new EngineState.Heap(exns, objects, segments);
        if (h.isEmpty()) throw s.malformed("an empty heap is left out: the state is version " + VERSION_WITHOUT_EXCEPTIONS);
        return h;
    }

    private static MachineState.Exn exception(In s) {
        int tag = s.u31("tag address");
        int n = s.count("payload slot count", 8);
        long[] payload = new long[n];
        for (int j = 0; j < n; j++) payload[j] = s.u64();
        return new MachineState.Exn(tag, payload);
    }

    private static int section(Out out, int id) {
        out.u8(id);
        return out.mark();
    }

    /** A value type: its byte; 0x63 / 0x64 (a general reference type, 3.0) are followed by the heap type as a u32. */
    private static void valType(Out out, ValType t) {
        out.u8(t.code);
        if (t.code == 0x63 || t.code == 0x64) out.u32(t.heap);
    }

    private static ValType valType(In in) {
        int code = in.u8();
        if (code == 0x63 || code == 0x64) return ValType.ref(code == 0x63, in.i32());
        return ValType.fromCode(code);
    }

    private static void valTypes(Out out, List<ValType> types) {
        out.u32(types.size());
        for (ValType t : types) valType(out, t);
    }

    private static void bits(Out out, boolean[] flags) {
        out.u32(flags.length);
        for (int i = 0; i < flags.length; i += 8) {
            int b = 0;
            for (int k = 0; k < 8 && i + k < flags.length; k++) if (flags[i + k]) b |= 1 << k;
            out.u8(b);
        }
    }

    private static void script(Out out, EngineState.ScriptData sd) {
        VmState vm = sd.vm();
        out.u32(sd.instance());
        out.bytes(HexFormat.of().parseHex(vm.programId()));
        out.u32(vm.pc());
        out.u8(vm.suspension().ordinal());
        out.u32(vm.frames());
        for (int i = 0; i < vm.frames(); i++) {
            out.u32(vm.frameBase()[i]);
            out.u32(vm.frameHandler()[i]);
            out.u32(vm.frameReturnPc()[i]);
        }
        slots(out, vm.slots());
        slots(out, vm.stack());
        if (vm.request() != null) {
            Outcome.Blocked r = vm.request();
            out.str(r.name());
            out.u32(r.args().size());
            for (Value v : r.args()) value(out, v);
            out.u32(r.expects().size());
            for (Type t : r.expects()) out.u8(typeCode(t));
        }
        if (vm.hostCall() != null) {
            VmState.HostCall c = vm.hostCall();
            out.u32(c.function());
            out.u32(c.caller());
            long[] args = c.args();
            out.u32(args.length);
            for (long a : args) out.u64(a);
        }
    }

    private static void slots(Out out, List<VmState.Slot> slots) {
        out.u32(slots.size());
        for (VmState.Slot s : slots) {
            if (s.octs() != null) {
                out.u8(1);
                out.blob(s.octs());
            } else {
                out.u8(0);
                out.u64(s.bits());
            }
        }
    }

    /** A typed value: type code, then 4 bytes (i32, f32), 8 bytes (i64, f64), 16 bytes (v128) or u32 length and bytes (octs). */
    static void value(Out out, Value v) {
        out.u8(typeCode(v.type()));
        switch (v.type()) {
            case I32, F32 -> out.u32((int) v.bits());
            case I64, F64 -> out.u64(v.bits());
            case OCTS -> out.blob(v.bytesShared());
            case V128 -> out.bytes(v.bytesShared()); // its 16 bytes, lane 0 first
            case INSTANCE -> throw new IllegalArgumentException("an instance is not a value");
        }
    }

    static int typeCode(Type t) {
        return switch (t) {
            case I32 -> ValType.I32.code;
            case I64 -> ValType.I64.code;
            case F32 -> ValType.F32.code;
            case F64 -> ValType.F64.code;
            case V128 -> ValType.V128.code;
            case OCTS -> OCTS_CODE;
            case INSTANCE -> throw new IllegalArgumentException("an instance is not a value");
        };
    }

    static Type typeOf(int code, In in) {
        if (code == OCTS_CODE) return Type.OCTS;
        ValType v = ValType.fromCode(code);
        Type t = v == null ? null : Type.of(v);
        if (t == null) throw in.malformed("unknown value type 0x" + Integer.toHexString(code));
        return t;
    }

    static Value value(In in) {
        Type t = typeOf(in.u8(), in);
        return switch (t) {
            case I32, F32 -> Value.ofBits(t, in.i32());
            case I64, F64 -> Value.ofBits(t, in.u64());
            case OCTS -> Value.octsOwned(in.blob());
            case V128 -> Value.v128Owned(in.bytes(16));
            case INSTANCE -> throw new IllegalStateException("typeOf gives no instance");
        };
    }

    static boolean isZeroPage(byte[] bytes, int page) {
        return Arrays.equals(bytes, page * PAGE, (page + 1) * PAGE, ZERO_PAGE, 0, PAGE);
    }

    // ------------------------------------------------------------------ the envelope

    /** The state hash of encoded state bytes: their trailing SHA-256 (not checked here). */
    public static byte[] hash(byte[] state) {
        if (state.length < HEADER + Sha256.LENGTH) throw new StateException(StateException.Kind.TRUNCATED, "only " + state.length + " bytes");
        return Arrays.copyOfRange(state, state.length - Sha256.LENGTH, state.length);
    }

    /** {@code sha256:HEX} of encoded state bytes. */
    public static String hashText(byte[] state) {
        return Sha256.text(hash(state));
    }

    /**
     * Checks the envelope: magic, version, length and checksum, in that order, each with its own
     * error. Returns the length of the part before the checksum.
     */
    public static int verify(byte[] b) {
        if (b.length < MAGIC.length || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            if (b.length < MAGIC.length && Arrays.equals(b, 0, b.length, MAGIC, 0, b.length)) {
                throw new StateException(StateException.Kind.TRUNCATED, "the state ends after " + b.length + " bytes, inside its header");
            }
            throw new StateException(StateException.Kind.NOT_A_STATE, "the bytes do not start with LIASTATE, as a saved state does");
        }
        if (b.length < HEADER) throw new StateException(StateException.Kind.TRUNCATED, "the state ends after " + b.length + " bytes, inside its header");
        In in = new In(b, MAGIC.length, HEADER, "header");
        int version = in.i32();
        if (version != VERSION && version != VERSION_WITHOUT_EXCEPTIONS && version != VERSION_EXCEPTIONS_IN_MACHINE) {
            throw new StateException(StateException.Kind.UNKNOWN_VERSION, "the state has format version " + Integer.toUnsignedString(version)
                    + "; this build reads versions " + VERSION_WITHOUT_EXCEPTIONS + ", " + VERSION_EXCEPTIONS_IN_MACHINE + " and " + VERSION);
        }
        long total = in.u64();
        if (total > b.length) {
            throw new StateException(StateException.Kind.TRUNCATED, "the state has " + b.length + " of its " + total + " bytes");
        }
        if (total < b.length) {
            throw new StateException(StateException.Kind.MALFORMED, (b.length - total) + " bytes follow the end of the state");
        }
        if (total < HEADER + Sha256.LENGTH) throw new StateException(StateException.Kind.MALFORMED, "a state of " + total + " bytes is too short");
        int body = (int) total - Sha256.LENGTH;
        if (!Arrays.equals(Sha256.of(b, 0, body), 0, Sha256.LENGTH, b, body, (int) total)) {
            throw new StateException(StateException.Kind.CORRUPTED, "the checksum does not match the content: the state was changed or damaged");
        }
        return body;
    }

    /**
     * Just the hashes of the modules a state names and does not carry, those whoever loads it
     * supplies (after checking its envelope).
     */
    public static List<byte[]> moduleHashes(byte[] b) {
        int body = verify(b);
        In in = new In(b, HEADER, body, "state");
        open(in, S_LIMITS);
        In m = open(in, S_MODULES);
        int n = m.count("module count", Sha256.LENGTH);
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) hashes.add(m.bytes(Sha256.LENGTH));
        int c = m.count("carried module count", 8);
        java.util.Set<Integer> carried = new java.util.HashSet<>();
        for (int i = 0; i < c; i++) {
            carried.add(m.u31("carried module number"));
            m.blob();
        }
        List<byte[]> supplied = new ArrayList<>();
        for (int i = 0; i < n; i++) if (!carried.contains(i)) supplied.add(hashes.get(i));
        return supplied;
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes state bytes. {@code limits} are the caller's: a state made under other limits is
     * refused, and every size is checked against them before anything is allocated for it.
     */
    /** The format version in a verified state's header. */
    private static int version(byte[] b) {
        return (b[MAGIC.length] & 0xFF) | (b[MAGIC.length + 1] & 0xFF) << 8 | (b[MAGIC.length + 2] & 0xFF) << 16 | (b[MAGIC.length + 3] & 0xFF) << 24;
    }

    public static EngineState decode(byte[] b, Limits limits) {
        int body = verify(b);
        In in = new In(b, HEADER, body, "state");

        In s = open(in, S_LIMITS);
        Limits stateLimits;
        try {
            // the state records the run-time limits; the module-shape (decoding) limits are the caller's
            stateLimits = new Limits(s.i32(), s.i32(), s.i32(), s.i32(), limits.decoding());
        } catch (IllegalArgumentException e) {
            throw s.malformed("limits: " + e.getMessage());
        }
        s.expectEnd();
        if (!stateLimits.equals(limits)) {
            throw new StateException(StateException.Kind.MALFORMED, "the state was made with limits " + stateLimits + ", not " + limits);
        }

        s = open(in, S_MODULES);
        int nm = s.count("module count", Sha256.LENGTH);
        List<byte[]> modules = new ArrayList<>(nm);
        for (int i = 0; i < nm; i++) modules.add(s.bytes(Sha256.LENGTH));
        int nc = s.count("carried module count", 8);
        List<EngineState.CarriedModule> carried = new ArrayList<>(nc);
        for (int i = 0; i < nc; i++) {
            int number = s.u31("carried module number");
            if (number >= nm || (i > 0 && number <= carried.get(i - 1).number())) throw s.malformed("carried module " + number + " out of order");
            carried.add(new EngineState.CarriedModule(number, s.blob()));
        }
        s.expectEnd();

        s = open(in, S_FUNCTIONS);
        int functionCount = s.u31("function count");
        int nh = s.count("host function count", 4 + 4 + 4 + 4);
        List<EngineState.HostFunc> hosts = new ArrayList<>(nh);
        int lastAddress = -1;
        for (int i = 0; i < nh; i++) {
            int address = s.u31("address");
            if (address <= lastAddress || address >= functionCount) throw s.malformed("host function address " + address + " out of order or range");
            lastAddress = address;
            String name = s.str();
            List<ValType> params = valTypes(s);
            List<ValType> results = valTypes(s);
            hosts.add(new EngineState.HostFunc(address, name, new FuncType(params, results)));
        }
        s.expectEnd();

        s = open(in, S_MEMORIES);
        int nmem = s.count("memory count", 1 + 8 + 4 + 4);
        List<EngineState.MemoryData> memories = new ArrayList<>(nmem);
        for (int i = 0; i < nmem; i++) {
            boolean host = s.bool();
            long max = s.u64();
            if (max < -1 || max > 65536) throw s.malformed("memory " + i + " has maximum " + max);
            int pages = s.u31("page count");
            if (pages > limits.maxMemoryPages() || (max >= 0 && pages > max)) {
                throw new StateException(StateException.Kind.TOO_LARGE, "memory " + i + " has " + pages + " pages; the limit is "
                        + (max >= 0 ? Math.min(max, limits.maxMemoryPages()) : limits.maxMemoryPages()));
            }
            int kept = s.count("page count", 4 + PAGE);
            if (kept > pages) throw s.malformed("memory " + i + " keeps " + kept + " of its " + pages + " pages");
            byte[] bytes = new byte[pages * PAGE];
            int last = -1;
            for (int k = 0; k < kept; k++) {
                int p = s.u31("page index");
                if (p <= last || p >= pages) throw s.malformed("page " + p + " of memory " + i + " is out of order or range");
                last = p;
                s.copy(bytes, p * PAGE, PAGE);
                if (isZeroPage(bytes, p)) throw s.malformed("page " + p + " of memory " + i + " is all zeros and must be left out");
            }
            memories.add(new EngineState.MemoryData(host, max, bytes));
        }
        s.expectEnd();

        s = open(in, S_TABLES);
        int nt = s.count("table count", 1 + 1 + 8 + 4);
        List<EngineState.TableData> tables = new ArrayList<>(nt);
        for (int i = 0; i < nt; i++) {
            boolean host = s.bool();
            ValType type = valType(s);
            if (type == null || !type.isRef()) throw s.malformed("table " + i + " has no reference type");
            long max = s.u64();
            if (max < -1 || max > 0xFFFFFFFFL) throw s.malformed("table " + i + " has maximum " + max);
            int size = s.u31("table size");
            if (size > limits.maxTableSize() || (max >= 0 && size > max)) {
                throw new StateException(StateException.Kind.TOO_LARGE, "table " + i + " has " + size + " elements; the limit is " + limits.maxTableSize());
            }
            s.need(8L * size);
            long[] elements = new long[size];
            for (int k = 0; k < size; k++) elements[k] = s.u64();
            tables.add(new EngineState.TableData(host, type, max, elements));
        }
        s.expectEnd();

        s = open(in, S_GLOBALS);
        int ng = s.count("global count", 1 + 1 + 1 + 8);
        List<EngineState.GlobalData> globals = new ArrayList<>(ng);
        for (int i = 0; i < ng; i++) {
            boolean host = s.bool();
            ValType type = valType(s);
            if (type == null) throw s.malformed("global " + i + " has no value type");
            boolean mutable = s.bool();
            long value = s.u64();
            long high = type == ValType.V128 ? s.u64() : 0;
            if ((type == ValType.I32 || type == ValType.F32) && value != (int) value) {
                throw s.malformed("global " + i + " holds a 32-bit value that is not sign-extended");
            }
            globals.add(new EngineState.GlobalData(host, new GlobalType(type, mutable), value, high));
        }
        s.expectEnd();

        s = open(in, S_INSTANCES);
        int ni = s.count("instance count", 6 * 4 + 8);
        List<EngineState.InstanceData> instances = new ArrayList<>(ni);
        for (int i = 0; i < ni; i++) {
            int module = s.u31("module number");
            if (module >= nm) throw s.malformed("instance " + i + " is of module " + module + ", of " + nm);
            int fb = base(s), tb = base(s), mb = base(s), gb = base(s);
            int nl = s.count("link count", 4);
            int[] links = new int[nl];
            for (int k = 0; k < nl; k++) links[k] = s.u31("link");
            instances.add(new EngineState.InstanceData(module, fb, tb, mb, gb, links, bits(s), bits(s)));
        }
        s.expectEnd();

        s = open(in, S_MACHINE);
        int nf = s.u31("frame count");
        if (nf > limits.maxCallDepth()) {
            throw new StateException(StateException.Kind.TOO_LARGE, nf + " frames; the call depth limit is " + limits.maxCallDepth());
        }
        if (12L * nf > s.remaining()) throw s.malformed("frame count " + nf + " cannot fit in the " + s.remaining() + " bytes left");
        List<MachineState.Frame> frames = new ArrayList<>(nf);
        long slotsTotal = 0;
        for (int i = 0; i < nf; i++) {
            int fn = s.u31("function address");
            if (fn >= functionCount) throw s.malformed("frame " + i + " runs function " + fn + " of " + functionCount);
            int resume = s.i32();
            if (resume < MachineState.AT_ENTRY) throw s.malformed("frame " + i + " resumes at " + resume);
            int n = s.count("slot count", 8);
            slotsTotal += n;
            if (slotsTotal > limits.maxStackSlots()) {
                throw new StateException(StateException.Kind.TOO_LARGE, "more than " + limits.maxStackSlots() + " stack slots");
            }
            long[] slots = new long[n];
            for (int k = 0; k < n; k++) slots[k] = s.u64();
            frames.add(new MachineState.Frame(fn, resume, slots));
        }
        int na = s.count("activation count", 4);
        int[] starts = new int[na];
        for (int k = 0; k < na; k++) {
            starts[k] = s.u31("activation start");
            if (starts[k] >= nf || (k == 0 ? starts[k] != 0 : starts[k] <= starts[k - 1])) {
                throw s.malformed("activation " + k + " starts at frame " + starts[k]);
            }
        }
        if ((nf == 0) != (na == 0)) throw s.malformed("frames without activations, or activations without frames");
        boolean inCall = s.bool();
        if (nf == 0 && inCall) throw s.malformed("an idle machine waits in no call");
        List<MachineState.Exn> exns = new ArrayList<>();
        if (version(b) == VERSION_EXCEPTIONS_IN_MACHINE) {
            int nx = s.count("exception count", 8);
            if (nx == 0) throw s.malformed("a state without exceptions is version " + VERSION_WITHOUT_EXCEPTIONS);
            if (nf == 0) throw s.malformed("an idle machine holds no exceptions");
            for (int k = 0; k < nx; k++) exns.add(exception(s));
        }
        s.expectEnd();
        MachineState machine = nf == 0 ? MachineState.IDLE : new MachineState(frames, starts, inCall, exns);

        s = open(in, S_FUEL);
        long used = s.u64();
        long debt = s.u64();
        if (used < 0 || debt < 0 || debt > used) throw s.malformed("fuel used " + used + ", debt " + debt);
        s.expectEnd();

        s = open(in, S_SCRIPT);
        EngineState.ScriptData script = s.bool() ? script(s, ni) : null;
        s.expectEnd();

        s = open(in, S_HOSTS);
        int ncomp = s.count("host component count", 8);
        List<EngineState.HostState> hostStates = new ArrayList<>(ncomp);
        for (int i = 0; i < ncomp; i++) {
            String name = s.str();
            if (i > 0 && hostStates.get(i - 1).name().compareTo(name) >= 0) throw s.malformed("host component " + name + " out of order");
            hostStates.add(new EngineState.HostState(name, s.blob()));
        }
        s.expectEnd();
        EngineState.Heap heap = EngineState.Heap.EMPTY;
        if (version(b) == VERSION) {
            s = open(in, S_HEAP);
            heap = heap(s, ni, nm);
            s.expectEnd();
        }
        in.expectEnd();

        return new EngineState(stateLimits, modules, carried, functionCount, hosts, memories, tables, globals, instances,
                machine, used, debt, script, hostStates, heap);
    }

    private static int base(In s) {
        int b = s.i32();
        if (b < -1) throw s.malformed("base address " + b);
        return b;
    }

    /** The next section, which must be {@code id}: a reader over exactly its bytes. */
    private static In open(In in, int id) {
        int got = in.u8();
        if (got != id) {
            if (got >= 1 && got < SECTION_NAMES.length) {
                throw in.malformed("expected the " + SECTION_NAMES[id] + " section (" + id + "), found the " + SECTION_NAMES[got] + " section");
            }
            throw in.malformed("expected the " + SECTION_NAMES[id] + " section (" + id + "), found section " + got);
        }
        int len = in.u31("section length");
        in.need(len);
        In s = new In(in.buffer(), in.pos(), in.pos() + len, SECTION_NAMES[id] + " section");
        in.skip(len);
        return s;
    }

    private static List<ValType> valTypes(In s) {
        int n = s.count("type count", 1);
        List<ValType> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ValType t = valType(s);
            if (t == null) throw s.malformed("unknown value type");
            types.add(t);
        }
        return types;
    }

    private static boolean[] bits(In s) {
        int n = s.u31("flag count");
        s.need((n + 7L) / 8);
        boolean[] flags = new boolean[n];
        for (int i = 0; i < n; i += 8) {
            int b = s.u8();
            for (int k = 0; k < 8; k++) {
                boolean set = (b & (1 << k)) != 0;
                if (i + k < n) flags[i + k] = set;
                else if (set) throw s.malformed("a flag beyond the last is set");
            }
        }
        return flags;
    }

    private static EngineState.ScriptData script(In s, int instanceCount) {
        int instance = s.u31("instance");
        if (instance >= instanceCount) throw s.malformed("the script drives instance " + instance + " of " + instanceCount);
        String programId = HexFormat.of().formatHex(s.bytes(Sha256.LENGTH));
        int pc = s.u31("pc");
        int k = s.u8();
        if (k >= VmState.Suspension.values().length) throw s.malformed("unknown suspension " + k);
        VmState.Suspension suspension = VmState.Suspension.values()[k];
        int nf = s.count("script frame count", 12);
        if (nf == 0) throw s.malformed("a script has at least its main frame");
        int[] base = new int[nf], handler = new int[nf], ret = new int[nf];
        for (int i = 0; i < nf; i++) {
            base[i] = s.u31("frame base");
            handler[i] = s.i32();
            ret[i] = s.u31("return position");
            if (handler[i] < -1 || (i > 0 && base[i] < base[i - 1])) throw s.malformed("script frame " + i);
        }
        List<VmState.Slot> slots = slots(s);
        List<VmState.Slot> stack = slots(s);
        Outcome.Blocked request = null;
        if (suspension.blocked()) {
            String name = s.str();
            int na = s.count("argument count", 5);
            List<Value> args = new ArrayList<>(na);
            for (int i = 0; i < na; i++) args.add(value(s));
            int ne = s.count("answer type count", 1);
            List<Type> expects = new ArrayList<>(ne);
            for (int i = 0; i < ne; i++) expects.add(typeOf(s.u8(), s));
            request = new Outcome.Blocked(name, args, expects);
        }
        VmState.HostCall hostCall = null;
        if (suspension == VmState.Suspension.HOST_REQUEST) {
            int function = s.u31("host call function");
            int caller = s.u31("host call caller");
            if (caller >= instanceCount) throw s.malformed("the host call's caller is instance " + caller + " of " + instanceCount);
            int na = s.count("host call argument count", 8);
            long[] args = new long[na];
            for (int i = 0; i < na; i++) args[i] = s.u64();
            hostCall = new VmState.HostCall(function, caller, args);
        }
        return new EngineState.ScriptData(instance, new VmState(programId, pc, stack, slots, base, handler, ret, suspension, request, hostCall));
    }

    private static List<VmState.Slot> slots(In s) {
        int n = s.count("slot count", 5);
        List<VmState.Slot> slots = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int tag = s.u8();
            if (tag == 0) slots.add(VmState.Slot.number(s.u64()));
            else if (tag == 1) slots.add(VmState.Slot.octs(s.blob()));
            else throw s.malformed("unknown slot tag " + tag);
        }
        return slots;
    }
}
