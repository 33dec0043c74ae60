package dev.lia.wasm.syntax;

/**
 * The immediates of a SIMD lane load or store ({@code v128.load8_lane} ... {@code v128.store64_lane},
 * {@link Opcode.Imm#MEMARG_LANE}): as every memory access, {@code a} is the alignment (log2) and
 * {@code b} the offset (u64); {@code c} holds the lane index (a u8) in its low 8 bits and the memory
 * index (multi-memory) above them, so one instruction keeps both.
 */
public final class LaneAccess {
    private LaneAccess() {}

    public static Instruction of(Opcode op, long align, long offset, long memory, int lane, int at) {
        return new Instruction(op, align, offset, (memory << 8) | (lane & 0xFF), null, null, at);
    }

    public static int lane(Instruction in) {
        return (int) (in.c & 0xFF);
    }

    public static long memory(Instruction in) {
        return in.c >>> 8;
    }
}
