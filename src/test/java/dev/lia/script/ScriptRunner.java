package dev.lia.script;

import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.Limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Test helpers: compile a script against a module file (or text) and run it. */
public final class ScriptRunner {
    private ScriptRunner() {}

    public static CompiledModule module(String path) {
        try {
            return Lia.loadModule(Files.readAllBytes(Path.of(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Assembles WAT with Lia's own text format (tests only): the module goes through its binary, so its
     * instructions have byte offsets and its names a name section, as a decoded module's do.
     */
    public static CompiledModule wat(String text) {
        return dev.lia.wasm.Pipeline.loadText(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test.wat");
    }

    public static Vm vm(String script, CompiledModule module, Map<String, Value> inputs) {
        Program p = Lia.compile(new Source("test.lia", script), module);
        return new Vm(p, module, inputs);
    }

    public static Vm vm(String script, CompiledModule module, Map<String, Value> inputs, Map<String, HostFunction> hosts) {
        Program p = Lia.compile(new Source("test.lia", script), module);
        return new Vm(p, module, inputs, hosts, Limits.DEFAULT);
    }

    public static Outcome run(String script, CompiledModule module, Map<String, Value> inputs) {
        return vm(script, module, inputs).run();
    }

    public static Outcome run(String script, CompiledModule module) {
        return run(script, module, Map.of());
    }
}
