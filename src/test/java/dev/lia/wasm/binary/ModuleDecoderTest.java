package dev.lia.wasm.binary;

import dev.lia.wasm.MalformedException;
import dev.lia.wasm.syntax.CustomSection;
import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.FunctionBody;
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
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lia.wasm.binary.Bin.bytes;
import static dev.lia.wasm.binary.Bin.cat;
import static dev.lia.wasm.binary.Bin.module;
import static dev.lia.wasm.binary.Bin.name;
import static dev.lia.wasm.binary.Bin.section;
import static dev.lia.wasm.binary.Bin.u32;
import static dev.lia.wasm.syntax.ValType.EXTERNREF;
import static dev.lia.wasm.syntax.ValType.F32;
import static dev.lia.wasm.syntax.ValType.F64;
import static dev.lia.wasm.syntax.ValType.FUNCREF;
import static dev.lia.wasm.syntax.ValType.I32;
import static dev.lia.wasm.syntax.ValType.I64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModuleDecoderTest {

    static void assertMalformed(byte[] module, String message, int offset) {
        assertThatThrownBy(() -> ModuleDecoder.decode(module))
                .isInstanceOfSatisfying(MalformedException.class, e -> assertThat(e.offset()).isEqualTo(offset))
                .hasMessage(message);
    }

    private static Instruction i32Const(int value) {
        return Instruction.of(Opcode.I32_CONST, value, 0);
    }

    @Test
    void emptyModule() {
        Module m = ModuleDecoder.decode(Bin.HEADER);
        assertThat(m.types()).isEmpty();
        assertThat(m.codes()).isEmpty();
        assertThat(m.start()).isEqualTo(-1);
        assertThat(m.dataCount()).isEqualTo(-1);
        assertThat(m.names()).isEqualTo(Names.EMPTY);
    }

    @Test
    void header() {
        assertMalformed(bytes(), "unexpected end", 0);
        assertMalformed(bytes(0x00, 0x61, 0x73), "unexpected end", 3);
        assertMalformed(bytes(0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00), "magic header not detected", 0);
        assertMalformed(bytes(0x00, 0x61, 0x73, 0x6D, 0x01), "unexpected end", 5);
        assertMalformed(bytes(0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00), "unknown binary version", 4);
    }

    @Test
    void typesWithMultipleResults() {
        Module m = ModuleDecoder.decode(module(section(1,
                0x02, 0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7D, 0x60, 0x00, 0x02, 0x7C, 0x6F)));
        assertThat(m.types()).containsExactly(
                new FuncType(List.of(I32, I64), List.of(F32)),
                new FuncType(List.of(), List.of(F64, EXTERNREF)));
    }

    @Test
    void typeErrors() {
        assertMalformed(module(section(1, 0x01, 0x61, 0x00, 0x00)), "malformed function type", 11);
        assertMalformed(module(section(1, 0x01, 0x60, 0x01, 0x7A, 0x00)), "malformed value type", 13);
    }

    @Test
    void importsOfEveryKind() {
        Module m = ModuleDecoder.decode(module(section(2, cat(bytes(0x04),
                name("m"), name("f"), bytes(0x00, 0x07),
                name("m"), name("t"), bytes(0x01, 0x70, 0x01, 0x01, 0x02),
                name("m"), name("mem"), bytes(0x02, 0x00, 0x01),
                name("m"), name("g"), bytes(0x03, 0x7F, 0x01)))));
        assertThat(m.imports()).containsExactly(
                new Import("m", "f", new Import.Func(7)),
                new Import("m", "t", new Import.Table(new TableType(FUNCREF, new SizeRange(1, 2)))),
                new Import("m", "mem", new Import.Memory(new MemoryType(new SizeRange(1, SizeRange.NO_MAX)))),
                new Import("m", "g", new Import.Global(new GlobalType(I32, true))));
        assertThat(m.importCount(ExternKind.TABLE)).isEqualTo(1);
    }

    @Test
    void importErrors() {
        byte[] names = cat(bytes(0x01), name("m"), name("x"));
        assertMalformed(module(section(2, cat(names, bytes(0x05)))), "malformed import kind", 15); // 4 is a tag (exception handling)
        assertMalformed(module(section(2, cat(names, bytes(0x04, 0x01, 0x00)))), "malformed tag attribute", 16);
        assertMalformed(module(section(2, cat(names, bytes(0x03, 0x7F, 0x02)))), "malformed mutability", 17);
        assertMalformed(module(section(2, cat(names, bytes(0x01, 0x7F, 0x00, 0x00)))), "malformed reference type", 16);
        assertMalformed(module(section(2, cat(names, bytes(0x02, 0x02, 0x00)))), "malformed limits flags", 16); // shared: not 3.0
        assertMalformed(module(section(2, cat(bytes(0x01), name("m"), bytes(0x01, 0xFF)))),
                "malformed UTF-8 encoding", 13); // the second name
    }

    @Test
    void declarationsExportsAndStart() {
        Module m = ModuleDecoder.decode(module(
                section(1, 0x01, 0x60, 0x00, 0x00),
                section(3, 0x02, 0x00, 0x00),
                section(4, 0x01, 0x6F, 0x00, 0x05),
                section(5, 0x01, 0x01, 0x01, 0x80, 0x80, 0x04),
                section(6, 0x01, 0x7E, 0x00, 0x42, 0x2A, 0x0B),
                section(7, cat(bytes(0x02), name("f"), bytes(0x00, 0x01), name("mem"), bytes(0x02, 0x00))),
                section(8, 0x01),
                section(10, 0x02, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B)));
        assertThat(m.functions()).containsExactly(0, 0);
        assertThat(m.tables()).containsExactly(new TableType(EXTERNREF, new SizeRange(5, SizeRange.NO_MAX)));
        assertThat(m.memories()).containsExactly(new MemoryType(new SizeRange(1, 65536)));
        assertThat(m.globals()).hasSize(1);
        assertThat(m.globals().get(0).type()).isEqualTo(new GlobalType(I64, false));
        assertThat(m.globals().get(0).init().instructions()).containsExactly(Instruction.of(Opcode.I64_CONST, 42, 0));
        assertThat(m.exports()).containsExactly(new Export("f", ExternKind.FUNC, 1), new Export("mem", ExternKind.MEMORY, 0));
        assertThat(m.start()).isEqualTo(1);
        assertThat(m.codes()).hasSize(2);
    }

    @Test
    void elementSegmentsInAllEightEncodings() {
        dev.lia.wasm.syntax.ValType FUNC = dev.lia.wasm.syntax.ValType.ref(false, dev.lia.wasm.syntax.ValType.FUNC);
        Module m = ModuleDecoder.decode(module(section(9,
                0x08,
                0x00, 0x41, 0x01, 0x0B, 0x01, 0x00,                         // active table 0, func indices
                0x01, 0x00, 0x01, 0x01,                                     // passive, elemkind, func indices
                0x02, 0x01, 0x41, 0x02, 0x0B, 0x00, 0x01, 0x00,             // active table 1, elemkind, indices
                0x03, 0x00, 0x00,                                           // declarative, elemkind, no indices
                0x04, 0x41, 0x03, 0x0B, 0x02, 0xD2, 0x00, 0x0B, 0xD0, 0x70, 0x0B, // active table 0, expressions
                0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B,                         // passive, externref expressions
                0x06, 0x02, 0x41, 0x04, 0x0B, 0x70, 0x01, 0xD2, 0x01, 0x0B, // active table 2, funcref expressions
                0x07, 0x70, 0x01, 0xD2, 0x00, 0x0B)));                     // declarative, expressions
        List<ElementSegment> e = m.elements();
        assertThat(e).extracting(ElementSegment::mode).containsExactly(
                SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE,
                SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE);
        assertThat(e).extracting(ElementSegment::type).containsExactly(
                // 3.0: function index lists hold (ref func); expression lists state their type (flag 4: funcref)
                FUNC, FUNC, FUNC, FUNC, FUNCREF, EXTERNREF, FUNCREF, FUNCREF);
        assertThat(e).extracting(ElementSegment::table).containsExactly(0, 0, 1, 0, 0, 0, 2, 0);
        assertThat(e.get(0).offset().instructions()).containsExactly(i32Const(1));
        assertThat(e.get(1).offset()).isNull();
        assertThat(e.get(6).offset().instructions()).containsExactly(i32Const(4));
        // function indices become ref.func expressions, at the index's offset
        Instruction refFunc = e.get(1).init().get(0).instructions().get(0);
        assertThat(refFunc).isEqualTo(Instruction.of(Opcode.REF_FUNC, 1, 0));
        assertThat(refFunc.offset).isEqualTo(8 + 3 + 6 + 3); // header, section head and count, segment 0
        assertThat(e.get(3).init()).isEmpty();
        assertThat(e.get(4).init()).hasSize(2);
        assertThat(e.get(4).init().get(1).instructions()).containsExactly(Instruction.of(Opcode.REF_NULL, dev.lia.wasm.syntax.ValType.FUNC, 0));
    }

    @Test
    void elementSegmentErrors() {
        assertMalformed(module(section(9, 0x01, 0x08)), "malformed elements segment kind", 11);
        assertMalformed(module(section(9, 0x01, 0x01, 0x01, 0x00)), "malformed element kind", 12);
        assertMalformed(module(section(9, 0x01, 0x05, 0x7F, 0x00)), "malformed reference type", 12);
        assertMalformed(module(section(9, 0x01, 0x05, 0x70, 0x01, 0xF3, 0x0B)), "illegal opcode f3", 14);
    }

    @Test
    void dataSegmentsInAllThreeEncodingsAndTheDataCount() {
        Module m = ModuleDecoder.decode(module(
                section(12, 0x03),
                section(11, 0x03,
                        0x00, 0x41, 0x00, 0x0B, 0x02, 'h', 'i',
                        0x01, 0x01, 'x',
                        0x02, 0x01, 0x41, 0x08, 0x0B, 0x00)));
        assertThat(m.dataCount()).isEqualTo(3);
        List<DataSegment> d = m.datas();
        assertThat(d.get(0)).isEqualTo(new DataSegment(bytes('h', 'i'), SegmentMode.ACTIVE, 0,
                new dev.lia.wasm.syntax.Expr(List.of(i32Const(0)))));
        assertThat(d.get(1)).isEqualTo(new DataSegment(bytes('x'), SegmentMode.PASSIVE, 0, null));
        assertThat(d.get(2).memory()).isEqualTo(1);
        assertThat(d.get(2).bytes()).isEmpty();
        assertMalformed(module(section(11, 0x01, 0x03)), "malformed data segment kind", 11);
    }

    @Test
    void codeBodiesRecordLocalsAndOffsets() {
        // 8 header + 6 type section + 4 function section + 3 code section head: the body's size is at 21
        byte[] bin = Bin.oneFunction(bytes(
                0x02, 0x03, 0x7F, 0x00, 0x7E,    // locals: 3 i32, 0 i64
                0x02, 0x40,                      // 27: block
                0x41, 0x01,                      // 29: i32.const 1
                0x04, 0x7F,                      // 31: if (result i32)
                0x41, 0x02,                      // 33
                0x05,                            // 35: else
                0x41, 0x03,                      // 36
                0x0B,                            // 38: end (if)
                0x1A,                            // 39: drop
                0x0B,                            // 40: end (block)
                0x0B));                          // 41: end (function)
        FunctionBody body = ModuleDecoder.decode(bin).codes().get(0);
        assertThat(body.offset()).isEqualTo(21);
        assertThat(body.endOffset()).isEqualTo(41);
        assertThat(body.locals()).containsExactly(new Local(3, I32), new Local(0, I64));
        assertThat(body.localCount()).isEqualTo(3);
        List<Instruction> code = body.body().instructions();
        assertThat(code).extracting(in -> in.op).containsExactly(Opcode.BLOCK, Opcode.I32_CONST, Opcode.IF,
                Opcode.I32_CONST, Opcode.ELSE, Opcode.I32_CONST, Opcode.END, Opcode.DROP, Opcode.END);
        assertThat(code).extracting(in -> in.offset).containsExactly(27, 29, 31, 33, 35, 36, 38, 39, 40);
        assertThat(code.get(2).a).isEqualTo(ValType.I32.code - 128);
    }

    @Test
    void localsAreLimitedToTwoToThe32() {
        assertMalformed(Bin.oneFunction(bytes(0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x01, 0x7E, 0x0B)),
                "too many locals", 22);
        // well-formed, though far beyond the default limits (LimitsTest)
        FunctionBody most = ModuleDecoder.decode(
                Bin.oneFunction(bytes(0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x0B)), DecodeLimits.NONE).codes().get(0);
        assertThat(most.localCount()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void sectionOrder() {
        byte[] type = section(1, 0x00);
        byte[] imports = section(2, 0x00);
        assertMalformed(module(imports, type), "unexpected content after last section", 11);
        assertMalformed(module(type, type), "unexpected content after last section", 11);
        assertMalformed(module(section(10, 0x00), section(12, 0x00)), "unexpected content after last section", 11);
        // the data count section (id 12) sits between the element (9) and code (10) sections
        Module m = ModuleDecoder.decode(module(section(9, 0x00), section(12, 0x00), section(10, 0x00), section(11, 0x00)));
        assertThat(m.dataCount()).isZero();
        assertMalformed(module(section(14, 0x00)), "malformed section id", 8);
        // the tag section (id 13, exception handling) sits between the memory (5) and global (6) sections
        assertThat(ModuleDecoder.decode(module(section(5, 0x00), section(13, 0x00), section(6, 0x00))).tags()).isEmpty();
        assertMalformed(module(section(6, 0x00), section(13, 0x00)), "unexpected content after last section", 11);
    }

    @Test
    void sectionSizesMustMatchTheirContents() {
        assertMalformed(module(section(1, 0x00, 0x00)), "section size mismatch", 10);
        assertMalformed(cat(Bin.HEADER, bytes(0x01, 0x05, 0x00)), "length out of bounds", 9);
        // a body that stops short of its declared size
        assertMalformed(Bin.oneFunction(bytes(0x00, 0x0B, 0x01)), "section size mismatch", 22);
    }

    @Test
    void functionAndCodeCountsMustAgree() {
        byte[] noCode = module(section(1, 0x01, 0x60, 0x00, 0x00), section(3, 0x01, 0x00));
        assertMalformed(noCode, "function and code section have inconsistent lengths", noCode.length);
        assertMalformed(module(section(10, 0x01, 0x02, 0x00, 0x0B)),
                "function and code section have inconsistent lengths", 14);
    }

    @Test
    void dataCountRules() {
        byte[] dataDrop = Bin.code(0xFC, 0x09, 0x00, 0x0B);
        byte[] oneData = section(11, 0x01, 0x01, 0x00);
        assertMalformed(cat(dataDrop, oneData), "data count section required", dataDrop.length + oneData.length);
        // with no data segment at all, data index 0 is simply out of range: the validator reports it
        assertThat(ModuleDecoder.decode(dataDrop).codes()).hasSize(1);
        byte[] counted = cat(module(section(12, 0x02)), section(11, 0x01, 0x01, 0x00));
        assertMalformed(counted, "data count and data section have inconsistent lengths", counted.length);
    }

    @Test
    void customSectionsAreKeptWherever() {
        Module m = ModuleDecoder.decode(module(
                section(0, cat(name("first"), bytes(1, 2, 3))),
                section(1, 0x00),
                section(0, cat(name("second")))));
        assertThat(m.customs()).containsExactly(
                new CustomSection("first", bytes(1, 2, 3), 0),
                new CustomSection("second", bytes(), 0));
        assertThat(m.customs().get(0).offset()).isEqualTo(8 + 2 + 6);
        // a name running past the section's end
        assertMalformed(module(section(0, 0x02, 'a'), section(1, 0x00)), "unexpected end of section or function", 12);
        assertMalformed(module(section(0, 0x01, 0xFF)), "malformed UTF-8 encoding", 10);
    }

    @Test
    void largeIndicesAndCountsAreWellFormed() {
        Module m = ModuleDecoder.decode(module(
                section(3, cat(bytes(0x01), u32(0xFFFF_FFFFL))),
                section(8, u32(0x8000_0000L)),
                section(10, 0x01, 0x02, 0x00, 0x0B)));
        assertThat(m.functions()).containsExactly(Integer.MAX_VALUE);
        assertThat(m.start()).isEqualTo(Integer.MAX_VALUE);
    }
}
