package dev.lia.wasm.binary;

import dev.lia.wasm.LimitException;

/**
 * The limits the decoder enforces on a module's shape, so that a hostile module is refused before the
 * engine allocates anything in proportion to what it declares. Exceeding one is a {@link LimitException}.
 * (The embedder configures them through {@code dev.lia.wasm.runtime.Limits}.)
 *
 * @param maxModuleBytes  the largest binary module accepted, in bytes
 * @param maxFunctions    functions in the module's function index space (imported plus defined)
 * @param maxLocals       locals one function may declare (parameters not counted)
 * @param maxTotalLocals  locals all the functions of a module may declare together
 */
public record DecodeLimits(int maxModuleBytes, int maxFunctions, long maxLocals, long maxTotalLocals) {
    /**
     * 32 MiB: decoded and compiled, code takes about 50 times its size in heap (a 16 MiB body of simple
     * instructions measured 0.8 GiB), so this bounds one module to about 1.5 GiB. V8's limits for
     * functions and for locals per function; 4M locals in all (the compiler keeps 4 bytes per local).
     */
    public static final DecodeLimits DEFAULT = new DecodeLimits(32 << 20, 1_000_000, 50_000, 4_000_000);

    /** No limit but the specification's: for tools that must accept every well-formed module. */
    public static final DecodeLimits NONE = new DecodeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 0xFFFF_FFFFL, Long.MAX_VALUE);

    public DecodeLimits {
        if (maxModuleBytes < 8) throw new IllegalArgumentException("maxModuleBytes must be >= 8");
        if (maxFunctions < 0) throw new IllegalArgumentException("maxFunctions must be >= 0");
        if (maxLocals < 0) throw new IllegalArgumentException("maxLocals must be >= 0");
        if (maxTotalLocals < 0) throw new IllegalArgumentException("maxTotalLocals must be >= 0");
    }

    static LimitException exceeded(String what, long value, long limit, int offset) {
        return new LimitException("resource limit exceeded: " + what + " " + value + " exceeds the limit of " + limit, offset);
    }
}
