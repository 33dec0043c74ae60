package dev.lia.wasm.text;

import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.ExternKind;
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
import dev.lia.wasm.text.SExpr.Atom;
import dev.lia.wasm.text.SExpr.Kind;
import dev.lia.wasm.text.SExpr.SList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Module} from the fields of a text module, desugaring every abbreviation of the text
 * format.
 *
 * <p>Two passes over the fields: the first defines every identifier (so fields may refer to ones
 * defined later), parses the explicit type definitions and checks that imports come before
 * definitions; the second builds everything in textual order. Type uses without a matching explicit
 * type append an implicit type definition at the end of the type section, in order of appearance.
 */
final class ModuleBuilder {
    private static final int PAGE = 65536;

    final List<FuncType> types = new ArrayList<>();
    final Space typeSpace = new Space("type", "type");
    final Space funcSpace = new Space("function", "func");
    final Space tableSpace = new Space("table", "table");
    final Space memSpace = new Space("memory", "memory");
    final Space globalSpace = new Space("global", "global");
    final Space tagSpace = new Space("tag", "tag");
    final Space elemSpace = new Space("elem segment", "elem");
    final Space dataSpace = new Space("data segment", "data");

    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<FunctionBody> codes = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Integer> tags = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ElementSegment> elems = new ArrayList<>();
    private final List<DataSegment> datas = new ArrayList<>();
    private int start = -1;
    private final Map<Integer, String> funcNames = new HashMap<>();
    private final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();
    boolean usesDataIndex;

    // second-pass counters: the next index of each kind
    private int nextFunc, nextTable, nextMem, nextGlobal, nextTag;

    // first pass: the kind of the first definition seen (imports must precede every definition)
    private String firstDefinition;

    private ModuleBuilder() {}

    /** A module from its fields; {@code id} is the module's identifier or null. */
    static Module build(Atom id, List<SExpr> fields) {
        ModuleBuilder b = new ModuleBuilder();
        for (SExpr f : fields) b.declare(f);
        for (SExpr f : fields) b.define((SList) f);
        return b.module(id == null ? null : id.text().substring(1));
    }

    private Module module(String moduleName) {
        // as wast2json does: a data count section when code names a data segment and there are any
        int dataCount = usesDataIndex && !datas.isEmpty() ? datas.size() : -1;
        return new Module(types, imports, functions, tables, memories, globals, exports, start, elems, dataCount,
                codes, datas, List.of(), new Names(moduleName, funcNames, localNames), tags);
    }

    // ---- pass 1 ----

    private void declare(SExpr e) {
        if (!(e instanceof SList field)) throw Cursor.unexpected(e);
        String head = field.head();
        if (head == null) throw Cursor.unexpected(field.size() > 0 ? field.get(0) : field);
        Cursor c = new Cursor(field, 1);
        switch (head) {
            case "type" -> {
                Atom id = c.optional(Kind.ID);
                types.add(funcTypeDef(c.list("func")));
                c.expectEnd();
                typeSpace.add(id);
            }
            case "import" -> {
                c.atom(Kind.STRING);
                c.atom(Kind.STRING);
                SList desc = c.list();
                String kind = desc.head();
                Space space = kind == null ? null : switch (kind) {
                    case "func" -> funcSpace;
                    case "table" -> tableSpace;
                    case "memory" -> memSpace;
                    case "global" -> globalSpace;
                    case "tag" -> tagSpace;
                    default -> null;
                };
                if (space == null) throw Cursor.unexpected(desc.size() > 0 ? desc.get(0) : desc);
                checkImportOrder(field);
                space.add(new Cursor(desc, 1).optional(Kind.ID));
            }
            case "func", "table", "memory", "global", "tag" -> {
                Atom id = c.optional(Kind.ID);
                while (c.peekList("export")) c.next();
                Space space = switch (head) {
                    case "func" -> funcSpace;
                    case "table" -> tableSpace;
                    case "memory" -> memSpace;
                    case "tag" -> tagSpace;
                    default -> globalSpace;
                };
                if (c.peekList("import")) {
                    checkImportOrder(field);
                } else {
                    if (firstDefinition == null) firstDefinition = head.equals("func") ? "function" : head;
                    if (head.equals("table") && isRefType(c.peekKeyword())) elemSpace.add(null);
                    if (head.equals("memory") && c.peekList("data")) dataSpace.add(null);
                }
                space.add(id);
            }
            case "elem" -> elemSpace.add(c.optional(Kind.ID));
            case "data" -> dataSpace.add(c.optional(Kind.ID));
            case "export", "start" -> { }
            default -> throw Cursor.unexpected(field);
        }
    }

    private void checkImportOrder(SList field) {
        if (firstDefinition != null) throw new TextFormatException("import after " + firstDefinition, field.pos());
    }

    /** {@code (func (param ...)* (result ...)*)} in a type definition: parameters may be named. */
    private FuncType funcTypeDef(SList func) {
        Cursor c = new Cursor(func, 1);
        TypeUse tu = typeUse(c, true, false);
        c.expectEnd();
        return new FuncType(tu.params, tu.results);
    }

    // ---- pass 2 ----

    private void define(SList field) {
        Cursor c = new Cursor(field, 1);
        switch (field.head()) {
            case "type" -> { }
            case "import" -> importField(c);
            case "func" -> func(c);
            case "table" -> table(c);
            case "memory" -> memory(c);
            case "global" -> global(c);
            case "tag" -> tag(c);
            case "export" -> export(c);
            case "start" -> {
                if (start >= 0) throw new TextFormatException("multiple start sections", field.pos());
                start = funcSpace.resolve(c.next());
                c.expectEnd();
            }
            case "elem" -> elem(c);
            case "data" -> data(c);
            default -> throw Cursor.unexpected(field);
        }
    }

    private void importField(Cursor c) {
        String module = name(c.atom(Kind.STRING));
        String name = name(c.atom(Kind.STRING));
        SList desc = c.list();
        c.expectEnd();
        Cursor d = new Cursor(desc, 1);
        Atom id = d.optional(Kind.ID);
        imports.add(new Import(module, name, importDesc(desc.head(), id, d)));
    }

    /** The description of an import of this kind, the rest of whose definition {@code c} holds. */
    private Import.Desc importDesc(String kind, Atom id, Cursor c) {
        Import.Desc desc = switch (kind) {
            case "func" -> {
                int index = nextFunc++;
                if (id != null) funcNames.put(index, id.text().substring(1));
                TypeUse tu = typeUse(c, true, true);
                yield new Import.Func(resolveTypeUse(tu, c.position()));
            }
            case "table" -> {
                nextTable++;
                yield new Import.Table(tableType(c));
            }
            case "memory" -> {
                nextMem++;
                yield new Import.Memory(memoryType(c));
            }
            case "tag" -> {
                nextTag++;
                TypeUse tu = typeUse(c, false, true);
                yield new Import.Tag(resolveTypeUse(tu, c.position()));
            }
            default -> {
                nextGlobal++;
                yield new Import.Global(globalType(c));
            }
        };
        c.expectEnd();
        return desc;
    }

    /** Inline exports of a definition ({@code (export "name")*}). */
    private void inlineExports(Cursor c, ExternKind kind, int index) {
        while (c.peekList("export")) {
            Cursor e = new Cursor(c.list(), 1);
            exports.add(new Export(name(e.atom(Kind.STRING)), kind, index));
            e.expectEnd();
        }
    }

    /** An inline import ({@code (import "module" "name")}) followed by the rest of the definition. */
    private boolean inlineImport(Cursor c, String kind, Atom id) {
        if (!c.peekList("import")) return false;
        Cursor i = new Cursor(c.list(), 1);
        String module = name(i.atom(Kind.STRING));
        String name = name(i.atom(Kind.STRING));
        i.expectEnd();
        imports.add(new Import(module, name, importDesc(kind, id, c)));
        return true;
    }

    private void func(Cursor c) {
        Atom id = c.optional(Kind.ID);
        int index = nextFunc;
        inlineExports(c, ExternKind.FUNC, index);
        if (inlineImport(c, "func", id)) return;
        nextFunc++;
        if (id != null) funcNames.put(index, id.text().substring(1));
        TypeUse tu = typeUse(c, true, true);
        int typeIndex = resolveTypeUse(tu, c.position());
        // an unknown type index is the validator's to report; its parameters are then unknown too
        FuncType type = typeIndex >= 0 && typeIndex < types.size() ? types.get(typeIndex) : new FuncType(List.of(), List.of());
        Locals locals = new Locals();
        for (int i = 0; i < type.params().size(); i++) {
            locals.add(tu.inline() ? tu.paramIds.get(i) : null, type.params().get(i));
        }
        List<Local> runs = new ArrayList<>();
        while (c.peekList("local")) {
            Cursor l = new Cursor(c.list(), 1);
            Atom localId = l.optional(Kind.ID);
            if (localId != null) {
                addLocal(locals, runs, localId, valType(l));
                l.expectEnd();
            } else {
                while (!l.atEnd()) addLocal(locals, runs, null, valType(l));
            }
        }
        InstrParser body = new InstrParser(this, locals);
        body.instrs(c);
        functions.add(typeIndex);
        // the end's text position (the closing parenthesis) in place of a byte offset, as instructions have theirs
        codes.add(new FunctionBody(runs, new Expr(body.instructions()), 0, InstrParser.textOffset(c.position())));
        if (!locals.names().isEmpty()) localNames.put(index, locals.names());
    }

    private static void addLocal(Locals locals, List<Local> runs, Atom id, ValType t) {
        locals.add(id, t);
        int last = runs.size() - 1;
        if (last >= 0 && runs.get(last).type() == t) runs.set(last, new Local(runs.get(last).count() + 1, t));
        else runs.add(new Local(1, t));
    }

    private void table(Cursor c) {
        Atom id = c.optional(Kind.ID);
        int index = nextTable;
        inlineExports(c, ExternKind.TABLE, index);
        if (inlineImport(c, "table", id)) return;
        nextTable++;
        String k = c.peekKeyword();
        boolean typed = "i64".equals(k) || "i32".equals(k);
        SExpr afterType = typed ? c.peek(1) : c.peek();
        if (afterType instanceof Atom at && at.kind() == Kind.KEYWORD && isRefType(at.text())) {
            boolean is64 = addressType(c);
            ValType type = refType(c);
            Cursor e = new Cursor(c.list("elem"), 1);
            c.expectEnd();
            List<Expr> init = elemItems(e, type, Space.isIndex(e.peek()));
            tables.add(new TableType(type, new SizeRange(init.size(), init.size()), is64));
            Expr offset = is64 ? new Expr(List.of(Instruction.of(Opcode.I64_CONST, 0, 0))) : i32Const(0);
            elems.add(new ElementSegment(type, init, SegmentMode.ACTIVE, index, offset));
            return;
        }
        tables.add(tableType(c));
        c.expectEnd();
    }

    private void memory(Cursor c) {
        Atom id = c.optional(Kind.ID);
        int index = nextMem;
        inlineExports(c, ExternKind.MEMORY, index);
        if (inlineImport(c, "memory", id)) return;
        nextMem++;
        boolean is64 = addressType(c);
        if (c.peekList("data")) {
            Cursor d = new Cursor(c.list(), 1);
            c.expectEnd();
            byte[] bytes = dataString(d);
            long pages = (bytes.length + (long) PAGE - 1) / PAGE;
            memories.add(new MemoryType(new SizeRange(pages, pages), is64));
            Expr offset = is64 ? new Expr(List.of(Instruction.of(Opcode.I64_CONST, 0, 0))) : i32Const(0);
            datas.add(new DataSegment(bytes, SegmentMode.ACTIVE, index, offset));
            return;
        }
        memories.add(new MemoryType(limits64(c), is64));
        c.expectEnd();
    }

    /** {@code i32} or {@code i64} before a memory's limits (memory64); i32 when absent. */
    private static boolean addressType(Cursor c) {
        String k = c.peekKeyword();
        if (!"i64".equals(k) && !"i32".equals(k)) return false;
        c.next();
        return "i64".equals(k);
    }

    private static MemoryType memoryType(Cursor c) {
        boolean is64 = addressType(c);
        return new MemoryType(limits64(c), is64);
    }

    private void global(Cursor c) {
        Atom id = c.optional(Kind.ID);
        int index = nextGlobal;
        inlineExports(c, ExternKind.GLOBAL, index);
        if (inlineImport(c, "global", id)) return;
        nextGlobal++;
        GlobalType type = globalType(c);
        globals.add(new Global(type, constExpr(c)));
    }

    /** {@code (tag id? (export ...)* (import ...)? typeuse)} (exception handling). */
    private void tag(Cursor c) {
        Atom id = c.optional(Kind.ID);
        int index = nextTag;
        inlineExports(c, ExternKind.TAG, index);
        if (inlineImport(c, "tag", id)) return;
        nextTag++;
        TypeUse tu = typeUse(c, false, true);
        tags.add(resolveTypeUse(tu, c.position()));
        c.expectEnd();
    }

    private void export(Cursor c) {
        String name = name(c.atom(Kind.STRING));
        SList desc = c.list();
        c.expectEnd();
        Cursor d = new Cursor(desc, 1);
        String kind = desc.head();
        Export e = kind == null ? null : switch (kind) {
            case "func" -> new Export(name, ExternKind.FUNC, funcSpace.resolve(d.next()));
            case "table" -> new Export(name, ExternKind.TABLE, tableSpace.resolve(d.next()));
            case "memory" -> new Export(name, ExternKind.MEMORY, memSpace.resolve(d.next()));
            case "global" -> new Export(name, ExternKind.GLOBAL, globalSpace.resolve(d.next()));
            case "tag" -> new Export(name, ExternKind.TAG, tagSpace.resolve(d.next()));
            default -> null;
        };
        if (e == null) throw Cursor.unexpected(desc.size() > 0 ? desc.get(0) : desc);
        d.expectEnd();
        exports.add(e);
    }

    /**
     * {@code (elem id? elemlist)} passive, {@code (elem id? declare elemlist)} declarative, or
     * {@code (elem id? (table x)? offset elemlist)} active, where the offset may be a single folded
     * instruction and, for table 0, the elemlist a bare list of function indices.
     */
    private void elem(Cursor c) {
        c.optional(Kind.ID);
        if (c.optionalKeyword("declare")) {
            ValType type = elemListType(c);
            elems.add(new ElementSegment(type, elemItems(c, type, false), SegmentMode.DECLARATIVE, 0, null));
            return;
        }
        int table = -1;
        if (c.peekList("table")) {
            Cursor t = new Cursor(c.list(), 1);
            table = tableSpace.resolve(t.next());
            t.expectEnd();
        } else if (c.peekAtom(Kind.NAT) != null || c.peekAtom(Kind.ID) != null) {
            table = tableSpace.resolve(c.next()); // the 1.0 form: a bare table index
        }
        if (table < 0 && !(c.peek() instanceof SList)) {
            ValType type = elemListType(c);
            elems.add(new ElementSegment(type, elemItems(c, type, false), SegmentMode.PASSIVE, 0, null));
            return;
        }
        Expr offset = offset(c);
        ValType type;
        boolean bareIndices = Space.isIndex(c.peek()) || c.atEnd();
        type = bareIndices ? ValType.FUNCREF : elemListType(c);
        elems.add(new ElementSegment(type, elemItems(c, type, bareIndices), SegmentMode.ACTIVE, Math.max(table, 0), offset));
    }

    /** The type an elemlist starts with: {@code func} (function indices follow) or a reference type. */
    private ValType elemListType(Cursor c) {
        if (c.peekKeyword("func")) return ValType.FUNCREF;
        return refType(c);
    }

    /**
     * The items of an elemlist after its type: function indices (after {@code func}, or bare when
     * {@code indices}), else element expressions, each {@code (item instr*)} or one folded instruction.
     */
    private List<Expr> elemItems(Cursor c, ValType type, boolean indices) {
        List<Expr> init = new ArrayList<>();
        if (indices || c.optionalKeyword("func")) {
            while (!c.atEnd()) init.add(refFunc(funcSpace.resolve(c.next())));
            return init;
        }
        while (!c.atEnd()) {
            SExpr e = c.peek();
            if (e instanceof SList l && l.isHead("item")) {
                c.next();
                init.add(constExpr(new Cursor(l, 1)));
            } else if (e instanceof SList l) {
                c.next();
                InstrParser p = new InstrParser(this, null);
                p.folded(l);
                init.add(new Expr(p.instructions()));
            } else {
                throw Cursor.unexpected(e);
            }
        }
        return init;
    }

    private static Expr refFunc(int func) {
        return new Expr(List.of(Instruction.of(Opcode.REF_FUNC, func, 0)));
    }

    static Expr i32Const(int value) {
        return new Expr(List.of(Instruction.of(Opcode.I32_CONST, value, 0)));
    }

    /** {@code (offset instr*)} or a single folded instruction. */
    private Expr offset(Cursor c) {
        if (c.peekList("offset")) return constExpr(new Cursor(c.list(), 1));
        SList l = c.list();
        InstrParser p = new InstrParser(this, null);
        p.folded(l);
        return new Expr(p.instructions());
    }

    /** {@code (data id? string*)} passive, or {@code (data id? (memory x)? offset string*)} active. */
    private void data(Cursor c) {
        c.optional(Kind.ID);
        int memory = -1;
        if (c.peekList("memory")) {
            Cursor m = new Cursor(c.list(), 1);
            memory = memSpace.resolve(m.next());
            m.expectEnd();
        } else if (Space.isIndex(c.peek())) {
            memory = memSpace.resolve(c.next()); // the 1.0 form: a bare memory index
        }
        if (memory < 0 && !(c.peek() instanceof SList)) {
            datas.add(new DataSegment(dataString(c), SegmentMode.PASSIVE, 0, null));
            return;
        }
        Expr offset = offset(c);
        datas.add(new DataSegment(dataString(c), SegmentMode.ACTIVE, Math.max(memory, 0), offset));
    }

    /** The rest of a list as strings, concatenated. */
    private static byte[] dataString(Cursor c) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (!c.atEnd()) {
            Atom s = c.atom(Kind.STRING);
            out.writeBytes(Strings.bytes(s.text(), s.pos()));
        }
        return out.toByteArray();
    }

    /** The rest of a list as a constant expression (instructions, plain or folded). */
    private Expr constExpr(Cursor c) {
        InstrParser p = new InstrParser(this, null);
        p.instrs(c);
        return new Expr(p.instructions());
    }

    // ---- types ----

    /** A type use as written: {@code (type x)?} then parameters and results. */
    record TypeUse(SExpr typeRef, List<ValType> params, List<Atom> paramIds, List<ValType> results, int pos) {
        boolean inline() {
            return !params.isEmpty() || !results.isEmpty();
        }
    }

    /**
     * Reads {@code (type x)? (param ...)* (result ...)*}. Parameter identifiers are allowed where
     * {@code namedParams}; {@code typeAllowed} is false inside type definitions.
     */
    TypeUse typeUse(Cursor c, boolean namedParams, boolean typeAllowed) {
        int pos = c.position();
        SExpr ref = null;
        if (typeAllowed && c.peekList("type")) {
            Cursor t = new Cursor(c.list(), 1);
            ref = t.next();
            if (!Space.isIndex(ref)) throw Cursor.unexpected(ref);
            t.expectEnd();
        }
        List<ValType> params = new ArrayList<>();
        List<Atom> ids = new ArrayList<>();
        while (c.peekList("param")) {
            Cursor p = new Cursor(c.list(), 1);
            Atom id = p.optional(Kind.ID);
            if (id != null) {
                if (!namedParams) throw Cursor.unexpected(id);
                params.add(valType(p));
                ids.add(id);
                p.expectEnd();
            } else {
                while (!p.atEnd()) {
                    params.add(valType(p));
                    ids.add(null);
                }
            }
        }
        List<ValType> results = new ArrayList<>();
        while (c.peekList("result")) {
            Cursor r = new Cursor(c.list(), 1);
            while (!r.atEnd()) results.add(valType(r));
        }
        // out of order: (result ...) (param ...), or (type ...) after either
        if (c.peekList("param") || (typeAllowed && c.peekList("type"))) throw c.unexpectedHere();
        return new TypeUse(ref, params, ids, results, pos);
    }

    /** The type index a type use stands for, appending an implicit type definition if needed. */
    int resolveTypeUse(TypeUse tu, int pos) {
        if (tu.typeRef != null) {
            int index = typeSpace.resolve(tu.typeRef);
            if (index < 0 || index >= types.size()) {
                // left to the validator, unless the inline part must be compared with it
                if (tu.inline()) throw new TextFormatException("unknown type " + tu.typeRef, tu.typeRef.pos());
                return index;
            }
            if (tu.inline() && !types.get(index).equals(new FuncType(tu.params, tu.results))) {
                throw new TextFormatException("inline function type", tu.pos);
            }
            return index;
        }
        return implicitType(new FuncType(tu.params, tu.results));
    }

    private int implicitType(FuncType type) {
        int index = types.indexOf(type);
        if (index >= 0) return index;
        types.add(type);
        return typeSpace.add(null);
    }

    /** A block type: a value type, empty, or a type index. */
    long blockType(Cursor c) {
        TypeUse tu = typeUse(c, false, true);
        if (tu.typeRef == null && tu.params.isEmpty() && tu.results.size() <= 1) return shortBlockType(tu.results);
        int index = resolveTypeUse(tu, tu.pos);
        // a type without parameters and with at most one result is written in the short form, as
        // wast2json does; both mean the same
        if (index >= 0 && index < types.size()) {
            FuncType t = types.get(index);
            if (t.params().isEmpty() && t.results().size() <= 1) return shortBlockType(t.results());
        }
        return index;
    }

    private static long shortBlockType(List<ValType> results) {
        return results.isEmpty() ? dev.lia.wasm.syntax.BlockType.EMPTY : dev.lia.wasm.syntax.BlockType.of(results.get(0));
    }

    static ValType valType(Cursor c) {
        SExpr e = c.next();
        if (e instanceof Atom a && a.kind() == Kind.KEYWORD) {
            ValType t = valType(a.text());
            if (t != null) return t;
        }
        throw Cursor.unexpected(e);
    }

    static ValType valType(String word) {
        if (word == null) return null;
        return switch (word) {
            case "i32" -> ValType.I32;
            case "i64" -> ValType.I64;
            case "f32" -> ValType.F32;
            case "f64" -> ValType.F64;
            case "v128" -> ValType.V128;
            case "funcref" -> ValType.FUNCREF;
            case "externref" -> ValType.EXTERNREF;
            case "exnref" -> ValType.EXNREF;
            default -> null;
        };
    }

    static boolean isRefType(String word) {
        return "funcref".equals(word) || "externref".equals(word) || "exnref".equals(word);
    }

    static ValType refType(Cursor c) {
        SExpr e = c.next();
        if (e instanceof Atom a && isRefType(a.text()) && a.kind() == Kind.KEYWORD) return valType(a.text());
        throw Cursor.unexpected(e);
    }

    private static TableType tableType(Cursor c) {
        boolean is64 = addressType(c);
        SizeRange limits = limits64(c); // u64 numbers (3.0); the validator holds them to the index type's range
        return new TableType(refType(c), limits, is64);
    }

    /**
     * A memory's limits: u64 numbers (3.0), which the validator holds to the address type's range;
     * numbers beyond it saturate so that they stay too large.
     */
    private static SizeRange limits64(Cursor c) {
        long min = u64Limit(c.atom(Kind.NAT));
        Atom max = c.optional(Kind.NAT);
        return new SizeRange(min, max == null ? SizeRange.NO_MAX : u64Limit(max));
    }

    private static long u64Limit(Atom a) {
        try {
            long v = Numbers.unsigned(a.text(), 64);
            return v < 0 ? Long.MAX_VALUE : v;
        } catch (Numbers.RangeException e) {
            throw new TextFormatException("i64 constant out of range", a.pos());
        }
    }

    private static GlobalType globalType(Cursor c) {
        if (c.peekList("mut")) {
            Cursor m = new Cursor(c.list(), 1);
            ValType t = valType(m);
            m.expectEnd();
            return new GlobalType(t, true);
        }
        return new GlobalType(valType(c), false);
    }

    // ---- atoms ----

    /** A u32 written as a natural number. */
    static int u32(Atom a) {
        try {
            return (int) Numbers.unsigned(a.text(), 32);
        } catch (Numbers.RangeException e) {
            throw new TextFormatException("i32 constant out of range", a.pos());
        } catch (Numbers.SyntaxException e) {
            throw Cursor.unexpected(a);
        }
    }

    static String name(Atom s) {
        return Strings.name(s.text(), s.pos());
    }

    /** A function's parameters and locals: their types and identifiers. */
    static final class Locals {
        private final Space space = new Space("local", "local");
        private final List<ValType> types = new ArrayList<>();
        private final Map<Integer, String> names = new HashMap<>();

        void add(Atom id, ValType t) {
            int index = space.add(id);
            types.add(t);
            if (id != null) names.put(index, id.text().substring(1));
        }

        int resolve(SExpr e) {
            return space.resolve(e);
        }

        Map<Integer, String> names() {
            return names;
        }
    }
}
