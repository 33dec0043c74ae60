package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Global;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.TableType;

import java.util.List;

import static dev.lia.wasm.binary.ByteReader.malformed;

/**
 * Decodes the contents of the sections that are plain vectors of declarations: type, import, function,
 * table, memory, global and export. (Segments and code have their own decoders.)
 */
final class SectionDecoder {
    private SectionDecoder() {}

    static dev.lia.wasm.syntax.TypeSection types(ByteReader r) {
        return TypeDecoder.typeSection(r);
    }

    static List<Import> imports(ByteReader r) {
        return r.vec(SectionDecoder::importEntry);
    }

    private static Import importEntry(ByteReader r) {
        String module = r.name();
        String name = r.name();
        return new Import(module, name, importDesc(r));
    }

    private static Import.Desc importDesc(ByteReader r) {
        int at = r.pos();
        return switch (r.u8()) {
            case 0 -> new Import.Func(r.index());
            case 1 -> new Import.Table(TypeDecoder.tableType(r));
            case 2 -> new Import.Memory(TypeDecoder.memoryType(r));
            case 3 -> new Import.Global(TypeDecoder.globalType(r));
            case 4 -> new Import.Tag(tagType(r));
            default -> throw malformed("malformed import kind", at);
        };
    }

    /** The function section: the type index of each defined function. */
    static List<Integer> functions(ByteReader r) {
        return r.vec(ByteReader::index);
    }

    /** The tag section (13): one tag type per tag. */
    static List<Integer> tags(ByteReader r) {
        return r.vec(SectionDecoder::tagType);
    }

    /** A tag type: the attribute 0 (exception), then a type index. */
    private static int tagType(ByteReader r) {
        int at = r.pos();
        if (r.u8() != 0) throw malformed("malformed tag attribute", at);
        return r.index();
    }

    /** The table section: a table type, or (3.0) 0x40 0x00, a table type and its elements' initializer. */
    static List<TableType> tables(ByteReader r) {
        return r.vec(SectionDecoder::table);
    }

    private static TableType table(ByteReader r) {
        if (r.peek() != 0x40) return TypeDecoder.tableType(r);
        r.u8();
        r.zeroByte();
        TableType t = TypeDecoder.tableType(r);
        return t.withInit(new InstructionDecoder(r).expr());
    }

    static List<MemoryType> memories(ByteReader r) {
        return r.vec(TypeDecoder::memoryType);
    }

    static List<Global> globals(ByteReader r) {
        InstructionDecoder init = new InstructionDecoder(r);
        return r.vec(in -> {
            GlobalType type = TypeDecoder.globalType(in);
            return new Global(type, init.expr());
        });
    }

    static List<Export> exports(ByteReader r) {
        return r.vec(in -> {
            String name = in.name();
            ExternKind kind = exportKind(in);
            return new Export(name, kind, in.index());
        });
    }

    private static ExternKind exportKind(ByteReader r) {
        int at = r.pos();
        return switch (r.u8()) {
            case 0 -> ExternKind.FUNC;
            case 1 -> ExternKind.TABLE;
            case 2 -> ExternKind.MEMORY;
            case 3 -> ExternKind.GLOBAL;
            case 4 -> ExternKind.TAG;
            default -> throw malformed("malformed export kind", at);
        };
    }
}
