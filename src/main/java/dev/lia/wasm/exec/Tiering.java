package dev.lia.wasm.exec;

import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.jvm.JvmTranslator;
import dev.lia.wasm.compile.jvm.ModuleCode;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.WasmFunction;


/**
 * When functions move to compiled code. A function is translated when it is first hot (or at its
 * first call under {@link Tier#COMPILED}, which translates its whole module at once), or when
 * compiled code first calls it directly; the code is shared by all instances of the module. Each
 * instance's functions get it when the instance next tiers a function up, or when the interpreter
 * counts a call or loop iteration of theirs and finds it translated ({@link #adopt}): a function
 * made hot by another instance, or translated because compiled code called it, runs compiled at
 * once rather than after another {@link #THRESHOLD} counts. A frame already in the interpreter
 * moves at its next loop start. The choice of tier changes no result: compiled code keeps the
 * interpreter's state, fuel and traps.
 */
public final class Tiering {
    private Tiering() {}

    /** Calls plus loop iterations of one function after which it is compiled. */
    public static final int THRESHOLD = Integer.getInteger("lia.tier.threshold", 1000);

    /**
     * The Java stack that compiled code of one activation may take, in the estimate of
     * {@link ModuleCode#frameCost}; deeper calls run in the interpreter, whose frames are data.
     * Kept well inside the JVM's smallest default thread stack (512 KB).
     */
    public static final int STACK_BUDGET = Integer.getInteger("lia.jit.stackBudget", 192 * 1024);

    /**
     * Gives {@code f} its compiled code, translating it now if it was not ({@code whole}: every
     * function of its module too), and gives {@code f}'s instance every function translated so far;
     * true if {@code f} itself now has compiled code. Functions the compiler left are marked so that
     * they are not asked again.
     */
    public static boolean tierUp(WasmFunction f, boolean whole) {
        Instance inst = f.instance;
        CompiledModule cm = inst.compiledModule();
        ModuleCode code = codeFor(cm);
        int imported = inst.functionCount() - cm.functions().size();
        if (whole) code.translateAll();
        else if (f.code() == cm.functions().get(f.index() - imported)) code.code(f.index());
        for (int i = 0; i < cm.functions().size(); i++) {
            FunctionInstance fi = inst.function(imported + i);
            if (!(fi instanceof WasmFunction w) || w.jvmCode() != null || w.jvmRefused()) continue;
            if (w.code() != cm.functions().get(i)) {
                w.setJvmCode(null, -1, false); // running other code, e.g. a debugger's
            } else if (code.isTranslated(w.index())) {
                CompiledCode c = code.code(w.index());
                if (c != null) w.setJvmCode(c, code.frameCost(w.index()), code.loopEntries(w.index()));
                else w.setJvmCode(null, -1, false); // left to the interpreter
            }
        }
        return f.jvmCode() != null;
    }

    /**
     * Gives {@code f} the code its module has for it already, translating nothing: true if it now
     * has compiled code. A function the translator left is marked so that it is not asked again.
     */
    public static boolean adopt(WasmFunction f) {
        CompiledModule cm = f.instance.compiledModule();
        if (!(cm.jvmCode() instanceof ModuleCode code) || !code.isTranslated(f.index())) return false;
        int imported = f.instance.functionCount() - cm.functions().size();
        if (f.code() != cm.functions().get(f.index() - imported)) return false; // running other code, e.g. a debugger's
        CompiledCode c = code.code(f.index());
        if (c != null) f.setJvmCode(c, code.frameCost(f.index()), code.loopEntries(f.index()));
        else f.setJvmCode(null, -1, false); // left to the interpreter
        return c != null;
    }

    /** The module's compiled code (its functions translated as they are needed). */
    public static ModuleCode codeFor(CompiledModule cm) {
        ModuleCode code = (ModuleCode) cm.jvmCode();
        if (code != null) return code;
        synchronized (cm) {
            code = (ModuleCode) cm.jvmCode();
            if (code == null) {
                code = JvmTranslator.translate(cm);
                cm.setJvmCode(code);
            }
            return code;
        }
    }

    /** Why functions were left to the interpreter (numbers in the reasons replaced by N), with how many, over this JVM's run. */
    public static java.util.Map<String, Long> leftReasons() {
        return ModuleCode.leftReasons();
    }

    /** Functions compiled and functions left to the interpreter, over every function this JVM translated. */
    public static long[] totals() {
        return ModuleCode.totals();
    }
}
