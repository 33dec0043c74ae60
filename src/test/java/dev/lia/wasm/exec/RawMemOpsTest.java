package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link RawMemOps} against {@link JitOps}' portable accesses, called the way the emitter calls each
 * (the offset with {@code BASE} added, stores with the value narrowed, unsigned loads masked after):
 * every load and store opcode at addresses and offsets around the memory's end and the u32 range,
 * the same value or the same trap, and the same bytes written.
 */
class RawMemOpsTest {
    private static final long[] ADDRESSES = {0, 1, 3, 7, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 0x7FFFFFFFL,
            -0x80000000L /* the i32 0x80000000, sign-extended in its slot */, -1L, -8L, 0xFFFFFFFFL};
    private static final long[] OFFSETS = {0, 1, 4, 8, 60, 63, 64, 0xFFFFFFF8L, 0xFFFFFFFFL};
    private static final int SIZE = 64;

    @Test
    void loadsGiveJitOpsValuesAndTraps() throws Exception {
        assumeTrue(RawMemOps.AVAILABLE, "RawMemOps is used only where RawBytes takes the Unsafe path (little-endian x86-64, AArch64)");
        byte[] mem = pattern();
        for (int op = 0x28; op <= 0x35; op++) {
            Method portable = JitOps.class.getMethod(String.format("ld%02X", op), byte[].class, long.class, long.class);
            Method raw = RawMemOps.class.getMethod(RawMemOps.method(op), byte[].class, long.class, long.class);
            long mask = RawMemOps.zeroExtend(op);
            for (long a : ADDRESSES) {
                for (long off : OFFSETS) {
                    Object expected = outcome(portable, mem, a, off);
                    Object got = outcome(raw, mem, a, off + RawMemOps.BASE);
                    if (got instanceof Long v && mask != 0) got = v & mask;
                    assertThat(got).as("op %02X a %d off %d", op, a, off).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void storesWriteJitOpsBytesAndTrap() throws Exception {
        assumeTrue(RawMemOps.AVAILABLE, "RawMemOps is used only where RawBytes takes the Unsafe path (little-endian x86-64, AArch64)");
        long value = 0x8877665544332211L;
        for (int op = 0x36; op <= 0x3E; op++) {
            Method portable = JitOps.class.getMethod(String.format("st%02X", op), byte[].class, long.class, long.class, long.class);
            String d = RawMemOps.storeDescriptor(op);
            Class<?> width = d.contains("JJJ)") ? long.class : d.contains("JJB)") ? byte.class : d.contains("JJS)") ? short.class : int.class;
            Method raw = RawMemOps.class.getMethod(RawMemOps.method(op), byte[].class, long.class, long.class, width);
            Object narrowed = width == long.class ? (Object) value : width == byte.class ? (Object) (byte) value
                    : width == short.class ? (Object) (short) value : (Object) (int) value;
            for (long a : ADDRESSES) {
                for (long off : OFFSETS) {
                    byte[] expectedMem = pattern();
                    byte[] gotMem = pattern();
                    Object expected = outcome(portable, expectedMem, a, value, off);
                    Object got = outcome(raw, gotMem, a, off + RawMemOps.BASE, narrowed);
                    assertThat(got).as("op %02X a %d off %d", op, a, off).isEqualTo(expected);
                    assertThat(gotMem).as("op %02X a %d off %d", op, a, off).isEqualTo(expectedMem);
                }
            }
        }
    }

    /** The value returned (null for a store) or the trap's message. */
    private static Object outcome(Method m, Object... args) throws IllegalAccessException {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Trap t) return "trap: " + t.getMessage();
            throw new AssertionError(e.getCause());
        }
    }

    private static byte[] pattern() {
        byte[] mem = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) mem[i] = (byte) (0x81 + 37 * i); // high bits set in many bytes: sign extension shows
        return mem;
    }

    @Test
    void sharedMethodsCoverEveryOpcode() {
        for (int op = 0x28; op <= 0x3E; op++) {
            String name = RawMemOps.method(op);
            assertThat(Arrays.stream(RawMemOps.class.getMethods()).anyMatch(m -> m.getName().equals(name))).as("op %02X", op).isTrue();
        }
    }
}
