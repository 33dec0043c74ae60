package dev.lia.state;

/**
 * A conditional write that lost: the session changed since the version the writer read. Nothing of
 * the write was kept; reading the session again and redoing the step is the remedy.
 */
public final class SessionConflictException extends RuntimeException {
    private final int eventsNow;

    /** @param eventsNow how many events the session has now, -1 when it no longer exists, -2 when it is not readable */
    public SessionConflictException(int eventsNow) {
        super("session changed since it was read (now " + (eventsNow == -1 ? "removed" : eventsNow < 0 ? "unreadable" : "at event " + eventsNow)
                + "); nothing was written", null, false, false);
        this.eventsNow = eventsNow;
    }

    /** How many events the session has now (-1: it was removed, -2: it is not readable). */
    public int eventsNow() {
        return eventsNow;
    }
}
