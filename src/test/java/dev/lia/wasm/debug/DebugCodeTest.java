package dev.lia.wasm.debug;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Memory;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.spec.SuiteLocation;
import dev.lia.wasm.syntax.Module;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Debug code against fast code on the corpus: both mark the same instructions with the same operand
 * heights (what moving a frame between them relies on), and debug code computes the same results,
 * with a hook that sees every instruction or without one.
 */
class DebugCodeTest {
    static final List<String> PROGRAMS = List.of("crc32", "fib", "interp", "mandelbrot", "nbody", "sha256", "sort");
    /** Programs run in debug code (the slower ones are left out to keep the suite quick). */
    static final List<String> RUN = List.of("fib", "nbody", "sha256");
    /** Programs run with a hook called before every instruction (the others run debug code without one). */
    static final List<String> HOOKED = List.of("fib");

    static Module load(Path p) throws IOException {
        Module m = Pipeline.decode(Files.readAllBytes(p));
        Pipeline.validate(m);
        return m;
    }

    @TestFactory
    Stream<DynamicTest> debugCodeMarksTheSameInstructionsAsFastCode() {
        return PROGRAMS.stream().map(p -> dynamicTest(p, () -> {
            Module m = load(SuiteLocation.corpus().resolve("core").resolve(p + ".wasm"));
            CompiledModule fast = ModuleCompiler.compile(m);
            CompiledModule debug = ModuleCompiler.compile(m, true);
            for (int i = 0; i < fast.functions().size(); i++) {
                CompiledFunction f = fast.functions().get(i);
                CompiledFunction d = debug.functions().get(i);
                assertThat(ModuleCompiler.isDebugCode(d)).isTrue();
                assertThat(ModuleCompiler.isDebugCode(f)).isFalse();
                assertThat(d.offsets()).as("function %d", f.index()).isEqualTo(f.offsets());
                assertThat(d.heights()).as("function %d", f.index()).isEqualTo(f.heights());
                assertThat(d.operandBase()).isEqualTo(f.operandBase());
                for (int offset : d.offsets()) assertThat(d.canResumeBefore(offset)).isTrue();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> debugCodeRunsTheCorpusIdentically() {
        return RUN.stream().map(p -> dynamicTest(p, () -> {
            Path corpus = SuiteLocation.corpus();
            Module m = load(corpus.resolve("core").resolve(p + ".wasm"));
            String expected = Files.readString(corpus.resolve("expected").resolve("core").resolve(p + ".out"), StandardCharsets.ISO_8859_1);
            Machine machine = new Machine(new Store());
            AtomicLong steps = new AtomicLong();
            if (HOOKED.contains(p)) {
                machine.setDebugHook((mach, f, instruction) -> {
                    steps.incrementAndGet();
                    return false;
                });
            }
            Instance inst = machine.instantiate(ModuleCompiler.compile(m, true), ImportResolver.NONE);
            FunctionInstance init = inst.exportedFunction("_initialize");
            if (init != null) machine.invoke(init);
            int hash = (int) machine.invoke(inst.exportedFunction("run"))[0];
            long ptr = machine.invoke(inst.exportedFunction("out_ptr"))[0] & 0xFFFFFFFFL;
            int len = (int) machine.invoke(inst.exportedFunction("out_len"))[0];
            String text = new String(((Memory) inst.export("memory")).read(ptr, len), StandardCharsets.ISO_8859_1);
            assertThat(text + String.format("run() = 0x%08x\n", hash)).isEqualTo(expected);
            if (HOOKED.contains(p)) assertThat(steps.get()).isGreaterThan(1_000_000);
        }));
    }
}
