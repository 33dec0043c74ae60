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
        // Later: all.add(new LiaEngine(withFuel)) named "Lia+fuel", once fuel metering exists;
        // the table gets its column and a "fuel cost" ratio against "Lia" from Bench.ratioColumns.
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
