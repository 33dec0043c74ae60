package dev.lia.script.vm;

import dev.lia.script.check.Signature;
import dev.lia.script.compile.Code;
import dev.lia.script.compile.Op;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Type;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
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

    /** Problems that make the program unrunnable against this instance; empty when it fits. */
    static List<String> mismatches(Program program, Instance instance, Module module) {
        List<String> problems = new ArrayList<>();
        for (Op op : program.ops()) {
            if (op.code() == Code.CALL) {
                FunctionInstance f = instance.exportedFunction(op.text());
                Signature want = new Signature(op.types().subList(0, (int) op.a()), op.types().subList((int) op.a(), op.types().size()));
                if (f == null) problems.add("no exported function '" + op.text() + "'");
                else if (!want.equals(Signature.of(f.type()))) problems.add("'" + op.text() + "' is " + f.type() + ", the script expects " + want);
            } else if (op.code() == Code.GLOBAL_GET || op.code() == Code.GLOBAL_SET) {
                if (!(instance.export(op.text()) instanceof GlobalInstance g)) problems.add("no exported global '" + op.text() + "'");
                else if (Type.of(g.type().type()) != op.types().get(0)) problems.add("global '" + op.text() + "' is not " + op.types().get(0));
                else if (op.code() == Code.GLOBAL_SET && !g.type().mutable()) problems.add("global '" + op.text() + "' is immutable");
            } else if (op.code().mnemonic.startsWith("memory.") && op.a() >= instance.memories.length) {
                problems.add("no memory " + op.a());
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
}
