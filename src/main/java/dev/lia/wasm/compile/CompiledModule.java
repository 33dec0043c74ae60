package dev.lia.wasm.compile;

import dev.lia.wasm.syntax.Module;

import java.util.List;

/** A validated module together with the compiled code of each function it defines. */
public record CompiledModule(Module module, List<CompiledFunction> functions) {
    public CompiledModule {
        functions = List.copyOf(functions);
    }
}
