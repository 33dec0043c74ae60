package dev.lia.script.vm;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A suspended script as plain data: what {@link Vm#snapshot()} gives and {@link Vm#restore} takes.
 * The wasm side (the machine's call stacks, the store) is saved separately.
 *
 * @param programId     the {@link dev.lia.script.compile.Program#id()} of the running script
 * @param pc            the index of the next operation to run
 * @param stack         the operand stack, bottom first; each entry a number's raw bits or octs
 * @param slots         the variable slots of every frame, one frame's after another
 * @param frameBase     per frame (main body first), the index in {@code slots} of its first slot
 * @param frameHandler  per frame, the index of the import handler it runs, -1 for the main body
 * @param frameReturnPc per frame, the operation to continue with when the handler above it returns
 * @param suspension    why the script stopped
 * @param request       the request it waits on (when blocked: {@link Suspension#EXT}, {@link Suspension#IMPORT},
 *                      {@link Suspension#HOST_REQUEST}), else null
 * @param hostCall      for {@link Suspension#HOST_REQUEST}: the host call to make again once answered, else null
 */
public record VmState(String programId, int pc, List<Slot> stack, List<Slot> slots, int[] frameBase, int[] frameHandler,
                      int[] frameReturnPc, Suspension suspension, Outcome.Blocked request, HostCall hostCall) {

    /** Why a script stopped. */
    public enum Suspension {
        /** Blocked on an {@code ext} request: the answer goes on the operand stack. */
        EXT,
        /** Blocked on a wasm import with neither handler nor host function: the answer resumes the machine. */
        IMPORT,
        /** Out of fuel before the operation at {@code pc}. */
        FUEL_SCRIPT,
        /** Out of fuel inside wasm code: the machine's innermost activation stopped. */
        FUEL_WASM,
        /**
         * Blocked on a request of a Java host function ({@link HostRequest}) that wasm called: the
         * answer goes to the host function, which is then called again and resumes the machine.
         */
        HOST_REQUEST;

        /** Whether the machine's innermost activation is suspended (in a call, or out of fuel). */
        public boolean inWasm() {
            return this == IMPORT || this == FUEL_WASM || this == HOST_REQUEST;
        }

        /** Whether the script waits on a request. */
        public boolean blocked() {
            return this == EXT || this == IMPORT || this == HOST_REQUEST;
        }
    }

    /**
     * A host call waiting on its request's answer.
     *
     * @param function the host function's store address
     * @param caller   the calling instance's position in the store ({@code Store.instances()})
     * @param args     the call's arguments as raw bits
     */
    public record HostCall(int function, int caller, long[] args) {
        public HostCall {
            args = args.clone();
        }

        @Override
        public long[] args() {
            return args.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HostCall c && c.function == function && c.caller == caller && Arrays.equals(c.args, args);
        }

        @Override
        public int hashCode() {
            return Objects.hash(function, caller, Arrays.hashCode(args));
        }
    }

    /** A stack entry or variable slot: octs ({@code octs} non-null, {@code bits} 0) or a number's raw bits. */
    public record Slot(long bits, byte[] octs) {
        public static Slot number(long bits) {
            return new Slot(bits, null);
        }

        public static Slot octs(byte[] bytes) {
            return new Slot(0, Objects.requireNonNull(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Slot s && s.bits == bits && Arrays.equals(s.octs, octs);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(bits) * 31 + Arrays.hashCode(octs);
        }

        @Override
        public String toString() {
            return octs != null ? "octs:" + java.util.HexFormat.of().formatHex(octs) : Long.toString(bits);
        }
    }

    public VmState {
        stack = List.copyOf(stack);
        slots = List.copyOf(slots);
        frameBase = frameBase.clone();
        frameHandler = frameHandler.clone();
        frameReturnPc = frameReturnPc.clone();
        if (frameHandler.length != frameBase.length || frameReturnPc.length != frameBase.length) {
            throw new IllegalArgumentException("one base, handler and return position per frame");
        }
        if (suspension.blocked() != (request != null)) {
            throw new IllegalArgumentException("a request goes with a blocked script, and only with one");
        }
        if ((suspension == Suspension.HOST_REQUEST) != (hostCall != null)) {
            throw new IllegalArgumentException("a host call goes with a host request, and only with one");
        }
    }

    /** Number of frames: the main body and the import handlers running above it. */
    public int frames() {
        return frameBase.length;
    }

    /** A request's arguments as values, for building {@link #request}. */
    static Outcome.Blocked request(String name, Value[] args, Type[] expects) {
        return new Outcome.Blocked(name, List.of(args), List.of(expects));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VmState s && programId.equals(s.programId) && pc == s.pc && stack.equals(s.stack) && slots.equals(s.slots)
                && Arrays.equals(frameBase, s.frameBase) && Arrays.equals(frameHandler, s.frameHandler)
                && Arrays.equals(frameReturnPc, s.frameReturnPc) && suspension == s.suspension && Objects.equals(request, s.request)
                && Objects.equals(hostCall, s.hostCall);
    }

    @Override
    public int hashCode() {
        return Objects.hash(programId, pc, stack, slots, Arrays.hashCode(frameBase), suspension, request);
    }
}
