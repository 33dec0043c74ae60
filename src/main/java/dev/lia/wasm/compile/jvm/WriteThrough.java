package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.compile.CompiledFunction;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which locals a function's method writes through to the value stack at every write, so that its
 * stops need not write them. A stop writes every local into the value stack (the spill chain), so
 * without this every local is alive from its first write to the end of the method. In a large method
 * with many locals C1's linear scan then runs out of virtual registers ("out of virtual registers
 * in linear scan") and leaves the method to the JVM's interpreter until C2 compiles it: nbody's and
 * sort's {@code main} (a loop that runs a whole cold run, entered once). A local written through is
 * dead wherever the code no longer reads it; the price is one array store per write, so only methods
 * where C1 would struggle do it: locals × estimated bytecode size at least {@value #PRESSURE}
 * ({@code -Dlia.jit.writeThrough.pressure}), all their locals (keeping the ones written in loops in
 * the chain still failed C1 on both). {@code -Dlia.jit.writeThrough=all|none} forces it (tests).
 *
 * <p>Invariant of a method that writes local {@code k} through: from its entry on, the value stack
 * at {@code fp + k} holds the local's value, in the value stack's current array (the method takes
 * the array again after every call and refill, where a callee may have grown it).
 */
final class WriteThrough {
    private WriteThrough() {}

    /** Locals × method bytes from which a method writes its locals through (nbody's main: 36 × ~4,500; sort's: 25 × ~5,750). */
    static final long PRESSURE = 100_000;
    private static final BitSet NONE = new BitSet();
    /** Functions whose methods write locals through, over this JVM's run (tests check their settings took). */
    static final AtomicLong FUNCTIONS = new AtomicLong();

    static BitSet choose(CompiledFunction f) {
        String mode = System.getProperty("lia.jit.writeThrough", "auto");
        int locals = f.localCount();
        if (mode.equals("none") || locals == 0) return NONE;
        if (!mode.equals("all")) {
            // By the code's length (a method takes ~4 bytes a position), not a trial emission: a cold
            // run pays for every emission. A function past HotSpot's limit is cut into regions, whose
            // methods C1 takes as they are (and writing printf's 43 locals through cost cold runs ~8%).
            long bytes = 4L * f.code().length;
            if (bytes > JvmTranslator.HUGE_METHOD || locals * bytes < Long.getLong("lia.jit.writeThrough.pressure", PRESSURE)) return NONE;
        }
        BitSet b = new BitSet();
        b.set(0, locals);
        FUNCTIONS.incrementAndGet();
        return b;
    }
}
