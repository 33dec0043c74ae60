package dev.lia.wasm.text;

import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.ArrayType;
import dev.lia.wasm.syntax.CompType;
import dev.lia.wasm.syntax.FieldType;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.StructType;
import dev.lia.wasm.syntax.SubType;
import dev.lia.wasm.syntax.TypeSection;
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

    /** Function types by type index (null for struct and array types), parallel to {@link #subTypes}. */
    final List<FuncType> types = new ArrayList<>();
    private final List<SubType> subTypes = new ArrayList<>();
    private final List<Integer> groupSizes = new ArrayList<>();
    /** Type definitions seen in pass 1, each a {@code (type ...)} or a whole {@code (rec ...)}, parsed once all type ids are known. */
    private final List<SList> typeFields = new ArrayList<>();
    /** Per struct type index: its field identifiers. */
    final Map<Integer, Space> fieldSpaces = new HashMap<>();
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
        for (SList t : b.typeFields) b.typeDefinitions(t);
        for (SExpr f : fields) b.define((SList) f);
        return b.module(id == null ? null : id.text().substring(1));
    }

    private Module module(String moduleName) {
        // as wast2json does: a data count section when code names a data segment and there are any
        int dataCount = usesDataIndex && !datas.isEmpty() ? datas.size() : -1;
        return new Module(List.of(), imports, functions, tables, memories, globals, exports, start, elems, dataCount,
                codes, datas, List.of(), new Names(moduleName, funcNames, localNames), tags,
                new TypeSection(subTypes, groupSizes));
    }

    // ---- pass 1 ----

    private void declare(SExpr e) {
        if (!(e instanceof SList field)) throw Cursor.unexpected(e);
        String head = field.head();
        if (head == null) throw Cursor.unexpected(field.size() > 0 ? field.get(0) : field);
        Cursor c = new Cursor(field, 1);
        switch (head) {
            case "type" -> {
                typeSpace.add(c.optional(Kind.ID));
                typeFields.add(field);
            }
            case "rec" -> {
                while (!c.atEnd()) {
                    SExpr t = c.next();
                    if (!(t instanceof SList tl) || !"type".equals(tl.head())) throw Cursor.unexpected(t);
                    typeSpace.add(new Cursor(tl, 1).optional(Kind.ID));
                }
                typeFields.add(field);
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
                    if (head.equals("table") && (isRefType(c.peek()) || (isAddressKeyword(c.peekKeyword()) && isRefType(c.peek(1))))) {
                        elemSpace.add(null);
                    }
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

    private static boolean isAddressKeyword(String k) {
        return "i32".equals(k) || "i64".equals(k);
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

    /** A {@code (type ...)} field (a group of one) or a {@code (rec (type ...)*)} (one group). */
    private void typeDefinitions(SList field) {
        if ("type".equals(field.head())) {
            typeDefinition(field);
            groupSizes.add(1);
            return;
        }
        Cursor c = new Cursor(field, 1);
        int n = 0;
        while (!c.atEnd()) {
            typeDefinition((SList) c.next());
            n++;
        }
        groupSizes.add(n);
    }

    /** {@code (type id? (sub final? x* comptype))} or {@code (type id? comptype)}. */
    private void typeDefinition(SList type) {
        Cursor c = new Cursor(type, 1);
        c.optional(Kind.ID);
        SList def = c.list();
        c.expectEnd();
        SubType st;
        if ("sub".equals(def.head())) {
            Cursor d = new Cursor(def, 1);
            boolean fin = d.optionalKeyword("final");
            List<Integer> supers = new ArrayList<>();
            while (Space.isIndex(d.peek())) supers.add(typeSpace.resolve(d.next()));
            st = new SubType(fin, supers, compType(d.list()));
            d.expectEnd();
        } else {
            st = SubType.plain(compType(def));
        }
        subTypes.add(st);
        types.add(st.comp() instanceof FuncType f ? f : null);
    }

    private CompType compType(SList def) {
        String head = def.head();
        if ("func".equals(head)) return funcTypeDef(def);
        Cursor c = new Cursor(def, 1);
        if ("array".equals(head)) {
            FieldType f = fieldType(c);
            c.expectEnd();
            return new ArrayType(f);
        }
        if (!"struct".equals(head)) throw Cursor.unexpected(def.size() > 0 ? def.get(0) : def);
        Space names = new Space("field", "field");
        List<FieldType> fields = new ArrayList<>();
        while (!c.atEnd()) {
            Cursor f = new Cursor(c.list("field"), 1);
            Atom id = f.optional(Kind.ID);
            if (id != null) {
                names.add(id);
                fields.add(fieldType(f));
                f.expectEnd();
            } else {
                while (!f.atEnd()) {
                    names.add(null);
                    fields.add(fieldType(f));
                }
            }
        }
        fieldSpaces.put(subTypes.size(), names);
        return new StructType(fields);
    }

    /** A field type: a storage type ({@code i8}, {@code i16} or a value type), or {@code (mut storagetype)}. */
    private FieldType fieldType(Cursor c) {
        if (c.peekList("mut")) {
            Cursor m = new Cursor(c.list(), 1);
            FieldType f = storageType(m, true);
            m.expectEnd();
            return f;
        }
        return storageType(c, false);
    }

    private FieldType storageType(Cursor c, boolean mutable) {
        if (c.optionalKeyword("i8")) return new FieldType(ValType.I32, 8, mutable);
        if (c.optionalKeyword("i16")) return new FieldType(ValType.I32, 16, mutable);
        return new FieldType(valType(c), 0, mutable);
    }

    // ---- pass 2 ----

    private void define(SList field) {
        Cursor c = new Cursor(field, 1);
        switch (field.head()) {
            case "type", "rec" -> { }
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
        FuncType type = typeIndex >= 0 && typeIndex < types.size() && types.get(typeIndex) != null ? types.get(typeIndex)
                : new FuncType(List.of(), List.of());
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
        if (isRefType(afterType)) {
            boolean is64 = addressType(c);
            ValType type = refType(c);
            Cursor e = new Cursor(c.list("elem"), 1);
            c.expectEnd();
            List<Expr> init = elemItems(e, type, Space.isIndex(e.peek()));
            tables.add(new TableType(type, new SizeRange(init.size(), init.size()), is64));
            Expr offset = is64 ? new Expr(List.of(Instruction.of(Opcode.I64_CONST, 0, 0))) : i32Const(0);
            elems.add(new ElementSegment(type, init, SegmentMode.ACTIVE, index, offset)); // of the table's type
            return;
        }
        TableType t = tableType(c);
        if (!c.atEnd()) t = t.withInit(constExpr(c)); // (3.0) what every element starts out as
        tables.add(t);
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
        if (table < 0 && (!(c.peek() instanceof SList) || isRefType(c.peek()))) {
            ValType type = elemListType(c);
            elems.add(new ElementSegment(type, elemItems(c, type, false), SegmentMode.PASSIVE, 0, null));
            return;
        }
        Expr offset = offset(c);
        ValType type;
        boolean bareIndices = Space.isIndex(c.peek()) || c.atEnd();
        type = bareIndices ? FUNC_NON_NULL : elemListType(c);
        elems.add(new ElementSegment(type, elemItems(c, type, bareIndices), SegmentMode.ACTIVE, Math.max(table, 0), offset));
    }

    /** The type an elemlist starts with: {@code func} (function indices follow) or a reference type. */
    private ValType elemListType(Cursor c) {
        if (c.peekKeyword("func")) return FUNC_NON_NULL;
        return refType(c);
    }

    /** What a list of function indices holds (3.0): {@code (ref func)}. */
    private static final ValType FUNC_NON_NULL = ValType.ref(false, ValType.FUNC);

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
            if (tu.inline() && !new FuncType(tu.params, tu.results).equals(types.get(index))) {
                throw new TextFormatException("inline function type", tu.pos);
            }
            return index;
        }
        return implicitType(new FuncType(tu.params, tu.results));
    }

    /** The first type that is exactly this function type alone in its group, else a new one appended. */
    private int implicitType(FuncType type) {
        int index = 0;
        for (int g = 0; g < groupSizes.size(); g++) {
            int size = groupSizes.get(g);
            if (size == 1 && subTypes.get(index).equals(SubType.plain(type))) return index;
            index += size;
        }
        // definitions may be referenced before pass 1 parsed them all: only plain, already parsed ones count
        for (int i = index; i < subTypes.size(); i++) if (subTypes.get(i).equals(SubType.plain(type))) return i;
        subTypes.add(SubType.plain(type));
        types.add(type);
        groupSizes.add(1);
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
            if (t != null && t.params().isEmpty() && t.results().size() <= 1) return shortBlockType(t.results());
        }
        return index;
    }

    private static long shortBlockType(List<ValType> results) {
        return results.isEmpty() ? dev.lia.wasm.syntax.BlockType.EMPTY : dev.lia.wasm.syntax.BlockType.of(results.get(0));
    }

    ValType valType(Cursor c) {
        SExpr e = c.next();
        if (e instanceof Atom a && a.kind() == Kind.KEYWORD) {
            ValType t = valType(a.text());
            if (t != null) return t;
        }
        if (e instanceof SList l && "ref".equals(l.head())) {
            Cursor r = new Cursor(l, 1);
            boolean nullable = r.optionalKeyword("null");
            int heap = heapType(r);
            r.expectEnd();
            return ValType.ref(nullable, heap);
        }
        throw Cursor.unexpected(e);
    }

    /** A heap type: an abstract one's keyword or a type index. */
    int heapType(Cursor c) {
        SExpr e = c.next();
        if (e instanceof Atom a && a.kind() == Kind.KEYWORD) {
            Integer h = ValType.abstractHeap(a.text());
            if (h != null) return h;
        }
        if (Space.isIndex(e)) return typeSpace.resolve(e);
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
            case "anyref" -> ValType.ANYREF;
            case "eqref" -> ValType.EQREF;
            case "i31ref" -> ValType.I31REF;
            case "structref" -> ValType.STRUCTREF;
            case "arrayref" -> ValType.ARRAYREF;
            case "nullref" -> ValType.NULLREF;
            case "nullfuncref" -> ValType.NULLFUNCREF;
            case "nullexternref" -> ValType.NULLEXTERNREF;
            case "nullexnref" -> ValType.NULLEXNREF;
            default -> null;
        };
    }

    static boolean isRefType(String word) {
        ValType t = valType(word);
        return t != null && t.isRef();
    }

    /** Whether {@code e} is a reference type: a short form's keyword or a {@code (ref ...)} list. */
    static boolean isRefType(SExpr e) {
        if (e instanceof Atom a) return a.kind() == Kind.KEYWORD && isRefType(a.text());
        return e instanceof SList l && "ref".equals(l.head());
    }

    ValType refType(Cursor c) {
        SExpr e = c.peek();
        if (isRefType(e)) return valType(c);
        throw Cursor.unexpected(c.next());
    }

    private TableType tableType(Cursor c) {
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

    private GlobalType globalType(Cursor c) {
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
