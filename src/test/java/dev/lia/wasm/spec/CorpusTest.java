package dev.lia.wasm.spec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The seven C programs of {@code corpus/core} (clang -O2, no imports): {@code _initialize}, then
 * {@code run()} returns a hash of the text it printed into memory at {@code out_ptr()}/{@code out_len()};
 * the text plus {@code run() = 0x%08x} must equal {@code corpus/expected/core/P.out}.
 */
class CorpusTest {
    static final List<String> PROGRAMS = List.of("crc32", "fib", "interp", "mandelbrot", "nbody", "sha256", "sort");

    @TestFactory
    Stream<DynamicTest> corpusCore() throws IOException {
        Path corpus = SuiteLocation.corpus();
        List<String> found;
        try (Stream<Path> files = Files.list(corpus.resolve("core"))) {
            found = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wasm"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().collect(Collectors.toList());
        }
        assertThat(found).as("programs in " + corpus.resolve("core")).isEqualTo(PROGRAMS);
        return PROGRAMS.stream().map(p -> dynamicTest(p, () -> {
            byte[] bytes = Files.readAllBytes(corpus.resolve("core").resolve(p + ".wasm"));
            String expected = Files.readString(corpus.resolve("expected").resolve("core").resolve(p + ".out"), StandardCharsets.ISO_8859_1);
            assertThat(runProgram(bytes)).isEqualTo(expected);
        }));
    }

    /** What run_core.mjs prints for a core corpus module. */
    static String runProgram(byte[] bytes) {
        CompiledModule module = Pipeline.load(bytes);
        Machine machine = new Machine(new Store());
        Instance instance = machine.instantiate(module, ImportResolver.NONE);
        FunctionInstance init = instance.exportedFunction("_initialize");
        if (init != null) machine.invoke(init);
        int hash = (int) machine.invoke(export(instance, "run"))[0];
        long ptr = machine.invoke(export(instance, "out_ptr"))[0] & 0xFFFFFFFFL;
        int len = (int) machine.invoke(export(instance, "out_len"))[0];
        assertThat(instance.export("memory")).isInstanceOf(Memory.class);
        byte[] text = ((Memory) instance.export("memory")).read(ptr, len);
        return new String(text, StandardCharsets.ISO_8859_1) + String.format("run() = 0x%08x\n", hash);
    }

    private static FunctionInstance export(Instance instance, String name) {
        FunctionInstance f = instance.exportedFunction(name);
        assertThat(f).as("export " + name).isNotNull();
        return f;
    }
}
