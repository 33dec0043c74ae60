package dev.lia.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

import java.util.function.Function;

/**
 * Chicory 1.7, either its interpreter ({@code com.dylibso.chicory:runtime},
 * {@link InterpreterMachine}) or its compiler ({@code com.dylibso.chicory:compiler}: every
 * function becomes JVM bytecode in classes of the module's own; in 1.7 the compiler is chosen by
 * passing {@link MachineFactoryCompiler#compile(WasmModule)}'s machine factory to
 * {@code Instance.builder(module).withMachineFactory}, and that call is where the module is
 * compiled, so it belongs to {@link #load}).
 *
 * <p>Chicory's builder defaults to {@link ByteBufferMemory}; the harness uses
 * {@link ByteArrayMemory}, the {@code byte[]}-backed one meant for speed, unless told otherwise
 * ({@code --chicory-memory buffer}); on the corpus the two measure alike. {@code build()} does not
 * call {@code _initialize}: the harness does.
 */
final class ChicoryEngine implements JvmEngine {
    /** Which of Chicory's two execution engines. */
    enum Mode {
        INTERPRETER("Chicory-interp"),
        COMPILER("Chicory-compiler");

        final String column;

        Mode(String column) {
            this.column = column;
        }

        static Mode parse(String s) {
            return switch (s) {
                case "interp", "interpreter" -> INTERPRETER;
                case "compiler", "compiled" -> COMPILER;
                default -> throw new IllegalArgumentException("a Chicory mode is interp or compiler, not " + s);
            };
        }
    }

    private final Mode mode;
    private final boolean byteArrayMemory;

    ChicoryEngine(Mode mode, boolean byteArrayMemory) {
        this.mode = mode;
        this.byteArrayMemory = byteArrayMemory;
    }

    Mode mode() {
        return mode;
    }

    @Override
    public String name() {
        return mode.column;
    }

    @Override
    public Program load(byte[] wasm) {
        WasmModule module = Parser.parse(wasm); // decodes and validates
        Function<Instance, Machine> machines = machineFactory(module);
        return () -> {
            Instance instance = build(module, machines, ImportValues.empty(), false);
            ExportFunction init = instance.export("_initialize");
            ExportFunction run = instance.export("run");
            return () -> {
                if (init != null) init.apply();
                return (int) run.apply()[0];
            };
        };
    }

    /** The machine factory of this mode; for the compiler, compiling the whole module happens here. */
    Function<Instance, Machine> machineFactory(WasmModule module) {
        return mode == Mode.COMPILER ? MachineFactoryCompiler.compile(module) : InterpreterMachine::new;
    }

    /** An instance; {@code start}: run the module's start function and, for a WASI command, {@code _start}. */
    Instance build(WasmModule module, Function<Instance, Machine> machines, ImportValues imports, boolean start) {
        Instance.Builder b = Instance.builder(module).withMachineFactory(machines).withImportValues(imports).withStart(start);
        if (byteArrayMemory) b = b.withMemoryFactory(ByteArrayMemory::new);
        return b.build();
    }

    /**
     * Bytes to a ready instance, ns per phase as Lia's are reported: parse (which validates), no
     * separate validation (-1), compile (the compiler only, else -1), instantiate.
     */
    long[] loadPhases(byte[] wasm) {
        long t0 = System.nanoTime();
        WasmModule module = Parser.parse(wasm);
        long t1 = System.nanoTime();
        Function<Instance, Machine> machines = machineFactory(module);
        long t2 = System.nanoTime();
        Instance instance = build(module, machines, ImportValues.empty(), false);
        long t3 = System.nanoTime();
        if (instance.export("run") == null) throw new IllegalStateException("no export run");
        return new long[] {t1 - t0, -1, mode == Mode.COMPILER ? t2 - t1 : -1, t3 - t2};
    }
}
