package dev.lia.wasm.exec;

import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.jvm.JvmTranslator;
import dev.lia.wasm.compile.jvm.ModuleCode;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.WasmFunction;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When functions move to compiled code. A module is translated once, the first time one of its
 * functions is hot (or at its first call under {@link Tier#COMPILED}), and the code is shared by all
 * its instances; each instance's functions get it when the instance first needs it. The choice of
 * tier changes no result: compiled code keeps the interpreter's state, fuel and traps.
 */
public final class Tiering {
    private Tiering() {}

    /** Calls plus loop iterations of one function after which its module is compiled. */
    public static final int THRESHOLD = Integer.getInteger("lia.tier.threshold", 1000);

    /**
     * The Java stack that compiled code of one activation may take, in the estimate of
     * {@link ModuleCode#frameCost}; deeper calls run in the interpreter, whose frames are data.
     * Kept well inside the JVM's smallest default thread stack (512 KB).
     */
    public static final int STACK_BUDGET = Integer.getInteger("lia.jit.stackBudget", 192 * 1024);

    private static final AtomicLong COMPILED = new AtomicLong();
    private static final AtomicLong LEFT = new AtomicLong();
    private static final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> WHY = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Gives {@code f}'s instance its module's compiled code (translating the module first if no
     * instance did); true if {@code f} itself now has compiled code. Functions the compiler left
     * are marked so that they are not asked again.
     */
    public static boolean tierUp(WasmFunction f) {
        Instance inst = f.instance;
        CompiledModule cm = inst.compiledModule();
        ModuleCode code = codeFor(cm);
        int imported = inst.functionCount() - cm.functions().size();
        for (int i = 0; i < cm.functions().size(); i++) {
            FunctionInstance fi = inst.function(imported + i);
            if (!(fi instanceof WasmFunction w) || w.jvmCode() != null) continue;
            if (w.code() == cm.functions().get(i) && code.code(w.index()) != null) {
                w.setJvmCode(code.code(w.index()), code.frameCost(w.index()), code.loopEntries(w.index()));
            } else {
                w.setJvmCode(null, -1, false); // left to the interpreter (or running other code, e.g. a debugger's)
            }
        }
        return f.jvmCode() != null;
    }

    /** The module's compiled code, translated on first use. */
    public static ModuleCode codeFor(CompiledModule cm) {
        ModuleCode code = (ModuleCode) cm.jvmCode();
        if (code != null) return code;
        synchronized (cm) {
            code = (ModuleCode) cm.jvmCode();
            if (code == null) {
                code = JvmTranslator.translate(cm);
                cm.setJvmCode(code);
                COMPILED.addAndGet(code.compiledCount());
                LEFT.addAndGet(code.leftCount());
                for (String why : code.left().values()) {
                    WHY.computeIfAbsent(why.replaceAll("[0-9]+", "N"), k -> new AtomicLong()).incrementAndGet();
                }
            }
            return code;
        }
    }

    /** Why functions were left to the interpreter (numbers in the reasons replaced by N), with how many, over this JVM's run. */
    public static java.util.Map<String, Long> leftReasons() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        WHY.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Functions compiled and functions left to the interpreter, over every module this JVM translated. */
    public static long[] totals() {
        return new long[] {COMPILED.get(), LEFT.get()};
    }
}
