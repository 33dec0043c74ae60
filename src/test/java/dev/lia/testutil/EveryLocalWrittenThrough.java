package dev.lia.testutil;

import dev.lia.wasm.compile.jvm.JvmTranslator;

/**
 * Makes the compiled tier write every local of every function through to the value stack
 * ({@code lia.jit.writeThrough=all}: stops then write only operands) for the tests run between
 * {@link #start} and {@link #stop}, so a tier test class can be run again over that code.
 */
public final class EveryLocalWrittenThrough {
    private static long before;

    private EveryLocalWrittenThrough() {}

    public static void start() {
        before = JvmTranslator.writeThroughFunctions();
        System.setProperty("lia.jit.writeThrough", "all");
    }

    /** Restores the default; returns how many functions wrote locals through since {@link #start}. */
    public static long stop() {
        System.clearProperty("lia.jit.writeThrough");
        return JvmTranslator.writeThroughFunctions() - before;
    }
}
