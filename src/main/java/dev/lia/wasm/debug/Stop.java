package dev.lia.wasm.debug;

import java.util.List;

/**
 * Why and where a debugged machine stopped.
 *
 * @param reason     what stopped it
 * @param breakpoint the breakpoint hit, for {@link Reason#BREAKPOINT}
 * @param frames     the wasm call stack, innermost first (see {@link FrameView})
 * @param trap       the trap, for {@link Reason#TRAP}
 */
public record Stop(Reason reason, Breakpoint breakpoint, List<FrameView> frames, dev.lia.wasm.Trap trap) {
    public enum Reason {
        /** An enabled breakpoint's instruction is next. */
        BREAKPOINT,
        /** A step (into, over, out, by instruction or by line) ended. */
        STEP,
        /** {@link Debugger#requestPause()} was called (from any thread). */
        PAUSE,
        /**
         * The instruction trapped: a post-mortem stop, to inspect the state that trapped. Whatever
         * the handler does, the trap then ends the run.
         */
        TRAP
    }

    public Stop(Reason reason, Breakpoint breakpoint, List<FrameView> frames) {
        this(reason, breakpoint, frames, null);
    }

    public Stop {
        frames = List.copyOf(frames);
    }

    /** The innermost frame: where execution stands. */
    public FrameView top() {
        return frames.get(0);
    }

    @Override
    public String toString() {
        return (reason == Reason.BREAKPOINT ? breakpoint.toString() : reason.name().toLowerCase()) + ": " + top();
    }
}
