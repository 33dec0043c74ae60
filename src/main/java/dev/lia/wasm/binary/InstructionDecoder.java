package dev.lia.wasm.binary;

import dev.lia.wasm.UnsupportedFeatureException;

import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.lia.wasm.binary.ByteReader.malformed;

/**
 * Decodes instruction sequences (function bodies and constant expressions) into a flat list: nested
 * {@code else} and {@code end} stay in the sequence, the {@code end} closing the whole expression does not.
 * Immediates land in the {@link Instruction} fields their {@link Opcode.Imm} kind prescribes.
 */
final class InstructionDecoder {
    private static final int ELSE = 0x05;
    private static final int END = 0x0B;
    private static final int V128_BYTES = 16;

    private final ByteReader r;
    /** Whether any decoded instruction names a data segment: those need a data count section. */
    private boolean usesDataIndex;
    /** Per open block: whether it is an {@code if} that may still take its {@code else}. */
    private boolean[] openIf = new boolean[16];

    InstructionDecoder(ByteReader r) {
        this.r = r;
    }

    boolean usesDataIndex() {
        return usesDataIndex;
    }

    /** Decodes up to and including the {@code end} that closes the expression (not part of the result). */
    Expr expr() {
        List<Instruction> out = new ArrayList<>();
        int depth = 0;
        while (true) {
            int at = r.pos();
            int b = r.u8();
            if (b == END) {
                if (depth == 0) return new Expr(out);
                depth--;
                out.add(Instruction.of(Opcode.END, at));
            } else if (b == ELSE) {
                // an else outside an if, or a second one, leaves the enclosing block unterminated
                if (depth == 0 || !openIf[depth - 1]) throw malformed("END opcode expected", at);
                openIf[depth - 1] = false;
                out.add(Instruction.of(Opcode.ELSE, at));
            } else {
                Instruction in = instruction(b, at);
                if (in.op.opensBlock()) {
                    if (depth == openIf.length) openIf = Arrays.copyOf(openIf, depth * 2);
                    openIf[depth++] = in.op == Opcode.IF;
                }
                out.add(in);
            }
        }
    }

    private Instruction instruction(int b, int at) {
        Opcode op;
        if (b == OpcodeTable.PREFIX_FC || b == OpcodeTable.PREFIX_FD) {
            long sub = r.u32();
            op = OpcodeTable.prefixed(b, sub);
            if (op == null) throw malformed(String.format("illegal opcode %02x %02x", b, sub), at);
        } else {
            op = OpcodeTable.single(b);
            if (op == null) throw malformed(String.format("illegal opcode %02x", b), at);
        }
        return immediates(op, at);
    }

    private Instruction immediates(Opcode op, int at) {
        return switch (op.imm) {
            case NONE -> Instruction.of(op, at);
            case BLOCK -> Instruction.of(op, blockType(), at);
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, ELEM -> Instruction.of(op, r.u32(), at);
            case DATA -> {
                usesDataIndex = true;
                yield Instruction.of(op, r.u32(), at);
            }
            case BR_TABLE -> new Instruction(op, 0, 0, 0, labels(), null, at);
            case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                long first = r.u32();
                yield Instruction.of(op, first, r.u32(), at);
            }
            case MEMARG -> {
                long flags = memargFlags();
                long memory = (flags & MEMORY_INDEX_FLAG) != 0 ? r.u32() : 0;
                yield new Instruction(op, flags & ~MEMORY_INDEX_FLAG, r.u64(), memory, null, null, at); // u64 offset (memory64)
            }
            case MEMARG_LANE -> {
                long flags = memargFlags();
                long memory = (flags & MEMORY_INDEX_FLAG) != 0 ? r.u32() : 0;
                long offset = r.u64(); // u64 (memory64); the validator holds it to the memory's address type
                yield dev.lia.wasm.syntax.LaneAccess.of(op, flags & ~MEMORY_INDEX_FLAG, offset, memory, r.u8(), at);
            }
            case MEM -> Instruction.of(op, r.u32(), at); // multi-memory: the memory index (0x00 in 2.0)
            case MEMORY_INIT -> {
                usesDataIndex = true;
                long data = r.u32();
                yield Instruction.of(op, data, r.u32(), at);
            }
            case MEMORY_COPY -> {
                long dst = r.u32();
                yield Instruction.of(op, dst, r.u32(), at);
            }
            case I32 -> Instruction.of(op, r.s32(), at);
            case I64 -> Instruction.of(op, r.s64(), at);
            case F32 -> Instruction.of(op, r.fixed32(), at);
            case F64 -> Instruction.of(op, r.fixed64(), at);
            case SELECT_T -> new Instruction(op, 0, 0, 0, selectTypes(), null, at);
            case REF_TYPE -> Instruction.of(op, TypeDecoder.heapType(r).code, at);
            case V128, SHUFFLE -> new Instruction(op, 0, 0, 0, null, r.bytes(V128_BYTES), at);
            case LANE -> Instruction.of(op, r.u8(), at);
            case TAG -> Instruction.of(op, r.u32(), at);
            case TRY_TABLE -> {
                long blockType = blockType();
                yield new Instruction(op, blockType, 0, 0, catches(), null, at);
            }
        };
    }

    /**
     * An s33 block type. The empty type and value types are single negative bytes; anything else must be
     * a non-negative type index.
     */
    private long blockType() {
        int at = r.pos();
        int b = r.peek();
        if ((b & 0xC0) == 0x40) { // one byte holding a negative s33
            r.u8();
            if (b != 0x40 && ValType.fromCode(b) == null) throw malformed("malformed block type", at);
            return b - 128; // the byte's s33 value, as BlockType encodes it
        }
        long typeIndex = r.s33();
        if (typeIndex < 0) throw malformed("malformed block type", at);
        return typeIndex;
    }

    /** Bit 6 of a memarg's flags: a memory index follows (multi-memory). */
    private static final long MEMORY_INDEX_FLAG = 0x40;

    /**
     * A memarg's flags: the alignment exponent (below 64), plus {@link #MEMORY_INDEX_FLAG} when a
     * memory index follows; anything else is not a memarg at all.
     */
    private long memargFlags() {
        int at = r.pos();
        long flags = r.u32();
        if (flags >= 128) throw malformed("malformed memop flags", at); // alignments up to 2^63 are for the validator
        return flags;
    }

    /** br_table's targets followed by its default, as one array with the default last. */
    private int[] labels() {
        int n = r.length();
        int[] labels = new int[n + 1];
        for (int i = 0; i <= n; i++) labels[i] = r.index();
        return labels;
    }

    /** try_table's catch clauses as (kind, tag, label) triples (see {@link Opcode.Imm#TRY_TABLE}). */
    private int[] catches() {
        int n = r.length();
        int[] out = new int[3 * n];
        for (int i = 0; i < n; i++) {
            int at = r.pos();
            int kind = r.u8();
            if (kind > Opcode.CATCH_ALL_REF) throw malformed("malformed catch clause", at);
            out[3 * i] = kind;
            out[3 * i + 1] = kind < Opcode.CATCH_ALL ? r.index() : 0;
            out[3 * i + 2] = r.index();
        }
        return out;
    }

    /** The value type codes of a typed select. */
    private int[] selectTypes() {
        int n = r.length();
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) codes[i] = TypeDecoder.valType(r).code;
        return codes;
    }
}
