package dev.lia.state;

/**
 * An event that does not fit where a session stands: a script while another is blocked or out of
 * fuel, an answer with no request pending, fuel for a session that is not out of it. Nothing has
 * changed. {@link #status()} says where the session stands, so a caller can tell its user what to do
 * next without reading the message.
 */
public final class SessionBusyException extends IllegalStateException {
    private final LiveSession.Status status;

    public SessionBusyException(LiveSession.Status status, String message) {
        super(message);
        this.status = status;
    }

    public LiveSession.Status status() {
        return status;
    }

    /** Whether the session waits on an event of its own (an answer or fuel), so {@code resume} continues it. */
    public boolean resumable() {
        return status == LiveSession.Status.BLOCKED || status == LiveSession.Status.OUT_OF_FUEL;
    }
}
