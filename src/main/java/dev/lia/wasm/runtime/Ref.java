package dev.lia.wasm.runtime;

/**
 * References as raw {@code long} values, the way they sit on the value stack and in tables.
 * Null is 0 so that zeroed locals and fresh tables hold null. A function reference is its store
 * address plus one; an external reference is the host's handle plus one (handles stay below 2^56);
 * an exnref is its {@link ExceptionTable} index plus one.
 *
 * <p>The any hierarchy (3.0) uses the top byte as a tag: {@link #I31} for an i31 (its 31 bits below),
 * {@link #OBJECT} for a GC object (its heap index below), {@link #HOST_ANY} for a host reference turned
 * into an anyref by {@code any.convert_extern}. {@code extern.convert_any} of an i31 or GC object sets
 * {@link #EXTERNALIZED} on top of its tag, so converting back strips it and gives the very same value.
 */
public final class Ref {
    public static final long NULL = 0;

    public static final long TAG_MASK = 0xFFL << 56;
    public static final long I31 = 0x01L << 56;
    public static final long OBJECT = 0x02L << 56;
    public static final long HOST_ANY = 0x03L << 56;
    public static final long EXTERNALIZED = 0x04L << 56;

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

    /** {@code ref.i31}: the low 31 bits of {@code value}. */
    public static long i31(int value) {
        return I31 | (value & 0x7FFFFFFFL);
    }

    public static boolean isI31(long ref) {
        return (ref & TAG_MASK) == I31;
    }

    /** {@code i31.get_s} / {@code i31.get_u} of a non-null i31. */
    public static int i31Value(long ref, boolean signed) {
        int v = (int) (ref & 0x7FFFFFFF);
        return signed ? (v << 1) >> 1 : v;
    }

    public static boolean isObject(long ref) {
        return (ref & TAG_MASK) == OBJECT;
    }

    public static long object(int index) {
        return OBJECT | index;
    }

    public static int objectIndex(long ref) {
        return (int) ref;
    }

    /** {@code any.convert_extern}. */
    public static long internalize(long extern) {
        if (extern == NULL) return NULL;
        if ((extern & EXTERNALIZED) != 0) return extern & ~EXTERNALIZED;
        return HOST_ANY | extern;
    }

    /** {@code extern.convert_any}. */
    public static long externalize(long any) {
        if (any == NULL) return NULL;
        if ((any & TAG_MASK) == HOST_ANY) return any & ~TAG_MASK;
        return any | EXTERNALIZED;
    }
}
