package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Opcode;

/** Checks of SIMD immediates that a fixed signature cannot express: lane indices. */
final class SimdImmediates {
    private SimdImmediates() {}

    /** Lane index bounds of extract/replace_lane, load/store_lane and i8x16.shuffle. */
    static void checkLanes(Instruction ins) {
        switch (ins.op.imm) {
            case LANE -> check(ins.a, lanesOfShape(ins.op), ins);
            case MEMARG_LANE -> check(dev.lia.wasm.syntax.LaneAccess.lane(ins), 16 / Math.max(1, ins.op.accessSize), ins);
            case SHUFFLE -> {
                for (byte b : ins.bytes) check(b & 0xFF, 32, ins);
            }
            default -> { }
        }
    }

    private static void check(long lane, int lanes, Instruction ins) {
        if (lane < 0 || lane >= lanes) throw new InvalidException("invalid lane index", ins.offset);
    }

    /** Lane count from the shape the instruction's name starts with, e.g. {@code i16x8.extract_lane_s}. */
    static int lanesOfShape(Opcode op) {
        String t = op.text;
        if (t.startsWith("i8x16")) return 16;
        if (t.startsWith("i16x8")) return 8;
        if (t.startsWith("i32x4") || t.startsWith("f32x4")) return 4;
        if (t.startsWith("i64x2") || t.startsWith("f64x2")) return 2;
        throw new IllegalStateException("no lane shape in " + t);
    }
}
