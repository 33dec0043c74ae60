package dev.lia.wasm.runtime;

import dev.lia.wasm.compile.CompiledFunction;

/** A function defined by a module instance, with its compiled code. */
public final class WasmFunction extends FunctionInstance {
    public final Instance instance;
    /**
     * The code in use: the fast code, or debug code while a debugger is attached. Only
     * {@code Machine.replaceCode} changes it, while the machine is not running.
     */
    public CompiledFunction code;

    WasmFunction(Instance instance, CompiledFunction code, int typeId, int address) {
        super(code.type(), typeId, address);
        this.instance = instance;
        this.code = code;
    }

    public int index() {
        return code.index();
    }

    @Override
    public String name() {
        String n = instance.module().names().functionName(code.index());
        if (n != null) return n;
        for (var e : instance.module().exports()) { // no name section entry: an export name says more than a number
            if (e.kind() == dev.lia.wasm.syntax.ExternKind.FUNC && e.index() == code.index()) return e.name();
        }
        return "func[" + code.index() + "]";
    }
}
