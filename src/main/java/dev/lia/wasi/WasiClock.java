package dev.lia.wasi;

/**
 * The clocks a WASI program sees. The virtual clock (the default) is a counter: it starts at a fixed
 * moment and advances by a fixed step each time the program reads it, and jumps forward when the
 * program sleeps, so every run sees the same times. The real clock reads the host's clocks and
 * really sleeps.
 */
public abstract class WasiClock {
    public static final int REALTIME = 0;
    public static final int MONOTONIC = 1;
    public static final int PROCESS_CPUTIME = 2;
    public static final int THREAD_CPUTIME = 3;

    /** 2024-01-01T00:00:00Z in nanoseconds: where the virtual wall clock starts. */
    public static final long DEFAULT_EPOCH_NANOS = 1_704_067_200L * 1_000_000_000L;
    /** How far the virtual clock advances on each read: one millisecond. */
    public static final long DEFAULT_STEP_NANOS = 1_000_000L;

    /** A virtual clock starting at {@code epochNanos} (wall time) that advances {@code stepNanos} per read. */
    public static WasiClock virtual(long epochNanos, long stepNanos) {
        return new Virtual(epochNanos, stepNanos);
    }

    public static WasiClock virtual() {
        return virtual(DEFAULT_EPOCH_NANOS, DEFAULT_STEP_NANOS);
    }

    /** The host's clocks. */
    public static WasiClock real() {
        return new Real();
    }

    static boolean valid(int id) {
        return id >= REALTIME && id <= THREAD_CPUTIME;
    }

    /** The clock's resolution in nanoseconds. */
    public abstract long resolution(int id);

    /** Reads the clock: what {@code clock_time_get} answers. */
    public abstract long time(int id);

    /** The clock's time without the side effect of a read (a virtual clock does not advance). */
    public abstract long peek(int id);

    /** Lets the clock reach {@code deadline} (in the clock's own time): a virtual clock jumps, a real one sleeps. */
    public abstract void waitUntil(int id, long deadline);

    /** Whether this clock is deterministic. */
    public abstract boolean isVirtual();

    /** A virtual clock's nanoseconds since the program started (its whole state); 0 for the real clock. */
    long elapsed() {
        return 0;
    }

    /** Sets a virtual clock's elapsed time (restoring a saved state). */
    void setElapsed(long nanos) {
        throw new IllegalStateException("the real clock has no state to restore");
    }

    private static final class Virtual extends WasiClock {
        private final long epoch;
        private final long step;
        /** Nanoseconds since the program started. */
        private long elapsed;

        Virtual(long epoch, long step) {
            if (step < 0) throw new IllegalArgumentException("the clock step must be >= 0");
            this.epoch = epoch;
            this.step = step;
        }

        @Override
        public long resolution(int id) {
            return Math.max(1, step);
        }

        @Override
        public long time(int id) {
            elapsed += step;
            return peek(id);
        }

        @Override
        public long peek(int id) {
            return id == REALTIME ? epoch + elapsed : elapsed;
        }

        @Override
        public void waitUntil(int id, long deadline) {
            long now = peek(id);
            if (Long.compareUnsigned(deadline, now) > 0) elapsed += deadline - now;
        }

        @Override
        public boolean isVirtual() {
            return true;
        }

        @Override
        long elapsed() {
            return elapsed;
        }

        @Override
        void setElapsed(long nanos) {
            elapsed = nanos;
        }
    }

    private static final class Real extends WasiClock {
        private final long origin = System.nanoTime();

        @Override
        public long resolution(int id) {
            return 1_000;
        }

        @Override
        public long time(int id) {
            return peek(id);
        }

        @Override
        public long peek(int id) {
            if (id == REALTIME) {
                java.time.Instant now = java.time.Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            return System.nanoTime() - origin;
        }

        @Override
        public void waitUntil(int id, long deadline) {
            long remaining;
            while ((remaining = deadline - peek(id)) > 0) {
                try {
                    Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public boolean isVirtual() {
            return false;
        }
    }
}
