package dev.lia.script;

import dev.lia.script.check.ModuleInfo;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Global;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.SizeRange;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * A module's interface built by hand, for checking scripts without a decoder: exported functions
 * ("i32 i32 -> i32"), globals, memories, tables and function imports. Function bodies are absent.
 */
public final class FakeModule {
    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();

    public static FakeModule create() {
        return new FakeModule();
    }

    /** The wasm-bindgen string module of the reference example. */
    public static FakeModule wasmBindgen() {
        return create().func("__wbindgen_add_to_stack_pointer", "i32 -> i32")
                .func("__wbindgen_malloc", "i32 i32 -> i32")
                .func("__wbindgen_free", "i32 i32 i32 ->")
                .func("process", "i32 i32 i32 ->")
                .memory("memory");
    }

    static FuncType type(String sig) {
        String[] parts = sig.split("->", -1);
        return new FuncType(vals(parts[0]), vals(parts[1]));
    }

    private static List<ValType> vals(String s) {
        List<ValType> out = new ArrayList<>();
        for (String t : s.trim().split("\\s+")) {
            if (t.isEmpty()) continue;
            for (ValType v : new ValType[] {ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128,
                    ValType.FUNCREF, ValType.EXTERNREF, ValType.EXNREF}) if (v.text.equals(t)) out.add(v);
        }
        return out;
    }

    public FakeModule func(String name, String sig) {
        types.add(type(sig));
        int index = imports.size() + functions.size();
        functions.add(types.size() - 1);
        exports.add(new Export(name, ExternKind.FUNC, index));
        return this;
    }

    public FakeModule importFunc(String module, String name, String sig) {
        if (!functions.isEmpty()) throw new IllegalStateException("imports first");
        types.add(type(sig));
        imports.add(new Import(module, name, new Import.Func(types.size() - 1)));
        return this;
    }

    public FakeModule memory(String exportName) {
        memories.add(new MemoryType(new SizeRange(1, -1)));
        exports.add(new Export(exportName, ExternKind.MEMORY, memories.size() - 1));
        return this;
    }

    public FakeModule table(String exportName) {
        tables.add(new TableType(ValType.FUNCREF, new SizeRange(1, -1)));
        exports.add(new Export(exportName, ExternKind.TABLE, tables.size() - 1));
        return this;
    }

    public FakeModule global(String name, String type, boolean mutable) {
        globals.add(new Global(new GlobalType(vals(type).get(0), mutable), new Expr(List.of())));
        exports.add(new Export(name, ExternKind.GLOBAL, globals.size() - 1));
        return this;
    }

    public Module module() {
        return new Module(types, imports, functions, tables, memories, globals, exports, -1, List.of(), -1,
                List.of(), List.of(), List.of(), null);
    }

    public ModuleInfo info() {
        return ModuleInfo.of(module());
    }
}
