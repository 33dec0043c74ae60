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

    /** Frames beyond this many are counted, not kept. */
    public static final int MAX_FRAMES = 64;

    private List<Frame> backtrace = List.of();
    private int omittedFrames;
    /**
     * While compiled code unwinds a trap, each frame adds itself innermost first and the trap stays
     * open; the interpreter adds the frames it holds and closes it. A closed trap gains no frames.
     */
    private boolean open;

    public Trap(String message) {
        super(message, true); // compiled frames find their positions in the Java stack (line number = code position + 1)
    }

    /** How far compiled frames have read the Java stack trace while adding themselves. */
    private int traceCursor;
    private StackTraceElement[] trace;

    /**
     * The code position of the next compiled frame of {@code method} in {@code className}s package
     * prefix, reading the Java stack innermost first (each compiled frame asks once, in unwinding
     * order), passing over frames standing at line {@code skipLine}; -1 if the stack does not show it.
     * A method named {@code method_<k>} counts as {@code method}'s (a part of it).
     */
    public int nextCompiledPosition(String classPrefix, String method, int skipLine) {
        if (trace == null) trace = getStackTrace();
        for (int i = traceCursor; i < trace.length; i++) {
            StackTraceElement e = trace[i];
            String name = e.getMethodName();
            boolean named = name.equals(method) || name.startsWith(method) && name.length() > method.length() && name.charAt(method.length()) == '_';
            if (named && e.getClassName().startsWith(classPrefix) && e.getLineNumber() != skipLine) {
                traceCursor = i + 1;
                return e.getLineNumber() - 1;
            }
        }
        return -1;
    }

    /** The wasm call stack where the trap happened, innermost first (empty if it was not raised in wasm code). */
    public List<Frame> backtrace() {
        return backtrace;
    }

    public void setBacktrace(List<Frame> frames) {
        this.backtrace = List.copyOf(frames);
        this.open = false;
    }

    /** Whether frames are still being added (see {@link #addFrame}). */
    public boolean isOpen() {
        return open;
    }

    /**
     * Adds the next outer frame while the trap unwinds, and leaves it open; the first call is the
     * frame where it was raised. Closed traps (whose backtrace is complete) are left as they are.
     */
    public void addFrame(Frame frame) {
        if (!open && !backtrace.isEmpty()) return;
        if (!open) backtrace = new java.util.ArrayList<>();
        open = true;
        if (backtrace.size() < MAX_FRAMES) backtrace.add(frame);
        else omittedFrames++;
    }

    /** Ends {@link #addFrame}: the backtrace is complete. */
    public void close() {
        if (open) backtrace = List.copyOf(backtrace);
        open = false;
    }

    /** Counts {@code n} outer frames left out of the backtrace without visiting them. */
    public void omit(int n) {
        if (n > 0) omittedFrames += n;
    }

    /** How many outer frames the backtrace leaves out (it keeps the innermost {@link #MAX_FRAMES}). */
    public int omittedFrames() {
        return omittedFrames;
    }

    @Override
    public String kind() {
        return "trap";
    }
}
