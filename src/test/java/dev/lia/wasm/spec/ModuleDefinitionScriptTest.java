package dev.lia.wasm.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The 3.0 script commands {@code module definition} and {@code module instance}, and the {@code (ref.null)} result. */
class ModuleDefinitionScriptTest {
    @TempDir
    Path dir;

    SpecResult run(String wast) throws IOException {
        Path file = dir.resolve("t.wast");
        Files.writeString(file, wast);
        return new SpecRunner().run(file);
    }

    @Test
    void instancesOfOneDefinitionAreSeparate() throws IOException {
        SpecResult r = run("""
                (module definition $M
                  (global $g (mut i32) (i32.const 0))
                  (func (export "inc") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))
                (module instance $A $M)
                (module instance $B $M)
                (assert_return (invoke $A "inc") (i32.const 1))
                (assert_return (invoke $A "inc") (i32.const 2))
                (assert_return (invoke $B "inc") (i32.const 1))
                (module instance $M)
                (assert_return (invoke "inc") (i32.const 1))
                (module (func (export "null") (result externref) (ref.null extern)))
                (assert_return (invoke "null") (ref.null))
                """);
        assertThat(r.failures()).isEmpty();
        assertThat(r.passed()).isEqualTo(10);
    }

    @Test
    void aDefinitionIsValidatedButNotInstantiated() throws IOException {
        SpecResult r = run("""
                (module definition (memory 65536))
                (module definition (func (result i32) (i64.const 0)))
                (module instance $X $Missing)
                """);
        assertThat(r.passed()).isEqualTo(1); // a memory too large to instantiate is still a valid definition
        assertThat(r.failures()).hasSize(2);
        assertThat(r.failures().get(0)).contains("t.wast:2: module_definition").contains("type mismatch");
        assertThat(r.failures().get(1)).contains("t.wast:3: module_instance").contains("a module definition $Missing");
    }
}
