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

    /** {@code trap: MESSAGE} and one {@code   at FRAME} line per wasm frame, innermost first. */
    public static String format(Trap trap, SourceMap sources) {
        StringBuilder sb = new StringBuilder("trap: ").append(trap.getMessage());
        for (Trap.Frame f : trap.backtrace()) sb.append("\n  at ").append(frame(f, sources));
        return sb.toString();
    }
}
