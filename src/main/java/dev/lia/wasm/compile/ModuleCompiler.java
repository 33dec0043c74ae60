package dev.lia.wasm.compile;

import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;

import java.util.ArrayList;
import java.util.List;

/** Lowers every function body of a validated module to internal code. */
public final class ModuleCompiler {
    private ModuleCompiler() {}

    public static CompiledModule compile(Module module) {
        return compile(module, false);
    }

    /**
     * Compiles every function; {@code debug} gives debug code, which calls the machine's debug hook
     * before every instruction (see {@link Op#STEP}) and keeps the operand stack exact throughout.
     */
    public static CompiledModule compile(Module module, boolean debug) {
        List<FuncType> funcTypes = functionTypes(module);
        int imported = module.importCount(ExternKind.FUNC);
        List<CompiledFunction> out = new ArrayList<>(module.codes().size());
        for (int i = 0; i < module.codes().size(); i++) {
            int index = imported + i;
            out.add(new FunctionCompiler(module, funcTypes, index, module.codes().get(i), debug).compile());
        }
        return new CompiledModule(module, out);
    }

    /** Compiles one defined function of a validated module ({@code index} counts imported functions). */
    public static CompiledFunction compileFunction(Module module, int index, boolean debug) {
        int imported = module.importCount(ExternKind.FUNC);
        if (index < imported || index - imported >= module.codes().size()) {
            throw new IllegalArgumentException("function " + index + " is not defined by the module");
        }
        return new FunctionCompiler(module, functionTypes(module), index, module.codes().get(index - imported), debug).compile();
    }

    /** Whether {@code f} is debug code: it starts with a {@link Op#STEP}. */
    public static boolean isDebugCode(CompiledFunction f) {
        return f.code().length > 0 && f.code()[0] == Op.STEP;
    }

    /** The signature of every function in the module's function index space, imports first. */
    public static List<FuncType> functionTypes(Module module) {
        List<FuncType> result = new ArrayList<>();
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof Import.Func f) result.add(module.types().get(f.typeIndex()));
        }
        for (int typeIndex : module.functions()) result.add(module.types().get(typeIndex));
        return result;
    }
}
