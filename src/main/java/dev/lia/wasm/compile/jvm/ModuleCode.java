package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.exec.CompiledCode;

import java.util.Map;

/**
 * A module's functions as JVM bytecode: for each function index, the generated batch that holds
 * its method (null for imports and for functions left to the interpreter), the Java stack a call
 * of it may take, and why functions were left.
 */
public final class ModuleCode {
    private final CompiledCode[] code;
    private final int[] frameCost;
    private final boolean[] loopEntries;
    private final Map<Integer, String> left;
    private final int compiled;

    ModuleCode(CompiledCode[] code, int[] frameCost, boolean[] loopEntries, Map<Integer, String> left, int compiled) {
        this.code = code;
        this.loopEntries = loopEntries;
        this.frameCost = frameCost;
        this.left = Map.copyOf(left);
        this.compiled = compiled;
    }

    /** The batch holding function {@code index}'s method, or null. */
    public CompiledCode code(int index) {
        return index < code.length ? code[index] : null;
    }

    /** The Java stack, in bytes, a call of function {@code index}'s method may take (an estimate that errs high). */
    public int frameCost(int index) {
        return frameCost[index];
    }

    /** Whether function {@code index}'s method can be entered at its loop starts (else only at its start: it was too large with them). */
    public boolean loopEntries(int index) {
        return loopEntries[index];
    }

    public int compiledCount() {
        return compiled;
    }

    public int leftCount() {
        return left.size();
    }

    /** Functions left to the interpreter, by index, with the reason. */
    public Map<Integer, String> left() {
        return left;
    }
}
