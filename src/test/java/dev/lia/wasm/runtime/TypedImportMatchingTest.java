package dev.lia.wasm.runtime;

import dev.lia.script.ScriptRunner;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imports of globals and tables of concrete reference types (3.0 linking): an immutable global matches when
 * its type is a subtype of the one asked for; a mutable global and a table only when the types are equal
 * (subtypes both ways). Types of different modules are compared by their canonical types, so a structurally
 * equal type of another module matches and a different one does not.
 */
class TypedImportMatchingTest {
    static final CompiledModule EXPORTER = ScriptRunner.wat("""
            (module
              (type $point (sub (struct (field i32))))
              (type $point3 (sub $point (struct (field i32) (field i32))))
              (global (export "p3") (ref null $point3) (ref.null $point3))
              (global (export "mp3") (mut (ref null $point3)) (ref.null $point3))
              (table (export "t3") 1 (ref null $point3)))
            """);

    static String link(String imports) {
        Machine m = new Machine(new Store());
        Instance exporter = m.instantiate(EXPORTER, ImportResolver.NONE);
        CompiledModule importer = ScriptRunner.wat("""
                (module
                  (type $point (sub (struct (field i32))))
                  (type $point3 (sub $point (struct (field i32) (field i32))))
                  (type $other (struct (field f32)))
                """ + imports + ")");
        try {
            m.instantiate(importer, (module, name) -> exporter.export(name));
            return "linked";
        } catch (LinkException e) {
            return e.getMessage();
        }
    }

    @Test
    void immutableGlobalsMatchBySubtyping() {
        assertThat(link("(import \"x\" \"p3\" (global (ref null $point3)))")).isEqualTo("linked");
        assertThat(link("(import \"x\" \"p3\" (global (ref null $point)))")).as("a supertype").isEqualTo("linked");
        assertThat(link("(import \"x\" \"p3\" (global structref))")).isEqualTo("linked");
        assertThat(link("(import \"x\" \"p3\" (global (ref null $other)))")).isEqualTo("incompatible import type x.p3");
        assertThat(link("(import \"x\" \"p3\" (global (ref $point3)))")).as("non-null asked of a nullable").isEqualTo("incompatible import type x.p3");
        assertThat(link("(import \"x\" \"p3\" (global arrayref))")).isEqualTo("incompatible import type x.p3");
    }

    @Test
    void mutableGlobalsAndTablesMatchOnlyTheSameType() {
        assertThat(link("(import \"x\" \"mp3\" (global (mut (ref null $point3))))")).isEqualTo("linked");
        assertThat(link("(import \"x\" \"mp3\" (global (mut (ref null $point))))")).isEqualTo("incompatible import type x.mp3");
        assertThat(link("(import \"x\" \"mp3\" (global (mut (ref null $other))))")).isEqualTo("incompatible import type x.mp3");
        assertThat(link("(import \"x\" \"t3\" (table 1 (ref null $point3)))")).isEqualTo("linked");
        assertThat(link("(import \"x\" \"t3\" (table 1 (ref null $point)))")).isEqualTo("incompatible import type x.t3");
        assertThat(link("(import \"x\" \"t3\" (table 1 (ref null $other)))")).isEqualTo("incompatible import type x.t3");
    }
}
