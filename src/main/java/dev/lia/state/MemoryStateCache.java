package dev.lia.state;

import java.util.LinkedHashMap;
import java.util.Map;

/** An in-memory cache that keeps the most recently used entries, up to a number and a total size. */
public final class MemoryStateCache implements StateCache {
    private final int maxEntries;
    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true);

    public MemoryStateCache(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) throw new IllegalArgumentException("a cache keeps at least one entry");
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Up to {@code maxEntries} entries, of any total size. */
    public MemoryStateCache(int maxEntries) {
        this(maxEntries, Long.MAX_VALUE);
    }

    @Override
    public synchronized byte[] get(String key) {
        byte[] e = entries.get(key);
        return e == null ? null : e.clone();
    }

    @Override
    public synchronized void put(String key, byte[] entry) {
        byte[] old = entries.put(key, entry.clone());
        if (old != null) bytes -= old.length;
        bytes += entry.length;
        var it = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
            Map.Entry<String, byte[]> eldest = it.next();
            if (eldest.getKey().equals(key) && entries.size() == 1) break; // the newest stays, even alone over the size
            bytes -= eldest.getValue().length;
            it.remove();
        }
    }

    @Override
    public synchronized void remove(String key) {
        byte[] old = entries.remove(key);
        if (old != null) bytes -= old.length;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }
}
