package dev.lia.script;

import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompileSmokeTest {
    static final String REVERSE = """
            import octs text

            retptr = __wbindgen_add_to_stack_pointer(-16)
            ptr = __wbindgen_malloc(text.len, 1)
            memory.write(text, ptr)
            process(retptr, ptr, text.len)
            i32 r0 = memory.read(retptr, 4)
            i32 r1 = memory.read(retptr + 4, 4)
            out = memory.read(r0, r1)
            __wbindgen_add_to_stack_pointer(16)
            __wbindgen_free(r0, r1, 1)
            return out
            """;

    @Test
    void compilesTheReferenceExample() {
        Program p = Lia.compile(new Source("rev.lia", REVERSE), FakeModule.wasmBindgen().info());
        assertThat(p.inputs()).hasSize(1);
        Program again = Lia.compile(new Source("other.lia", "# a comment\n" + REVERSE.replace("  ", " ")), FakeModule.wasmBindgen().info());
        assertThat(again.id()).isEqualTo(p.id());
        assertThat(again).isEqualTo(p);
    }
}
