package dev.lia.wasm.binary;

import dev.lia.wasm.MalformedException;
import dev.lia.wasm.syntax.CustomSection;
import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Global;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Names;
import dev.lia.wasm.syntax.TableType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.lia.wasm.binary.ByteReader.malformed;

/**
 * Decodes a WebAssembly 2.0 binary module into the {@link Module} model, rejecting anything malformed with a
 * {@link MalformedException} that carries the spec test suite's wording and the byte offset of the problem.
 * Only structure is checked here; typing and index ranges are the validator's job.
 *
 * <p>Like the reference interpreter, section and function contents are read against the end of the module,
 * and each declared size is compared with what was actually read once the contents are decoded. Where one
 * defect could be reported several ways, this picks the message the spec test suite expects.
 */
public final class ModuleDecoder {
    private static final int MAGIC = 0x6D73_6100; // "\0asm" read little-endian
    private static final int VERSION = 1;
    private static final int HEADER_PART = 4;

    private final byte[] bytes;
    private final ByteReader r;
    private final DecodeLimits limits;

    private dev.lia.wasm.syntax.TypeSection typeSection = dev.lia.wasm.syntax.TypeSection.ofFuncTypes(List.of());
    private List<Import> imports = List.of();
    private List<Integer> functions = List.of();
    private List<TableType> tables = List.of();
    private List<MemoryType> memories = List.of();
    private List<Global> globals = List.of();
    private List<Integer> tags = List.of();
    private List<Export> exports = List.of();
    private int start = -1;
    private List<ElementSegment> elements = List.of();
    private int dataCount = -1;
    private List<FunctionBody> codes = List.of();
    private List<DataSegment> datas = List.of();
    private final List<CustomSection> customs = new ArrayList<>();
    private Names names = Names.EMPTY;
    private boolean nameSectionSeen;
    private boolean codeUsesDataIndex;

    private ModuleDecoder(byte[] bytes, DecodeLimits limits) {
        this.bytes = bytes;
        this.r = new ByteReader(bytes);
        this.limits = limits;
    }

    /** Decodes a binary module within the {@linkplain DecodeLimits#DEFAULT default limits}. */
    public static Module decode(byte[] bytes) {
        return decode(bytes, DecodeLimits.DEFAULT);
    }

    /**
     * Decodes a binary module.
     *
     * @throws MalformedException if it is not well-formed
     * @throws dev.lia.wasm.LimitException if it exceeds one of {@code limits}
     */
    public static Module decode(byte[] bytes, DecodeLimits limits) {
        if (bytes.length > limits.maxModuleBytes()) {
            throw DecodeLimits.exceeded("module size", bytes.length, limits.maxModuleBytes(), 0);
        }
        return new ModuleDecoder(bytes, limits).module();
    }

    private Module module() {
        header();
        SectionId previous = null; // the last non-custom section
        while (!r.atEnd()) {
            int at = r.pos();
            SectionId id = SectionId.of(r.u8());
            if (id == null) throw malformed("malformed section id", at);
            if (id != SectionId.CUSTOM) {
                if (!id.mayFollow(previous)) throw malformed("unexpected content after last section", at);
                previous = id;
            }
            int size = r.length();
            int contentStart = r.pos();
            section(id, contentStart, size);
            r.checkSize(contentStart, size);
        }
        checkSectionsAgree();
        return new Module(List.of(), imports, functions, tables, memories, globals, exports, start, elements,
                dataCount, codes, datas, customs, names, tags, typeSection);
    }

    private void header() {
        if (bytes.length < HEADER_PART) throw malformed("unexpected end", bytes.length);
        if (r.fixed32() != MAGIC) throw malformed("magic header not detected", 0);
        if (bytes.length < 2 * HEADER_PART) throw malformed("unexpected end", bytes.length);
        if (r.fixed32() != VERSION) throw malformed("unknown binary version", HEADER_PART);
    }

    private void section(SectionId id, int contentStart, int size) {
        switch (id) {
            case CUSTOM -> custom(contentStart, size);
            case TYPE -> typeSection = SectionDecoder.types(r);
            case IMPORT -> {
                imports = SectionDecoder.imports(r);
                checkFunctionCount(contentStart);
            }
            case FUNCTION -> {
                functions = SectionDecoder.functions(r);
                checkFunctionCount(contentStart);
            }
            case TABLE -> tables = SectionDecoder.tables(r);
            case MEMORY -> memories = SectionDecoder.memories(r);
            case TAG -> tags = SectionDecoder.tags(r);
            case GLOBAL -> globals = SectionDecoder.globals(r);
            case EXPORT -> exports = SectionDecoder.exports(r);
            case START -> start = r.index();
            case ELEMENT -> elements = SegmentDecoder.elements(r);
            case DATA_COUNT -> dataCount = r.index();
            case CODE -> {
                CodeDecoder code = new CodeDecoder(r, limits);
                codes = code.bodies();
                codeUsesDataIndex = code.usesDataIndex();
            }
            case DATA -> datas = SegmentDecoder.datas(r);
        }
    }

    private void checkFunctionCount(int at) {
        long count = functions.size() + imports.stream().filter(i -> i.desc() instanceof Import.Func).count();
        if (count > limits.maxFunctions()) throw DecodeLimits.exceeded("function count", count, limits.maxFunctions(), at);
    }

    /** A custom section is kept as raw bytes; the first one called "name" also fills {@link Module#names()}. */
    private void custom(int sectionStart, int size) {
        String name = r.name();
        int contentStart = r.pos();
        int contentEnd = sectionStart + size;
        if (contentStart > contentEnd) throw malformed(ByteReader.UNEXPECTED_END, contentEnd); // name overran
        r.skip(contentEnd - contentStart);
        customs.add(new CustomSection(name, Arrays.copyOfRange(bytes, contentStart, contentEnd), contentStart));
        if (name.equals(NameSectionDecoder.SECTION_NAME) && !nameSectionSeen) {
            nameSectionSeen = true;
            names = NameSectionDecoder.decode(bytes, contentStart, contentEnd);
        }
    }

    /** The checks that relate sections to one another, once all are read. */
    private void checkSectionsAgree() {
        int end = bytes.length;
        if (functions.size() != codes.size()) {
            throw malformed("function and code section have inconsistent lengths", end);
        }
        if (dataCount >= 0 && dataCount != datas.size()) {
            throw malformed("data count and data section have inconsistent lengths", end);
        }
        // Without any data segment every data index is out of range: that is left to the validator to report
        // ("unknown data segment"), as the suite expects of such modules converted from the text format.
        if (dataCount < 0 && codeUsesDataIndex && !datas.isEmpty()) {
            throw malformed("data count section required", end);
        }
    }
}
