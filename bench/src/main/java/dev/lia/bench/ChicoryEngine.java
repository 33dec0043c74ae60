package dev.lia.bench;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

/**
 * Chicory's interpreter ({@code com.dylibso.chicory:runtime}). Chicory's builder defaults to
 * {@link ByteBufferMemory}; the harness uses {@link ByteArrayMemory}, the {@code byte[]}-backed one
 * meant for speed, unless told otherwise ({@code --chicory-memory buffer}); on the corpus the two
 * measure alike. {@code build()} does not call {@code _initialize}: the harness does.
 */
final class ChicoryEngine implements JvmEngine {
    private final boolean byteArrayMemory;

    ChicoryEngine(boolean byteArrayMemory) {
        this.byteArrayMemory = byteArrayMemory;
    }

    @Override
    public String name() {
        return "Chicory";
    }

    @Override
    public Program load(byte[] wasm) {
        WasmModule module = Parser.parse(wasm); // decodes and validates
        return () -> {
            Instance instance = build(module);
            ExportFunction init = instance.export("_initialize");
            ExportFunction run = instance.export("run");
            return () -> {
                if (init != null) init.apply();
                return (int) run.apply()[0];
            };
        };
    }

    private Instance build(WasmModule module) {
        Instance.Builder b = Instance.builder(module).withMachineFactory(InterpreterMachine::new);
        if (byteArrayMemory) b = b.withMemoryFactory(ByteArrayMemory::new);
        return b.build();
    }

    /** Bytes to a ready instance: parse+validate, then instantiate (ns each). */
    long[] loadPhases(byte[] wasm) {
        long t0 = System.nanoTime();
        WasmModule module = Parser.parse(wasm);
        long t1 = System.nanoTime();
        Instance instance = build(module);
        long t2 = System.nanoTime();
        if (instance.export("run") == null) throw new IllegalStateException("no export run");
        return new long[] {t1 - t0, t2 - t1};
    }
}
