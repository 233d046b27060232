package org.wsis.stocktaking.events;

import org.wsis.stocktaking.entry.Entry;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Events about entries, on topic {@value #TOPIC} keyed by entry id. Each payload has a JSON Schema
 * in src/main/resources/events/. Fields are only ever added to a version, never removed or renamed.
 */
public final class EntryEvents {
    public static final String TOPIC = "stocktaking.entries";
    public static final String PUBLISHED_V1 = "org.wsis.stocktaking.entry.published.v1";
    public static final String UPDATED_V1 = "org.wsis.stocktaking.entry.updated.v1";
    public static final String WITHDRAWN_V1 = "org.wsis.stocktaking.entry.withdrawn.v1";

    private EntryEvents() {
    }

    /**
     * data of {@value #PUBLISHED_V1}: schema events/entry-published.v1.schema.json. The first six
     * fields are what prizes-service relies on.
     */
    public record EntryPublishedV1(UUID entryId, String ownerId, String title, String organisation,
                                   List<String> actionLines, OffsetDateTime publishedAt,
                                   String stakeholderType, List<String> countries, List<String> regions,
                                   List<String> sdgTargets, String language) {
        public static EntryPublishedV1 of(Entry e) {
            return new EntryPublishedV1(e.id, e.ownerId, e.title, e.organisation, e.actionLines, e.publishedAt,
                    e.stakeholderType, e.countries, e.regions, e.sdgTargets, e.language);
        }
    }

    /** data of {@value #UPDATED_V1}: a moderator published an edit of a published entry. */
    public record EntryUpdatedV1(UUID entryId, String ownerId, String title, String organisation,
                                 List<String> actionLines, OffsetDateTime publishedAt, OffsetDateTime updatedAt,
                                 String stakeholderType, List<String> countries, List<String> regions,
                                 List<String> sdgTargets, String language) {
        public static EntryUpdatedV1 of(Entry e) {
            return new EntryUpdatedV1(e.id, e.ownerId, e.title, e.organisation, e.actionLines, e.publishedAt,
                    e.updatedAt, e.stakeholderType, e.countries, e.regions, e.sdgTargets, e.language);
        }
    }

    /** data of {@value #WITHDRAWN_V1}: the entry was archived and is no longer public. */
    public record EntryWithdrawnV1(UUID entryId, OffsetDateTime withdrawnAt) {
    }
}
