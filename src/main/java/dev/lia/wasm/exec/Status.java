package dev.lia.wasm.exec;

/** Where a machine's execution stands ({@link Machine#status()}). */
public enum Status {
    /** No activation: nothing to run or resume. */
    IDLE,
    /** An activation stands before an instruction: started, paused or restored, {@link Machine#run()} continues it. */
    READY,
    /** Running: one of the tiers is executing (seen from a host function or a debug hook's caller). */
    RUNNING,
    /** Suspended in a call of a host function: {@link Machine#resume} continues it with the results. */
    IN_HOST_CALL,
    /** Stopped out of fuel: add fuel, then {@link Machine#run()}. */
    OUT_OF_FUEL,
    /** A debugger's hook is inspecting the machine, which must not be driven meanwhile. */
    INSPECTING
}
