package dev.lia.wasm.compile;

import dev.lia.wasm.syntax.Module;

import java.util.List;

/**
 * A validated module together with the compiled code of each function it defines, and the slot
 * where the compiled tier keeps the JVM code it made of them (shared by every instance). Equality
 * is identity: two compilations are two modules' worth of code.
 */
public final class CompiledModule {
    private final Module module;
    private final List<CompiledFunction> functions;
    private volatile Object jvmCode;

    public CompiledModule(Module module, List<CompiledFunction> functions) {
        this.module = module;
        this.functions = List.copyOf(functions);
    }

    public Module module() {
        return module;
    }

    public List<CompiledFunction> functions() {
        return functions;
    }

    /** The compiled tier's code for this module (a {@code compile.jvm.ModuleCode}), or null before it is made. */
    public Object jvmCode() {
        return jvmCode;
    }

    public void setJvmCode(Object code) {
        this.jvmCode = code;
    }

    @Override
    public String toString() {
        return "CompiledModule[" + functions.size() + " functions]";
    }
}
