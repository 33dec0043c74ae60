package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.SegmentMode;
import dev.lia.wasm.syntax.ValType;

import java.util.List;

import static dev.lia.wasm.binary.ByteReader.malformed;

/** Decodes the element and data sections, whose segments come in several flag-selected encodings. */
final class SegmentDecoder {
    // element segment flag bits
    private static final int NOT_ACTIVE = 1;
    /** For active segments: an explicit table index follows; for the others: declarative, not passive. */
    private static final int EXPLICIT_OR_DECLARATIVE = 2;
    /** Elements are constant expressions with an explicit reference type, not function indices. */
    private static final int EXPRESSIONS = 4;
    private static final int ELEM_KIND_FUNCREF = 0x00;
    /** What a list of function indices holds (3.0): {@code (ref func)}, no nulls. */
    private static final ValType FUNC_NON_NULL = ValType.ref(false, ValType.FUNC);

    private SegmentDecoder() {}

    static List<ElementSegment> elements(ByteReader r) {
        InstructionDecoder exprs = new InstructionDecoder(r);
        return r.vec(in -> element(in, exprs));
    }

    /** One element segment: a u32 flag field 0..7 combining the three bits above. */
    private static ElementSegment element(ByteReader r, InstructionDecoder exprs) {
        int at = r.pos();
        long flags = r.u32();
        if (flags > 7) throw malformed("malformed elements segment kind", at);
        boolean active = (flags & NOT_ACTIVE) == 0;
        boolean explicit = (flags & EXPLICIT_OR_DECLARATIVE) != 0;
        boolean expressions = (flags & EXPRESSIONS) != 0;

        SegmentMode mode = active ? SegmentMode.ACTIVE : explicit ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        int table = active && explicit ? r.index() : 0;
        Expr offset = active ? exprs.expr() : null;
        // flags 0 and 4 imply (ref func) and funcref; the others state the type (an element kind for index lists)
        ValType type = active && !explicit ? (expressions ? ValType.FUNCREF : FUNC_NON_NULL)
                : expressions ? TypeDecoder.refType(r) : elementKind(r);

        List<Expr> init = expressions ? r.vec(in -> exprs.expr()) : r.vec(SegmentDecoder::refFunc);
        return new ElementSegment(type, init, mode, table, offset);
    }

    private static ValType elementKind(ByteReader r) {
        int at = r.pos();
        if (r.u8() != ELEM_KIND_FUNCREF) throw malformed("malformed element kind", at);
        return FUNC_NON_NULL;
    }

    /** A function index of an index-list segment, as the equivalent {@code ref.func} expression. */
    private static Expr refFunc(ByteReader r) {
        int at = r.pos();
        return new Expr(List.of(Instruction.of(Opcode.REF_FUNC, r.u32(), at)));
    }

    static List<DataSegment> datas(ByteReader r) {
        InstructionDecoder exprs = new InstructionDecoder(r);
        return r.vec(in -> data(in, exprs));
    }

    /** One data segment: 0 = active in memory 0, 1 = passive, 2 = active with an explicit memory index. */
    private static DataSegment data(ByteReader r, InstructionDecoder exprs) {
        int at = r.pos();
        long flags = r.u32();
        if (flags > 2) throw malformed("malformed data segment kind", at);
        if (flags == 1) return new DataSegment(r.bytes(r.length()), SegmentMode.PASSIVE, 0, null);
        int memory = flags == 2 ? r.index() : 0;
        Expr offset = exprs.expr();
        return new DataSegment(r.bytes(r.length()), SegmentMode.ACTIVE, memory, offset);
    }
}
