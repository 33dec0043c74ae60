package dev.lia.wasm.valid;

import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.SegmentMode;
import org.junit.jupiter.api.Test;

import static dev.lia.wasm.syntax.Opcode.*;
import static dev.lia.wasm.valid.Checks.invalid;
import static dev.lia.wasm.valid.Checks.valid;
import static dev.lia.wasm.valid.Ins.*;
import static dev.lia.wasm.valid.ModuleBuilder.expr;
import static org.assertj.core.api.Assertions.assertThat;

/** Memory, bulk memory, table, element and reference instructions. */
class MemoryTableTest {

    private static ModuleBuilder withMemory(String sig, Instruction... body) {
        return new ModuleBuilder().memory(1).func(sig, body);
    }

    @Test
    void loadsAndStores() {
        valid(withMemory(">i", i32(0), mem(I32_LOAD, 2)));
        valid(withMemory(">I", i32(0), mem(I64_LOAD32_U, 0)));
        valid(withMemory(">", i32(0), f64(), mem(F64_STORE, 3)));
        invalid(withMemory(">", i32(0), f32(), mem(F64_STORE, 3)), "type mismatch");
        invalid(withMemory(">i", i64(0), mem(I32_LOAD, 2)), "type mismatch");
        invalid(new ModuleBuilder().func(">i", i32(0), mem(I32_LOAD, 2)), "unknown memory 0");
    }

    @Test
    void alignmentMustNotExceedNatural() {
        Instruction load = mem(I32_LOAD8_U, 1);
        var e = invalid(withMemory(">i", i32(0), load), "alignment must not be larger than natural");
        assertThat(e.offset()).isEqualTo(load.offset);
        invalid(withMemory(">I", i32(0), mem(I64_LOAD, 4)), "alignment must not be larger than natural");
        invalid(withMemory(">", i32(0), i64(0), mem(I64_STORE32, 3)), "alignment must not be larger than natural");
        invalid(withMemory(">i", i32(0), mem(I32_LOAD, 40)), "alignment must not be larger than natural");
        valid(withMemory(">i", i32(0), mem(I32_LOAD16_S, 1)));
    }

    @Test
    void memorySizeAndGrow() {
        valid(withMemory(">i", op(MEMORY_SIZE, 0)));
        valid(withMemory(">i", i32(1), op(MEMORY_GROW, 0)));
        invalid(withMemory(">i", i64(1), op(MEMORY_GROW, 0)), "type mismatch");
        invalid(new ModuleBuilder().func(">i", op(MEMORY_SIZE, 0)), "unknown memory 0");
        invalid(withMemory(">i", op(MEMORY_SIZE, 1)), "unknown memory 1");
    }

    @Test
    void bulkMemory() {
        valid(new ModuleBuilder().memory(1).passiveData((byte) 1)
                .func(">", i32(0), i32(0), i32(1), op(MEMORY_INIT, 0, 0), op(DATA_DROP, 0),
                        i32(0), i32(0), i32(1), op(MEMORY_COPY, 0, 0), i32(0), i32(0), i32(1), op(MEMORY_FILL, 0)));
        invalid(new ModuleBuilder().memory(1).passiveData((byte) 1)
                .func(">", i32(0), i32(0), i32(1), op(MEMORY_INIT, 1, 0)), "unknown data segment 1");
        // Without a memory the memory is reported first.
        invalid(new ModuleBuilder().func(">", i32(0), i32(0), i32(1), op(MEMORY_INIT, 1, 0)), "unknown memory 0");
        invalid(new ModuleBuilder().func(">", op(DATA_DROP, 0)), "unknown data segment 0");
        invalid(new ModuleBuilder().func(">", i32(0), i32(0), i32(1), op(MEMORY_COPY, 0, 0)), "unknown memory 0");
        invalid(new ModuleBuilder().func(">", i32(0), i32(0), i32(1), op(MEMORY_FILL, 0)), "unknown memory 0");
        invalid(withMemory(">", i32(0), i64(0), i32(1), op(MEMORY_FILL, 0)), "type mismatch");
    }

    @Test
    void tableAccess() {
        ModuleBuilder b = new ModuleBuilder().table('r', 1).table('e', 1)
                .func(">r", i32(0), op(TABLE_GET, 0))
                .func("e>", i32(0), op(LOCAL_GET, 0), op(TABLE_SET, 1))
                .func(">i", op(TABLE_SIZE, 1))
                .func("e>i", op(LOCAL_GET, 0), i32(2), op(TABLE_GROW, 1))
                .func("e>", i32(0), op(LOCAL_GET, 0), i32(2), op(TABLE_FILL, 1));
        valid(b);
        invalid(new ModuleBuilder().table('r', 1).func(">e", i32(0), op(TABLE_GET, 0)), "type mismatch");
        invalid(new ModuleBuilder().table('r', 1).func("e>", i32(0), op(LOCAL_GET, 0), op(TABLE_SET, 0)),
                "type mismatch");
        invalid(new ModuleBuilder().table('r', 1).func(">i", op(TABLE_SIZE, 1)), "unknown table 1");
        invalid(new ModuleBuilder().func(">", i32(0), refNull('r'), i32(0), op(TABLE_FILL, 0)), "unknown table 0");
        invalid(new ModuleBuilder().table('e', 1).func(">i", refNull('r'), i32(2), op(TABLE_GROW, 0)),
                "type mismatch");
    }

    @Test
    void tableCopyAndInit() {
        valid(new ModuleBuilder().table('r', 1).table('r', 1)
                .func(">", i32(0), i32(0), i32(1), op(TABLE_COPY, 1, 0)));
        invalid(new ModuleBuilder().table('r', 1).table('e', 1)
                .func(">", i32(0), i32(0), i32(1), op(TABLE_COPY, 1, 0)), "type mismatch");
        invalid(new ModuleBuilder().table('r', 1)
                .func(">", i32(0), i32(0), i32(1), op(TABLE_COPY, 0, 1)), "unknown table 1");
        ModuleBuilder init = new ModuleBuilder().table('r', 1).table('e', 1)
                .elem('r', SegmentMode.PASSIVE, expr(refNull('r')))
                .func(">", i32(0), i32(0), i32(1), op(TABLE_INIT, 0, 0), op(ELEM_DROP, 0));
        valid(init);
        invalid(new ModuleBuilder().table('r', 1).table('e', 1).elem('r', SegmentMode.PASSIVE, expr(refNull('r')))
                .func(">", i32(0), i32(0), i32(1), op(TABLE_INIT, 0, 1)), "type mismatch");
        invalid(new ModuleBuilder().elem('r', SegmentMode.PASSIVE)
                .func(">", i32(0), i32(0), i32(1), op(TABLE_INIT, 4, 0)), "unknown table 0");
        invalid(new ModuleBuilder().table('r', 1)
                .func(">", i32(0), i32(0), i32(1), op(TABLE_INIT, 4, 0)), "unknown elem segment 4");
        invalid(new ModuleBuilder().func(">", op(ELEM_DROP, 0)), "unknown elem segment 0");
        invalid(new ModuleBuilder().table('r', 1).elem('r', SegmentMode.PASSIVE)
                .func(">", i32(0), f32(), i32(1), op(TABLE_INIT, 0, 0)), "type mismatch");
    }

    @Test
    void callIndirect() {
        ModuleBuilder b = new ModuleBuilder().table('r', 1);
        int t = b.type("i>I");
        b.func(">I", i32(5), i32(0), op(CALL_INDIRECT, t, 0));
        valid(b);
        ModuleBuilder noTable = new ModuleBuilder();
        int t2 = noTable.type(">");
        noTable.func(">", i32(0), op(CALL_INDIRECT, t2, 0));
        invalid(noTable, "unknown table 0");
        invalid(new ModuleBuilder().table('r', 1).func(">", i32(0), op(CALL_INDIRECT, 9, 0)), "unknown type 9");
        ModuleBuilder extern = new ModuleBuilder().table('e', 1);
        int t3 = extern.type(">");
        extern.func(">", i32(0), op(CALL_INDIRECT, t3, 0));
        invalid(extern, "type mismatch");
        ModuleBuilder second = new ModuleBuilder().table('e', 1).table('r', 1);
        int t4 = second.type(">");
        second.func(">", i32(0), op(CALL_INDIRECT, t4, 1));
        valid(second);
    }

    @Test
    void references() {
        valid(new ModuleBuilder().func(">i", refNull('e'), op(REF_IS_NULL)));
        invalid(new ModuleBuilder().func(">i", i32(0), op(REF_IS_NULL)), "type mismatch");
        invalid(new ModuleBuilder().func(">i", op(REF_IS_NULL)), "type mismatch");
        invalid(new ModuleBuilder().func(">e", refNull('r')), "type mismatch");
    }

    @Test
    void refFuncNeedsADeclaration() {
        invalid(new ModuleBuilder().func(">r", op(REF_FUNC, 0)), "undeclared function reference");
        invalid(new ModuleBuilder().func(">r", op(REF_FUNC, 7)), "unknown function 7");
        valid(new ModuleBuilder().func(">r", op(REF_FUNC, 0)).export("f", dev.lia.wasm.syntax.ExternKind.FUNC, 0));
        valid(new ModuleBuilder().func(">r", op(REF_FUNC, 0))
                .elem('r', SegmentMode.DECLARATIVE, expr(op(REF_FUNC, 0))));
        valid(new ModuleBuilder().func(">r", op(REF_FUNC, 0)).global('r', false, op(REF_FUNC, 0)));
        // A reference inside another function body does not declare.
        invalid(new ModuleBuilder().func(">r", op(REF_FUNC, 1)).func(">r", op(REF_FUNC, 1)),
                "undeclared function reference");
    }
}
