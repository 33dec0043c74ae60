package dev.lia.wasm.runtime;

/**
 * References as raw {@code long} values, the way they sit on the value stack and in tables.
 * Null is 0 so that zeroed locals and fresh tables hold null. A function reference is its store
 * address plus one; an external reference is the host's handle plus one.
 */
public final class Ref {
    public static final long NULL = 0;

    private Ref() {}

    public static long func(int storeAddress) {
        return storeAddress + 1L;
    }

    public static int funcAddress(long ref) {
        return (int) (ref - 1);
    }

    public static long extern(long hostHandle) {
        return hostHandle + 1;
    }

    public static long externHandle(long ref) {
        return ref - 1;
    }
}
