package org.wsis.stocktaking.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Events about entries, on topic {@value #TOPIC} keyed by entry id. Each payload has a JSON Schema
 * in src/main/resources/events/.
 */
public final class EntryEvents {
    public static final String TOPIC = "stocktaking.entries";
    public static final String PUBLISHED_V1 = "org.wsis.stocktaking.entry.published.v1";

    private EntryEvents() {
    }

    /** data of {@value #PUBLISHED_V1}: schema events/entry-published.v1.schema.json */
    public record EntryPublishedV1(UUID entryId, String ownerId, String title, String organisation,
                                   List<String> actionLines, OffsetDateTime publishedAt) {
    }
}
