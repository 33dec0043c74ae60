package dev.lia.wasm.runtime;

import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.SizeRange;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.SegmentMode;
import dev.lia.wasm.syntax.TableType;

import java.util.ArrayList;
import dev.lia.wasm.types.DefType;
import dev.lia.wasm.types.TypeCanon;

import java.util.List;

/**
 * Links a compiled module's imports, allocates its instance in a store and runs the active
 * segments. Running the start function is the machine's job, after this returns.
 * {@link #allocate} is the restore mode: explicit links, no segments.
 */
public final class Instantiator {
    private Instantiator() {}

    /**
     * @throws LinkException if an import is missing or has the wrong type
     * @throws Trap          if an active segment does not fit (the instance stays allocated, as the spec says)
     */
    public static Instance instantiate(Store store, CompiledModule compiled, ImportResolver imports) {
        Module m = compiled.module();
        Extern[] links = new Extern[m.imports().size()];
        for (int i = 0; i < links.length; i++) {
            Import imp = m.imports().get(i);
            Extern ext = imports.resolve(imp.module(), imp.name());
            if (ext == null) throw new LinkException("unknown import " + imp.module() + "." + imp.name());
            checkLink(m, imp, ext);
            links[i] = ext;
        }
        Instance inst = allocate(store, compiled, links);
        initializeSegments(inst);
        return inst;
    }

    /**
     * Allocates an instance with explicit links, one extern per import in the module's order, and
     * does nothing more: no active segment is copied or dropped and no start function runs. This is
     * how a saved state is restored: the instance is rebuilt with the links it had, then the state
     * overwrites its memories, tables, globals and dropped segments.
     *
     * @throws LinkException if a link is missing or has the wrong type
     * @throws Trap          if a memory or table is larger than the store's limits allow
     */
    public static Instance allocate(Store store, CompiledModule compiled, List<? extends Extern> links) {
        return allocate(store, compiled, links.toArray(new Extern[0]));
    }

    private static Instance allocate(Store store, CompiledModule compiled, Extern[] links) {
        Module m = compiled.module();
        if (links.length != m.imports().size()) {
            throw new LinkException("the module has " + m.imports().size() + " imports, " + links.length + " links were given");
        }
        List<FunctionInstance> funcs = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<Memory> memories = new ArrayList<>();
        List<GlobalInstance> globals = new ArrayList<>();
        List<TagInstance> tags = new ArrayList<>();
        for (int i = 0; i < links.length; i++) {
            Import imp = m.imports().get(i);
            Extern ext = links[i];
            if (ext == null) throw new LinkException("unknown import " + imp.module() + "." + imp.name());
            checkLink(m, imp, ext);
            if (ext instanceof FunctionInstance f) funcs.add(f);
            else if (ext instanceof Table t) tables.add(t);
            else if (ext instanceof Memory mem) memories.add(mem);
            else if (ext instanceof TagInstance t) tags.add(t);
            else globals.add((GlobalInstance) ext);
        }

        DefType[] defs = TypeCanon.canonicalize(m.typeSection(), -1);
        int[] typeIds = new int[defs.length];
        for (int i = 0; i < typeIds.length; i++) typeIds[i] = store.typeId(defs[i]);
        int importedFuncs = funcs.size();
        FunctionInstance[] funcArray = new FunctionInstance[importedFuncs + compiled.functions().size()];
        for (int i = 0; i < importedFuncs; i++) funcArray[i] = funcs.get(i);
        int importedGlobals = globals.size();
        GlobalInstance[] globalArray = new GlobalInstance[importedGlobals + m.globals().size()];
        for (int i = 0; i < importedGlobals; i++) globalArray[i] = globals.get(i);

        int importedTables = tables.size();
        int importedMemories = memories.size();
        for (TableType t : m.tables()) {
            tables.add(new Table(t.elemType(), checkedSize(t.limits().min(), store.limits().maxTableSize(), "table"),
                    t.limits().max(), store.limits().maxTableSize(), dev.lia.wasm.runtime.Ref.NULL, t.is64()));
        }
        for (MemoryType mt : m.memories()) {
            memories.add(new Memory(checkedSize(mt.limits().min(), store.limits().maxMemoryPages(), "memory"),
                    mt.limits().max(), store.limits().maxMemoryPages(), mt.is64()));
        }
        // Nothing can fail from here on: give every extern its store address, imports first.
        for (int i = 0; i < importedTables; i++) store.register(tables.get(i));
        for (int i = 0; i < importedMemories; i++) store.register(memories.get(i));
        for (int i = 0; i < importedGlobals; i++) store.register(globals.get(i));
        for (TagInstance t : tags) store.register(t);
        for (int typeIndex : m.tags()) {
            FuncType tagType = m.types().get(typeIndex);
            TagInstance t = new TagInstance(tagType, store.typeId(defs[typeIndex]), tagName(m, tags.size()));
            store.register(t);
            tags.add(t);
        }
        for (int i = importedTables; i < tables.size(); i++) {
            store.register(tables.get(i));
            tables.get(i).setTypeContext(defs);
        }
        for (int i = importedMemories; i < memories.size(); i++) store.register(memories.get(i));
        long[][] elements = new long[m.elements().size()][];
        byte[][] datas = new byte[m.datas().size()][];
        Instance inst = new Instance(store, compiled, typeIds, funcArray, tables.toArray(new Table[0]),
                memories.toArray(new Memory[0]), globalArray, elements, datas);
        inst.setTags(tags.toArray(new TagInstance[0]));
        inst.setDefTypes(defs);
        for (int i = 0; i < compiled.functions().size(); i++) {
            funcArray[importedFuncs + i] = store.addFunction(inst, compiled.functions().get(i), typeIds[m.functions().get(i)]);
        }
        // Globals may refer to imported globals and to any function; functions exist by now.
        for (int i = 0; i < m.globals().size(); i++) {
            GlobalType gt = m.globals().get(i).type();
            globalArray[importedGlobals + i] = gt.type() == dev.lia.wasm.syntax.ValType.V128
                    ? ConstantEvaluator.vector(gt, m.globals().get(i).init(), inst)
                    : new GlobalInstance(gt, ConstantEvaluator.eval(m.globals().get(i).init(), inst));
            store.register(globalArray[importedGlobals + i]);
            globalArray[importedGlobals + i].setTypeContext(defs);
        }
        for (int i = 0; i < m.tables().size(); i++) { // 3.0: a table's initializer fills it
            Expr init = m.tables().get(i).init();
            if (init != null) java.util.Arrays.fill(tables.get(importedTables + i).elements(), ConstantEvaluator.eval(init, inst));
        }
        for (int i = 0; i < elements.length; i++) {
            List<Expr> init = m.elements().get(i).init();
            long[] refs = new long[init.size()];
            for (int k = 0; k < refs.length; k++) refs[k] = ConstantEvaluator.eval(init.get(k), inst);
            elements[i] = refs;
        }
        for (int i = 0; i < datas.length; i++) datas[i] = m.datas().get(i).bytes();
        store.addInstance(inst);
        return inst;
    }

    /** Whether {@code ext} can be the value of import {@code imp}; throws "incompatible import type" if not. */
    private static void checkLink(Module m, Import imp, Extern ext) {
        String where = " " + imp.module() + "." + imp.name();
        Import.Desc desc = imp.desc();
        boolean ok;
        if (desc instanceof Import.Func f) {
            DefType want = TypeCanon.canonicalize(m.typeSection(), -1)[f.typeIndex()];
            ok = ext instanceof FunctionInstance fi && (fi.typeId() == want.id || Store.defType(fi.typeId()).isSubtypeOf(want));
        } else if (desc instanceof Import.Table t) {
            ok = ext instanceof Table ti && sameType(ti.elemType(), ti.typeContext(), t.type().elemType(), m) && ti.is64() == t.type().is64()
                    && limitsMatch(ti.type().limits(), t.type().limits());
        } else if (desc instanceof Import.Memory mem) {
            ok = ext instanceof Memory mi && mi.is64() == mem.type().is64() && limitsMatch(mi.type().limits(), mem.type().limits());
        } else if (desc instanceof Import.Tag t) {
            ok = ext instanceof TagInstance ti && ti.typeId() == TypeCanon.canonicalize(m.typeSection(), -1)[t.typeIndex()].id;
        } else {
            GlobalType want = ((Import.Global) desc).type();
            ok = ext instanceof GlobalInstance gi && gi.type().mutable() == want.mutable()
                    && (want.mutable() ? sameType(gi.type().type(), gi.typeContext(), want.type(), m)
                            : subtype(gi.type().type(), gi.typeContext(), want.type(), m));
        }
        if (!ok) throw new LinkException("incompatible import type" + where);
    }

    /**
     * Whether a value type of an export (whose concrete heap types index {@code theirs}) matches one an import of
     * {@code m} asks for: 3.0 subtyping, concrete types compared by their canonical types. An export the host made
     * has no module types ({@code theirs} null): its concrete types match any concrete type of the same nullability.
     */
    private static boolean subtype(dev.lia.wasm.syntax.ValType a, DefType[] theirs, dev.lia.wasm.syntax.ValType b, Module m) {
        if (a == b && !a.isConcrete()) return true;
        if (theirs == null) return looselyMatches(a, b);
        return dev.lia.wasm.types.Subtyping.matches(a, theirs, b, TypeCanon.canonicalize(m.typeSection(), -1));
    }

    /** Type equality across modules (mutable globals and tables are invariant): subtyping both ways. */
    private static boolean sameType(dev.lia.wasm.syntax.ValType a, DefType[] theirs, dev.lia.wasm.syntax.ValType b, Module m) {
        if (a == b && !a.isConcrete()) return true;
        if (theirs == null) return a.isConcrete() && b.isConcrete() && a.nullable == b.nullable;
        DefType[] mine = TypeCanon.canonicalize(m.typeSection(), -1);
        return dev.lia.wasm.types.Subtyping.matches(a, theirs, b, mine) && dev.lia.wasm.types.Subtyping.matches(b, mine, a, theirs);
    }

    /** Subtyping against an export the host made (see {@link #subtype}): abstract types exactly, concrete ones loosely. */
    private static boolean looselyMatches(dev.lia.wasm.syntax.ValType a, dev.lia.wasm.syntax.ValType b) {
        if (a == b) return true;
        if (!a.isRef() || !b.isRef() || (a.nullable && !b.nullable)) return false;
        if (a.isConcrete()) return true;
        if (b.isConcrete()) return a.heap == dev.lia.wasm.syntax.ValType.NONE || a.heap == dev.lia.wasm.syntax.ValType.NOFUNC;
        return dev.lia.wasm.types.Subtyping.abstractMatches(a.heap, b.heap);
    }

    private static int checkedSize(long size, int limit, String what) {
        if (size > limit) throw new Trap("resource limit exceeded: " + what + " of " + size + " exceeds the limit of " + limit);
        return (int) size;
    }

    /** Import subtyping: at least the minimum asked for, and within the maximum if one is asked for. */
    private static boolean limitsMatch(SizeRange actual, SizeRange wanted) {
        if (actual.min() < wanted.min()) return false;
        if (!wanted.hasMax()) return true;
        return actual.hasMax() && actual.max() <= wanted.max();
    }

    /** Active element segments, then active data segments, in order; each is dropped after use. */
    private static void initializeSegments(Instance inst) {
        Module m = inst.module;
        for (int i = 0; i < m.elements().size(); i++) {
            ElementSegment seg = m.elements().get(i);
            if (seg.mode() == SegmentMode.ACTIVE) {
                Table table = inst.table(seg.table());
                long offset = table.index(ConstantEvaluator.eval(seg.offset(), inst));
                long[] refs = inst.elementSegment(i);
                if (offset < 0 || offset > table.size() - refs.length) throw new Trap("out of bounds table access");
                System.arraycopy(refs, 0, table.elements(), (int) offset, refs.length);
            }
            if (seg.mode() != SegmentMode.PASSIVE) inst.dropElementSegment(i);
        }
        for (int i = 0; i < m.datas().size(); i++) {
            DataSegment seg = m.datas().get(i);
            if (seg.mode() == SegmentMode.ACTIVE) {
                Memory mem = inst.memory(seg.memory());
                long value = ConstantEvaluator.eval(seg.offset(), inst);
                long offset = mem.is64() ? value : value & 0xFFFFFFFFL; // unsigned, i64 for memory64
                byte[] bytes = inst.dataSegment(i);
                if (offset < 0 || offset > mem.bytes().length - bytes.length) throw new Trap("out of bounds memory access");
                System.arraycopy(bytes, 0, mem.bytes(), (int) offset, bytes.length);
                inst.dropDataSegment(i);
            }
        }
    }

    /** Evaluates constant expressions (validated): constants, ref.null, ref.func, global.get. */
    static final class ConstantEvaluator {
        private ConstantEvaluator() {}

        /** A v128 global's initial value: a {@code v128.const} or the {@code global.get} of a v128 global. */
        static GlobalInstance vector(GlobalType gt, Expr expr, Instance inst) {
            Instruction in = expr.instructions().get(expr.instructions().size() - 1);
            if (in.op == dev.lia.wasm.syntax.Opcode.GLOBAL_GET) {
                GlobalInstance g = inst.global((int) in.a);
                return new GlobalInstance(gt, g.get(), g.high());
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(in.bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            return new GlobalInstance(gt, b.getLong(0), b.getLong(8));
        }

        /** A GC allocation in a constant expression: pops its operands, pushes the new object; returns sp. */
        private static int allocate(Instruction in, long[] stack, int sp, Instance inst) {
            dev.lia.wasm.syntax.CompType c = inst.module().typeSection().types().get((int) in.a).comp();
            dev.lia.wasm.types.DefType type = inst.defTypes()[(int) in.a];
            GcHeap heap = inst.store().heap();
            long[] slots;
            int length = -1;
            switch (in.op) {
                case STRUCT_NEW -> { // operands one slot each, a v128 two (low half first), as fields hold them
                    java.util.List<dev.lia.wasm.syntax.FieldType> fields = ((dev.lia.wasm.syntax.StructType) c).fields();
                    int n = 0;
                    for (dev.lia.wasm.syntax.FieldType f : fields) n += width(f);
                    slots = java.util.Arrays.copyOfRange(stack, sp - n, sp);
                    sp -= n;
                    for (int i = 0, j = 0; i < fields.size(); j += width(fields.get(i)), i++) slots[j] = packed(fields.get(i), slots[j]);
                }
                case STRUCT_NEW_DEFAULT -> {
                    int n = 0;
                    for (dev.lia.wasm.syntax.FieldType f : ((dev.lia.wasm.syntax.StructType) c).fields()) n += width(f);
                    slots = new long[n];
                }
                case ARRAY_NEW_FIXED -> {
                    dev.lia.wasm.syntax.FieldType f = ((dev.lia.wasm.syntax.ArrayType) c).element();
                    int n = (int) in.b * width(f);
                    slots = java.util.Arrays.copyOfRange(stack, sp - n, sp);
                    sp -= n;
                    length = (int) in.b;
                    for (int i = 0; i < n; i += width(f)) slots[i] = packed(f, slots[i]);
                }
                default -> { // array.new, array.new_default: the length on top
                    dev.lia.wasm.syntax.FieldType f = ((dev.lia.wasm.syntax.ArrayType) c).element();
                    int w = width(f);
                    long len = stack[--sp] & 0xFFFFFFFFL;
                    heap.reserve(len * w);
                    slots = new long[(int) (len * w)];
                    length = (int) len;
                    if (in.op == dev.lia.wasm.syntax.Opcode.ARRAY_NEW) {
                        long hi = w == 2 ? stack[--sp] : 0;
                        long lo = packed(f, stack[--sp]);
                        for (int i = 0; i < slots.length; i += w) {
                            slots[i] = lo;
                            if (w == 2) slots[i + 1] = hi;
                        }
                    }
                }
            }
            if (sp + 1 > stack.length) throw new IllegalStateException("constant stack");
            stack[sp++] = heap.allocate(type, slots, c instanceof dev.lia.wasm.syntax.ArrayType ? length : -1);
            return sp;
        }

        /** Slots a field takes: two for a v128. */
        private static int width(dev.lia.wasm.syntax.FieldType f) {
            return f.packed() == 0 && f.type() == dev.lia.wasm.syntax.ValType.V128 ? 2 : 1;
        }

        private static long packed(dev.lia.wasm.syntax.FieldType f, long v) {
            return f.packed() == 8 ? v & 0xFF : f.packed() == 16 ? v & 0xFFFF : v;
        }

        static long eval(Expr expr, Instance inst) {
            long[] stack = new long[4];
            int sp = 0;
            for (Instruction in : expr.instructions()) {
                if (sp + 2 > stack.length) stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                switch (in.op) {
                    case I32_CONST, F32_CONST -> stack[sp++] = (int) in.a; // 32-bit values are kept sign-extended
                    case I64_CONST, F64_CONST -> stack[sp++] = in.a;
                    case REF_NULL -> stack[sp++] = Ref.NULL;
                    case REF_I31 -> stack[sp - 1] = Ref.i31((int) stack[sp - 1]);
                    case STRUCT_NEW, STRUCT_NEW_DEFAULT, ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED -> {
                        sp = allocate(in, stack, sp, inst);
                    }
                    case ANY_CONVERT_EXTERN -> stack[sp - 1] = Ref.internalize(stack[sp - 1]);
                    case EXTERN_CONVERT_ANY -> stack[sp - 1] = Ref.externalize(stack[sp - 1]);
                    case REF_FUNC -> stack[sp++] = Ref.func(inst.function((int) in.a).address);
                    case GLOBAL_GET -> {
                        GlobalInstance g = inst.global((int) in.a);
                        stack[sp++] = g.get();
                        if (g.type().type() == dev.lia.wasm.syntax.ValType.V128) stack[sp++] = g.high(); // as a field's operand: two slots
                    }
                    case V128_CONST -> { // only as a field's operand (a v128 global's own initializer is vector())
                        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(in.bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                        stack[sp++] = b.getLong(0);
                        stack[sp++] = b.getLong(8);
                    }
                    // extended constant expressions (a later proposal), cheap to support
                    case I32_ADD -> { sp--; stack[sp - 1] = (int) stack[sp - 1] + (int) stack[sp]; }
                    case I32_SUB -> { sp--; stack[sp - 1] = (int) stack[sp - 1] - (int) stack[sp]; }
                    case I32_MUL -> { sp--; stack[sp - 1] = (int) stack[sp - 1] * (int) stack[sp]; }
                    case I64_ADD -> { sp--; stack[sp - 1] += stack[sp]; }
                    case I64_SUB -> { sp--; stack[sp - 1] -= stack[sp]; }
                    case I64_MUL -> { sp--; stack[sp - 1] *= stack[sp]; }
                    default -> throw new IllegalStateException("not a constant instruction: " + in.op.text);
                }
            }
            return stack[sp - 1];
        }
    }

    /** A tag's name in messages: {@code tag "NAME"} for its first export name, else {@code tag N}. */
    private static String tagName(Module m, int index) {
        for (dev.lia.wasm.syntax.Export e : m.exports()) {
            if (e.kind() == dev.lia.wasm.syntax.ExternKind.TAG && e.index() == index) return "tag \"" + e.name() + "\"";
        }
        return "tag " + index;
    }
}
