package dev.lia.wasm.exec;

import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;

/** How a run of the machine ended (traps are thrown). */
public sealed interface MachineOutcome {

    /** The activation's entry function returned these raw results. */
    record Done(long[] results) implements MachineOutcome {}

    /**
     * The code called a yielding host function: the driver computes its results and passes them to
     * {@link Machine#resume}. Until then the machine's whole state is data and can be saved.
     */
    record HostCall(HostFunctionInstance function, Instance caller, long[] args) implements MachineOutcome {}

    /**
     * The fuel ran out: the machine stopped at an instruction boundary, {@code overdraft} units
     * beyond the budget (fuel is charged per straight-line run). Add fuel and run again to continue.
     */
    record OutOfFuel(long overdraft) implements MachineOutcome {}

    /**
     * Debug code stopped before an instruction because the machine's {@link DebugHook} asked to: the
     * function's store address and the instruction's byte offset. The machine is suspended as after
     * {@link OutOfFuel}; {@link Machine#run()} continues.
     */
    record Paused(int functionAddress, int byteOffset) implements MachineOutcome {}
}
