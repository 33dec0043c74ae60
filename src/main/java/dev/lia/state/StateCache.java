package dev.lia.state;

/**
 * Where saved states are kept between events, by session key ({@link Session#key()}). Entries are
 * opaque bytes; a cache may drop any entry at any time (a miss only means a replay). Every
 * implementation must be safe to call from several threads.
 */
public interface StateCache {
    /** The entry for a key, or null. */
    byte[] get(String key);

    /** Keeps an entry, replacing any for the same key. */
    void put(String key, byte[] entry);

    void remove(String key);

    /** A cache that keeps nothing. */
    StateCache NONE = new StateCache() {
        @Override
        public byte[] get(String key) {
            return null;
        }

        @Override
        public void put(String key, byte[] entry) {}

        @Override
        public void remove(String key) {}
    };
}
