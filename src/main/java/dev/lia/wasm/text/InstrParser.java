package dev.lia.wasm.text;

import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.SExpr.Atom;
import dev.lia.wasm.text.SExpr.Kind;
import dev.lia.wasm.text.SExpr.SList;

import java.util.ArrayList;
import java.util.List;

/**
 * Instruction sequences, plain and folded, into the flat form of the module model: blocks open with
 * {@code block}/{@code loop}/{@code if} and close with {@code end}; an {@code else} is kept only when
 * its branch is not empty (as the binary format does).
 */
final class InstrParser {
    private final ModuleBuilder m;
    /** The function's locals; null in constant expressions. */
    private final ModuleBuilder.Locals locals;
    private final List<Instruction> out = new ArrayList<>();
    /** Labels of the enclosing blocks, innermost last; null for a block without identifier. */
    private final List<String> labels = new ArrayList<>();

    InstrParser(ModuleBuilder m, ModuleBuilder.Locals locals) {
        this.m = m;
        this.locals = locals;
    }

    List<Instruction> instructions() {
        return out;
    }

    /** Every remaining item of the cursor, as instructions. */
    void instrs(Cursor c) {
        while (!c.atEnd()) instr(c);
    }

    private void instr(Cursor c) {
        SExpr e = c.next();
        if (e instanceof SList l) {
            folded(l);
            return;
        }
        Atom a = (Atom) e;
        if (a.kind() != Kind.KEYWORD) throw Cursor.unexpected(a);
        switch (a.text()) {
            case "block", "loop" -> {
                Atom label = c.optional(Kind.ID);
                long bt = m.blockType(c);
                emit(a.text().equals("block") ? Opcode.BLOCK : Opcode.LOOP, bt, a.pos());
                flatBody(c, label);
            }
            case "try_table" -> {
                Atom label = c.optional(Kind.ID);
                long bt = m.blockType(c);
                out.add(new Instruction(Opcode.TRY_TABLE, bt, 0, 0, catches(c), null, textOffset(a.pos())));
                flatBody(c, label);
            }
            case "if" -> {
                Atom label = c.optional(Kind.ID);
                long bt = m.blockType(c);
                emit(Opcode.IF, bt, a.pos());
                labels.add(label == null ? null : label.text());
                flat(c);
                int elseAt = c.position();
                if (c.optionalKeyword("else")) {
                    endLabel(c, label);
                    int mark = emit(Opcode.ELSE, 0, elseAt);
                    flat(c);
                    dropEmptyElse(mark);
                }
                int endAt = c.position();
                c.keyword("end");
                endLabel(c, label);
                labels.remove(labels.size() - 1);
                emit(Opcode.END, 0, endAt);
            }
            default -> {
                Opcode op = opcode(a);
                out.add(at(immediates(op, c), a.pos()));
            }
        }
    }

    /** Plain instructions up to (not including) an {@code end} or {@code else}. */
    /** A flat block's body after its opening instruction: the instructions up to {@code end}, under {@code label}. */
    private void flatBody(Cursor c, Atom label) {
        labels.add(label == null ? null : label.text());
        flat(c);
        int endAt = c.position();
        c.keyword("end");
        endLabel(c, label);
        labels.remove(labels.size() - 1);
        emit(Opcode.END, 0, endAt);
    }

    private void flat(Cursor c) {
        while (!c.atEnd() && !c.peekKeyword("end") && !c.peekKeyword("else")) instr(c);
    }

    /** The identifier after {@code end} or {@code else}, if any, must repeat the block's label. */
    private static void endLabel(Cursor c, Atom label) {
        Atom id = c.optional(Kind.ID);
        if (id != null && (label == null || !label.text().equals(id.text()))) {
            throw new TextFormatException("mismatching label " + id.text(), id.pos());
        }
    }

    private void dropEmptyElse(int mark) {
        if (out.size() == mark + 1) out.remove(mark);
    }

    /** A folded instruction: {@code (plaininstr folded*)}, {@code (block ...)}, {@code (loop ...)}, {@code (if ...)}. */
    void folded(SList l) {
        if (l.size() == 0 || !(l.get(0) instanceof Atom head) || head.kind() != Kind.KEYWORD) {
            throw Cursor.unexpected(l.size() == 0 ? l : l.get(0));
        }
        Cursor c = new Cursor(l, 1);
        switch (head.text()) {
            case "block", "loop" -> {
                Atom label = c.optional(Kind.ID);
                long bt = m.blockType(c);
                emit(head.text().equals("block") ? Opcode.BLOCK : Opcode.LOOP, bt, head.pos());
                labels.add(label == null ? null : label.text());
                instrs(c);
                labels.remove(labels.size() - 1);
                emit(Opcode.END, 0, l.end());
            }
            case "try_table" -> {
                Atom label = c.optional(Kind.ID);
                long bt = m.blockType(c);
                out.add(new Instruction(Opcode.TRY_TABLE, bt, 0, 0, catches(c), null, textOffset(head.pos())));
                labels.add(label == null ? null : label.text());
                instrs(c);
                labels.remove(labels.size() - 1);
                emit(Opcode.END, 0, l.end());
            }
            case "if" -> {
                Atom label = c.optional(Kind.ID);
                long bt = m.blockType(c);
                while (c.peek() instanceof SList cond && !cond.isHead("then") && !cond.isHead("else")) {
                    c.next();
                    folded(cond);
                }
                emit(Opcode.IF, bt, head.pos());
                labels.add(label == null ? null : label.text());
                Cursor then = new Cursor(c.list("then"), 1);
                instrs(then);
                if (c.peekList("else")) {
                    SList elseList = c.list();
                    Cursor otherwise = new Cursor(elseList, 1);
                    int mark = emit(Opcode.ELSE, 0, elseList.pos());
                    instrs(otherwise);
                    dropEmptyElse(mark);
                }
                c.expectEnd();
                labels.remove(labels.size() - 1);
                emit(Opcode.END, 0, l.end());
            }
            default -> {
                Opcode op = opcode(head);
                Instruction in = immediates(op, c);
                while (!c.atEnd()) {
                    SExpr e = c.next();
                    if (!(e instanceof SList operand)) throw Cursor.unexpected(e);
                    folded(operand);
                }
                out.add(at(in, head.pos()));
            }
        }
    }

    private static Opcode opcode(Atom a) {
        Opcode op = Opcode.fromText(a.text());
        if (op == null || op == Opcode.END || op == Opcode.ELSE || op.opensBlock()) throw Cursor.unexpected(a);
        return op;
    }

    /**
     * try_table's catch clauses, {@code (catch x l) (catch_ref x l) (catch_all l) (catch_all_ref l)}, as
     * (kind, tag, label) triples; their labels are those around the try_table (its own is not yet in scope).
     */
    private int[] catches(Cursor c) {
        List<Integer> out = new ArrayList<>();
        while (true) {
            int kind = c.peekList("catch") ? Opcode.CATCH : c.peekList("catch_ref") ? Opcode.CATCH_REF
                    : c.peekList("catch_all") ? Opcode.CATCH_ALL : c.peekList("catch_all_ref") ? Opcode.CATCH_ALL_REF : -1;
            if (kind < 0) break;
            Cursor k = new Cursor(c.list(), 1);
            out.add(kind);
            out.add(kind < Opcode.CATCH_ALL ? m.tagSpace.resolve(k.next()) : 0);
            out.add(label(k.next()));
            k.expectEnd();
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * An instruction of the text carries, in place of a byte offset, its position in the text as a
     * negative number ({@link #textPosition}): validating the parsed module then reports errors at a
     * line and column, and the module still has no byte offsets (it cannot be saved). The module the
     * commands run is encoded and decoded, and has real byte offsets.
     */
    private int emit(Opcode op, long a, int pos) {
        out.add(Instruction.of(op, a, textOffset(pos)));
        return out.size() - 1;
    }

    private static Instruction at(Instruction in, int pos) {
        return new Instruction(in.op, in.a, in.b, in.c, in.labels, in.bytes, textOffset(pos));
    }

    /** A text position (a code point index, above 0) as the negative offset a parsed instruction carries. */
    static int textOffset(int pos) {
        return -(pos + 1);
    }

    /** The text position a parsed module's offset stands for, or -1 when it is not one (a byte offset, or none). */
    static int textPosition(int offset) {
        return offset < -1 ? -offset - 1 : -1;
    }

    /** Reads an instruction's immediates. */
    private Instruction immediates(Opcode op, Cursor c) {
        switch (op.imm) {
            case NONE:
                if (op == Opcode.SELECT && c.peekList("result")) {
                    List<Integer> types = new ArrayList<>();
                    while (c.peekList("result")) {
                        Cursor r = new Cursor(c.list(), 1);
                        while (!r.atEnd()) types.add(ModuleBuilder.valType(r).code);
                    }
                    return new Instruction(Opcode.SELECT_T, 0, 0, 0, types.stream().mapToInt(Integer::intValue).toArray(), null, 0);
                }
                return Instruction.of(op, 0);
            case LABEL:
                return Instruction.of(op, label(c.next()), 0);
            case BR_TABLE: {
                List<Integer> targets = new ArrayList<>();
                while (Space.isIndex(c.peek())) targets.add(label(c.next()));
                if (targets.isEmpty()) throw c.unexpectedHere();
                return new Instruction(op, 0, 0, 0, targets.stream().mapToInt(Integer::intValue).toArray(), null, 0);
            }
            case FUNC:
                return Instruction.of(op, m.funcSpace.resolve(c.next()), 0);
            case CALL_INDIRECT: {
                int table = Space.isIndex(c.peek()) ? m.tableSpace.resolve(c.next()) : 0;
                ModuleBuilder.TypeUse tu = m.typeUse(c, false, true);
                int type = m.resolveTypeUse(tu, tu.pos());
                return Instruction.of(op, type, table, 0);
            }
            case LOCAL: {
                if (locals == null) {
                    SExpr e = c.next();
                    if (Space.isIndex(e) && e instanceof Atom a && a.kind() == Kind.NAT) return Instruction.of(op, ModuleBuilder.u32(a), 0);
                    throw new TextFormatException("unknown local " + e, e.pos());
                }
                return Instruction.of(op, locals.resolve(c.next()), 0);
            }
            case GLOBAL:
                return Instruction.of(op, m.globalSpace.resolve(c.next()), 0);
            case TAG:
                return Instruction.of(op, m.tagSpace.resolve(c.next()), 0);
            case TABLE:
                return Instruction.of(op, Space.isIndex(c.peek()) ? m.tableSpace.resolve(c.next()) : 0, 0);
            case MEMARG:
                return memarg(op, c, false);
            case MEMARG_LANE:
                return memarg(op, c, true);
            case MEM: // multi-memory: an optional memory index
                return Instruction.of(op, Space.isIndex(c.peek()) ? m.memSpace.resolve(c.next()) : 0, 0);
            case MEMORY_COPY: {
                if (!Space.isIndex(c.peek())) return Instruction.of(op, 0, 0, 0);
                int dst = m.memSpace.resolve(c.next());
                return Instruction.of(op, dst, m.memSpace.resolve(c.next()), 0);
            }
            case I32:
                return Instruction.of(op, intConst(c.next(), 32), 0);
            case I64:
                return Instruction.of(op, intConst(c.next(), 64), 0);
            case F32:
                return Instruction.of(op, f32Const(c.next()), 0);
            case F64:
                return Instruction.of(op, f64Const(c.next()), 0);
            case REF_TYPE:
                return Instruction.of(op, heapType(c).code, 0);
            case MEMORY_INIT: {
                m.usesDataIndex = true;
                SExpr first = c.next();
                if (Space.isIndex(c.peek())) { // memory.init memory data
                    int memory = m.memSpace.resolve(first);
                    return Instruction.of(op, m.dataSpace.resolve(c.next()), memory, 0);
                }
                return Instruction.of(op, m.dataSpace.resolve(first), 0, 0);
            }
            case DATA:
                m.usesDataIndex = true;
                return Instruction.of(op, m.dataSpace.resolve(c.next()), 0);
            case TABLE_INIT: {
                SExpr first = c.next();
                if (Space.isIndex(c.peek())) {
                    int table = m.tableSpace.resolve(first);
                    return Instruction.of(op, m.elemSpace.resolve(c.next()), table, 0);
                }
                return Instruction.of(op, m.elemSpace.resolve(first), 0, 0);
            }
            case ELEM:
                return Instruction.of(op, m.elemSpace.resolve(c.next()), 0);
            case TABLE_COPY: {
                if (!Space.isIndex(c.peek())) return Instruction.of(op, 0, 0, 0);
                int dst = m.tableSpace.resolve(c.next());
                return Instruction.of(op, dst, m.tableSpace.resolve(c.next()), 0);
            }
            case V128:
                return new Instruction(op, 0, 0, 0, null, V128Text.parse(c), 0);
            case LANE:
                return Instruction.of(op, lane(c.next(), false), 0);
            case SHUFFLE: {
                V128Text.checkCount(c, 16, "invalid lane length");
                byte[] lanes = new byte[16];
                for (int i = 0; i < 16; i++) lanes[i] = (byte) lane(c.next(), true);
                return new Instruction(op, 0, 0, 0, null, lanes, 0);
            }
            default:
                throw new IllegalStateException("immediates of " + op);
        }
    }

    /**
     * A lane index: a natural number below 256. Another number is "unexpected" where one index is
     * expected, a "malformed lane index" among the 16 of a shuffle.
     */
    private static int lane(SExpr e, boolean shuffle) {
        if (!(e instanceof Atom a) || a.kind() == Kind.KEYWORD || a.kind() == Kind.RESERVED) throw Cursor.unexpected(e);
        if (a.kind() != Kind.NAT) {
            if (!shuffle) throw Cursor.unexpected(a);
            throw new TextFormatException("malformed lane index", a.pos());
        }
        try {
            return (int) Numbers.unsigned(a.text(), 8);
        } catch (Numbers.RangeException | Numbers.SyntaxException x) {
            throw new TextFormatException("malformed lane index", a.pos());
        }
    }

    /** {@code offset=N? align=N?}, then for lane instructions the lane index. */
    private Instruction memarg(Opcode op, Cursor c, boolean lane) {
        // multi-memory: an optional memory index; before a lane index, a number is the memory's only when
        // a memarg or the lane index follows it (v128.load8_lane 1 1 is memory 1, lane 1; v128.load8_lane 1 is lane 1)
        boolean memoryGiven = Space.isIndex(c.peek()) && (!lane || c.peek() instanceof Atom id && id.kind() == Kind.ID
                || c.peek(1) instanceof Atom next && (next.kind() == Kind.NAT
                || next.kind() == Kind.KEYWORD && (next.text().startsWith("offset=") || next.text().startsWith("align="))));
        int memory = memoryGiven ? m.memSpace.resolve(c.next()) : 0;
        long offset = 0;
        int natural = Integer.numberOfTrailingZeros(op.accessSize);
        long align = natural;
        String k = c.peekKeyword();
        if (k != null && k.startsWith("offset=") && Keywords.isKnown(k)) {
            Atom a = (Atom) c.next();
            try {
                offset = Numbers.unsigned(k.substring(7), 64); // the validator holds it to the memory's address type
            } catch (Numbers.RangeException e) {
                throw new TextFormatException("i64 constant out of range", a.pos());
            }
            k = c.peekKeyword();
        }
        if (k != null && k.startsWith("align=") && Keywords.isKnown(k)) {
            Atom a = (Atom) c.next();
            long value;
            try {
                value = Numbers.unsigned(k.substring(6), 64);
            } catch (Numbers.RangeException e) {
                throw new TextFormatException("i64 constant out of range", a.pos());
            }
            if (value == 0 || Long.bitCount(value) != 1) throw new TextFormatException("alignment must be a power of two", a.pos());
            align = Long.numberOfTrailingZeros(value);
        }
        if (lane) return dev.lia.wasm.syntax.LaneAccess.of(op, align, offset, memory, lane(c.next(), false), 0);
        return new Instruction(op, align, offset, memory, null, null, 0);
    }

    private int label(SExpr e) {
        if (e instanceof Atom a && a.kind() == Kind.ID) {
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (a.text().equals(labels.get(i))) return labels.size() - 1 - i;
            }
            throw new TextFormatException("unknown label " + a.text(), a.pos());
        }
        if (e instanceof Atom a && a.kind() == Kind.NAT) return ModuleBuilder.u32(a);
        throw Cursor.unexpected(e);
    }

    private static ValType heapType(Cursor c) {
        SExpr e = c.next();
        if (e instanceof Atom a && a.isKeyword("func")) return ValType.FUNCREF;
        if (e instanceof Atom a && a.isKeyword("extern")) return ValType.EXTERNREF;
        if (e instanceof Atom a && a.isKeyword("exn")) return ValType.EXNREF;
        throw Cursor.unexpected(e);
    }

    static long intConst(SExpr e, int bits) {
        if (e instanceof Atom a && (a.kind() == Kind.NAT || a.kind() == Kind.INT)) {
            try {
                return Numbers.integer(a.text(), bits);
            } catch (Numbers.RangeException x) {
                throw new TextFormatException("constant out of range", a.pos());
            } catch (Numbers.SyntaxException x) {
                throw Cursor.unexpected(a);
            }
        }
        throw Cursor.unexpected(e);
    }

    /** An f32 literal's bits, sign-extended as the module model keeps them. */
    static long f32Const(SExpr e) {
        if (e instanceof Atom a && (a.kind() == Kind.NAT || a.kind() == Kind.INT || a.kind() == Kind.FLOAT)) {
            try {
                return Numbers.f32(a.text());
            } catch (Numbers.RangeException x) {
                throw new TextFormatException("constant out of range", a.pos());
            } catch (Numbers.SyntaxException x) {
                throw Cursor.unexpected(a);
            }
        }
        throw Cursor.unexpected(e);
    }

    static long f64Const(SExpr e) {
        if (e instanceof Atom a && (a.kind() == Kind.NAT || a.kind() == Kind.INT || a.kind() == Kind.FLOAT)) {
            try {
                return Numbers.f64(a.text());
            } catch (Numbers.RangeException x) {
                throw new TextFormatException("constant out of range", a.pos());
            } catch (Numbers.SyntaxException x) {
                throw Cursor.unexpected(a);
            }
        }
        throw Cursor.unexpected(e);
    }
}
