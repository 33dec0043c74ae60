package dev.lia.bench;

import java.util.ArrayList;
import java.util.List;

/** The engines the harness knows, in column order. */
final class Engines {
    private Engines() {}

    /** Engines inside this JVM. The first one is the engine the ratios are about (Lia). */
    static List<JvmEngine> jvmEngines(Options o) {
        List<JvmEngine> all = new ArrayList<>();
        all.add(new LiaEngine());
        // Fuel: a budget refilled every o.fuelSlice units; Bench.ratioColumns gives it "Lia+fuel/Lia".
        if (o.fuelSlice > 0) all.add(new LiaEngine(o.fuelSlice));
        // A debugger column would go here too (e.g. "Lia+hooks": hooks installed, no debugger attached).
        all.add(new ChicoryEngine(!o.chicoryBufferMemory));
        all.removeIf(e -> !o.wants(e.name()));
        return all;
    }

    /** Engines run as separate processes, if installed. */
    static List<ExternalEngine> externalEngines(Options o) {
        List<ExternalEngine> all = new ArrayList<>();
        all.add(ExternalEngine.v8(o.shared));
        all.add(ExternalEngine.wasmInterp());
        all.removeIf(e -> !o.wants(e.name()) || !e.available());
        return all;
    }
}
