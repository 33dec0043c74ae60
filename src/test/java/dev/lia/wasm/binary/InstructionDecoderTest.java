package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.BlockType;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lia.wasm.binary.Bin.bytes;
import static dev.lia.wasm.binary.ModuleDecoderTest.assertMalformed;
import static org.assertj.core.api.Assertions.assertThat;

/** Instruction immediates and body structure, decoded from one-function modules. */
class InstructionDecoderTest {
    /** Offset of the first instruction in {@link Bin#code} modules: header, type, function, code heads, locals. */
    private static final int FIRST = 8 + 6 + 4 + 3 + 1 + 1;

    private static List<Instruction> decode(int... code) {
        return ModuleDecoder.decode(Bin.code(code)).codes().get(0).body().instructions();
    }

    private static Instruction single(int... code) {
        List<Instruction> body = decode(code);
        assertThat(body).hasSize(1);
        return body.get(0);
    }

    private static int[] sixteen(int first) {
        int[] out = new int[16];
        for (int i = 0; i < 16; i++) out[i] = first + i;
        return out;
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] out = new int[n];
        int k = 0;
        for (int[] p : parts) for (int v : p) out[k++] = v;
        return out;
    }

    @Test
    void blockTypes() {
        List<Instruction> body = decode(0x02, 0x40, 0x0B, 0x03, 0x7B, 0x0B, 0x04, 0x05, 0x0B,
                0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B, 0x0B);
        assertThat(body.get(0).a).isEqualTo(BlockType.EMPTY);
        assertThat(BlockType.valType(body.get(2).a)).isEqualTo(ValType.V128);
        assertThat(body.get(4).a).isEqualTo(5); // a type index
        assertThat(body.get(6).a).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void malformedBlockTypes() {
        assertMalformed(Bin.code(0x02, 0x7A, 0x0B, 0x0B), "malformed block type", FIRST + 1);
        // a negative s33 is only allowed as one of the single-byte forms
        assertMalformed(Bin.code(0x02, 0xFF, 0x7F, 0x0B, 0x0B), "malformed block type", FIRST + 1);
    }

    @Test
    void branchTableKeepsItsDefaultLast() {
        Instruction brTable = decode(0x41, 0x00, 0x0E, 0x02, 0x03, 0x04, 0x05, 0x0B).get(1);
        assertThat(brTable.op).isEqualTo(Opcode.BR_TABLE);
        assertThat(brTable.labels).containsExactly(3, 4, 5);
        assertThat(brTable.offset).isEqualTo(FIRST + 2);
    }

    @Test
    void indexImmediates() {
        assertThat(single(0x10, 0x07, 0x0B)).isEqualTo(Instruction.of(Opcode.CALL, 7, 0));
        assertThat(single(0x11, 0x02, 0x01, 0x0B)).isEqualTo(Instruction.of(Opcode.CALL_INDIRECT, 2, 1, 0));
        assertThat(single(0x20, 0x80, 0x01, 0x0B)).isEqualTo(Instruction.of(Opcode.LOCAL_GET, 128, 0));
        assertThat(single(0x24, 0x03, 0x0B)).isEqualTo(Instruction.of(Opcode.GLOBAL_SET, 3, 0));
        assertThat(single(0x25, 0x02, 0x0B)).isEqualTo(Instruction.of(Opcode.TABLE_GET, 2, 0));
        assertThat(single(0xD2, 0x04, 0x0B)).isEqualTo(Instruction.of(Opcode.REF_FUNC, 4, 0));
    }

    @Test
    void constants() {
        assertThat(single(0x41, 0x7F, 0x0B).a).isEqualTo(-1);
        assertThat(single(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F, 0x0B).a)
                .isEqualTo(Long.MIN_VALUE);
        assertThat(single(0x43, 0x00, 0x00, 0x80, 0x3F, 0x0B).a).isEqualTo(Float.floatToRawIntBits(1.0f));
        assertThat(single(0x43, 0x00, 0x00, 0xC0, 0xFF, 0x0B).a).isEqualTo(0xFFC0_0000); // NaN bits, sign-extended
        assertThat(single(0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x0B).a).isEqualTo(Double.doubleToRawLongBits(1.0));
    }

    @Test
    void memoryImmediates() {
        Instruction load = single(0x28, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B);
        assertThat(load.op).isEqualTo(Opcode.I32_LOAD);
        assertThat(load.a).isEqualTo(2);
        assertThat(load.b).isEqualTo(0xFFFF_FFFFL);
        assertThat(single(0x3F, 0x00, 0x0B)).isEqualTo(Instruction.of(Opcode.MEMORY_SIZE, 0));
        assertThat(single(0xFC, 0x0A, 0x00, 0x00, 0x0B)).isEqualTo(Instruction.of(Opcode.MEMORY_COPY, 0));
        assertThat(single(0xFC, 0x0B, 0x00, 0x0B)).isEqualTo(Instruction.of(Opcode.MEMORY_FILL, 0));
    }

    @Test
    void memoryImmediateErrors() {
        assertMalformed(Bin.code(0x28, 0x80, 0x01, 0x00, 0x0B), "malformed memop flags", FIRST + 1);
    }

    @Test
    void memoryIndices() { // 3.0 multi-memory: the reserved bytes are memory indices, memarg bit 6 announces one
        assertThat(single(0x40, 0x01, 0x0B)).isEqualTo(Instruction.of(Opcode.MEMORY_GROW, 1L, 0));
        assertThat(single(0x3F, 0x80, 0x00, 0x0B)).isEqualTo(Instruction.of(Opcode.MEMORY_SIZE, 0));
        assertThat(single(0xFC, 0x0A, 0x02, 0x01, 0x0B)).isEqualTo(Instruction.of(Opcode.MEMORY_COPY, 2, 1, 0));
        assertThat(single(0xFC, 0x08, 0x03, 0x01, 0x0B)).isEqualTo(Instruction.of(Opcode.MEMORY_INIT, 3, 1, 0));
        Instruction load = single(0x28, 0x42, 0x05, 0x10, 0x0B); // align 2, memory 5, offset 16
        assertThat(load.a).isEqualTo(2);
        assertThat(load.b).isEqualTo(16);
        assertThat(load.c).isEqualTo(5);
    }

    @Test
    void referenceAndTableInstructions() {
        assertThat(single(0xD0, 0x6F, 0x0B).a).isEqualTo(ValType.EXTERN); // the heap type
        assertThat(single(0x1C, 0x01, 0x7E, 0x0B).labels).containsExactly(ValType.I64.code);
        // table.init and table.copy keep the binary order: elem then table, destination then source
        assertThat(single(0xFC, 0x0C, 0x03, 0x01, 0x0B)).isEqualTo(Instruction.of(Opcode.TABLE_INIT, 3, 1, 0));
        assertThat(single(0xFC, 0x0E, 0x01, 0x02, 0x0B)).isEqualTo(Instruction.of(Opcode.TABLE_COPY, 1, 2, 0));
        assertThat(single(0xFC, 0x0D, 0x04, 0x0B)).isEqualTo(Instruction.of(Opcode.ELEM_DROP, 4, 0));
        assertThat(single(0xFC, 0x11, 0x01, 0x0B)).isEqualTo(Instruction.of(Opcode.TABLE_FILL, 1, 0));
        assertMalformed(Bin.code(0xD0, 0x7F, 0x0B), "malformed reference type", FIRST + 1);
        assertMalformed(Bin.code(0x1C, 0x01, 0x7A, 0x0B), "malformed value type", FIRST + 2);
    }

    @Test
    void prefixedSubOpcodesAreLeb128() {
        assertThat(single(0xFC, 0x80, 0x00, 0x0B).op).isEqualTo(Opcode.I32_TRUNC_SAT_F32_S);
        assertThat(single(0xFD, 0xFF, 0x01, 0x0B).op).isEqualTo(Opcode.F64X2_CONVERT_LOW_I32X4_U);
    }

    @Test
    void simdImmediates() {
        Instruction v128 = single(concat(new int[] {0xFD, 0x0C}, sixteen(1), new int[] {0x0B}));
        assertThat(v128.op).isEqualTo(Opcode.V128_CONST);
        assertThat(v128.bytes).containsExactly(bytes(sixteen(1)));
        Instruction shuffle = single(concat(new int[] {0xFD, 0x0D}, sixteen(0), new int[] {0x0B}));
        assertThat(shuffle.op).isEqualTo(Opcode.I8X16_SHUFFLE);
        assertThat(shuffle.bytes).containsExactly(bytes(sixteen(0)));
        assertThat(single(0xFD, 0x15, 0x0F, 0x0B)).isEqualTo(Instruction.of(Opcode.I8X16_EXTRACT_LANE_S, 15, 0));
        assertThat(single(0xFD, 0x00, 0x04, 0x10, 0x0B)).isEqualTo(Instruction.of(Opcode.V128_LOAD, 4, 16, 0));
        Instruction loadLane = single(0xFD, 0x54, 0x00, 0x03, 0x07, 0x0B);
        assertThat(loadLane.op).isEqualTo(Opcode.V128_LOAD8_LANE);
        assertThat(new long[] {loadLane.a, loadLane.b, loadLane.c}).containsExactly(0, 3, 7);
        assertThat(Opcode.V128_LOAD8_LANE.accessSize).isEqualTo(1);
        assertThat(Opcode.I8X16_SHUFFLE.params).containsExactly(ValType.V128, ValType.V128);
    }

    @Test
    void unknownOpcodesAreIllegal() {
        assertMalformed(Bin.code(0x06, 0x0B), "illegal opcode 06", FIRST);
        assertMalformed(Bin.code(0xFC, 0x12, 0x0B), "illegal opcode fc 12", FIRST);
        assertMalformed(Bin.code(0xFD, 0x9A, 0x01, 0x0B), "illegal opcode fd 9a", FIRST);
        assertMalformed(Bin.code(0xFD, 0xB0, 0x02, 0x0B), "illegal opcode fd 130", FIRST);
        assertMalformed(Bin.code(0xFD, 0x94, 0x02, 0x0B), "illegal opcode fd 114", FIRST); // past relaxed SIMD
        assertThat(single(0xFD, 0x80, 0x02, 0x0B).op).isEqualTo(Opcode.I8X16_RELAXED_SWIZZLE);
        assertThat(single(0xFD, 0x93, 0x02, 0x0B).op).isEqualTo(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S);
    }

    @Test
    void elseOnlyOnceAndOnlyInsideIf() {
        assertMalformed(Bin.code(0x05, 0x0B), "END opcode expected", FIRST);
        assertMalformed(Bin.code(0x02, 0x40, 0x05, 0x0B, 0x0B), "END opcode expected", FIRST + 2);
        assertMalformed(Bin.code(0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B), "END opcode expected", FIRST + 3);
        assertThat(decode(0x04, 0x40, 0x04, 0x40, 0x05, 0x0B, 0x05, 0x0B, 0x0B)).extracting(in -> in.op)
                .containsExactly(Opcode.IF, Opcode.IF, Opcode.ELSE, Opcode.END, Opcode.ELSE, Opcode.END);
    }

    @Test
    void deepNestingNeedsNoRecursion() {
        int depth = 100_000;
        int[] code = new int[depth * 3 + 1];
        for (int i = 0; i < depth; i++) {
            code[2 * i] = 0x02;
            code[2 * i + 1] = 0x40;
            code[2 * depth + i] = 0x0B;
        }
        code[3 * depth] = 0x0B;
        assertThat(decode(code)).hasSize(2 * depth);
    }

    @Test
    void bodyWithoutEnd() {
        // runs into the end of the module: the reference interpreter's wording
        assertMalformed(Bin.oneFunction(bytes(0x00, 0x01)), "unexpected end of section or function", FIRST + 1);
    }
}
