package dev.lia.wasm.exec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * Little-endian loads and stores of 16, 32 and 64 bits in a byte array at an index the caller has
 * already bounds-checked, for compiled code.
 *
 * <p>Why not VarHandles alone: each VarHandle access inlines some 250 bytes of bytecode, and HotSpot's
 * C1 stops inlining once a method has taken 8,000 (DesiredMethodLimit), so a large generated method
 * would make calls for most of its accesses and spill every live value around each. On a
 * little-endian CPU that allows unaligned access (x86-64, AArch64) these methods are single
 * {@code sun.misc.Unsafe} accesses instead, which both compilers turn into one move; elsewhere they
 * fall back to the VarHandles. Memory safety rests on the caller's check ({@link JitOps} checks every
 * address against the array's length first), so nothing here reads or writes outside the array.
 */
final class RawBytes {
    private RawBytes() {}

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final sun.misc.Unsafe U = unsafe();
    /** Whether the Unsafe path is taken; a constant, so the compilers drop the other. */
    static final boolean RAW = U != null;
    static final long BASE = RAW ? U.arrayBaseOffset(byte[].class) : 0;

    private static sun.misc.Unsafe unsafe() {
        String arch = System.getProperty("os.arch", "");
        boolean unalignedOk = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64");
        if (!unalignedOk || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN || Boolean.getBoolean("lia.jit.varHandles")) return null;
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            sun.misc.Unsafe u = (sun.misc.Unsafe) f.get(null);
            return u.arrayIndexScale(byte[].class) == 1 ? u : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static short getShort(byte[] a, int i) {
        return RAW ? U.getShort(a, BASE + i) : (short) SHORT.get(a, i);
    }

    static int getInt(byte[] a, int i) {
        return RAW ? U.getInt(a, BASE + i) : (int) INT.get(a, i);
    }

    static long getLong(byte[] a, int i) {
        return RAW ? U.getLong(a, BASE + i) : (long) LONG.get(a, i);
    }

    static void putShort(byte[] a, int i, short v) {
        if (RAW) U.putShort(a, BASE + i, v);
        else putShortPortably(a, i, v); // out of line: C1 inlines only small methods
    }

    private static void putShortPortably(byte[] a, int i, short v) {
        SHORT.set(a, i, v);
    }

    static void putInt(byte[] a, int i, int v) {
        if (RAW) U.putInt(a, BASE + i, v);
        else putIntPortably(a, i, v); // out of line: C1 inlines only small methods
    }

    private static void putIntPortably(byte[] a, int i, int v) {
        INT.set(a, i, v);
    }

    static void putLong(byte[] a, int i, long v) {
        if (RAW) U.putLong(a, BASE + i, v);
        else putLongPortably(a, i, v); // out of line: C1 inlines only small methods
    }

    private static void putLongPortably(byte[] a, int i, long v) {
        LONG.set(a, i, v);
    }
}
