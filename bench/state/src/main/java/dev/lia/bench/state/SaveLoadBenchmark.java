package dev.lia.bench.state;

import dev.lia.state.EngineState;
import dev.lia.state.LiveSession;
import dev.lia.state.StateCodec;
import dev.lia.wasm.runtime.Limits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Saving and loading a blocked session with 16 MiB of memory, of which {@code nonZeroPages} pages
 * hold data: save = snapshot + canonical encoding + SHA-256; load = decode (checksum included) +
 * a fresh store, machine and VM. Also the two halves of each separately.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class SaveLoadBenchmark {
    @Param({"256", "64", "0"})
    int nonZeroPages;

    Fixture fixture;
    byte[] saved;
    EngineState snapshot;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = new Fixture(nonZeroPages);
        saved = fixture.live.save();
        snapshot = fixture.live.snapshot();
    }

    @Benchmark
    public byte[] save() {
        return fixture.live.save();
    }

    @Benchmark
    public LiveSession load() {
        return LiveSession.load(saved, fixture.module, Limits.DEFAULT, Map.of(), fixture::program);
    }

    @Benchmark
    public EngineState snapshotOnly() {
        return fixture.live.snapshot();
    }

    @Benchmark
    public byte[] encodeOnly() {
        return StateCodec.encode(snapshot);
    }

    @Benchmark
    public EngineState decodeOnly() {
        return StateCodec.decode(saved, Limits.DEFAULT);
    }
}
