package org.wsis.indicators.sdmx;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rendered SDMX data messages, keyed by format + request URI and valid for one data version
 * (the highest observation id: every publish that changes anything inserts vintages, so a new
 * version makes all entries stale). Statistical data is read far more often than it is published;
 * this turns the repeated "one indicator, all economies" query into a map lookup.
 */
@ApplicationScoped
public class RenderedResponseCache {
    private static final int MAX_ENTRIES = 256;
    /** Larger messages are rendered every time rather than held in memory. */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    public record Entry(long dataVersion, byte[] body, String mediaType) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public synchronized Entry get(String key, long dataVersion) {
        Entry entry = entries.get(key);
        return entry != null && entry.dataVersion() == dataVersion ? entry : null;
    }

    public synchronized void put(String key, Entry entry) {
        if (entry.body().length <= MAX_BYTES) {
            entries.put(key, entry);
        }
    }
}
