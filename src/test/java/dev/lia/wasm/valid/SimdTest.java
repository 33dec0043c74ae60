package dev.lia.wasm.valid;

import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import static dev.lia.wasm.syntax.Opcode.*;
import static dev.lia.wasm.valid.Checks.invalid;
import static dev.lia.wasm.valid.Checks.valid;
import static dev.lia.wasm.valid.Ins.*;
import static dev.lia.wasm.valid.ModuleBuilder.expr;
import static org.assertj.core.api.Assertions.assertThat;

/** SIMD: fixed signatures through the generic path, lane indices, memargs, v128 in select and constants. */
class SimdTest {

    private static Instruction v128() {
        return new Instruction(V128_CONST, 0, 0, 0, null, new byte[16], 0);
    }

    private static Instruction lane(Opcode op, int lane) {
        return Instruction.of(op, lane, 7);
    }

    private static Instruction shuffle(int... lanes) {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) b[i] = (byte) lanes[i % lanes.length];
        return new Instruction(I8X16_SHUFFLE, 0, 0, 0, null, b, 9);
    }

    private static Instruction memLane(Opcode op, int align, int lane) {
        return new Instruction(op, align, 0, lane, null, null, 11);
    }

    @Test
    void fixedSignatures() {
        valid(new ModuleBuilder().func(">V", v128(), v128(), op(I32X4_ADD)));
        valid(new ModuleBuilder().func(">i", v128(), op(V128_ANY_TRUE)));
        invalid(new ModuleBuilder().func(">V", v128(), i32(1), op(I32X4_ADD)), "type mismatch");
    }

    @Test
    void laneIndices() {
        valid(new ModuleBuilder().func(">i", v128(), lane(I8X16_EXTRACT_LANE_S, 15)));
        valid(new ModuleBuilder().func(">F", v128(), lane(F64X2_EXTRACT_LANE, 1)));
        var e = invalid(new ModuleBuilder().func(">i", v128(), lane(I8X16_EXTRACT_LANE_U, 16)), "invalid lane index");
        assertThat(e.offset()).isEqualTo(7);
        invalid(new ModuleBuilder().func(">i", v128(), lane(I16X8_EXTRACT_LANE_S, 8)), "invalid lane index");
        invalid(new ModuleBuilder().func(">V", v128(), f32(), lane(F32X4_REPLACE_LANE, 4)), "invalid lane index");
        invalid(new ModuleBuilder().func(">V", v128(), i64(0), lane(I64X2_REPLACE_LANE, 2)), "invalid lane index");
        // The lane is checked before the operands.
        invalid(new ModuleBuilder().func(">i", lane(I32X4_EXTRACT_LANE, 4)), "invalid lane index");
    }

    @Test
    void shuffleLanesBelow32() {
        valid(new ModuleBuilder().func(">V", v128(), v128(), shuffle(0, 31, 16)));
        invalid(new ModuleBuilder().func(">V", v128(), v128(), shuffle(0, 32)), "invalid lane index");
        invalid(new ModuleBuilder().func(">V", v128(), v128(), shuffle(255)), "invalid lane index");
    }

    @Test
    void memoryAccess() {
        valid(new ModuleBuilder().memory(1).func(">V", i32(0), mem(V128_LOAD, 4)));
        valid(new ModuleBuilder().memory(1).func(">V", i32(0), mem(V128_LOAD32_SPLAT, 2)));
        invalid(new ModuleBuilder().memory(1).func(">V", i32(0), mem(V128_LOAD, 5)),
                "alignment must not be larger than natural");
        invalid(new ModuleBuilder().memory(1).func(">V", i32(0), mem(V128_LOAD8X8_S, 4)),
                "alignment must not be larger than natural");
        invalid(new ModuleBuilder().func(">V", i32(0), mem(V128_LOAD, 4)), "unknown memory 0");
    }

    @Test
    void loadAndStoreLane() {
        valid(new ModuleBuilder().memory(1).func(">V", i32(0), v128(), memLane(V128_LOAD16_LANE, 1, 7)));
        valid(new ModuleBuilder().memory(1).func(">", i32(0), v128(), memLane(V128_STORE64_LANE, 3, 1)));
        invalid(new ModuleBuilder().memory(1).func(">V", i32(0), v128(), memLane(V128_LOAD16_LANE, 1, 8)),
                "invalid lane index");
        invalid(new ModuleBuilder().memory(1).func(">", i32(0), v128(), memLane(V128_STORE8_LANE, 0, 16)),
                "invalid lane index");
        invalid(new ModuleBuilder().memory(1).func(">V", i32(0), v128(), memLane(V128_LOAD32_LANE, 3, 0)),
                "alignment must not be larger than natural");
        invalid(new ModuleBuilder().func(">V", i32(0), v128(), memLane(V128_LOAD8_LANE, 0, 0)), "unknown memory 0");
    }

    @Test
    void vectorsInSelectAndConstants() {
        valid(new ModuleBuilder().func(">V", v128(), v128(), i32(1), op(SELECT)));
        invalid(new ModuleBuilder().func(">V", v128(), i32(0), i32(1), op(SELECT)), "type mismatch");
        valid(new ModuleBuilder().func(">V", v128(), v128(), i32(1), selectT(ValType.V128)));
        valid(new ModuleBuilder().global('V', false, v128()));
        invalid(new ModuleBuilder().global('V', false, v128(), v128(), op(I32X4_ADD)), "constant expression required");
        invalid(new ModuleBuilder().memory(1).activeData(0, expr(v128())), "type mismatch");
    }
}
