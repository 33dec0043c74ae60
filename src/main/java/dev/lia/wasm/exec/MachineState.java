package dev.lia.wasm.exec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The machine's suspended call stacks in the module's own terms, as plain data: what a state file
 * stores and what {@link Machine#restore} rebuilds. Internal code positions never appear.
 *
 * @param frames            every wasm frame, outermost first, across all activations
 * @param activationStarts  the index in {@code frames} of each activation's first frame, ascending
 * @param innermostInCall   whether the innermost frame waits on a (host) call, rather than standing
 *                          before the instruction at its {@code resumeOffset} (as after running out of fuel)
 * @param exceptions        the exception objects the frames' exnref slots reach (exception handling), numbered
 *                          canonically: exnref {@code i + 1} in a slot is {@code exceptions.get(i)}, in the order
 *                          a walk meets them (frames outermost first, each frame's slots in order, then the
 *                          payloads of the objects found, in their order); empty without exceptions
 */
public record MachineState(List<Frame> frames, int[] activationStarts, boolean innermostInCall, List<Exn> exceptions) {
    /**
     * An exception object: its tag's store address and its payload slots (exnrefs in it canonically numbered too).
     */
    public record Exn(int tagAddress, long[] payload) {
        public Exn {
            payload = payload.clone();
        }

        @Override
        public long[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Exn e && tagAddress == e.tagAddress && Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return tagAddress * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Exn[tag " + tagAddress + ", payload " + Arrays.toString(payload) + "]";
        }
    }

    /** A state holding no exception objects. */
    public MachineState(List<Frame> frames, int[] activationStarts, boolean innermostInCall) {
        this(frames, activationStarts, innermostInCall, List.of());
    }
    /** {@link Frame#resumeOffset} of a frame that has not started running yet. */
    public static final int AT_ENTRY = -1;

    public MachineState {
        frames = List.copyOf(frames);
        activationStarts = activationStarts.clone();
        exceptions = List.copyOf(exceptions);
    }

    /**
     * One frame.
     *
     * @param functionAddress the function's store address
     * @param resumeOffset    the byte offset of the call instruction the frame waits on (for the innermost
     *                        frame stopped out of fuel: of the next instruction to run), or {@link #AT_ENTRY}
     * @param slots           the frame's locals (parameters first) followed by its operand stack
     */
    public record Frame(int functionAddress, int resumeOffset, long[] slots) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && functionAddress == f.functionAddress && resumeOffset == f.resumeOffset
                    && Arrays.equals(slots, f.slots);
        }

        @Override
        public int hashCode() {
            return Objects.hash(functionAddress, resumeOffset, Arrays.hashCode(slots));
        }

        @Override
        public String toString() {
            return "Frame[func " + functionAddress + " @" + resumeOffset + ", slots " + Arrays.toString(slots) + "]";
        }
    }

    public static final MachineState IDLE = new MachineState(List.of(), new int[0], false);

    public boolean isIdle() {
        return frames.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineState s && frames.equals(s.frames) && Arrays.equals(activationStarts, s.activationStarts)
                && innermostInCall == s.innermostInCall && exceptions.equals(s.exceptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frames, Arrays.hashCode(activationStarts), innermostInCall, exceptions);
    }
}
