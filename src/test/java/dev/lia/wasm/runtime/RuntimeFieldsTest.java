package dev.lia.wasm.runtime;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the runtime's state cannot be written from other packages. No runtime class has a
 * public field that is mutable (not final) or an array (final, yet its elements writable), so
 * an instance's index spaces, a memory's bytes or a global's value change only through methods.
 */
class RuntimeFieldsTest {
    private static final Class<?>[] RUNTIME = {Instance.class, Store.class, Memory.class, Table.class,
            GlobalInstance.class, WasmFunction.class, FunctionInstance.class, HostFunction.class};

    @Test
    void noRuntimeClassHasAPublicFieldOtherPackagesCanWrite() {
        List<String> writable = new ArrayList<>();
        for (Class<?> c : RUNTIME) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (!Modifier.isPublic(mod) || Modifier.isStatic(mod) && Modifier.isFinal(mod) && !f.getType().isArray()) continue;
                if (!Modifier.isFinal(mod) || f.getType().isArray()) writable.add(c.getSimpleName() + "." + f.getName());
            }
        }
        assertThat(writable).isEmpty();
    }

    @Test
    void anInstanceIsReadThroughItsAccessors() {
        Store store = new Store();
        var compiled = dev.lia.wasm.compile.ModuleCompiler.compile(dev.lia.wasm.text.TextFormat.parseModule("""
                (module (func $f) (table 2 funcref) (global (mut i32) (i32.const 7))
                  (elem declare func $f) (data "ab") (memory 1))"""));
        Instance inst = Instantiator.instantiate(store, compiled, ImportResolver.NONE);
        assertThat(inst.functionCount()).isEqualTo(1);
        assertThat(inst.tableCount()).isEqualTo(1);
        assertThat(inst.table(0).size()).isEqualTo(2);
        assertThat(inst.global(0).get()).isEqualTo(7);
        assertThat(inst.memory()).isSameAs(inst.memory(0));
        assertThat(inst.elementSegmentCount()).isEqualTo(1);
        assertThat(inst.elementSegment(0)).isNull();   // declarative segments are dropped at instantiation
        assertThat(inst.dataSegment(0)).containsExactly('a', 'b');
        inst.dropDataSegment(0);
        assertThat(inst.dataSegment(0)).isNull();
    }
}
