package dev.lia.wasm.exec;

/**
 * A host's answer when the fuel runs out, asked where the machine would stop
 * ({@link Machine#setFuelRefill}): the units to go on with at once, exactly as if the host had taken
 * the {@link MachineOutcome.OutOfFuel} stop, added them ({@link Machine#addFuel}) and run on, with
 * the same results, traps, fuel and state at every point; 0 (or less) to stop out of fuel as
 * without it. Asked again while the fuel is still negative. A time-slicing host that only counts or
 * checks a deadline between slices uses it so that compiled code need not unwind into the
 * interpreter's records and start again at every slice.
 *
 * <p>Called on the running thread in the middle of wasm code: it must not use the machine.
 */
@FunctionalInterface
public interface FuelRefill {
    long refill(long overdraft);
}
