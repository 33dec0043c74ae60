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

    /** Assembles WAT with wabt's wat2wasm (tests only). */
    public static CompiledModule wat(String text) {
        try {
            Path dir = Files.createTempDirectory("lia-wat");
            Path src = dir.resolve("m.wat");
            Path out = dir.resolve("m.wasm");
            Files.writeString(src, text);
            Process p = new ProcessBuilder("wat2wasm", "--debug-names", src.toString(), "-o", out.toString())
                    .redirectErrorStream(true).start();
            String msg = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IllegalArgumentException("wat2wasm: " + msg);
            return Lia.loadModule(Files.readAllBytes(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
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
