package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every generated class of one module agrees on before any is made: the class of each
 * function ({@code dev/lia/jit/Module<id>_f<index>}, whatever the translator later makes of the
 * function: its code, or a stub that calls the interpreter), the Java stack a call of each may take,
 * and the types. Fixing the names up front is what lets functions be translated one at a time, on
 * demand: a call to a function not translated yet names its class, which the JVM asks the module's
 * class loader for only when the call first runs.
 */
final class ModuleLayout implements FunctionEmitter.Callees {
    private static final AtomicLong MODULES = new AtomicLong();

    final Module module;
    final List<CompiledFunction> functions;
    final int imported;
    /** Every function's type, imports first. */
    final List<FuncType> types = new ArrayList<>();
    final int[] frameCost;
    private final String prefix;

    ModuleLayout(CompiledModule cm) {
        this.module = cm.module();
        this.functions = cm.functions();
        this.imported = module.importCount(ExternKind.FUNC);
        for (Import i : module.imports()) {
            if (i.desc() instanceof Import.Func fn) types.add(module.types().get(fn.typeIndex()));
        }
        for (CompiledFunction f : functions) types.add(f.type());
        this.frameCost = new int[imported + functions.size()];
        for (CompiledFunction f : functions) frameCost[f.index()] = frameCost(f);
        this.prefix = "dev/lia/jit/Module" + MODULES.incrementAndGet() + "_";
    }

    /**
     * The Java stack a compiled frame of {@code f} is counted for: 8 bytes per JVM local and a margin,
     * never less than {@code Compiled.MIN_FRAME_COST} plus {@code Compiled.SLOT_COST} per slot of its
     * frame, which {@code Machine.compiledRoom} relies on to leave the call checks to the room.
     */
    static int frameCost(CompiledFunction f) {
        return Math.max(8 * FunctionEmitter.maxLocals(f), dev.lia.wasm.exec.Compiled.SLOT_COST * f.frameSize())
                + dev.lia.wasm.exec.Compiled.MIN_FRAME_COST;
    }

    int total() {
        return frameCost.length;
    }

    /** The internal name of function {@code index}'s class (a defined function's). */
    String functionClass(int index) {
        return prefix + "f" + index;
    }

    /** The function a class name (binary, with dots) names, or -1 if it is no function's class of this module. */
    int functionOf(String binaryName) {
        String p = prefix.replace('/', '.') + "f";
        if (!binaryName.startsWith(p)) return -1;
        try {
            int index = Integer.parseInt(binaryName.substring(p.length()));
            return index >= imported && index < total() ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String indirectOwner() {
        return prefix + "indirect";
    }

    @Override
    public String classOf(int index) {
        // Imports, and functions with more parameters than a JVM method takes, are called through the machine.
        return index < imported || types.get(index).paramSlots() > FunctionEmitter.MAX_PARAMS ? null : functionClass(index);
    }

    @Override
    public CompiledFunction code(int index) {
        return functions.get(index - imported);
    }

    @Override
    public int frameCost(int index) {
        return frameCost[index];
    }

    @Override
    public int[] typeArity(int typeIndex) {
        FuncType t = module.types().get(typeIndex);
        return new int[] {t.paramSlots(), t.resultSlots()};
    }

    /** Memoized per function: every emission of a function (trials, regions) must agree. */
    private java.util.BitSet[] writeThrough;

    @Override
    public synchronized java.util.BitSet writeThrough(int index) {
        if (writeThrough == null) writeThrough = new java.util.BitSet[total()];
        java.util.BitSet b = writeThrough[index];
        if (b == null) writeThrough[index] = b = WriteThrough.choose(code(index));
        return b;
    }

    @Override
    public boolean memory0Is64() {
        for (Import i : module.imports()) {
            if (i.desc() instanceof Import.Memory mem) return mem.type().is64();
        }
        return !module.memories().isEmpty() && module.memories().get(0).is64();
    }

    @Override
    public int[] functionArity(int index) {
        FuncType t = types.get(index);
        return new int[] {t.paramSlots(), t.resultSlots()};
    }
}
