package dev.lia.wasm.link;

import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How much the code examples/jit generates saves: in wasm instructions executed (fuel, exact and
 * deterministic), and, when asked for with {@code -Djit.bench=true}, in time.
 */
class JitExampleTest {
    static final CompiledModule JIT = LateLinkerTest.compile(read());

    static byte[] read() {
        try {
            return Files.readAllBytes(Path.of("examples/jit/jit.wasm"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The example loaded with its built-in program, interpreting. */
    static LateLinkerTest.JitProgram interpreting() {
        Machine machine = new Machine(new Store());
        Instance main = machine.instantiate(JIT, ImportResolver.NONE);
        LateLinkerTest.JitProgram p = new LateLinkerTest.JitProgram(machine, main);
        p.call("load_builtin");
        return p;
    }

    /** Compiles the hot functions and links the module as jit.lia does. */
    static LateLinker.Linked link(LateLinkerTest.JitProgram p) {
        Instance main = p.instance();
        int ptr = p.call("jit_compile", 2);
        byte[] code = ((Memory) main.export("memory")).read(ptr, p.call("jit_size"));
        return new LateLinker(p.machine()).instantiate(code, Imports.none()
                .with("env", "memory", main.export("memory"))
                .with("env", "__indirect_function_table", main.export("__indirect_function_table")));
    }

    static long instructions(LateLinkerTest.JitProgram p, int n, int[] result) {
        p.machine().setFuel(Long.MAX_VALUE / 2);
        long before = p.machine().fuel();
        result[0] = p.call("run", n);
        long used = before - p.machine().fuel();
        p.machine().setFuel(Machine.UNLIMITED);
        return used;
    }

    @Test
    void compiledCodeRunsAFractionOfTheInstructions() {
        LateLinkerTest.JitProgram p = interpreting();
        int[] interpreted = new int[1];
        int[] compiled = new int[1];
        long slow = instructions(p, 12, interpreted);
        link(p);
        long fast = instructions(p, 12, compiled);
        assertThat(compiled[0]).isEqualTo(interpreted[0]).isEqualTo(LateLinkerTest.JitProgram.expected(12));
        assertThat(fast * 20).as("interpreted %d instructions, compiled %d", slow, fast).isLessThan(slow);
    }

    /** Wall-clock medians of run(n) interpreted and compiled; prints the ratio. Run with -Djit.bench=true. */
    @Test
    void speedup() {
        Assumptions.assumeTrue(Boolean.getBoolean("jit.bench"), "a benchmark: run with -Djit.bench=true");
        int n = Integer.getInteger("jit.n", 20);
        int runs = Integer.getInteger("jit.runs", 15);
        LateLinkerTest.JitProgram p = interpreting();
        int expected = p.call("run", n);
        double interpreted = median(p, n, 5, runs, expected);
        link(p);
        double compiled = median(p, n, 30, runs, expected); // the engine's own loop is recompiled by HotSpot for the new code
        System.out.printf("jit example, run(%d): interpreted %.1f ms, compiled %.1f ms (medians of %d runs): %.1fx%n",
                n, interpreted, compiled, runs, interpreted / compiled);
        assertThat(compiled).isLessThan(interpreted);
    }

    private static double median(LateLinkerTest.JitProgram p, int n, int warmup, int runs, int expected) {
        for (int i = 0; i < warmup; i++) assertThat(p.call("run", n)).isEqualTo(expected);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            assertThat(p.call("run", n)).isEqualTo(expected);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }
}
