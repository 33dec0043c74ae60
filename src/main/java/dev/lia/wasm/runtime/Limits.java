package dev.lia.wasm.runtime;

/**
 * Resource limits an embedder configures. Every limit is enforced deterministically: the same
 * program hits it at the same point on every machine.
 *
 * @param maxMemoryPages  a memory never grows beyond this many 64 KiB pages ({@code memory.grow} returns -1)
 * @param maxTableSize    a table never grows beyond this many elements ({@code table.grow} returns -1)
 * @param maxCallDepth    nested wasm calls beyond this trap with "call stack exhausted"
 * @param maxStackSlots   value stack slots (locals plus operands of all frames) beyond this trap the same way
 */
public record Limits(int maxMemoryPages, int maxTableSize, int maxCallDepth, int maxStackSlots) {
    /** 16384 pages is 1 GiB: Java arrays cannot hold the full 4 GiB of a 32-bit memory anyway. */
    public static final Limits DEFAULT = new Limits(16384, 10_000_000, 10_000, 4 << 20);

    public Limits {
        if (maxMemoryPages < 0 || maxMemoryPages > 32767) throw new IllegalArgumentException("maxMemoryPages must be in 0..32767");
        if (maxTableSize < 0) throw new IllegalArgumentException("maxTableSize must be >= 0");
        if (maxCallDepth < 1) throw new IllegalArgumentException("maxCallDepth must be >= 1");
        if (maxStackSlots < 1024) throw new IllegalArgumentException("maxStackSlots must be >= 1024");
    }

    public Limits withMaxMemoryPages(int pages) {
        return new Limits(pages, maxTableSize, maxCallDepth, maxStackSlots);
    }

    public Limits withMaxCallDepth(int depth) {
        return new Limits(maxMemoryPages, maxTableSize, depth, maxStackSlots);
    }
}
