package dev.lia.script.vm;

import dev.lia.script.check.Signature;
import dev.lia.script.compile.Code;
import dev.lia.script.compile.ImportLinks;
import dev.lia.script.compile.Op;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Type;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a program meets a module: the imports it links (every function import as a yielding function
 * named {@code module.name}, which the VM answers with a Lia handler, a Java host function, or by
 * blocking) and the check that every export, global and memory the operations name is there with
 * the type they were compiled for.
 */
public final class Binding {
    private Binding() {}

    /**
     * The imports of a module as a script session links them: one yielding function per distinct
     * {@code module.name} of a function import, registered in the store in import order.
     */
    public static ImportResolver imports(Store store, Module module) {
        Map<String, FunctionInstance> funcs = new java.util.HashMap<>();
        for (Import imp : module.imports()) {
            if (!(imp.desc() instanceof Import.Func f)) continue;
            String name = imp.module() + "." + imp.name();
            if (funcs.containsKey(name)) continue;
            funcs.put(name, store.yieldingFunction(name, module.types().get(f.typeIndex())));
        }
        return (m, n) -> funcs.get(m + "." + n);
    }

    /**
     * Problems that make the program unrunnable against an instance of this module; empty when it
     * fits. It reads the module alone (an instance's exports have the types its module declares), so
     * it can be asked before anything is instantiated or run.
     */
    public static List<String> mismatches(Program program, Module module) {
        List<String> problems = new ArrayList<>();
        int memories = module.importCount(ExternKind.MEMORY) + module.memories().size();
        int tables = module.importCount(ExternKind.TABLE) + module.tables().size();
        for (Op op : program.ops()) {
            if (op.code() == Code.CALL) {
                FuncType f = exportedFunctionType(module, op.text());
                Signature want = new Signature(op.types().subList(0, (int) op.a()), op.types().subList((int) op.a(), op.types().size()));
                if (f == null) problems.add("no exported function '" + op.text() + "'");
                else if (!want.equals(Signature.of(f))) problems.add("'" + op.text() + "' is " + f + ", the script expects " + want);
            } else if (op.code() == Code.GLOBAL_GET || op.code() == Code.GLOBAL_SET) {
                GlobalType g = exportedGlobalType(module, op.text());
                if (g == null) problems.add("no exported global '" + op.text() + "'");
                else if (Type.of(g.type()) != op.types().get(0)) problems.add("global '" + op.text() + "' is not " + op.types().get(0));
                else if (op.code() == Code.GLOBAL_SET && !g.mutable()) problems.add("global '" + op.text() + "' is immutable");
            } else if (op.code().mnemonic.startsWith("memory.") && op.a() >= memories) {
                problems.add("no memory " + op.a());
            } else if (op.code().mnemonic.startsWith("memory.") && memory64(module, (int) op.a()) != !op.types().isEmpty()) {
                problems.add("memory " + op.a() + (op.types().isEmpty() ? " is 64-bit; the script addresses it with i32"
                        : " is 32-bit; the script addresses it with i64"));
            } else if (op.code() == Code.TABLE_SIZE && op.a() >= tables) {
                problems.add("no table " + op.a());
            } else if (op.code() == Code.INSTANTIATE) {
                for (ImportLinks.Link l : ImportLinks.decode(op.text())) {
                    switch (l.kind()) {
                        case MEMORY -> { if (l.index() >= memories) problems.add("no memory " + l.index()); }
                        case TABLE -> { if (l.index() >= tables) problems.add("no table " + l.index()); }
                        case GLOBAL, EXPORT -> { if (module.export(l.export()) == null) problems.add("no export '" + l.export() + "'"); }
                        case INSTANCE -> { }
                    }
                }
            }
        }
        for (Program.Handler h : program.handlers()) {
            FuncType t = null;
            for (Import imp : module.imports()) {
                if (imp.desc() instanceof Import.Func f && h.qualifiedName().equals(imp.module() + "." + imp.name())) {
                    t = module.types().get(f.typeIndex());
                }
            }
            if (t == null) problems.add("no function import " + h.qualifiedName());
            else if (!new Signature(h.params(), h.results()).equals(Signature.of(t))) problems.add("import " + h.qualifiedName() + " is " + t);
        }
        return problems.stream().distinct().toList();
    }

    /** Whether memory {@code index} of the module (imports first) is 64-bit. */
    static boolean memory64(Module module, int index) {
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof Import.Memory m && index-- == 0) return m.type().is64();
        }
        return module.memories().get(index).is64();
    }

    /** The type of the function exported under this name, or null. */
    static FuncType exportedFunctionType(Module module, String name) {
        Export e = module.export(name);
        if (e == null || e.kind() != ExternKind.FUNC) return null;
        int index = e.index();
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof Import.Func f && index-- == 0) return module.types().get(f.typeIndex());
        }
        return index < module.functions().size() ? module.types().get(module.functions().get(index)) : null;
    }

    /** The type of the global exported under this name, or null. */
    static GlobalType exportedGlobalType(Module module, String name) {
        Export e = module.export(name);
        if (e == null || e.kind() != ExternKind.GLOBAL) return null;
        int index = e.index();
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof Import.Global g && index-- == 0) return g.type();
        }
        return index < module.globals().size() ? module.globals().get(index).type() : null;
    }
}
