package dev.lia.wasm.exec;

import java.util.Locale;

/** Which code runs wasm functions. The choice never changes a result, a trap, a state hash or a fuel figure. */
public enum Tier {
    /** The interpreter only. */
    INTERP,
    /** Every function the compiler takes runs as JVM bytecode from its first call. */
    COMPILED,
    /** The interpreter first; a module is compiled once one of its functions is hot (calls and loop iterations). */
    AUTO;

    /** Parses {@code interp}, {@code compiled} or {@code auto} (any case). */
    public static Tier parse(String text) {
        for (Tier t : values()) if (t.name().equalsIgnoreCase(text.trim())) return t;
        throw new IllegalArgumentException("unknown tier '" + text + "': expected interp, compiled or auto");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
