package dev.lia.wasm.text;

import dev.lia.wasm.syntax.BlockType;
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
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.SegmentMode;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prints a {@link Module} in the text format, like wasm2wat: one field per line, function bodies as
 * plain (unfolded) instructions indented by block depth, every type use explicit ({@code (type N)}
 * with its parameters and results), function and local names from the name section as identifiers,
 * floats as exact hex floats. Parsing the output gives the same module again, so text to binary to
 * text to binary gives the same bytes.
 */
public final class WatPrinter {
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z!#$%&'*+\\-./:<=>?@\\\\^_`|~]+");

    private static final String[] CATCH_NAMES = {"catch", "catch_ref", "catch_all", "catch_all_ref"};

    private final Module m;
    private final StringBuilder sb = new StringBuilder();
    private final Map<Integer, String> funcIds;

    private WatPrinter(Module m) {
        this.m = m;
        this.funcIds = ids(m.names().functionNames());
    }

    /** The module as text. */
    public static String print(Module m) {
        WatPrinter p = new WatPrinter(m);
        p.module();
        return p.sb.toString();
    }

    /**
     * One instruction of function {@code funcIndex} as {@link #print} writes it (names from the name
     * section as identifiers), e.g. for a debugger's disassembly.
     */
    public static String instruction(Module m, int funcIndex, Instruction in) {
        WatPrinter p = new WatPrinter(m);
        p.instruction(in, ids(m.names().localNames().getOrDefault(funcIndex, Map.of())));
        return p.sb.toString();
    }

    /** Names usable as identifiers: non-empty, each name once. */
    private static Map<Integer, String> ids(Map<Integer, String> names) {
        Map<Integer, String> out = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicate = new HashSet<>();
        for (String n : names.values()) if (!seen.add(n)) duplicate.add(n);
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            String n = e.getValue();
            if (!n.isEmpty() && !duplicate.contains(n)) out.put(e.getKey(), identifier(n));
        }
        return out;
    }

    /** A name as an identifier: {@code $name}, or {@code $"..."} (3.0) when it has other characters. */
    static String identifier(String name) {
        return ID.matcher(name).matches() ? "$" + name : "$" + Strings.quote(name);
    }

    private void module() {
        sb.append("(module");
        String name = m.names().moduleName();
        if (name != null && !name.isEmpty()) sb.append(' ').append(identifier(name));
        typeSection();
        int funcs = 0, tables = 0, mems = 0, globals = 0, tags = 0;
        for (Import imp : m.imports()) {
            line().append("(import ").append(Strings.quote(imp.module())).append(' ').append(Strings.quote(imp.name())).append(" (");
            Import.Desc d = imp.desc();
            if (d instanceof Import.Func f) {
                sb.append("func");
                funcHeader(funcs++, f.typeIndex(), Map.of());
            } else if (d instanceof Import.Table t) {
                sb.append("table (;").append(tables++).append(";) ");
                tableType(t.type());
            } else if (d instanceof Import.Memory mem) {
                sb.append("memory (;").append(mems++).append(";) ");
                if (mem.type().is64()) sb.append("i64 "); // memory64: the address type before the limits
                limits(mem.type().limits());
            } else if (d instanceof Import.Global g) {
                sb.append("global (;").append(globals++).append(";) ");
                globalType(g.type());
            } else if (d instanceof Import.Tag t) {
                sb.append("tag (;").append(tags++).append(";)");
                typeUse(t.typeIndex());
            }
            sb.append("))");
        }
        for (int i = 0; i < m.functions().size(); i++) {
            int index = funcs + i;
            FunctionBody body = i < m.codes().size() ? m.codes().get(i) : null;
            function(index, m.functions().get(i), body);
        }
        for (TableType t : m.tables()) {
            line().append("(table (;").append(tables++).append(";) ");
            tableType(t);
            if (t.init() != null) {
                sb.append(' ');
                constExpr(t.init());
            }
            sb.append(')');
        }
        for (var mt : m.memories()) {
            line().append("(memory (;").append(mems++).append(";) ");
            if (mt.is64()) sb.append("i64 ");
            limits(mt.limits());
            sb.append(')');
        }
        for (int t : m.tags()) {
            line().append("(tag (;").append(tags++).append(";)");
            typeUse(t);
            sb.append(')');
        }
        for (Global g : m.globals()) {
            line().append("(global (;").append(globals++).append(";) ");
            globalType(g.type());
            sb.append(' ');
            constExpr(g.init());
            sb.append(')');
        }
        for (Export e : m.exports()) {
            line().append("(export ").append(Strings.quote(e.name())).append(" (").append(e.kind().text).append(' ');
            sb.append(switch (e.kind()) {
                case FUNC -> func(e.index());
                default -> Integer.toString(e.index());
            });
            sb.append("))");
        }
        if (m.start() >= 0) line().append("(start ").append(func(m.start())).append(')');
        for (int i = 0; i < m.elements().size(); i++) element(i, m.elements().get(i));
        for (int i = 0; i < m.datas().size(); i++) data(i, m.datas().get(i));
        boolean comment = false;
        for (CustomSection c : m.customs()) {
            if (c.name().equals("name")) continue;
            line().append(";; custom section ").append(Strings.quote(c.name())).append(", ").append(c.contents().length).append(" bytes");
            comment = true;
        }
        sb.append(comment ? "\n)\n" : ")\n");
    }

    private StringBuilder line() {
        return sb.append("\n  ");
    }

    private String func(long index) {
        String id = funcIds.get((int) index);
        return id != null ? id : Long.toString(index);
    }

    /** {@code $name (;N;) (type T) (param ...) (result ...)} of a function. */
    private void funcHeader(int index, int typeIndex, Map<Integer, String> localIds) {
        String id = funcIds.get(index);
        if (id != null) sb.append(' ').append(id);
        sb.append(" (;").append(index).append(";) (type ").append(typeIndex).append(')');
        if (typeIndex >= 0 && typeIndex < m.types().size()) signature(m.types().get(typeIndex), localIds);
    }

    /** {@code (type T)} and the type's parameters and results, as a tag's type. */
    private void typeUse(int typeIndex) {
        sb.append(" (type ").append(typeIndex).append(')');
        if (typeIndex >= 0 && typeIndex < m.types().size()) signature(m.types().get(typeIndex), null);
    }

    /** Parameters (named where {@code ids} has a name) and results. */
    private void signature(FuncType t, Map<Integer, String> ids) {
        boolean open = false; // inside a "(param" of unnamed parameters
        for (int i = 0; i < t.params().size(); i++) {
            String id = ids == null ? null : ids.get(i);
            if (id != null) {
                if (open) sb.append(')');
                open = false;
                sb.append(" (param ").append(id).append(' ').append(t.params().get(i).text).append(')');
            } else {
                sb.append(open ? " " : " (param ").append(t.params().get(i).text);
                open = true;
            }
        }
        if (open) sb.append(')');
        if (!t.results().isEmpty()) {
            sb.append(" (result");
            for (ValType v : t.results()) sb.append(' ').append(v.text);
            sb.append(')');
        }
    }

    private void function(int index, int typeIndex, FunctionBody body) {
        Map<Integer, String> localIds = ids(m.names().localNames().getOrDefault(index, Map.of()));
        line().append("(func");
        funcHeader(index, typeIndex, localIds);
        if (body == null) {
            sb.append(')');
            return;
        }
        int params = typeIndex >= 0 && typeIndex < m.types().size() ? m.types().get(typeIndex).params().size() : 0;
        int local = params;
        for (Local l : body.locals()) {
            for (long k = 0; k < l.count(); k++, local++) {
                String id = localIds.get(local);
                sb.append(local == params ? "\n    " : " ").append("(local ");
                if (id != null) sb.append(id).append(' ');
                sb.append(l.type().text).append(')');
            }
        }
        instructions(body.body().instructions(), 2, localIds);
        sb.append(')');
    }

    private void instructions(List<Instruction> code, int depth, Map<Integer, String> localIds) {
        for (Instruction in : code) {
            if (in.op == Opcode.END || in.op == Opcode.ELSE) depth--;
            sb.append('\n').append("  ".repeat(Math.max(depth, 1)));
            instruction(in, localIds);
            if (in.op.opensBlock() || in.op == Opcode.ELSE) depth++;
        }
    }

    /** A constant expression: one instruction folded in parentheses, several plain. */
    private void constExpr(Expr e) {
        List<Instruction> ins = e.instructions();
        if (ins.size() == 1) {
            sb.append('(');
            instruction(ins.get(0), Map.of());
            sb.append(')');
            return;
        }
        for (int i = 0; i < ins.size(); i++) {
            if (i > 0) sb.append(' ');
            instruction(ins.get(i), Map.of());
        }
    }

    private void instruction(Instruction in, Map<Integer, String> localIds) {
        Opcode op = in.op;
        sb.append(op.text);
        switch (op.imm) {
            case NONE -> { }
            case MEM -> {
                if (in.a != 0) sb.append(' ').append(in.a);
            }
            case MEMORY_COPY -> {
                if (in.a != 0 || in.b != 0) sb.append(' ').append(in.a).append(' ').append(in.b);
            }
            case BLOCK -> blockType(in.a);
            case LABEL, GLOBAL, ELEM, DATA -> sb.append(' ').append(in.a);
            case MEMORY_INIT -> {
                if (in.b != 0) sb.append(' ').append(in.b);
                sb.append(' ').append(in.a);
            }
            case TABLE -> sb.append(' ').append(in.a);
            case FUNC -> sb.append(' ').append(func(in.a));
            case LOCAL -> {
                String id = localIds.get((int) in.a);
                sb.append(' ').append(id != null ? id : Long.toString(in.a));
            }
            case BR_TABLE -> {
                for (int l : in.labels) sb.append(' ').append(Integer.toUnsignedString(l));
            }
            case CALL_INDIRECT -> {
                sb.append(' ').append(in.b).append(" (type ").append(in.a).append(')');
                if (in.a >= 0 && in.a < m.types().size()) signature(m.types().get((int) in.a), null);
            }
            case TABLE_INIT -> sb.append(' ').append(in.b).append(' ').append(in.a);
            case TABLE_COPY -> sb.append(' ').append(in.a).append(' ').append(in.b);
            case MEMARG, MEMARG_LANE -> {
                if (op.imm == Opcode.Imm.MEMARG && in.c != 0) sb.append(' ').append(in.c);
                if (op.imm == Opcode.Imm.MEMARG_LANE && dev.lia.wasm.syntax.LaneAccess.memory(in) != 0) {
                    sb.append(' ').append(dev.lia.wasm.syntax.LaneAccess.memory(in));
                }
                if (in.b != 0) sb.append(" offset=").append(in.b);
                if (in.a != Integer.numberOfTrailingZeros(op.accessSize)) sb.append(" align=").append(Long.toUnsignedString(1L << in.a));
                if (op.imm == Opcode.Imm.MEMARG_LANE) sb.append(' ').append(dev.lia.wasm.syntax.LaneAccess.lane(in));
            }
            case I32 -> sb.append(' ').append((int) in.a);
            case I64 -> sb.append(' ').append(in.a);
            case F32 -> sb.append(' ').append(f32((int) in.a));
            case F64 -> sb.append(' ').append(f64(in.a));
            case SELECT_T -> {
                sb.append(" (result");
                for (int t : in.labels) sb.append(' ').append(ValType.fromId(t).text);
                sb.append(')');
            }
            case REF_TYPE -> sb.append(' ').append(ValType.heapText((int) in.a));
            case TYPE -> sb.append(' ').append(in.a);
            case TYPE_FIELD, TYPE_DATA -> sb.append(' ').append(in.a).append(' ').append(in.b);
            case HEAP -> sb.append(' ').append(ValType.ref(op == Opcode.REF_TEST_NULL || op == Opcode.REF_CAST_NULL, (int) in.a).text);
            case BR_ON_CAST -> sb.append(' ').append(in.a).append(' ').append(ValType.ref((in.labels[0] & 1) != 0, (int) in.b).text)
                    .append(' ').append(ValType.ref((in.labels[0] & 2) != 0, (int) in.c).text);
            case TAG -> sb.append(' ').append(in.a);
            case TRY_TABLE -> {
                blockType(in.a);
                for (int k = 0; k < in.labels.length; k += 3) {
                    int kind = in.labels[k];
                    sb.append(" (").append(CATCH_NAMES[kind]);
                    if (kind < Opcode.CATCH_ALL) sb.append(' ').append(in.labels[k + 1]);
                    sb.append(' ').append(Integer.toUnsignedString(in.labels[k + 2])).append(')');
                }
            }
            case V128 -> {
                ByteBuffer b = ByteBuffer.wrap(in.bytes).order(ByteOrder.LITTLE_ENDIAN);
                sb.append(" i32x4");
                for (int i = 0; i < 4; i++) sb.append(" 0x").append(String.format("%08x", b.getInt()));
            }
            case SHUFFLE -> {
                for (byte x : in.bytes) sb.append(' ').append(x & 0xFF);
            }
            case LANE -> sb.append(' ').append(in.a);
        }
    }

    /** Type definitions, a recursion group of more than one as {@code (rec ...)}. */
    private void typeSection() {
        int i = 0;
        for (int size : m.typeSection().groupSizes()) {
            if (size != 1) line().append("(rec");
            for (int k = 0; k < size; k++, i++) {
                dev.lia.wasm.syntax.SubType st = m.typeSection().types().get(i);
                line().append("(type (;").append(i).append(";) ");
                boolean sub = !st.isFinal() || !st.supers().isEmpty();
                if (sub) {
                    sb.append("(sub");
                    if (st.isFinal()) sb.append(" final");
                    for (int x : st.supers()) sb.append(' ').append(x);
                    sb.append(' ');
                }
                if (st.comp() instanceof dev.lia.wasm.syntax.FuncType f) {
                    sb.append("(func");
                    signature(f, null);
                    sb.append(')');
                } else if (st.comp() instanceof dev.lia.wasm.syntax.StructType t) {
                    sb.append("(struct");
                    for (dev.lia.wasm.syntax.FieldType f : t.fields()) sb.append(" (field ").append(fieldText(f)).append(')');
                    sb.append(')');
                } else {
                    sb.append("(array ").append(fieldText(((dev.lia.wasm.syntax.ArrayType) st.comp()).element())).append(')');
                }
                if (sub) sb.append(')');
                sb.append(')');
            }
            if (size != 1) sb.append(')');
        }
    }

    private static String fieldText(dev.lia.wasm.syntax.FieldType f) {
        return f.mutable() ? "(mut " + f.storageText() + ")" : f.storageText();
    }

    private void blockType(long bt) {
        if (bt == BlockType.EMPTY) return;
        if (bt < 0) {
            sb.append(" (result ").append(BlockType.valType(bt).text).append(')');
            return;
        }
        sb.append(" (type ").append(bt).append(')');
        if (bt < m.types().size() && m.types().get((int) bt) != null) signature(m.types().get((int) bt), null);
    }

    private void element(int i, ElementSegment e) {
        line().append("(elem (;").append(i).append(";)");
        if (e.mode() == SegmentMode.DECLARATIVE) sb.append(" declare");
        if (e.mode() == SegmentMode.ACTIVE) {
            sb.append(" (table ").append(e.table()).append(") (offset ");
            expr(e.offset());
            sb.append(')');
        }
        boolean indices = e.type() == ValType.ref(false, ValType.FUNC);
        for (Expr x : e.init()) indices &= x.instructions().size() == 1 && x.instructions().get(0).op == Opcode.REF_FUNC;
        if (indices) {
            sb.append(" func");
            for (Expr x : e.init()) sb.append(' ').append(func(x.instructions().get(0).a));
        } else {
            sb.append(' ').append(e.type().text);
            for (Expr x : e.init()) {
                sb.append(" (item ");
                expr(x);
                sb.append(')');
            }
        }
        sb.append(')');
    }

    /** Instructions of a constant expression, plain, on one line. */
    private void expr(Expr e) {
        List<Instruction> ins = e.instructions();
        for (int k = 0; k < ins.size(); k++) {
            if (k > 0) sb.append(' ');
            instruction(ins.get(k), Map.of());
        }
    }

    private void data(int i, DataSegment d) {
        line().append("(data (;").append(i).append(";)");
        if (d.mode() == SegmentMode.ACTIVE) {
            sb.append(" (memory ").append(d.memory()).append(") (offset ");
            expr(d.offset());
            sb.append(')');
        }
        sb.append(' ').append(Strings.quote(d.bytes())).append(')');
    }

    private void limits(SizeRange l) {
        sb.append(l.min());
        if (l.hasMax()) sb.append(' ').append(l.max());
    }

    private void tableType(TableType t) {
        limits(t.limits());
        sb.append(' ').append(t.elemType().text);
    }

    private void globalType(GlobalType t) {
        if (t.mutable()) sb.append("(mut ").append(t.type().text).append(')');
        else sb.append(t.type().text);
    }

    /** An f32 as exact text: a hex float, {@code inf}, {@code nan} or {@code nan:0x...}. */
    static String f32(int bits) {
        String sign = bits < 0 ? "-" : "";
        int exp = (bits >>> 23) & 0xFF;
        int frac = bits & 0x7FFFFF;
        if (exp == 0xFF) return sign + (frac == 0 ? "inf" : frac == 0x400000 ? "nan" : "nan:0x" + Integer.toHexString(frac));
        return Float.toHexString(Math.abs(Float.intBitsToFloat(bits))).equals("0x0.0p0") ? sign + "0x0p+0"
                : sign + Float.toHexString(Math.abs(Float.intBitsToFloat(bits))).replace("p", "p+").replace("p+-", "p-");
    }

    static String f64(long bits) {
        String sign = bits < 0 ? "-" : "";
        long exp = (bits >>> 52) & 0x7FF;
        long frac = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exp == 0x7FF) return sign + (frac == 0 ? "inf" : frac == 0x8_0000_0000_0000L ? "nan" : "nan:0x" + Long.toHexString(frac));
        String hex = Double.toHexString(Math.abs(Double.longBitsToDouble(bits)));
        if (hex.equals("0x0.0p0")) return sign + "0x0p+0";
        return sign + hex.replace("p", "p+").replace("p+-", "p-");
    }
}
