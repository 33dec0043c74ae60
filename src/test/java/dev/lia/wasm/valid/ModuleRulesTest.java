package dev.lia.wasm.valid;

import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.SizeRange;
import dev.lia.wasm.syntax.SegmentMode;
import org.junit.jupiter.api.Test;

import static dev.lia.wasm.syntax.Opcode.*;
import static dev.lia.wasm.valid.Checks.invalid;
import static dev.lia.wasm.valid.Checks.valid;
import static dev.lia.wasm.valid.Ins.*;
import static dev.lia.wasm.valid.ModuleBuilder.expr;
import static org.assertj.core.api.Assertions.assertThat;

/** Module-level rules: imports, exports, start, limits, memories, globals, segments, constant expressions. */
class ModuleRulesTest {
    private static final long NO = SizeRange.NO_MAX;

    @Test
    void emptyModuleIsValid() {
        valid(new ModuleBuilder());
    }

    @Test
    void exports() {
        valid(new ModuleBuilder().func(">").memory(1).table('r', 0).global('i', true, i32(0))
                .export("f", ExternKind.FUNC, 0).export("m", ExternKind.MEMORY, 0)
                .export("t", ExternKind.TABLE, 0).export("g", ExternKind.GLOBAL, 0));
        var e = invalid(new ModuleBuilder().func(">").export("a", ExternKind.FUNC, 0).export("a", ExternKind.FUNC, 0),
                "duplicate export name");
        assertThat(e.offset()).isEqualTo(-1);
        invalid(new ModuleBuilder().func(">").memory(1).export("a", ExternKind.FUNC, 0)
                .export("a", ExternKind.MEMORY, 0), "duplicate export name");
        invalid(new ModuleBuilder().export("a", ExternKind.FUNC, 0), "unknown function 0");
        invalid(new ModuleBuilder().export("a", ExternKind.TABLE, 0), "unknown table 0");
        invalid(new ModuleBuilder().export("a", ExternKind.MEMORY, 0), "unknown memory 0");
        invalid(new ModuleBuilder().export("a", ExternKind.GLOBAL, 0), "unknown global 0");
    }

    @Test
    void imports() {
        valid(new ModuleBuilder().importFunc("i>").importGlobal('e', true).importTable('r', 1, 2).importMemory(1, 2));
        invalid(new ModuleBuilder().importFuncType(3), "unknown type");
        invalid(new ModuleBuilder().importTable('r', 2, 1), "size minimum must not be greater than maximum");
        invalid(new ModuleBuilder().importMemory(2, 1), "size minimum must not be greater than maximum");
        invalid(new ModuleBuilder().importMemory(65537, NO), "memory size must be at most 65536 pages (4GiB)");
    }

    @Test
    void functionsNeedKnownTypes() {
        invalid(new ModuleBuilder().funcType(2, ""), "unknown type");
    }

    @Test
    void startFunction() {
        valid(new ModuleBuilder().func(">").start(0));
        valid(new ModuleBuilder().importFunc(">").start(0));
        invalid(new ModuleBuilder().func(">").start(1), "unknown function");
        invalid(new ModuleBuilder().func(">i", i32(0)).start(0), "start function");
        invalid(new ModuleBuilder().func("i>").start(0), "start function");
    }

    @Test
    void memoryLimits() {
        valid(new ModuleBuilder().memory(0, 65536));
        valid(new ModuleBuilder().memory(65536));
        invalid(new ModuleBuilder().memory(65537), "memory size must be at most 65536 pages (4GiB)");
        invalid(new ModuleBuilder().memory(0, 65537), "memory size must be at most 65536 pages (4GiB)");
        invalid(new ModuleBuilder().memory(0x1_0000_0000L), "memory size must be at most 65536 pages (4GiB)");
        invalid(new ModuleBuilder().memory(2, 1), "size minimum must not be greater than maximum");
    }

    @Test
    void tableLimits() {
        valid(new ModuleBuilder().table('r', 0xFFFF_FFFFL, 0xFFFF_FFFFL));
        invalid(new ModuleBuilder().table('r', 2, 1), "size minimum must not be greater than maximum");
        invalid(new ModuleBuilder().table('r', 0x1_0000_0000L), "table size");
    }

    @Test
    void severalMemories() { // 3.0 multi-memory
        valid(new ModuleBuilder().memory(0).memory(0));
        valid(new ModuleBuilder().importMemory(0, NO).memory(0));
        valid(new ModuleBuilder().importMemory(0, NO).importMemory(0, NO));
        valid(new ModuleBuilder().table('r', 0).table('e', 0).importTable('r', 0, NO));
    }

    @Test
    void globalInitializers() {
        valid(new ModuleBuilder().global('i', false, i32(1)).global('F', true, f64())
                .global('e', false, refNull('e')).global('r', false, op(REF_FUNC, 0)).func(">"));
        valid(new ModuleBuilder().importGlobal('I', false).global('I', false, op(GLOBAL_GET, 0)));
        invalid(new ModuleBuilder().global('i', false, i64(1)), "type mismatch");
        invalid(new ModuleBuilder().global('i', false), "type mismatch");
        invalid(new ModuleBuilder().global('i', false, i32(0), i32(0)), "type mismatch");
        invalid(new ModuleBuilder().importGlobal('i', false).global('i', false, i32(0), op(GLOBAL_GET, 0)),
                "type mismatch");
        invalid(new ModuleBuilder().global('f', false, f32(), op(F32_NEG)), "constant expression required");
        invalid(new ModuleBuilder().global('i', false, op(NOP)), "constant expression required");
        invalid(new ModuleBuilder().global('i', false, i32(0), op(NOP)), "constant expression required");
        invalid(new ModuleBuilder().global('f', false, op(LOCAL_GET, 0)), "constant expression required");
        // 3.0 extended constants: i32/i64 add, sub and mul, with operands of the right type
        valid(new ModuleBuilder().global('i', false, i32(1), i32(2), op(I32_ADD), i32(3), op(I32_MUL)));
        valid(new ModuleBuilder().global('I', false, i64(1), i64(2), op(I64_SUB)));
        invalid(new ModuleBuilder().global('i', false, i32(1), i64(2), op(I32_ADD)), "type mismatch");
        invalid(new ModuleBuilder().global('i', false, i32(1), op(I32_ADD)), "type mismatch");
        invalid(new ModuleBuilder().global('i', false, i32(1), i32(2), op(I32_DIV_S)), "constant expression required");
        // a global initializer sees the immutable globals before it (imports first); segments see all
        invalid(new ModuleBuilder().global('i', false, op(GLOBAL_GET, 0)), "unknown global");
        valid(new ModuleBuilder().global('i', false, i32(0)).global('i', false, op(GLOBAL_GET, 0)));
        invalid(new ModuleBuilder().global('i', false, op(GLOBAL_GET, 1)).global('i', false, i32(0)), "unknown global 1");
        invalid(new ModuleBuilder().global('i', true, i32(0)).global('i', false, op(GLOBAL_GET, 0)),
                "constant expression required");
        invalid(new ModuleBuilder().importGlobal('i', false).global('i', false, op(GLOBAL_GET, 2)), "unknown global");
        invalid(new ModuleBuilder().importGlobal('i', true).global('i', false, op(GLOBAL_GET, 0)),
                "constant expression required");
        invalid(new ModuleBuilder().global('r', false, op(REF_FUNC, 3)), "unknown function 3");
        invalid(new ModuleBuilder().global('e', false, refNull('r')), "type mismatch");
    }

    @Test
    void elementSegments() {
        valid(new ModuleBuilder().table('r', 1).func(">")
                .activeElem('r', 0, expr(i32(0)), expr(op(REF_FUNC, 0)), expr(refNull('r'))));
        valid(new ModuleBuilder().importGlobal('i', false).importGlobal('r', false).table('r', 1)
                .activeElem('r', 0, expr(op(GLOBAL_GET, 0)), expr(op(GLOBAL_GET, 1))));
        invalid(new ModuleBuilder().func(">").activeElem('r', 0, expr(i32(0)), expr(op(REF_FUNC, 0))),
                "unknown table 0");
        invalid(new ModuleBuilder().table('r', 1).activeElem('r', 0, expr(i64(0))), "type mismatch");
        invalid(new ModuleBuilder().table('r', 1).activeElem('r', 0, expr(i32(0), op(I32_CTZ))),
                "constant expression required");
        invalid(new ModuleBuilder().table('e', 1).func(">").activeElem('r', 0, expr(i32(0)), expr(op(REF_FUNC, 0))),
                "type mismatch");
        invalid(new ModuleBuilder().func(">").elem('e', SegmentMode.PASSIVE, expr(op(REF_FUNC, 0))),
                "type mismatch");
        invalid(new ModuleBuilder().elem('r', SegmentMode.DECLARATIVE, expr(op(REF_FUNC, 0))), "unknown function 0");
        invalid(new ModuleBuilder().elem('r', SegmentMode.PASSIVE, expr(i32(0))), "type mismatch");
        invalid(new ModuleBuilder().table('r', 1).activeElem('r', 0, expr(op(GLOBAL_GET, 0))), "unknown global 0");
    }

    @Test
    void dataSegments() {
        valid(new ModuleBuilder().memory(1).activeData(0, expr(i32(0)), (byte) 1).passiveData());
        valid(new ModuleBuilder().importGlobal('i', false).memory(1).activeData(0, expr(op(GLOBAL_GET, 0))));
        invalid(new ModuleBuilder().activeData(0, expr(i32(0))), "unknown memory 0");
        invalid(new ModuleBuilder().memory(1).activeData(1, expr(i32(0))), "unknown memory 1");
        invalid(new ModuleBuilder().memory(1).activeData(0, expr(i64(0))), "type mismatch");
        invalid(new ModuleBuilder().memory(1).activeData(0, expr()), "type mismatch");
        valid(new ModuleBuilder().memory(1).activeData(0, expr(i32(0), i32(1), op(I32_ADD))));
        valid(new ModuleBuilder().global('i', false, i32(4)).memory(1).activeData(0, expr(op(GLOBAL_GET, 0))));
        invalid(new ModuleBuilder().importGlobal('i', true).memory(1).activeData(0, expr(op(GLOBAL_GET, 0))),
                "constant expression required");
    }
}
