package dev.lia.wasm.exec;

import dev.lia.wasm.runtime.WasmFunction;

/**
 * Everything a machine's execution is, in one object that both tiers share: the value stack, the
 * frame records, the current frame, the activations, fuel, and where the compiled tier stands.
 * The interpreter ({@link Machine}) and compiled code ({@link Compiled}) read and write it; a
 * snapshot ({@link Machine#snapshot()}) is this object in module terms.
 *
 * <p>Invariants, whenever neither tier is running:
 * <ul>
 *   <li>{@code frameFunction/Pc/Fp[0..depth)} are the suspended callers, outermost first; a frame's
 *       slots run from its {@code fp} to the next frame's {@code fp} (the current frame's, for the last);</li>
 *   <li>the current frame ({@code currentFunction}, null when no activation is suspended) stands
 *       before the instruction at {@code currentPc}, or waits on the call before it when {@code inCall};
 *       its slots end at {@code top};</li>
 *   <li>{@code activationDepth/Fp[0..activations)} say where each activation's frames begin.</li>
 * </ul>
 * While compiled code runs, the frame records hold only the frames beneath its entry: each compiled
 * frame writes its own record when it leaves compiled code (a stop unwinding, a call out).
 */
final class LiveState {
    static final int INITIAL_STACK = 1 << 14;
    static final int INITIAL_FRAMES = 256;

    /** The value stack; replaced by a larger copy when a call needs more room. */
    long[] stack;
    /** First free slot whenever the loop is not running. */
    int top;

    // The frame records: the suspended callers of the running (or suspended) function.
    WasmFunction[] frameFunction = new WasmFunction[INITIAL_FRAMES];
    int[] framePc = new int[INITIAL_FRAMES];
    int[] frameFp = new int[INITIAL_FRAMES];
    int depth;

    // The current frame while the loop is not running: where a suspended activation continues.
    WasmFunction currentFunction;
    int currentPc;
    int currentFp;
    /** Whether the current frame waits on a call (a host call) rather than standing before an instruction. */
    boolean inCall;

    /** Fuel left; running below zero suspends. Unmetered runs have so much it never runs out. */
    long fuel = Machine.UNLIMITED;

    // Activations: each started call from outside (the host, a driver) runs until its entry function
    // returns. They nest: a driver may start one while another is suspended in a host call.
    int[] activationDepth = new int[8];
    int[] activationFp = new int[8];
    int activations;

    /** The Java stack compiled code may still take (see {@link Tiering#STACK_BUDGET}): nested calls lower it. */
    int room = Tiering.STACK_BUDGET;
    /**
     * The single result of the compiled method that just returned, for its compiled caller to take
     * at once: a register between two generated methods (the return value carries the fuel), never
     * part of the state.
     */
    long result;
    /**
     * Where a function compiled as regions goes on when one of its region methods returns: the code
     * position the next region continues at, or -1 when the function returned. A register between
     * two generated methods, never part of the state.
     */
    int next;
    /** The outcome compiled code left when it unwound ({@link Unwind}), for its entry to return. */
    MachineOutcome pending;
    /**
     * The fuel refill declined the stop now on its way out (compiled code asked at a loop start, or
     * a nested run did): the enclosing {@code Machine.execute} must not ask again for the same stop.
     * Set and cleared within one run, never part of the state.
     */
    boolean refillDeclined;

    /** Whether the debug hook is running: the machine is inspectable but must not be driven. */
    boolean inHook;
    /**
     * While the hook runs, the function it was called for; {@link #currentFunction} stays null, so
     * the machine refuses to run, while a snapshot sees the frame.
     */
    WasmFunction hookFunction;

    LiveState(int maxStackSlots) {
        // never larger than the limit: ensureStack checks the limit only when the array must grow
        this.stack = new long[Math.min(INITIAL_STACK, maxStackSlots)];
    }

    /** Where execution stands, as one word. */
    Status status() {
        if (inHook) return Status.INSPECTING;
        if (activations == 0) return Status.IDLE;
        if (currentFunction == null) return Status.RUNNING;
        return inCall ? Status.IN_HOST_CALL : fuel < 0 ? Status.OUT_OF_FUEL : Status.READY;
    }
}
