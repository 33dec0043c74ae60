package dev.lia.bench;

import dev.lia.wasm.exec.Machine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The engines the harness knows, in column order. */
final class Engines {
    private Engines() {}

    /**
     * Engines inside this JVM: Lia in every tier asked for (with and without fuel slices), then
     * Chicory's interpreter and compiler. A tier this Lia's embedding API cannot select is left
     * out, and a note says so.
     */
    static List<JvmEngine> jvmEngines(Options o, List<String> notes) {
        List<JvmEngine> all = new ArrayList<>();
        for (String tier : o.liaTiers) {
            Consumer<Machine> tierSwitch = LiaTiers.inProcess(tier);
            if (tierSwitch == null) {
                notes.add("Lia's embedding API has no tier switch yet: the warm " + LiaTiers.column(tier) + " column is left out.");
                continue;
            }
            all.add(new LiaEngine(tier, tierSwitch, 0));
            // Fuel: a budget refilled every o.fuelSlice units; Table.ratios gives it "L+fuel/L".
            if (o.fuelSlice > 0) all.add(new LiaEngine(tier, tierSwitch, o.fuelSlice));
            // The same slices refilled where the fuel runs out (Machine.setFuelRefill): "L+refill/L".
            if (o.fuelSlice > 0) all.add(new LiaEngine(tier, tierSwitch, o.fuelSlice, true));
        }
        for (ChicoryEngine.Mode m : ChicoryEngine.Mode.values()) all.add(new ChicoryEngine(m, !o.chicoryBufferMemory));
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
