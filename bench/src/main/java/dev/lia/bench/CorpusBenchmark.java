package dev.lia.bench;

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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH per-program figures, the same work as the table ({@code _initialize} + {@code run} on a
 * fresh instance, instantiation outside the timed part), one engine per fork. Long: every
 * invocation is a whole program run. {@code bench/run --jmh -p program=fib -p engine=Lia} for one
 * cell; {@code bench/run --jmh -h} for JMH's options.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
public class CorpusBenchmark {
    @Param({"fib", "mandelbrot", "sha256", "crc32", "nbody", "sort", "interp"})
    public String program;

    @Param({"Lia", "Chicory-interp", "Chicory-compiler"})
    public String engine;

    private JvmEngine.Program loaded;
    private JvmEngine.Ready ready;
    private int expected;

    @Setup(Level.Trial)
    public void load() {
        Path shared = Path.of(firstOf(System.getProperty("lia.shared"), System.getenv("LIA_SHARED"), "../shared"));
        Corpus.Program p = Corpus.load(shared, List.of(program)).get(0);
        JvmEngine e = switch (engine) {
            case "Lia" -> LiaEngine.plain();
            case "Chicory-interp" -> new ChicoryEngine(ChicoryEngine.Mode.INTERPRETER, true);
            case "Chicory-compiler" -> new ChicoryEngine(ChicoryEngine.Mode.COMPILER, true);
            default -> throw new IllegalArgumentException("engine is Lia, Chicory-interp or Chicory-compiler, not " + engine);
        };
        loaded = e.load(p.bytes());
        expected = p.expectedHash();
    }

    @Setup(Level.Invocation)
    public void instantiate() {
        ready = loaded.instantiate();
    }

    @Benchmark
    public int run() {
        int h = ready.initializeAndRun();
        if (h != expected) throw new IllegalStateException(String.format("%s on %s: 0x%08x, expected 0x%08x", program, engine, h, expected));
        return h;
    }

    private static String firstOf(String... xs) {
        for (String x : xs) if (x != null && !x.isBlank()) return x;
        throw new IllegalStateException();
    }
}
