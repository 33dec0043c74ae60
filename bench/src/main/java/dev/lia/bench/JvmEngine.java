package dev.lia.bench;

/**
 * A WebAssembly engine that runs inside this JVM. The harness loads a module once
 * ({@link #load}: decode, validate, compile), then for every measured run makes a fresh instance
 * (untimed) and times {@code _initialize} followed by {@code run} on it, as {@code run_core.mjs}
 * times V8.
 *
 * <p>To add a column (for example "Lia with fuel" once fuel metering exists), implement this
 * interface and list the implementation in {@link Engines#jvmEngines}.
 */
public interface JvmEngine {
    /** Short name: the column header and the name for {@code --engines}. */
    String name();

    /** Decodes, validates and compiles; everything that can be shared by many instances. */
    Program load(byte[] wasm);

    interface Program {
        /** A fresh instance, ready for {@code _initialize} (memory allocated, segments copied). */
        Ready instantiate();
    }

    interface Ready {
        /** Calls {@code _initialize} then {@code run}; returns {@code run}'s i32 result. */
        int initializeAndRun();
    }
}
