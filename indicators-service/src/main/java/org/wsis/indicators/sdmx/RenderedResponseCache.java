package org.wsis.indicators.sdmx;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.indicators.IndicatorsConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered SDMX data messages, keyed by the normalised query ({@link DataQuery#cacheKey()}: unknown
 * parameters are refused before, so junk cannot mint keys) and valid for one data version (the highest
 * observation id: every publish that changes anything inserts vintages). Bounded by the bytes it holds
 * (Caffeine with a weigher), not by entry count, so it can never hold more than
 * {@code indicators.sdmx.cache-max-bytes} whatever the queries.
 */
@ApplicationScoped
public class RenderedResponseCache {

    /** A rendered message, with its gzipped bytes once a client asked for them (null before). */
    public record Entry(long dataVersion, byte[] body, byte[] gzipped, String mediaType) {
        public Entry withGzipped() {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 8 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16)) {
                gzip.write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);   // in memory: cannot happen
            }
            return new Entry(dataVersion, body, compressed.toByteArray(), mediaType);
        }

        long bytes() {
            return body.length + (gzipped == null ? 0 : gzipped.length);
        }
    }

    /** Whether an Accept-Encoding header lets us answer with gzip (listed, or *, and not with q=0). */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            String name = parts[0].trim();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].trim().replace(" ", "");
                    if (parameter.startsWith("q=")) {
                        try {
                            refused = Double.parseDouble(parameter.substring(2)) <= 0;
                        } catch (NumberFormatException e) {
                            refused = true;   // a malformed weight: do not guess, answer uncompressed
                        }
                    }
                }
                if (!refused) {
                    return true;
                }
            }
        }
        return false;
    }

    private final Cache<String, Entry> entries;
    private final long maxEntryBytes;

    public RenderedResponseCache(IndicatorsConfig config) {
        long maxBytes = config.sdmx().cacheMaxBytes();
        // a single message larger than an eighth of the budget is rendered every time rather than held
        this.maxEntryBytes = maxBytes / 8;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, entry.bytes() + key.length() * 2L + 64))
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

    /** Holds the entry (weighed again when it replaces one without its gzipped bytes). */
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
