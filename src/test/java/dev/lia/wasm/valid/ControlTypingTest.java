package dev.lia.wasm.valid;

import dev.lia.wasm.syntax.Instruction;
import org.junit.jupiter.api.Test;

import static dev.lia.wasm.syntax.Opcode.*;
import static dev.lia.wasm.valid.Checks.invalid;
import static dev.lia.wasm.valid.Checks.valid;
import static dev.lia.wasm.valid.Ins.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Operand and control stack typing: blocks, branches, unreachable code, calls, locals, globals. */
class ControlTypingTest {

    private static ModuleBuilder fn(String sig, Instruction... body) {
        return new ModuleBuilder().func(sig, body);
    }

    @Test
    void simpleFunctions() {
        valid(fn(">"));
        valid(fn(">i", i32(1)));
        valid(fn("ii>i", op(LOCAL_GET, 0), op(LOCAL_GET, 1), op(I32_ADD)));
        valid(fn(">iI", i32(1), i64(2)));
    }

    @Test
    void wrongOperandTypeIsReportedAtTheInstruction() {
        Instruction add = op(I32_ADD);
        var e = invalid(fn(">i", i32(1), i64(2), add), "type mismatch");
        assertThat(e.offset()).isEqualTo(add.offset);
    }

    @Test
    void missingOrExtraResultsAreReportedAtTheFinalEnd() {
        var b = new ModuleBuilder().funcLocals(">i", java.util.List.of());
        assertThat(invalid(b, "type mismatch").offset()).isEqualTo(999_999);
        invalid(fn(">", i32(1)), "type mismatch");
        invalid(fn(">i", i64(1)), "type mismatch");
        invalid(fn(">", op(DROP)), "type mismatch");
    }

    @Test
    void blocksWithValueTypes() {
        valid(fn(">i", block(BLOCK, "i"), i32(1), end()));
        valid(fn(">i", block(LOOP, "i"), i32(1), end()));
        invalid(fn(">i", block(BLOCK, "i"), end()), "type mismatch");
        invalid(fn(">", block(BLOCK, ""), i32(1), end()), "type mismatch");
        // A block cannot see operands pushed outside it.
        invalid(fn(">", i32(1), block(BLOCK, ""), op(DROP), end(), op(DROP)), "type mismatch");
    }

    @Test
    void blocksWithTypeIndicesTakeParams() {
        ModuleBuilder b = new ModuleBuilder();
        int t = b.type("iI>f");
        b.func(">f", i32(1), i64(2), block(BLOCK, "#" + t), op(DROP), op(DROP), f32(), end());
        valid(b);
        ModuleBuilder bad = new ModuleBuilder();
        int t2 = bad.type("iI>f");
        bad.func(">f", i64(2), i32(1), block(BLOCK, "#" + t2), op(DROP), op(DROP), f32(), end());
        invalid(bad, "type mismatch");
        invalid(new ModuleBuilder().func(">", block(BLOCK, "#5"), end()), "unknown type");
    }

    @Test
    void loopLabelsCarryParams() {
        ModuleBuilder b = new ModuleBuilder();
        int t = b.type("i>I");
        // br 0 inside the loop jumps back to its start, which wants an i32.
        b.func(">I", i32(0), block(LOOP, "#" + t), op(BR, 0), end());
        valid(b);
        ModuleBuilder bad = new ModuleBuilder();
        int t2 = bad.type("i>I");
        bad.func(">I", i32(0), block(LOOP, "#" + t2), op(DROP), i64(1), op(BR, 0), end());
        invalid(bad, "type mismatch");
    }

    @Test
    void ifElse() {
        valid(fn(">i", i32(1), block(IF, "i"), i32(1), op(ELSE), i32(2), end()));
        invalid(fn(">i", i32(1), block(IF, "i"), i32(1), op(ELSE), i64(2), end()), "type mismatch");
        invalid(fn(">i", block(IF, "i"), i32(1), op(ELSE), i32(2), end()), "type mismatch");
        invalid(fn(">i", i64(1), block(IF, "i"), i32(1), op(ELSE), i32(2), end()), "type mismatch");
        // Without else the (empty) else branch must produce the results.
        invalid(fn(">i", i32(1), block(IF, "i"), i32(1), end()), "type mismatch");
        valid(fn(">", i32(1), block(IF, ""), end()));
    }

    @Test
    void ifWithoutElseMayPassParamsThrough() {
        ModuleBuilder b = new ModuleBuilder();
        int t = b.type("i>i");
        b.func(">i", i32(5), i32(1), block(IF, "#" + t), i32(1), op(I32_ADD), end());
        valid(b);
        ModuleBuilder bad = new ModuleBuilder();
        int t2 = bad.type("i>I");
        bad.func(">I", i32(5), i32(1), block(IF, "#" + t2), op(I64_EXTEND_I32_S), end());
        invalid(bad, "type mismatch");
    }

    @Test
    void branches() {
        valid(fn(">i", block(BLOCK, "i"), i32(1), op(BR, 0), end()));
        valid(fn(">i", i32(1), op(BR, 0)));
        invalid(fn(">i", block(BLOCK, "i"), i64(1), op(BR, 0), end()), "type mismatch");
        invalid(fn(">", op(BR, 1)), "unknown label");
        invalid(fn(">", block(BLOCK, ""), op(BR, 2), end()), "unknown label");
        valid(fn(">i", block(BLOCK, "i"), i32(1), i32(0), op(BR_IF, 0), end()));
        invalid(fn(">i", block(BLOCK, "i"), i32(1), op(BR_IF, 0), end()), "type mismatch");
        invalid(fn(">", i32(0), op(BR_IF, 3)), "unknown label");
    }

    @Test
    void brTableTargets() {
        valid(fn(">", block(BLOCK, ""), i32(0), brTable(0, 1, 0), end()));
        valid(fn(">i", block(BLOCK, "i"), i32(7), i32(0), brTable(0, 1), end()));
        invalid(fn(">", block(BLOCK, ""), i32(0), brTable(0, 2), end()), "unknown label");
        // Targets must agree in arity.
        invalid(fn(">i", block(BLOCK, ""), i32(7), i32(0), brTable(0, 1), end(), i32(1)), "type mismatch");
        invalid(fn(">", block(BLOCK, ""), i64(0), brTable(0), end()), "type mismatch");
        // In unreachable code the operands are Unknown and fit every target of the same arity.
        valid(fn(">i", block(BLOCK, "f"), op(UNREACHABLE), brTable(0, 1), end(), op(DROP), i32(0)));
        invalid(fn(">i", block(BLOCK, "f"), op(UNREACHABLE), i64(0), i32(0), brTable(0, 1), end(), op(DROP), i32(0)),
                "type mismatch");
    }

    @Test
    void unreachableCodeIsPolymorphic() {
        valid(fn(">i", op(UNREACHABLE)));
        valid(fn(">i", op(UNREACHABLE), op(I32_ADD)));
        valid(fn(">", op(UNREACHABLE), op(I32_ADD), op(DROP)));
        valid(fn(">iI", op(UNREACHABLE), op(RETURN)));
        invalid(fn(">iI", op(RETURN)), "type mismatch");
        invalid(fn(">", op(UNREACHABLE), i64(1), op(I32_ADD), op(DROP)), "type mismatch");
        invalid(fn(">i", op(UNREACHABLE), i64(1)), "type mismatch");
        // Unreachable state does not leak out of the block.
        invalid(fn(">i", block(BLOCK, ""), op(UNREACHABLE), end()), "type mismatch");
        valid(fn(">", op(UNREACHABLE), op(REF_IS_NULL), op(DROP)));
    }

    @Test
    void returnChecksTheFunctionResults() {
        valid(fn(">i", block(BLOCK, ""), i32(1), op(RETURN), end(), i32(2)));
        invalid(fn(">i", i64(1), op(RETURN)), "type mismatch");
    }

    @Test
    void structureErrors() {
        invalid(fn(">", op(ELSE)), "else without if");
        invalid(fn(">", op(END)), "unexpected end");
        invalid(fn(">", block(BLOCK, "")), "unclosed block");
    }

    @Test
    void calls() {
        ModuleBuilder b = new ModuleBuilder().importFunc("iI>f")
                .func(">f", i32(1), i64(2), op(CALL, 0))
                .func(">", op(CALL, 1), op(DROP));
        valid(b);
        invalid(new ModuleBuilder().importFunc("iI>f").func(">f", i64(2), i32(1), op(CALL, 0)), "type mismatch");
        invalid(fn(">", op(CALL, 7)), "unknown function 7");
    }

    @Test
    void drop() {
        valid(fn(">", i32(1), op(DROP)));
        invalid(fn(">", op(DROP)), "type mismatch");
    }

    @Test
    void untypedSelect() {
        valid(fn(">I", i64(1), i64(2), i32(0), op(SELECT)));
        invalid(fn(">I", i64(1), i32(2), i32(0), op(SELECT)), "type mismatch");
        invalid(fn(">I", i64(1), i64(2), i64(0), op(SELECT)), "type mismatch");
        // References need the typed form, even in unreachable code.
        invalid(fn(">r", refNull('r'), refNull('r'), i32(0), op(SELECT)), "type mismatch");
        invalid(fn(">", op(UNREACHABLE), refNull('e'), i32(0), op(SELECT), op(DROP)), "type mismatch");
        valid(fn(">i", op(UNREACHABLE), op(SELECT)));
        valid(fn(">F", op(UNREACHABLE), f64(), i32(0), op(SELECT)));
        invalid(fn(">i", op(UNREACHABLE), f64(), i32(0), op(SELECT)), "type mismatch");
    }

    @Test
    void typedSelect() {
        valid(fn(">r", refNull('r'), refNull('r'), i32(0), selectT(dev.lia.wasm.syntax.ValType.FUNCREF)));
        valid(fn(">i", i32(1), i32(2), i32(0), selectT(dev.lia.wasm.syntax.ValType.I32)));
        invalid(fn(">r", refNull('e'), refNull('r'), i32(0), selectT(dev.lia.wasm.syntax.ValType.FUNCREF)),
                "type mismatch");
        invalid(fn(">", i32(1), i32(2), i32(0), selectT()), "invalid result arity");
        invalid(fn(">", i32(1), i32(2), i32(0),
                selectT(dev.lia.wasm.syntax.ValType.I32, dev.lia.wasm.syntax.ValType.I32)), "invalid result arity");
    }

    @Test
    void locals() {
        valid(new ModuleBuilder().func("i>I", "fI", op(LOCAL_GET, 2), f32(), op(LOCAL_SET, 1), op(LOCAL_GET, 0),
                op(LOCAL_TEE, 0), op(DROP)));
        invalid(new ModuleBuilder().func("i>", "f", op(LOCAL_GET, 2), op(DROP)), "unknown local 2");
        invalid(new ModuleBuilder().func("i>", "f", i32(1), op(LOCAL_SET, 1)), "type mismatch");
        invalid(new ModuleBuilder().func("i>i", "", i64(1), op(LOCAL_TEE, 0)), "type mismatch");
    }

    @Test
    void manyLocalsInRuns() {
        var runs = java.util.List.of(new dev.lia.wasm.syntax.Local(3, dev.lia.wasm.syntax.ValType.I32),
                new dev.lia.wasm.syntax.Local(1_000_000, dev.lia.wasm.syntax.ValType.I64),
                new dev.lia.wasm.syntax.Local(0, dev.lia.wasm.syntax.ValType.F32),
                new dev.lia.wasm.syntax.Local(1, dev.lia.wasm.syntax.ValType.F64));
        valid(new ModuleBuilder().funcLocals("f>I", runs, op(LOCAL_GET, 1000_003)));
        valid(new ModuleBuilder().funcLocals("f>i", runs, op(LOCAL_GET, 3)));
        valid(new ModuleBuilder().funcLocals("f>f", runs, op(LOCAL_GET, 0)));
        valid(new ModuleBuilder().funcLocals("f>F", runs, op(LOCAL_GET, 1000_004)));
        invalid(new ModuleBuilder().funcLocals("f>", runs, op(LOCAL_GET, 1000_005), op(DROP)), "unknown local");
    }

    @Test
    void globals() {
        ModuleBuilder b = new ModuleBuilder().importGlobal('i', false).global('I', true, i64(0))
                .func(">i", op(GLOBAL_GET, 0))
                .func(">", i64(1), op(GLOBAL_SET, 1));
        valid(b);
        invalid(new ModuleBuilder().global('f', false, f32()).func(">", f32(), op(GLOBAL_SET, 0)),
                "global is immutable");
        invalid(new ModuleBuilder().importGlobal('i', false).func(">", i32(1), op(GLOBAL_SET, 0)),
                "global is immutable");
        invalid(new ModuleBuilder().global('f', true, f32()).func(">", i32(1), op(GLOBAL_SET, 0)), "type mismatch");
        invalid(new ModuleBuilder().func(">i", op(GLOBAL_GET, 0)), "unknown global 0");
        invalid(new ModuleBuilder().global('i', true, i32(0)).func(">", i32(0), op(GLOBAL_SET, 1)),
                "unknown global 1");
    }

    @Test
    void numericSignatures() {
        valid(fn(">F", f32(), op(F64_PROMOTE_F32)));
        valid(fn(">i", f64(), op(I32_TRUNC_SAT_F64_U)));
        valid(fn(">I", i64(3), op(I64_EXTEND8_S)));
        invalid(fn(">i", f32(), op(I32_TRUNC_SAT_F64_U)), "type mismatch");
        invalid(fn(">i", i32(0), op(I32_EQ)), "type mismatch");
    }
}
