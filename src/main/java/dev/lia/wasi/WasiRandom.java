package dev.lia.wasi;

import java.security.SecureRandom;

/**
 * The bytes {@code random_get} answers. By default a seeded SplitMix64 generator, so every run with
 * the same seed sees the same bytes; the host's {@link SecureRandom} only when asked for.
 */
public abstract class WasiRandom {
    /** SplitMix64 from {@code seed}: fast, deterministic, the same on every machine. */
    public static WasiRandom seeded(long seed) {
        return new SplitMix64(seed);
    }

    /** The host's cryptographic random source. */
    public static WasiRandom secure() {
        return new Secure();
    }

    /** Fills {@code length} bytes of {@code buffer} from {@code offset}. */
    public abstract void fill(byte[] buffer, int offset, int length);

    public abstract boolean isSeeded();

    /** A seeded generator's whole state. */
    long state() {
        throw new IllegalStateException("a secure random source has no state to save");
    }

    void setState(long state) {
        throw new IllegalStateException("a secure random source has no state to restore");
    }

    private static final class SplitMix64 extends WasiRandom {
        private long state;

        SplitMix64(long seed) {
            state = seed;
        }

        private long next() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        @Override
        public void fill(byte[] buffer, int offset, int length) {
            int end = offset + length;
            while (offset < end) {
                long r = next();
                for (int i = 0; i < 8 && offset < end; i++, r >>>= 8) buffer[offset++] = (byte) r;
            }
        }

        @Override
        public boolean isSeeded() {
            return true;
        }

        @Override
        long state() {
            return state;
        }

        @Override
        void setState(long state) {
            this.state = state;
        }
    }

    private static final class Secure extends WasiRandom {
        private final SecureRandom random = new SecureRandom();

        @Override
        public void fill(byte[] buffer, int offset, int length) {
            byte[] b = new byte[length];
            random.nextBytes(b);
            System.arraycopy(b, 0, buffer, offset, length);
        }

        @Override
        public boolean isSeeded() {
            return false;
        }
    }
}
