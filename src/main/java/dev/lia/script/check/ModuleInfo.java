package dev.lia.script.check;

import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a script can see of a module: its exports and its function imports. */
public final class ModuleInfo {
    private final Map<String, Export> exports = new LinkedHashMap<>();
    private final Map<String, FuncType> exportedFunctions = new LinkedHashMap<>();
    private final Map<String, GlobalType> exportedGlobals = new LinkedHashMap<>();
    private final Map<String, FuncType> functionImports = new LinkedHashMap<>();
    private final int memoryCount;
    /** Per memory (imports first): whether it takes i64 addresses (memory64). */
    private final List<Boolean> memory64 = new ArrayList<>();
    private final int tableCount;

    private ModuleInfo(Module module) {
        List<FuncType> funcTypes = ModuleCompiler.functionTypes(module);
        List<GlobalType> globalTypes = new ArrayList<>();
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof Import.Global g) globalTypes.add(g.type());
            if (imp.desc() instanceof Import.Memory m) memory64.add(m.type().is64());
            if (imp.desc() instanceof Import.Func f) {
                functionImports.putIfAbsent(imp.module() + "." + imp.name(), module.types().get(f.typeIndex()));
            }
        }
        module.globals().forEach(g -> globalTypes.add(g.type()));
        for (Export e : module.exports()) {
            exports.put(e.name(), e);
            if (e.kind() == ExternKind.FUNC) exportedFunctions.put(e.name(), funcTypes.get(e.index()));
            if (e.kind() == ExternKind.GLOBAL) exportedGlobals.put(e.name(), globalTypes.get(e.index()));
        }
        memoryCount = module.importCount(ExternKind.MEMORY) + module.memories().size();
        module.memories().forEach(m -> memory64.add(m.is64()));
        tableCount = module.importCount(ExternKind.TABLE) + module.tables().size();
    }

    public static ModuleInfo of(Module module) {
        return new ModuleInfo(module);
    }

    /** A module with nothing in it, for compiling scripts that do not touch one. */
    public static ModuleInfo empty() {
        return new ModuleInfo(new Module(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                -1, List.of(), -1, List.of(), List.of(), List.of(), null));
    }

    /** The kind of the export with this name, or null. */
    public ExternKind exportKind(String name) {
        Export e = exports.get(name);
        return e == null ? null : e.kind();
    }

    /** Every export's name, in the module's order. */
    public List<String> exportNames() {
        return List.copyOf(exports.keySet());
    }

    public FuncType exportedFunction(String name) {
        return exportedFunctions.get(name);
    }

    public List<String> exportedFunctionNames() {
        return List.copyOf(exportedFunctions.keySet());
    }

    public GlobalType exportedGlobal(String name) {
        return exportedGlobals.get(name);
    }

    public List<String> exportedGlobalNames() {
        return List.copyOf(exportedGlobals.keySet());
    }

    /** The type of the function import {@code module.name}, or null. */
    public FuncType functionImport(String qualifiedName) {
        return functionImports.get(qualifiedName);
    }

    public List<String> functionImportNames() {
        return List.copyOf(functionImports.keySet());
    }

    public int memoryCount() {
        return memoryCount;
    }

    /** Whether memory {@code index} (which must exist) takes i64 addresses, sizes and page counts. */
    public boolean memory64(int index) {
        return memory64.get(index);
    }

    public int tableCount() {
        return tableCount;
    }
}
