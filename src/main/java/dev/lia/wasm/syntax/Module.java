package dev.lia.wasm.syntax;

import java.util.List;

/**
 * A decoded (or parsed) module: every section in index-space order.
 *
 * @param functions  the type index of each function the module defines (imports excluded)
 * @param start      the start function's index, or -1
 * @param dataCount  the data count section's value, or -1 when the section is absent
 * @param codes      one body per defined function, in the order of {@code functions}
 * @param tags       the type index of each tag the module defines (imports excluded; exception handling)
 * @param typeSection every type definition with its recursion groups (3.0); {@code types} is its function
 *                   types, null at the indices of struct and array types
 */
public record Module(
        List<FuncType> types,
        List<Import> imports,
        List<Integer> functions,
        List<TableType> tables,
        List<MemoryType> memories,
        List<Global> globals,
        List<Export> exports,
        int start,
        List<ElementSegment> elements,
        int dataCount,
        List<FunctionBody> codes,
        List<DataSegment> datas,
        List<CustomSection> customs,
        Names names,
        List<Integer> tags,
        TypeSection typeSection) {

    /** A module whose type definitions are just {@code types}, each its own recursion group. */
    public Module(List<FuncType> types, List<Import> imports, List<Integer> functions, List<TableType> tables,
                  List<MemoryType> memories, List<Global> globals, List<Export> exports, int start,
                  List<ElementSegment> elements, int dataCount, List<FunctionBody> codes, List<DataSegment> datas,
                  List<CustomSection> customs, Names names, List<Integer> tags) {
        this(types, imports, functions, tables, memories, globals, exports, start, elements, dataCount, codes, datas,
                customs, names, tags, null);
    }

    /** A module without tags (the form before exception handling). */
    public Module(List<FuncType> types, List<Import> imports, List<Integer> functions, List<TableType> tables,
                  List<MemoryType> memories, List<Global> globals, List<Export> exports, int start,
                  List<ElementSegment> elements, int dataCount, List<FunctionBody> codes, List<DataSegment> datas,
                  List<CustomSection> customs, Names names) {
        this(types, imports, functions, tables, memories, globals, exports, start, elements, dataCount, codes, datas,
                customs, names, List.of(), null);
    }

    /** The same module with these defined tags. */
    public Module withTags(List<Integer> tags) {
        return new Module(types, imports, functions, tables, memories, globals, exports, start, elements, dataCount,
                codes, datas, customs, names, tags, typeSection);
    }

    /** The same module with these type definitions (its {@code types} become their function types). */
    public Module withTypeSection(TypeSection section) {
        return new Module(section.funcTypes(), imports, functions, tables, memories, globals, exports, start, elements,
                dataCount, codes, datas, customs, names, tags, section);
    }

    public Module {
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (typeSection == null) typeSection = TypeSection.ofFuncTypes(types);
        types = java.util.Collections.unmodifiableList(typeSection.funcTypes()); // nulls: struct and array types
        imports = List.copyOf(imports);
        functions = List.copyOf(functions);
        tables = List.copyOf(tables);
        memories = List.copyOf(memories);
        globals = List.copyOf(globals);
        exports = List.copyOf(exports);
        elements = List.copyOf(elements);
        codes = List.copyOf(codes);
        datas = List.copyOf(datas);
        customs = List.copyOf(customs);
        if (names == null) names = Names.EMPTY;
    }

    /** Count of imports of the given kind: they come first in that kind's index space. */
    public int importCount(ExternKind kind) {
        int n = 0;
        for (Import i : imports) if (i.kind() == kind) n++;
        return n;
    }

    /** The export with this name, or null. */
    public Export export(String name) {
        for (Export e : exports) if (e.name().equals(name)) return e;
        return null;
    }
}
