package dev.lia.wasm.runtime;

import dev.lia.wasm.compile.CompiledFunction;

/** A function defined by a module instance, with its compiled code. */
public final class WasmFunction extends FunctionInstance {
    public final Instance instance;
    /**
     * The code in use: the fast code, or debug code while a debugger is attached. Only
     * {@code Machine.replaceCode} changes it ({@link #replaceCode}), while the machine is not running.
     */
    private CompiledFunction code;

    // The compiled tier: the generated code that runs this function, if any (see exec.Tiering).
    private Object jvmCode;
    private int jvmFrameCost;
    private boolean jvmLoopEntries;
    /** Calls and loop iterations counted by the interpreter until the function's module is compiled. */
    private int heat;

    WasmFunction(Instance instance, CompiledFunction code, int typeId, int address) {
        super(code.type(), typeId, address);
        this.instance = instance;
        this.code = code;
    }

    public CompiledFunction code() {
        return code;
    }

    /** New code for the function (a debugger's, or the fast code back); drops the compiled tier's code made from the old. */
    public void replaceCode(CompiledFunction code) {
        this.code = code;
        setJvmCode(null, 0, false);
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

    /** The compiled tier's code for this function ({@code exec.CompiledCode}), or null. */
    public Object jvmCode() {
        return jvmCode;
    }

    /** The Java stack a call of the compiled method may take, in the tier's estimate. */
    public int jvmFrameCost() {
        return jvmFrameCost;
    }

    /**
     * Installs compiled code, which with {@code loopEntries} can also be entered at each loop start;
     * with null removes it ({@code frameCost} -1: the compiled tier left the function to the interpreter).
     */
    public void setJvmCode(Object code, int frameCost, boolean loopEntries) {
        this.jvmCode = code;
        this.jvmFrameCost = frameCost;
        this.jvmLoopEntries = loopEntries;
    }

    /** Whether the compiled code can take over a frame at a loop start. */
    public boolean jvmLoopEntries() {
        return jvmLoopEntries;
    }

    /** Counts one call or loop iteration of the interpreter's; the count so far (saturating, so it passes each value once). */
    public int heatUp() {
        return heat == Integer.MAX_VALUE ? heat : ++heat;
    }

    /** Whether the compiled tier left this function to the interpreter. */
    public boolean jvmRefused() {
        return jvmCode == null && jvmFrameCost < 0;
    }
}
