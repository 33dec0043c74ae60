package dev.lia.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a WASI program may see: its arguments and environment, the host directories it may use, its
 * standard streams, and how its clock and random source behave. Immutable; build one with
 * {@link #builder()}. The defaults are deterministic: no arguments beyond those given, an empty
 * environment, no directories, empty stdin, stdout and stderr discarded, a virtual clock and random
 * bytes from seed 0.
 */
public final class WasiConfig {
    /** A host directory the program sees under {@code guestPath}. */
    public record Preopen(Path host, String guestPath) {
        public Preopen {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(guestPath, "guestPath");
            if (guestPath.isEmpty()) throw new IllegalArgumentException("the guest path of a preopen is empty");
        }
    }

    /** How standard input is supplied. */
    enum StdinKind { BYTES, STREAM, DRIVER }

    final List<String> args;
    final Map<String, String> env;
    final List<Preopen> preopens;
    final StdinKind stdinKind;
    final byte[] stdinBytes;
    final InputStream stdinStream;
    final OutputStream stdout;
    final OutputStream stderr;
    final boolean realClock;
    final long clockEpochNanos;
    final long clockStepNanos;
    final boolean secureRandom;
    final long seed;

    private WasiConfig(Builder b) {
        args = List.copyOf(b.args);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        preopens = List.copyOf(b.preopens);
        stdinKind = b.stdinKind;
        stdinBytes = b.stdinBytes;
        stdinStream = b.stdinStream;
        stdout = b.stdout;
        stderr = b.stderr;
        realClock = b.realClock;
        clockEpochNanos = b.clockEpochNanos;
        clockStepNanos = b.clockStepNanos;
        secureRandom = b.secureRandom;
        seed = b.seed;
    }

    private WasiConfig(WasiConfig c, StdinKind stdinKind, OutputStream stdout, OutputStream stderr) {
        args = c.args;
        env = c.env;
        preopens = c.preopens;
        this.stdinKind = stdinKind;
        stdinBytes = stdinKind == c.stdinKind ? c.stdinBytes : new byte[0];
        stdinStream = stdinKind == c.stdinKind ? c.stdinStream : null;
        this.stdout = stdout;
        this.stderr = stderr;
        realClock = c.realClock;
        clockEpochNanos = c.clockEpochNanos;
        clockStepNanos = c.clockStepNanos;
        secureRandom = c.secureRandom;
        seed = c.seed;
    }

    /** This configuration with stdin supplied by a driver ({@link Builder#stdinFromDriver()}). */
    public WasiConfig withStdinFromDriver() {
        return new WasiConfig(this, StdinKind.DRIVER, stdout, stderr);
    }

    /** This configuration with other sinks for standard output and error. */
    public WasiConfig withOutput(OutputStream stdout, OutputStream stderr) {
        return new WasiConfig(this, stdinKind, java.util.Objects.requireNonNull(stdout), java.util.Objects.requireNonNull(stderr));
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> args() {
        return args;
    }

    public Map<String, String> env() {
        return env;
    }

    public List<Preopen> preopens() {
        return preopens;
    }

    public boolean realClock() {
        return realClock;
    }

    public boolean secureRandom() {
        return secureRandom;
    }

    public long seed() {
        return seed;
    }

    /** A fresh clock as configured. */
    WasiClock newClock() {
        return realClock ? WasiClock.real() : WasiClock.virtual(clockEpochNanos, clockStepNanos);
    }

    /** A fresh random source as configured. */
    WasiRandom newRandom() {
        return secureRandom ? WasiRandom.secure() : WasiRandom.seeded(seed);
    }

    /** Fresh standard input as configured. */
    WasiStdin newStdin() {
        return switch (stdinKind) {
            case BYTES -> WasiStdin.of(stdinBytes);
            case STREAM -> WasiStdin.of(stdinStream);
            case DRIVER -> WasiStdin.fromDriver();
        };
    }

    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Preopen> preopens = new ArrayList<>();
        private StdinKind stdinKind = StdinKind.BYTES;
        private byte[] stdinBytes = new byte[0];
        private InputStream stdinStream;
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private boolean realClock;
        private long clockEpochNanos = WasiClock.DEFAULT_EPOCH_NANOS;
        private long clockStepNanos = WasiClock.DEFAULT_STEP_NANOS;
        private boolean secureRandom;
        private long seed;

        private Builder() {}

        /** Appends arguments; the first one is the program's name ({@code argv[0]}). */
        public Builder args(String... values) {
            return args(List.of(values));
        }

        public Builder args(List<String> values) {
            for (String a : values) args.add(Objects.requireNonNull(a));
            return this;
        }

        /** Sets an environment variable (the program sees them in the order first set). */
        public Builder env(String name, String value) {
            Objects.requireNonNull(value);
            if (name.isEmpty() || name.indexOf('=') >= 0) throw new IllegalArgumentException("bad environment variable name: " + name);
            env.put(name, value);
            return this;
        }

        /** Lets the program use the host directory {@code host} under the name {@code guestPath}. */
        public Builder preopen(Path host, String guestPath) {
            preopens.add(new Preopen(host, guestPath));
            return this;
        }

        /** Standard input is exactly these bytes. */
        public Builder stdin(byte[] bytes) {
            stdinKind = StdinKind.BYTES;
            stdinBytes = bytes.clone();
            stdinStream = null;
            return this;
        }

        /** Standard input is read from this stream. */
        public Builder stdin(InputStream stream) {
            stdinKind = StdinKind.STREAM;
            stdinStream = Objects.requireNonNull(stream);
            return this;
        }

        /** Standard input is supplied by a driver as the program runs (see {@link WasiStdin#fromDriver}). */
        public Builder stdinFromDriver() {
            stdinKind = StdinKind.DRIVER;
            stdinStream = null;
            return this;
        }

        public Builder stdout(OutputStream sink) {
            stdout = Objects.requireNonNull(sink);
            return this;
        }

        public Builder stderr(OutputStream sink) {
            stderr = Objects.requireNonNull(sink);
            return this;
        }

        /** Use the host's clocks instead of the virtual clock. */
        public Builder realClock() {
            realClock = true;
            return this;
        }

        /** A virtual clock starting at {@code epochNanos} (wall time) that advances {@code stepNanos} per read. */
        public Builder virtualClock(long epochNanos, long stepNanos) {
            if (stepNanos < 0) throw new IllegalArgumentException("the clock step must be >= 0");
            realClock = false;
            clockEpochNanos = epochNanos;
            clockStepNanos = stepNanos;
            return this;
        }

        /** Random bytes from a SplitMix64 generator seeded with {@code value}. */
        public Builder seed(long value) {
            secureRandom = false;
            seed = value;
            return this;
        }

        /** Random bytes from the host's {@link java.security.SecureRandom}. */
        public Builder secureRandom() {
            secureRandom = true;
            return this;
        }

        public WasiConfig build() {
            return new WasiConfig(this);
        }
    }
}
