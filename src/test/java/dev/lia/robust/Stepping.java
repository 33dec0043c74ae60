package dev.lia.robust;

import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.text.TextFormat;

/** Runs an export with fuel stops every {@code step} units, each stop moved to a brand-new machine. */
final class Stepping {
    private Stepping() {}

    static CompiledModule wat(String text) {
        return Pipeline.load(ModuleEncoder.encode(TextFormat.parseModule(text)));
    }

    static long[] straight(CompiledModule module, String export, long... args) {
        Machine machine = new Machine(new Store());
        Instance instance = machine.instantiate(module, ImportResolver.NONE);
        return machine.invoke(instance.exportedFunction(export), args);
    }

    static long[] stepped(CompiledModule module, String export, long step, long... args) {
        Store store = new Store();
        Machine machine = new Machine(store);
        Instance instance = machine.instantiate(module, ImportResolver.NONE);
        FunctionInstance f = instance.exportedFunction(export);
        machine.setFuel(step);
        machine.start(f, args);
        MachineOutcome outcome = machine.run();
        while (outcome instanceof MachineOutcome.OutOfFuel) {
            MachineState state = machine.snapshot();
            long fuel = machine.fuel();
            machine = new Machine(store);
            machine.restore(state);
            machine.setFuel(fuel);
            machine.addFuel(step);
            outcome = machine.run();
        }
        return ((MachineOutcome.Done) outcome).results();
    }
}
