package dev.lia.testutil;

import dev.lia.wasm.compile.jvm.JvmTranslator;

/**
 * Makes the compiled tier cut every function into regions as small as it can
 * ({@code lia.jit.splitAbove=0}, {@code lia.jit.regionBytes=1}) for the tests run between
 * {@link #start} and {@link #stop}, so a tier test class can be run again over region methods.
 */
public final class EveryFunctionInRegions {
    private static long before;

    private EveryFunctionInRegions() {}

    public static void start() {
        before = JvmTranslator.regionFunctions();
        System.setProperty("lia.jit.splitAbove", "0");
        System.setProperty("lia.jit.regionBytes", "1");
    }

    /** Restores the default cutting; returns how many functions were compiled as regions since {@link #start}. */
    public static long stop() {
        System.clearProperty("lia.jit.splitAbove");
        System.clearProperty("lia.jit.regionBytes");
        return JvmTranslator.regionFunctions() - before;
    }
}
