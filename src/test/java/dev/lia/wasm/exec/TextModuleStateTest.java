package dev.lia.wasm.exec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Saved machine states name positions by byte offsets, which only a decoded binary has: a module
 * parsed from text refuses to be saved with a message saying what to do, and one loaded with
 * {@link Pipeline#loadText} saves and resumes.
 */
class TextModuleStateTest {
    static final String WAT = """
            (module
              (import "env" "ask" (func $ask (result i32)))
              (func (export "f") (result i32) (i32.add (call $ask) (i32.const 1))))
            """;

    static MachineOutcome.HostCall stopInAsk(CompiledModule code, Machine machine) {
        Store store = machine.store();
        HostFunctionInstance ask = store.yieldingFunction("env.ask", new FuncType(List.of(), List.of(ValType.I32)));
        Instance instance = machine.instantiate(code, (module, name) -> ask);
        machine.start(instance.exportedFunction("f"));
        return (MachineOutcome.HostCall) machine.run();
    }

    @Test
    void aModuleParsedFromTextCannotBeSavedAndSaysWhy() {
        Machine machine = new Machine(new Store());
        stopInAsk(ModuleCompiler.compile(TextFormat.parseModule(WAT)), machine);
        assertThatThrownBy(machine::snapshot).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no byte offsets").hasMessageContaining("Pipeline.loadText");
    }

    @Test
    void aModuleLoadedWithLoadTextSavesAndResumesInAFreshMachine() {
        CompiledModule code = Pipeline.loadText(WAT.getBytes(StandardCharsets.UTF_8), "ask.wat");
        Machine first = new Machine(new Store());
        stopInAsk(code, first);
        MachineState state = first.snapshot();

        Machine second = new Machine(new Store());
        stopInAsk(code, second);
        second.abort();
        second.restore(state);
        MachineOutcome o = second.resume(new long[] {41});
        assertThat(o).isInstanceOf(MachineOutcome.Done.class);
        assertThat(((MachineOutcome.Done) o).results()).containsExactly(42L);
    }
}
