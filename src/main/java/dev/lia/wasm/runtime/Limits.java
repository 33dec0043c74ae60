package dev.lia.wasm.runtime;

import dev.lia.wasm.binary.DecodeLimits;

/**
 * Resource limits an embedder configures. Every limit is enforced deterministically: the same
 * program hits it at the same point on every machine. Fuel, the bound on running time, is set per
 * run on the machine ({@code Machine.setFuel}); see {@code docs/security.md}.
 *
 * @param maxMemoryPages  a memory never grows beyond this many 64 KiB pages ({@code memory.grow} returns -1)
 * @param maxTableSize    a table never grows beyond this many elements ({@code table.grow} returns -1)
 * @param maxCallDepth    nested wasm calls beyond this trap with "call stack exhausted"
 * @param maxStackSlots   value stack slots (locals plus operands of all frames) beyond this trap the same way
 * @param maxModuleBytes  a binary module larger than this is refused before decoding
 * @param maxFunctions    a module with more functions (imported plus defined) is refused while decoding
 * @param maxLocals       a function declaring more locals is refused while decoding
 * @param maxTotalLocals  a module whose functions declare more locals in all is refused while decoding
 */
public record Limits(int maxMemoryPages, int maxTableSize, int maxCallDepth, int maxStackSlots,
                     int maxModuleBytes, int maxFunctions, long maxLocals, long maxTotalLocals) {
    /** 16384 pages is 1 GiB: Java arrays cannot hold the full 4 GiB of a 32-bit memory anyway. */
    public static final Limits DEFAULT = new Limits(16384, 10_000_000, 10_000, 4 << 20, DecodeLimits.DEFAULT);

    public Limits {
        if (maxMemoryPages < 0 || maxMemoryPages > 32767) throw new IllegalArgumentException("maxMemoryPages must be in 0..32767");
        if (maxTableSize < 0) throw new IllegalArgumentException("maxTableSize must be >= 0");
        if (maxCallDepth < 1) throw new IllegalArgumentException("maxCallDepth must be >= 1");
        if (maxStackSlots < 1024) throw new IllegalArgumentException("maxStackSlots must be >= 1024");
        new DecodeLimits(maxModuleBytes, maxFunctions, maxLocals, maxTotalLocals); // checks them
    }

    /** The run-time limits with the default decoding limits. */
    public Limits(int maxMemoryPages, int maxTableSize, int maxCallDepth, int maxStackSlots) {
        this(maxMemoryPages, maxTableSize, maxCallDepth, maxStackSlots, DecodeLimits.DEFAULT);
    }

    public Limits(int maxMemoryPages, int maxTableSize, int maxCallDepth, int maxStackSlots, DecodeLimits decode) {
        this(maxMemoryPages, maxTableSize, maxCallDepth, maxStackSlots,
                decode.maxModuleBytes(), decode.maxFunctions(), decode.maxLocals(), decode.maxTotalLocals());
    }

    /** The limits the decoder enforces (module size, functions, locals). */
    public DecodeLimits decoding() {
        return new DecodeLimits(maxModuleBytes, maxFunctions, maxLocals, maxTotalLocals);
    }

    public Limits withMaxMemoryPages(int pages) {
        return new Limits(pages, maxTableSize, maxCallDepth, maxStackSlots, decoding());
    }

    public Limits withMaxTableSize(int size) {
        return new Limits(maxMemoryPages, size, maxCallDepth, maxStackSlots, decoding());
    }

    public Limits withMaxCallDepth(int depth) {
        return new Limits(maxMemoryPages, maxTableSize, depth, maxStackSlots, decoding());
    }

    public Limits withMaxStackSlots(int slots) {
        return new Limits(maxMemoryPages, maxTableSize, maxCallDepth, slots, decoding());
    }

    public Limits withDecoding(DecodeLimits decode) {
        return new Limits(maxMemoryPages, maxTableSize, maxCallDepth, maxStackSlots, decode);
    }
}
