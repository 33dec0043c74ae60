package dev.lia.wasm.snapshot;

import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Table;
import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.Global;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.SizeRange;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.SegmentMode;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running instance written back as a module (as Wizer does): instantiating the result gives an
 * instance in the state this one is in now, without running anything.
 *
 * <ul>
 *   <li>Each memory the module defines starts at its current size; its non-zero bytes become
 *       active data segments.</li>
 *   <li>Each mutable global the module defines starts at its current value.</li>
 *   <li>Each table the module defines starts at its current size; its non-null elements become
 *       active element segments of {@code ref.func}.</li>
 *   <li>The module's own segments keep their indices (code may name them in {@code memory.init},
 *       {@code table.init} and the drops) in the state they are in: a data segment that was used
 *       or dropped becomes an empty passive one, an element segment a declarative one (which
 *       still declares its functions for {@code ref.func}).</li>
 *   <li>There is no start function: its effects are in the state.</li>
 * </ul>
 *
 * Code, types, imports, exports (less those asked to be left out) and custom sections stay as they
 * are. State that is not the instance's own cannot be written into it: an imported memory or
 * table, an imported mutable global, a table holding a function of another instance, a non-null
 * external reference. Those are refused with a {@link SnapshotException}.
 */
public final class ModuleSnapshot {
    /** Zero bytes between two non-zero runs that still go into one data segment (a segment costs about this much). */
    private static final int GAP = 16;

    private ModuleSnapshot() {}

    /**
     * @param dropExports exports to leave out of the result, e.g. {@code _initialize}, whose work
     *                    is done and must not run twice
     * @throws SnapshotException if state the instance holds cannot be expressed in the module
     */
    public static Module of(Instance instance, Set<String> dropExports) {
        Module m = instance.module();
        refuseOutsideState(m);
        Map<Integer, Integer> functionIndex = new HashMap<>();
        for (int i = instance.functionCount() - 1; i >= 0; i--) functionIndex.put(instance.function(i).address(), i);

        int importedMemories = m.importCount(ExternKind.MEMORY);
        int importedTables = m.importCount(ExternKind.TABLE);
        int importedGlobals = m.importCount(ExternKind.GLOBAL);

        List<MemoryType> memories = new ArrayList<>();
        for (int i = 0; i < m.memories().size(); i++) {
            Memory mem = instance.memory(importedMemories + i);
            memories.add(new MemoryType(new SizeRange(mem.pages(), m.memories().get(i).limits().max()), mem.is64()));
        }
        List<TableType> tables = new ArrayList<>();
        for (int i = 0; i < m.tables().size(); i++) {
            TableType t = m.tables().get(i);
            tables.add(new TableType(t.elemType(), new SizeRange(instance.table(importedTables + i).size(), t.limits().max()), t.is64()));
        }
        List<Global> globals = new ArrayList<>();
        for (int i = 0; i < m.globals().size(); i++) {
            Global g = m.globals().get(i);
            GlobalInstance now = instance.global(importedGlobals + i);
            globals.add(g.type().mutable()
                    ? new Global(g.type(), g.type().type() == ValType.V128 ? vector(now.get(), now.high())
                            : constant(g.type().type(), now.get(), functionIndex, "global " + (importedGlobals + i)))
                    : g);
        }

        List<ElementSegment> elements = new ArrayList<>();
        for (int i = 0; i < m.elements().size(); i++) {
            ElementSegment e = m.elements().get(i);
            boolean kept = e.mode() == SegmentMode.PASSIVE && instance.elementSegment(i) != null;
            elements.add(kept ? e : new ElementSegment(e.type(), e.init(), SegmentMode.DECLARATIVE, 0, null));
        }
        for (int i = 0; i < m.tables().size(); i++) {
            int index = importedTables + i;
            elements.addAll(tableImage(instance.table(index), index, functionIndex));
        }

        List<DataSegment> datas = new ArrayList<>();
        boolean indexed = m.dataCount() >= 0; // only then can code name a data segment
        if (indexed) {
            for (int i = 0; i < m.datas().size(); i++) {
                DataSegment d = m.datas().get(i);
                boolean kept = d.mode() == SegmentMode.PASSIVE && instance.dataSegment(i) != null;
                datas.add(kept ? d : new DataSegment(new byte[0], SegmentMode.PASSIVE, 0, null));
            }
        }
        for (int i = 0; i < m.memories().size(); i++) {
            int index = importedMemories + i;
            datas.addAll(memoryImage(instance.memory(index).bytes(), index));
        }

        List<Export> exports = m.exports().stream().filter(e -> !dropExports.contains(e.name())).toList();
        return new Module(m.types(), m.imports(), m.functions(), tables, memories, globals, exports, -1, elements,
                indexed ? datas.size() : -1, m.codes(), datas, m.customs(), m.names(), m.tags(), m.typeSection());
    }

    private static void refuseOutsideState(Module m) {
        for (Import imp : m.imports()) {
            String what = imp.module() + "." + imp.name();
            if (imp.desc() instanceof Import.Memory) {
                throw new SnapshotException("the module imports its memory " + what + ": its contents are not the module's to save");
            }
            if (imp.desc() instanceof Import.Table) {
                throw new SnapshotException("the module imports its table " + what + ": its contents are not the module's to save");
            }
            if (imp.desc() instanceof Import.Global g && g.type().mutable()) {
                throw new SnapshotException("the module imports the mutable global " + what + ": its value is not the module's to save");
            }
        }
    }

    /** A constant expression giving the v128 with halves {@code lo} and {@code hi}. */
    private static Expr vector(long lo, long hi) {
        byte[] bytes = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(lo).putLong(hi).array();
        return new Expr(List.of(new Instruction(Opcode.V128_CONST, 0, 0, 0, null, bytes, 0)));
    }

    /** A constant expression giving {@code bits} as a value of {@code type}. */
    private static Expr constant(ValType type, long bits, Map<Integer, Integer> functionIndex, String where) {
        Instruction in = switch (type.kind) {
            case I32 -> Instruction.of(Opcode.I32_CONST, (int) bits, 0);
            case I64 -> Instruction.of(Opcode.I64_CONST, bits, 0);
            case F32 -> Instruction.of(Opcode.F32_CONST, (int) bits, 0);
            case F64 -> Instruction.of(Opcode.F64_CONST, bits, 0);
            case REF -> reference(type, bits, functionIndex, where);
            case V128 -> throw new IllegalStateException(where + " is a v128: see vector()");
        };
        return new Expr(List.of(in));
    }

    private static Instruction reference(ValType type, long ref, Map<Integer, Integer> functionIndex, String where) {
        if (ref == Ref.NULL) return Instruction.of(Opcode.REF_NULL, type.heap, 0);
        if (type == ValType.EXTERNREF) throw new SnapshotException(where + " holds a host reference, which a module cannot hold");
        if (type == ValType.EXNREF) throw new SnapshotException(where + " holds an exception, which a module cannot hold");
        if ((ref & Ref.TAG_MASK) != 0) { // the any hierarchy (3.0): i31s, GC objects, host references as anyrefs
            throw new SnapshotException(where + " holds a " + (Ref.isI31(ref) ? "i31" : "GC or host") + " reference, which snapshots do not write yet");
        }
        Integer index = functionIndex.get(Ref.funcAddress(ref));
        if (index == null) throw new SnapshotException(where + " holds a function of another instance");
        return Instruction.of(Opcode.REF_FUNC, index, 0);
    }

    /** One active element segment per run of non-null elements. */
    private static List<ElementSegment> tableImage(Table table, int index, Map<Integer, Integer> functionIndex) {
        List<ElementSegment> out = new ArrayList<>();
        long[] elements = table.elements();
        int i = 0;
        while (i < elements.length) {
            if (elements[i] == Ref.NULL) {
                i++;
                continue;
            }
            int start = i;
            List<Expr> init = new ArrayList<>();
            for (; i < elements.length && elements[i] != Ref.NULL; i++) {
                init.add(new Expr(List.of(reference(table.elemType(), elements[i], functionIndex, "table " + index + " element " + i))));
            }
            out.add(new ElementSegment(table.elemType(), init, SegmentMode.ACTIVE, index,
                    new Expr(List.of(Instruction.of(Opcode.I32_CONST, start, 0)))));
        }
        return out;
    }

    /** Active data segments holding every non-zero byte, runs closer than {@link #GAP} joined. */
    private static List<DataSegment> memoryImage(byte[] bytes, int index) {
        List<DataSegment> out = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            if (bytes[i] == 0) {
                i++;
                continue;
            }
            int start = i;
            int end = i; // one past the last non-zero byte so far
            while (i < bytes.length && i - end < GAP) {
                if (bytes[i] != 0) end = i + 1;
                i++;
            }
            out.add(new DataSegment(Arrays.copyOfRange(bytes, start, end), SegmentMode.ACTIVE, index,
                    new Expr(List.of(Instruction.of(Opcode.I32_CONST, start, 0)))));
            i = end;
        }
        return out;
    }
}
