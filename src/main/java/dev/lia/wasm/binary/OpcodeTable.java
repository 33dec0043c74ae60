package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.Opcode;

/** Dense lookup of opcodes by their binary encoding: one array per prefix, built once from {@link Opcode}. */
final class OpcodeTable {
    static final int PREFIX_FB = 0xFB;
    static final int PREFIX_FC = 0xFC;
    static final int PREFIX_FD = 0xFD;

    private static final Opcode[] SINGLE = new Opcode[256];
    private static final Opcode[] FB = new Opcode[256];
    private static final Opcode[] FC = new Opcode[256];
    private static final Opcode[] FD = new Opcode[0x120]; // relaxed SIMD goes up to 0x113

    static {
        for (Opcode op : Opcode.values()) {
            if (op.code >= Opcode.PREFIX_FD) FD[op.code - Opcode.PREFIX_FD] = op;
            else if (op.code >= Opcode.PREFIX_FC) FC[op.code - Opcode.PREFIX_FC] = op;
            else if (op.code >= Opcode.PREFIX_FB) FB[op.code - Opcode.PREFIX_FB] = op;
            else SINGLE[op.code] = op;
        }
    }

    private OpcodeTable() {}

    /** The one-byte opcode, or null (also for the prefix bytes). */
    static Opcode single(int b) {
        return SINGLE[b];
    }

    /** The opcode for a prefix byte and its u32 sub-opcode, or null. */
    static Opcode prefixed(int prefix, long sub) {
        Opcode[] table = prefix == PREFIX_FC ? FC : prefix == PREFIX_FB ? FB : FD;
        if (sub < 0 || sub >= table.length) return null;
        return table[(int) sub];
    }
}
