package dev.lia.wasm.exec;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The branch-free comparisons agree with Java's own on edge values and on random ones. */
class CompareTest {
    private static final int[] INTS = {0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1, 0x7FFF, 0x8000, 0xFFFF, 0x10000};
    private static final long[] LONGS = {0, 1, -1, 2, -2, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
            Long.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFFFFFFL, 0x100000000L};

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    private static void check32(int a, int b) {
        assertThat(Compare.eqz32(a)).as("eqz %d", a).isEqualTo(bit(a == 0));
        assertThat(Compare.eq32(a, b)).as("eq %d %d", a, b).isEqualTo(bit(a == b));
        assertThat(Compare.ltS32(a, b)).as("lt_s %d %d", a, b).isEqualTo(bit(a < b));
        assertThat(Compare.ltU32(a, b)).as("lt_u %d %d", a, b).isEqualTo(bit(Integer.compareUnsigned(a, b) < 0));
    }

    private static void check64(long a, long b) {
        assertThat(Compare.eqz64(a)).as("eqz %d", a).isEqualTo(bit(a == 0));
        assertThat(Compare.ltS64(a, b)).as("lt_s %d %d", a, b).isEqualTo(bit(a < b));
        assertThat(Compare.ltU64(a, b)).as("lt_u %d %d", a, b).isEqualTo(bit(Long.compareUnsigned(a, b) < 0));
    }

    @Test
    void edgeValues() {
        for (int a : INTS) for (int b : INTS) check32(a, b);
        for (long a : LONGS) for (long b : LONGS) check64(a, b);
    }

    @Test
    void randomValues() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            check32(random.nextInt(), random.nextInt());
            check64(random.nextLong(), random.nextLong());
            int small = random.nextInt(-3, 4);
            check32(small, random.nextInt(-3, 4));
        }
    }

    @Test
    void selectPicksTheTargetOnlyWhenTaken() {
        assertThat(Compare.select(1, 100, 7)).isEqualTo(100);
        assertThat(Compare.select(0, 100, 7)).isEqualTo(7);
        assertThat(Compare.select(1, 0, 123_456)).isZero();
    }
}
