package dev.lia.wasm.exec;

/**
 * How compiled code stops: thrown where the run must suspend (out of fuel, a host call the driver
 * answers, a stop inside interpreted code it called), after the stopping frame wrote itself where
 * {@link Machine#snapshot()} looks. Every compiled frame it passes writes its own frame record and
 * rethrows it; the interpreter's entry into compiled code catches it and returns the outcome left
 * in {@link Machine}. One preallocated instance without a stack trace: unwinding costs no allocation.
 */
public final class Unwind extends RuntimeException {
    static final Unwind INSTANCE = new Unwind();
    // public only for generated code, which catches and rethrows it; nothing else can make one

    private Unwind() {
        super("unwind", null, false, false);
    }
}
