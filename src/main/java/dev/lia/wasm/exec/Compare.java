package dev.lia.wasm.exec;

/**
 * Integer comparisons as arithmetic, giving 0 or 1 without a branch. The JIT profiles every
 * branch in the interpreter loop and compiles the sides it has not seen as traps back to the
 * interpreter; data-dependent comparisons written as branches would keep invalidating the loop's
 * compiled code. Arithmetic has no sides.
 */
final class Compare {
    private Compare() {}

    static int eqz32(int a) {
        return (int) (((a & 0xFFFFFFFFL) - 1) >>> 63);
    }

    static int eq32(int a, int b) {
        return eqz32(a ^ b);
    }

    static int ltS32(int a, int b) {
        return (int) (((long) a - b) >>> 63);
    }

    static int ltU32(int a, int b) {
        return (int) (((a & 0xFFFFFFFFL) - (b & 0xFFFFFFFFL)) >>> 63);
    }

    static int eqz64(long a) {
        return (int) (((a | -a) >>> 63) ^ 1);
    }

    static int ltS64(long a, long b) {
        long d = a - b;
        return (int) ((d ^ ((a ^ b) & (d ^ a))) >>> 63);
    }

    static int ltU64(long a, long b) {
        return (int) (((~a & b) | (~(a ^ b) & (a - b))) >>> 63);
    }

    /** {@code taken ? target : next} for {@code taken} in {0, 1}. */
    static int select(int taken, int target, int next) {
        return next + ((target - next) & -taken);
    }
}
