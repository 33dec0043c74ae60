package dev.lia.bench;

import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.syntax.Module;

import java.util.function.Consumer;

/**
 * Lia in one tier; with {@link LiaTiers} the only files of the harness that use Lia's API. Lia
 * always counts fuel; the plain engine runs with an unlimited budget, and "+fuel" with a budget of
 * {@code fuelSlice} units that it refills every time the machine stops out of fuel, as a host that
 * time-slices guests would (suspend, add fuel, run on); "+refill" gives the same slices through
 * {@code Machine.setFuelRefill}, refilled where the fuel runs out without a stop.
 */
final class LiaEngine implements JvmEngine {
    private final String tier;
    private final Consumer<Machine> tierSwitch;
    private final long fuelSlice; // 0: unlimited
    private final boolean inPlace;

    /** {@code tierSwitch}: from {@link LiaTiers#inProcess}, applied to every new machine. */
    LiaEngine(String tier, Consumer<Machine> tierSwitch, long fuelSlice) {
        this(tier, tierSwitch, fuelSlice, false);
    }

    /** {@code inPlace}: the slices refilled through {@code Machine.setFuelRefill} rather than by taking each stop. */
    LiaEngine(String tier, Consumer<Machine> tierSwitch, long fuelSlice, boolean inPlace) {
        this.tier = tier;
        this.tierSwitch = tierSwitch;
        this.fuelSlice = fuelSlice;
        this.inPlace = inPlace;
    }

    /** Lia as it runs by default, no fuel slices. */
    static LiaEngine plain() {
        return new LiaEngine(LiaTiers.DEFAULT, m -> {}, 0);
    }

    String tier() {
        return tier;
    }

    boolean sliced() {
        return fuelSlice > 0;
    }

    @Override
    public String name() {
        return LiaTiers.column(tier) + (fuelSlice == 0 ? "" : inPlace ? "+refill" : "+fuel");
    }

    @Override
    public Program load(byte[] wasm) {
        CompiledModule compiled = Pipeline.load(wasm);
        return () -> {
            Machine machine = new Machine(new Store());
            tierSwitch.accept(machine);
            if (inPlace) machine.setFuelRefill(overdraft -> fuelSlice);
            Instance instance = machine.instantiate(compiled, ImportResolver.NONE);
            FunctionInstance init = instance.exportedFunction("_initialize");
            FunctionInstance run = instance.exportedFunction("run");
            if (fuelSlice == 0) {
                return () -> {
                    if (init != null) machine.invoke(init);
                    return (int) machine.invoke(run)[0];
                };
            }
            return () -> {
                if (init != null) metered(machine, init);
                return (int) metered(machine, run)[0];
            };
        };
    }

    private long[] metered(Machine machine, FunctionInstance fn) {
        machine.setFuel(fuelSlice);
        machine.start(fn);
        MachineOutcome outcome = machine.run();
        while (outcome instanceof MachineOutcome.OutOfFuel) {
            machine.addFuel(fuelSlice);
            outcome = machine.run();
        }
        if (outcome instanceof MachineOutcome.Done done) return done.results();
        throw new IllegalStateException("unexpected outcome " + outcome);
    }

    /** Bytes to a ready instance, phase by phase: decode, validate, compile, instantiate (ns each). */
    static long[] loadPhases(byte[] wasm) {
        long t0 = System.nanoTime();
        Module module = Pipeline.decode(wasm);
        long t1 = System.nanoTime();
        Pipeline.validate(module);
        long t2 = System.nanoTime();
        CompiledModule compiled = ModuleCompiler.compile(module);
        long t3 = System.nanoTime();
        Machine machine = new Machine(new Store());
        Instance instance = machine.instantiate(compiled, ImportResolver.NONE);
        long t4 = System.nanoTime();
        if (instance.exportedFunction("run") == null) throw new IllegalStateException("no export run");
        return new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3};
    }
}
