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
        List<FuncType> funcTypes = functionTypes(module);
        int imported = module.importCount(ExternKind.FUNC);
        List<CompiledFunction> out = new ArrayList<>(module.codes().size());
        for (int i = 0; i < module.codes().size(); i++) {
            int index = imported + i;
            out.add(new FunctionCompiler(module, funcTypes, index, module.codes().get(i)).compile());
        }
        return new CompiledModule(module, out);
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
