package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.spec.SuiteLocation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which methods write their locals through ({@link WriteThrough}): the large loops C1 refused while
 * every stop kept every local alive (nbody's and sort's {@code main}, function 2 of each), and not
 * small or medium functions, whose writes would only cost, nor ones cut into regions (printf).
 */
class WriteThroughPolicyTest {
    private static CompiledFunction function(String program, int index) throws Exception {
        CompiledModule cm = Pipeline.load(Files.readAllBytes(SuiteLocation.corpus().resolve("core").resolve(program + ".wasm")));
        return new ModuleLayout(cm).code(index);
    }

    @Test
    void the_large_loops_C1_refused_write_their_locals_through() throws Exception {
        for (String program : new String[] {"nbody", "sort"}) {
            CompiledFunction main = function(program, 2);
            assertThat(WriteThrough.choose(main).cardinality()).as(program + "'s main").isEqualTo(main.localCount());
        }
    }

    @Test
    void small_functions_and_ones_cut_into_regions_do_not() throws Exception {
        assertThat(WriteThrough.choose(function("mandelbrot", 2)).isEmpty()).as("mandelbrot's main (20 locals, 511 positions)").isTrue();
        assertThat(WriteThrough.choose(function("fib", 24)).isEmpty()).as("printf's core (7,290 positions: regions)").isTrue();
        assertThat(WriteThrough.choose(function("fib", 12)).isEmpty()).as("a small libc function").isTrue();
    }
}
