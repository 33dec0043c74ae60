package dev.lia.wasm.text;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Reading nested s-expressions recurses once per level. Should a text nest deeper than the calling
 * thread's stack allows, the work is done again on a thread with a large stack; deeper still is an
 * error ("nesting too deep"), never a {@link StackOverflowError}.
 */
final class DeepNesting {
    private static final long BIG_STACK = 1L << 30;

    private DeepNesting() {}

    static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (StackOverflowError e) {
            return onBigStack(work);
        }
    }

    private static <T> T onBigStack(Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable x) {
                failure.set(x);
            }
        }, "lia-text-deep", BIG_STACK);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TextFormatException("interrupted", -1);
        }
        Throwable x = failure.get();
        if (x instanceof StackOverflowError) throw new TextFormatException("nesting too deep", -1);
        if (x instanceof RuntimeException r) throw r;
        if (x instanceof Error err) throw err;
        return result.get();
    }
}
