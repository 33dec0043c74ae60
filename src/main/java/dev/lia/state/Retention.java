package dev.lia.state;

/** Which states a {@link SessionRunner} keeps in its cache after an event. Nothing is kept after a trap or failure. */
public enum Retention {
    /** Every state after an event that did not trap or fail: blocked, out of fuel, or finished (ready for the next script). */
    ALWAYS,
    /** Only states where a script waits (blocked or out of fuel); the state an event started from is dropped. */
    WHILE_BLOCKED,
    /** Nothing: every event replays the whole session. */
    NEVER
}
