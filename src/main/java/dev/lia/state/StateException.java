package dev.lia.state;

/**
 * A saved state or session that cannot be used, with the reason as a {@link Kind} and a message
 * meant for people. Nothing is half-loaded when this is thrown: decoding and restoring build new
 * objects and hand them out only when everything checked out.
 */
public final class StateException extends RuntimeException {
    /** Why a state or session file was refused. */
    public enum Kind {
        /** The bytes do not start with the expected magic. */
        NOT_A_STATE("not a Lia file"),
        /** Fewer bytes than the header announces. */
        TRUNCATED("truncated"),
        /** The checksum does not match: bits changed after the state was written. */
        CORRUPTED("corrupted"),
        /** A format version this build does not read. */
        UNKNOWN_VERSION("unknown version"),
        /** The state belongs to another module (or script) than the one given. */
        WRONG_MODULE("wrong module"),
        /** The state runs a script (program) the caller did not supply: the session lacks it, the module may be right. */
        UNKNOWN_SCRIPT("unknown script"),
        /** A size beyond what the limits allow: refused before allocating anything for it. */
        TOO_LARGE("too large"),
        /** The checksum is right but the content does not make sense (or does not fit the module). */
        MALFORMED("malformed");

        public final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private final Kind kind;

    public StateException(Kind kind, String message) {
        super(kind.text + ": " + message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
