package dev.lia.testutil;

import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A corpus-style program ({@code _initialize}, then {@code run}) run in slices of {@code step} fuel
 * units: at every stop a brand-new machine of the next tier takes the state. What the tier tests
 * compare: the result, the memory's SHA-256, the fuel used, the state at every stop.
 */
public record SteppedRun(long result, String memory, long fuelUsed, List<MachineState> states, Instance instance) {
    public static SteppedRun of(CompiledModule module, long step, Tier... tiers) throws Exception {
        Store store = new Store();
        Machine machine = new Machine(store);
        machine.setTier(tiers[0]);
        Instance instance = machine.instantiate(module, ImportResolver.NONE);
        machine.setFuel(step);
        long given = step;
        List<MachineState> states = new ArrayList<>();
        long[] results = null;
        int turn = 0;
        for (String export : new String[] {"_initialize", "run"}) {
            machine.start(instance.exportedFunction(export));
            MachineOutcome outcome = machine.run();
            while (outcome instanceof MachineOutcome.OutOfFuel) {
                MachineState state = machine.snapshot();
                states.add(state);
                machine = FreshMachine.resumeIn(store, tiers[++turn % tiers.length], state, machine.fuel());
                machine.addFuel(step);
                given += step;
                outcome = machine.run();
            }
            results = ((MachineOutcome.Done) outcome).results();
        }
        long used = step == Machine.UNLIMITED ? Machine.UNLIMITED - machine.fuel() : given - machine.fuel();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(instance.memory().bytes());
        return new SteppedRun(results[0], HexFormat.of().formatHex(digest), used, states, instance);
    }
}
