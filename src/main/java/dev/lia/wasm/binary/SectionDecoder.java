package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Global;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.TableType;

import java.util.ArrayList;
import java.util.List;

import static dev.lia.wasm.binary.ByteReader.malformed;

/**
 * Decodes the contents of the sections that are plain vectors of declarations: type, import, function,
 * table, memory, global and export. (Segments and code have their own decoders.)
 */
final class SectionDecoder {
    private SectionDecoder() {}

    static List<FuncType> types(ByteReader r) {
        int n = r.length();
        List<FuncType> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) types.add(TypeDecoder.funcType(r));
        return types;
    }

    static List<Import> imports(ByteReader r) {
        int n = r.length();
        List<Import> imports = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String module = r.name();
            String name = r.name();
            imports.add(new Import(module, name, importDesc(r)));
        }
        return imports;
    }

    private static Import.Desc importDesc(ByteReader r) {
        int at = r.pos();
        return switch (r.u8()) {
            case 0 -> new Import.Func(r.index());
            case 1 -> new Import.Table(TypeDecoder.tableType(r));
            case 2 -> new Import.Memory(TypeDecoder.memoryType(r));
            case 3 -> new Import.Global(TypeDecoder.globalType(r));
            default -> throw malformed("malformed import kind", at);
        };
    }

    /** The function section: the type index of each defined function. */
    static List<Integer> functions(ByteReader r) {
        int n = r.length();
        List<Integer> typeIndices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) typeIndices.add(r.index());
        return typeIndices;
    }

    static List<TableType> tables(ByteReader r) {
        int n = r.length();
        List<TableType> tables = new ArrayList<>(n);
        for (int i = 0; i < n; i++) tables.add(TypeDecoder.tableType(r));
        return tables;
    }

    static List<MemoryType> memories(ByteReader r) {
        int n = r.length();
        List<MemoryType> memories = new ArrayList<>(n);
        for (int i = 0; i < n; i++) memories.add(TypeDecoder.memoryType(r));
        return memories;
    }

    static List<Global> globals(ByteReader r) {
        int n = r.length();
        List<Global> globals = new ArrayList<>(n);
        InstructionDecoder init = new InstructionDecoder(r);
        for (int i = 0; i < n; i++) {
            GlobalType type = TypeDecoder.globalType(r);
            globals.add(new Global(type, init.expr()));
        }
        return globals;
    }

    static List<Export> exports(ByteReader r) {
        int n = r.length();
        List<Export> exports = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = r.name();
            ExternKind kind = exportKind(r);
            exports.add(new Export(name, kind, r.index()));
        }
        return exports;
    }

    private static ExternKind exportKind(ByteReader r) {
        int at = r.pos();
        return switch (r.u8()) {
            case 0 -> ExternKind.FUNC;
            case 1 -> ExternKind.TABLE;
            case 2 -> ExternKind.MEMORY;
            case 3 -> ExternKind.GLOBAL;
            default -> throw malformed("malformed export kind", at);
        };
    }
}
