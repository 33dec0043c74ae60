package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.CustomSection;
import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Global;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.SizeRange;
import dev.lia.wasm.syntax.Local;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Names;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.SegmentMode;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a {@link Module} in the canonical binary format: sections in their order, empty ones left
 * out, every LEB128 as short as it can be, element segments in the most compact of their eight forms,
 * an {@code else} only before a non-empty branch (as the model has it). Custom sections follow the
 * data section; then, unless the module already carries one, a {@code name} section with the module,
 * function and local names of {@link Module#names()}.
 */
public final class ModuleEncoder {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    private ModuleEncoder() {}

    /** The module's bytes, with its names. */
    public static byte[] encode(Module m) {
        return encode(m, true);
    }

    /** The module's bytes; {@code names} false leaves out the generated name section. */
    public static byte[] encode(Module m, boolean names) {
        Buf out = new Buf();
        out.bytes(HEADER);
        if (!m.types().isEmpty()) section(out, 1, s -> s.vec(m.types(), ModuleEncoder::funcType));
        if (!m.imports().isEmpty()) section(out, 2, s -> s.vec(m.imports(), ModuleEncoder::importEntry));
        if (!m.functions().isEmpty()) section(out, 3, s -> s.vec(m.functions(), (b, t) -> b.u32(t)));
        if (!m.tables().isEmpty()) section(out, 4, s -> s.vec(m.tables(), ModuleEncoder::tableType));
        if (!m.memories().isEmpty()) section(out, 5, s -> s.vec(m.memories(), ModuleEncoder::memoryType));
        if (!m.tags().isEmpty()) section(out, 13, s -> s.vec(m.tags(), ModuleEncoder::tagType));
        if (!m.globals().isEmpty()) section(out, 6, s -> s.vec(m.globals(), ModuleEncoder::global));
        if (!m.exports().isEmpty()) section(out, 7, s -> s.vec(m.exports(), ModuleEncoder::export));
        if (m.start() >= 0) section(out, 8, s -> s.u32(m.start()));
        if (!m.elements().isEmpty()) section(out, 9, s -> s.vec(m.elements(), ModuleEncoder::element));
        if (m.dataCount() >= 0) section(out, 12, s -> s.u32(m.dataCount()));
        if (!m.codes().isEmpty()) section(out, 10, s -> s.vec(m.codes(), ModuleEncoder::code));
        if (!m.datas().isEmpty()) section(out, 11, s -> s.vec(m.datas(), ModuleEncoder::data));
        boolean hasNameSection = false;
        for (CustomSection c : m.customs()) {
            hasNameSection |= c.name().equals("name");
            section(out, 0, s -> {
                s.name(c.name());
                s.bytes(c.contents());
            });
        }
        if (names && !hasNameSection && !isEmpty(m.names())) section(out, 0, s -> nameSection(s, m.names()));
        return out.toByteArray();
    }

    private static boolean isEmpty(Names n) {
        return n.moduleName() == null && n.functionNames().isEmpty() && n.localNames().isEmpty();
    }

    private interface Writer<T> {
        void write(Buf b, T value);
    }

    private interface Content {
        void write(Buf b);
    }

    private static void section(Buf out, int id, Content content) {
        Buf s = new Buf();
        content.write(s);
        out.u8(id);
        out.u32(s.size());
        out.bytes(s.toByteArray());
    }

    // ---- types ----

    private static void funcType(Buf b, FuncType t) {
        b.u8(0x60);
        b.vec(t.params(), (x, v) -> x.u8(v.code));
        b.vec(t.results(), (x, v) -> x.u8(v.code));
    }

    /** A memory's limits are u64 numbers (3.0), whatever its address type; the validator holds them to range. */
    private static void memoryType(Buf b, MemoryType mt) {
        SizeRange l = mt.limits();
        b.u8((l.hasMax() ? 0x01 : 0x00) | (mt.is64() ? 0x04 : 0x00));
        b.u64(l.min());
        if (l.hasMax()) b.u64(l.max());
    }

    private static void tableType(Buf b, TableType t) {
        b.u8(t.elemType().code);
        b.u8((t.limits().hasMax() ? 0x01 : 0x00) | (t.is64() ? 0x04 : 0x00)); // u64 limits (3.0)
        b.u64(t.limits().min());
        if (t.limits().hasMax()) b.u64(t.limits().max());
    }

    private static void globalType(Buf b, GlobalType t) {
        b.u8(t.type().code);
        b.u8(t.mutable() ? 1 : 0);
    }

    // ---- sections ----

    private static void importEntry(Buf b, Import i) {
        b.name(i.module());
        b.name(i.name());
        Import.Desc d = i.desc();
        b.u8(d.kind().code);
        if (d instanceof Import.Func f) b.u32(f.typeIndex());
        else if (d instanceof Import.Table t) tableType(b, t.type());
        else if (d instanceof Import.Memory mem) memoryType(b, mem.type());
        else if (d instanceof Import.Global g) globalType(b, g.type());
        else if (d instanceof Import.Tag t) tagType(b, t.typeIndex());
    }

    /** A tag type: attribute 0 (exception) and a type index. */
    private static void tagType(Buf b, int typeIndex) {
        b.u8(0);
        b.u32(typeIndex);
    }

    private static void global(Buf b, Global g) {
        globalType(b, g.type());
        expr(b, g.init());
    }

    private static void export(Buf b, Export e) {
        b.name(e.name());
        b.u8(e.kind().code);
        b.u32(e.index());
    }

    private static void element(Buf b, ElementSegment e) {
        boolean indices = e.type() == ValType.FUNCREF;
        for (Expr x : e.init()) {
            List<Instruction> ins = x.instructions();
            indices &= ins.size() == 1 && ins.get(0).op == Opcode.REF_FUNC;
        }
        int flags = indices ? 0 : 4;
        boolean explicitTable = false;
        switch (e.mode()) {
            case ACTIVE -> {
                explicitTable = e.table() != 0 || e.type() != ValType.FUNCREF;
                if (explicitTable) flags |= 2;
            }
            case PASSIVE -> flags |= 1;
            case DECLARATIVE -> flags |= 3;
        }
        b.u32(flags);
        if (e.mode() == SegmentMode.ACTIVE) {
            if (explicitTable) b.u32(e.table());
            expr(b, e.offset());
        }
        boolean typeWritten = e.mode() != SegmentMode.ACTIVE || explicitTable;
        if (indices) {
            if (typeWritten) b.u8(0x00); // element kind funcref
            b.vec(e.init(), (x, init) -> x.u32(init.instructions().get(0).a));
        } else {
            if (typeWritten) b.u8(e.type().code);
            b.vec(e.init(), ModuleEncoder::expr);
        }
    }

    private static void code(Buf b, FunctionBody f) {
        Buf body = new Buf();
        body.vec(f.locals(), (x, l) -> {
            x.u32(l.count());
            x.u8(l.type().code);
        });
        expr(body, f.body());
        b.u32(body.size());
        b.bytes(body.toByteArray());
    }

    private static void data(Buf b, DataSegment d) {
        if (d.mode() != SegmentMode.ACTIVE) {
            b.u8(0x01);
        } else if (d.memory() == 0) {
            b.u8(0x00);
            expr(b, d.offset());
        } else {
            b.u8(0x02);
            b.u32(d.memory());
            expr(b, d.offset());
        }
        b.u32(d.bytes().length);
        b.bytes(d.bytes());
    }

    private static void nameSection(Buf b, Names n) {
        b.name("name");
        if (n.moduleName() != null) {
            Buf s = new Buf();
            s.name(n.moduleName());
            subsection(b, 0, s);
        }
        if (!n.functionNames().isEmpty()) {
            Buf s = new Buf();
            nameMap(s, n.functionNames());
            subsection(b, 1, s);
        }
        if (!n.localNames().isEmpty()) {
            Buf s = new Buf();
            Map<Integer, Map<Integer, String>> sorted = new TreeMap<>(n.localNames());
            s.u32(sorted.size());
            for (Map.Entry<Integer, Map<Integer, String>> e : sorted.entrySet()) {
                s.u32(e.getKey());
                nameMap(s, e.getValue());
            }
            subsection(b, 2, s);
        }
    }

    private static void subsection(Buf b, int id, Buf content) {
        b.u8(id);
        b.u32(content.size());
        b.bytes(content.toByteArray());
    }

    private static void nameMap(Buf b, Map<Integer, String> names) {
        Map<Integer, String> sorted = new TreeMap<>(names);
        b.u32(sorted.size());
        for (Map.Entry<Integer, String> e : sorted.entrySet()) {
            b.u32(e.getKey());
            b.name(e.getValue());
        }
    }

    // ---- instructions ----

    /** An expression: its instructions and the final {@code end}. */
    static void expr(Buf b, Expr e) {
        for (Instruction i : e.instructions()) instruction(b, i);
        b.u8(0x0B);
    }

    static void instruction(Buf b, Instruction i) {
        Opcode op = i.op;
        if (op.code >= Opcode.PREFIX_FD) {
            b.u8(0xFD);
            b.u32(op.code - Opcode.PREFIX_FD);
        } else if (op.code >= Opcode.PREFIX_FC) {
            b.u8(0xFC);
            b.u32(op.code - Opcode.PREFIX_FC);
        } else {
            b.u8(op.code);
        }
        switch (op.imm) {
            case NONE -> { }
            case MEMORY_COPY -> {
                b.u32(i.a);
                b.u32(i.b);
            }
            case BLOCK -> {
                if (i.a < 0) b.u8((int) (i.a & 0x7F));
                else b.s64(i.a);
            }
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, ELEM, DATA -> b.u32(i.a);
            case BR_TABLE -> {
                int n = i.labels.length - 1;
                b.u32(n);
                for (int l : i.labels) b.u32(l & 0xFFFF_FFFFL);
            }
            case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                b.u32(i.a);
                b.u32(i.b);
            }
            case MEMARG -> {
                if (i.c != 0) { // multi-memory: flag bit 6, then the memory index
                    b.u32(i.a | 0x40);
                    b.u32(i.c);
                } else {
                    b.u32(i.a);
                }
                b.u64(i.b);
            }
            case MEMARG_LANE -> {
                long memory = dev.lia.wasm.syntax.LaneAccess.memory(i);
                if (memory != 0) { // multi-memory: flag bit 6, then the memory index
                    b.u32(i.a | 0x40);
                    b.u32(memory);
                } else {
                    b.u32(i.a);
                }
                b.u64(i.b);
                b.u8(dev.lia.wasm.syntax.LaneAccess.lane(i));
            }
            case MEM -> b.u32(i.a);
            case MEMORY_INIT -> {
                b.u32(i.a);
                b.u32(i.b);
            }
            case I32 -> b.s64((int) i.a);
            case I64 -> b.s64(i.a);
            case F32 -> b.fixed((int) i.a & 0xFFFF_FFFFL, 4);
            case F64 -> b.fixed(i.a, 8);
            case SELECT_T -> {
                b.u32(i.labels.length);
                for (int t : i.labels) b.u8(t);
            }
            case REF_TYPE -> b.u8(i.a == ValType.EXNREF.code ? ValType.EXN_HEAP_TYPE : (int) i.a); // a heap type
            case TAG -> b.u32(i.a);
            case TRY_TABLE -> {
                if (i.a < 0) b.u8((int) (i.a & 0x7F));
                else b.s64(i.a);
                b.u32(i.labels.length / 3);
                for (int k = 0; k < i.labels.length; k += 3) {
                    b.u8(i.labels[k]);
                    if (i.labels[k] < Opcode.CATCH_ALL) b.u32(i.labels[k + 1]);
                    b.u32(i.labels[k + 2] & 0xFFFF_FFFFL);
                }
            }
            case V128, SHUFFLE -> b.bytes(i.bytes);
            case LANE -> b.u8((int) i.a);
        }
    }

    /** A growable byte buffer with the binary format's primitive encodings. */
    static final class Buf {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void u8(int b) {
            out.write(b);
        }

        void bytes(byte[] b) {
            out.write(b, 0, b.length);
        }

        /** Unsigned LEB128 of a u32 (the low 32 bits of {@code v}). */
        void u32(long v) {
            long x = v & 0xFFFF_FFFFL;
            do {
                int b = (int) (x & 0x7F);
                x >>>= 7;
                out.write(x != 0 ? b | 0x80 : b);
            } while (x != 0);
        }

        /** Unsigned LEB128 of a u64 (memory64 offsets). */
        void u64(long v) {
            long x = v;
            do {
                int b = (int) (x & 0x7F);
                x >>>= 7;
                out.write(x != 0 ? b | 0x80 : b);
            } while (x != 0);
        }

        /** Signed LEB128, shortest form. */
        void s64(long v) {
            while (true) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
                out.write(done ? b : b | 0x80);
                if (done) return;
            }
        }

        void fixed(long bits, int bytes) {
            for (int k = 0; k < bytes; k++) out.write((int) (bits >>> (8 * k)) & 0xFF);
        }

        void name(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            bytes(b);
        }

        <T> void vec(List<T> items, Writer<T> w) {
            u32(items.size());
            for (T t : items) w.write(this, t);
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
