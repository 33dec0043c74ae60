package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Global;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.syntax.SubType;
import dev.lia.wasm.syntax.StructType;
import dev.lia.wasm.syntax.ArrayType;
import dev.lia.wasm.types.DefType;
import dev.lia.wasm.types.Subtyping;
import dev.lia.wasm.types.TypeCanon;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The spec's validation context C: every index space of a module (imports first), plus the set of
 * function indices that {@code ref.func} may name. The lookups throw the spec suite's "unknown ..."
 * errors, so callers never index out of range.
 */
public final class ModuleContext {
    private final List<FuncType> types;
    private final List<SubType> subTypes;
    /** The canonical type of each type index (3.0): what subtyping and type equality compare. */
    private final DefType[] defs;
    private final List<FuncType> funcs = new ArrayList<>();
    /** The type index of each function, imports first. */
    private final List<Integer> funcTypeIndices = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<GlobalType> globals = new ArrayList<>();
    /** The type index of each tag, imports first (exception handling). */
    private final List<Long> tags = new ArrayList<>();
    private final List<ValType> elems = new ArrayList<>();
    private final int datas;
    private final Set<Integer> refs = new HashSet<>();

    private ModuleContext(Module m) {
        types = m.types();
        subTypes = m.typeSection().types();
        defs = TypeCanon.canonicalize(m.typeSection(), -1);
        for (Import imp : m.imports()) {
            Import.Desc d = imp.desc();
            if (d instanceof Import.Func f) {
                funcs.add(type(f.typeIndex(), -1));
                funcTypeIndices.add(f.typeIndex());
            }
            else if (d instanceof Import.Table t) tables.add(t.type());
            else if (d instanceof Import.Memory mem) memories.add(mem.type());
            else if (d instanceof Import.Global g) globals.add(g.type());
            else if (d instanceof Import.Tag t) tags.add((long) t.typeIndex());
        }
        for (int t : m.tags()) tags.add((long) t);
        for (int typeIndex : m.functions()) {
            funcs.add(type(typeIndex, -1));
            funcTypeIndices.add(typeIndex);
        }
        tables.addAll(m.tables());
        memories.addAll(m.memories());
        for (Global g : m.globals()) globals.add(g.type());
        for (ElementSegment e : m.elements()) elems.add(e.type());
        // The binary format types code against the data count section; the decoder checks it matches.
        datas = m.dataCount() >= 0 ? Math.min(m.dataCount(), m.datas().size()) : m.datas().size();
        collectRefs(m);
    }

    /** Builds the context; fails with "unknown type" if a function names a missing type. */
    public static ModuleContext of(Module m) {
        return new ModuleContext(m);
    }

    // C.refs: functions named anywhere outside function bodies (and the start section) count as declared.
    private void collectRefs(Module m) {
        for (Export e : m.exports()) if (e.kind() == ExternKind.FUNC) refs.add(e.index());
        for (Global g : m.globals()) addRefs(g.init());
        for (ElementSegment e : m.elements()) {
            for (Expr init : e.init()) addRefs(init);
            addRefs(e.offset());
        }
        for (DataSegment d : m.datas()) addRefs(d.offset());
    }

    private void addRefs(Expr e) {
        if (e == null) return;
        for (Instruction i : e.instructions()) if (i.op == Opcode.REF_FUNC) refs.add((int) i.a);
    }

    /** The function type at {@code index}; "unknown type" if there is none, a mismatch if it is a struct or array type. */
    public FuncType type(long index, int offset) {
        if (index < 0 || index >= types.size()) throw unknown("type", index, offset);
        FuncType f = types.get((int) index);
        if (f == null) throw new InvalidException("type mismatch: type " + index + " is not a function type", offset);
        return f;
    }

    /** The type definition at {@code index} (3.0), or "unknown type". */
    public SubType subType(long index, int offset) {
        if (index < 0 || index >= subTypes.size()) throw unknown("type", index, offset);
        return subTypes.get((int) index);
    }

    /** The struct type at {@code index}, or a mismatch. */
    public StructType structType(long index, int offset) {
        if (subType(index, offset).comp() instanceof StructType s) return s;
        throw new InvalidException("type mismatch: type " + index + " is not a struct type", offset);
    }

    /** The array type at {@code index}, or a mismatch. */
    public ArrayType arrayType(long index, int offset) {
        if (subType(index, offset).comp() instanceof ArrayType a) return a;
        throw new InvalidException("type mismatch: type " + index + " is not an array type", offset);
    }

    /** The canonical types, by type index. */
    public DefType[] defs() {
        return defs;
    }

    /** Whether {@code a} matches {@code b} (both of this module). */
    public boolean matches(ValType a, ValType b) {
        return Subtyping.matches(a, b, defs);
    }

    /** Checks a value type names only existing types ("unknown type" otherwise). */
    public ValType checkType(ValType t, int offset) {
        if (t != null && t.isConcrete() && t.heap >= subTypes.size()) throw unknown("type", t.heap, offset);
        return t;
    }

    /** The type index of function {@code index} (after {@link #func} checked it exists). */
    public int funcTypeIndex(long index) {
        return funcTypeIndices.get((int) index);
    }

    public FuncType func(long index, int offset) {
        if (index < 0 || index >= funcs.size()) throw unknown("function", index, offset);
        return funcs.get((int) index);
    }

    public TableType table(long index, int offset) {
        if (index < 0 || index >= tables.size()) throw unknown("table", index, offset);
        return tables.get((int) index);
    }

    public MemoryType memory(long index, int offset) {
        if (index < 0 || index >= memories.size()) throw unknown("memory", index, offset);
        return memories.get((int) index);
    }

    public GlobalType global(long index, int offset) {
        if (index < 0 || index >= globals.size()) throw unknown("global", index, offset);
        return globals.get((int) index);
    }

    /** The type of a tag (exception handling); its results are empty once {@link Validator} checked the tags. */
    public FuncType tag(long index, int offset) {
        if (index < 0 || index >= tags.size()) throw unknown("tag", index, offset);
        return type(tags.get((int) index), offset);
    }

    public int tagCount() {
        return tags.size();
    }

    /** A global as a constant expression sees it: only the first {@code inScope} globals exist. */
    public GlobalType globalInScope(long index, int inScope, int offset) {
        if (index < 0 || index >= inScope) throw unknown("global", index, offset);
        return globals.get((int) index);
    }

    /** The reference type of an element segment. */
    public ValType elem(long index, int offset) {
        if (index < 0 || index >= elems.size()) throw unknown("elem segment", index, offset);
        return elems.get((int) index);
    }

    public void data(long index, int offset) {
        if (index < 0 || index >= datas) throw unknown("data segment", index, offset);
    }

    /** Whether {@code ref.func index} is allowed inside a function body. */
    public boolean declared(long index) {
        return index >= 0 && index <= Integer.MAX_VALUE && refs.contains((int) index);
    }

    public List<FuncType> types() {
        return types;
    }

    public int funcCount() {
        return funcs.size();
    }

    public int tableCount() {
        return tables.size();
    }

    public int memoryCount() {
        return memories.size();
    }

    public int globalCount() {
        return globals.size();
    }

    private static InvalidException unknown(String what, long index, int offset) {
        return new InvalidException("unknown " + what + " " + index, offset);
    }
}
