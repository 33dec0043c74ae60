package dev.lia.wasm;

import java.util.List;

/** Execution trapped: the spec's message ("integer divide by zero", "out of bounds memory access", ...). */
public class Trap extends WasmException {
    /** One frame of a wasm backtrace: a function's name and the byte offset of the instruction. */
    public record Frame(String function, int byteOffset) {
        @Override
        public String toString() {
            return function + " @0x" + Integer.toHexString(byteOffset);
        }
    }

    private List<Frame> backtrace = List.of();
    private int omittedFrames;

    public Trap(String message) {
        super(message);
    }

    /** The wasm call stack where the trap happened, innermost first (empty if it was not raised in wasm code). */
    public List<Frame> backtrace() {
        return backtrace;
    }

    public void setBacktrace(List<Frame> frames) {
        this.backtrace = List.copyOf(frames);
    }

    /** The backtrace, cut from a call stack of {@code total} frames: the rest are counted in {@link #omittedFrames}. */
    public void setBacktrace(List<Frame> frames, int total) {
        setBacktrace(frames);
        this.omittedFrames = Math.max(0, total - frames.size());
    }

    /** How many outer frames the backtrace leaves out (it keeps the innermost 64). */
    public int omittedFrames() {
        return omittedFrames;
    }

    @Override
    public String kind() {
        return "trap";
    }
}
