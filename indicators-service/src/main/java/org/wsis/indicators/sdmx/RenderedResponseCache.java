package org.wsis.indicators.sdmx;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.indicators.IndicatorsConfig;

/**
 * Rendered SDMX data messages, keyed by the normalised query ({@link DataQuery#cacheKey()}: unknown
 * parameters are refused before, so junk cannot mint keys) and valid for one data version (the highest
 * observation id: every publish that changes anything inserts vintages). Bounded by the bytes it holds
 * (Caffeine with a weigher), not by entry count, so it can never hold more than
 * {@code indicators.sdmx.cache-max-bytes} whatever the queries.
 */
@ApplicationScoped
public class RenderedResponseCache {

    public record Entry(long dataVersion, byte[] body, String mediaType) {
    }

    private final Cache<String, Entry> entries;
    private final long maxEntryBytes;

    public RenderedResponseCache(IndicatorsConfig config) {
        long maxBytes = config.sdmx().cacheMaxBytes();
        // a single message larger than an eighth of the budget is rendered every time rather than held
        this.maxEntryBytes = maxBytes / 8;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Entry entry) -> entry.body().length + key.length() * 2 + 64)
                .build();
    }

    public Entry get(String key, long dataVersion) {
        Entry entry = entries.getIfPresent(key);
        return entry != null && entry.dataVersion() == dataVersion ? entry : null;
    }

    /** Whether a message of this size is worth holding at all. */
    public boolean accepts(long bytes) {
        return bytes <= maxEntryBytes;
    }

    public void put(String key, Entry entry) {
        if (accepts(entry.body().length)) {
            entries.put(key, entry);
        }
    }

    long weightedSize() {
        entries.cleanUp();
        return entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
