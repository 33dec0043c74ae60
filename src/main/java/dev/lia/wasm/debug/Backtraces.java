package dev.lia.wasm.debug;

import dev.lia.wasm.Trap;

/** Trap backtraces with source lines, for modules that carry DWARF line tables. */
public final class Backtraces {
    private Backtraces() {}

    /** {@code name @0x1a2}, followed by {@code (demo.c:21)} when the source map knows the line. */
    public static String frame(Trap.Frame f, SourceMap sources) {
        SourceLocation at = sources == null ? null : sources.at(f.byteOffset());
        return f + (at != null ? " (" + at.shortText() + ")" : "");
    }

    /**
     * {@code trap: MESSAGE} and the frames as {@link #frames} gives them: the one backtrace format of
     * every command ({@code lia call}, {@code lia run}, {@code lia wasi}, the REPL, the debugger).
     */
    public static String format(Trap trap, SourceMap sources) {
        return "trap: " + trap.getMessage() + frames(trap.backtrace(), trap.omittedFrames(), sources);
    }

    /**
     * One {@code \n  wasm: FRAME} line per wasm frame, innermost first, then {@code \n  ... N more
     * frames} when the backtrace leaves {@code omitted} outer frames out.
     */
    public static String frames(java.util.List<Trap.Frame> backtrace, int omitted, SourceMap sources) {
        StringBuilder sb = new StringBuilder();
        for (Trap.Frame f : backtrace) sb.append("\n  wasm: ").append(frame(f, sources));
        if (omitted > 0) sb.append("\n  ... ").append(omitted).append(omitted == 1 ? " more frame" : " more frames");
        return sb.toString();
    }
}
