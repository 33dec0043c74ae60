package dev.lia.testutil;

import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.runtime.Store;

/** The tier tests' move: a stopped run continued on a brand-new machine of another tier, as another process would. */
public final class FreshMachine {
    private FreshMachine() {}

    /** A new machine over {@code store} in {@code tier}, restored to {@code state} with {@code fuel} left. */
    public static Machine resumeIn(Store store, Tier tier, MachineState state, long fuel) {
        Machine machine = new Machine(store);
        machine.setTier(tier);
        machine.restore(state);
        machine.setFuel(fuel);
        return machine;
    }
}
