package org.wsis.stocktaking.events;

import org.wsis.stocktaking.entry.Entry;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Events about entries, on topic {@value #TOPIC} keyed by entry id. Each payload has a JSON Schema
 * in src/main/resources/events/. Fields are only ever added to a version, never removed or renamed; a field
 * whose meaning changes makes a new version.
 *
 * <p>Version 2 of published and updated (issue 19): {@code countries} are ISO 3166-1 alpha-3 (v1: alpha-2),
 * {@code regions} may hold INT and {@code stakeholderType} OTHER. Only v2 is published; v1 stays documented
 * (its schema and example) because events already on the topic are v1 and consumers read both. Deployment
 * order: consumers that read v2 first, then this service.
 */
public final class EntryEvents {
    public static final String TOPIC = "stocktaking.entries";
    public static final String PUBLISHED_V2 = "org.wsis.stocktaking.entry.published.v2";
    public static final String UPDATED_V2 = "org.wsis.stocktaking.entry.updated.v2";
    public static final String WITHDRAWN_V1 = "org.wsis.stocktaking.entry.withdrawn.v1";

    private EntryEvents() {
    }

    /**
     * data of {@value #PUBLISHED_V2}: schema events/entry-published.v2.schema.json. The first six
     * fields are what prizes-service relies on.
     */
    public record EntryPublishedV2(UUID entryId, String ownerId, String title, String organisation,
                                   List<String> actionLines, OffsetDateTime publishedAt,
                                   String stakeholderType, List<String> countries, List<String> regions,
                                   List<String> sdgTargets, String language) {
        public static EntryPublishedV2 of(Entry e) {
            return new EntryPublishedV2(e.id, e.ownerId, e.title, e.organisation, e.actionLines, e.publishedAt,
                    e.stakeholderType, e.countries, e.regions, e.sdgTargets, e.language);
        }
    }

    /** data of {@value #UPDATED_V2}: a moderator published an edit of a published entry. */
    public record EntryUpdatedV2(UUID entryId, String ownerId, String title, String organisation,
                                 List<String> actionLines, OffsetDateTime publishedAt, OffsetDateTime updatedAt,
                                 String stakeholderType, List<String> countries, List<String> regions,
                                 List<String> sdgTargets, String language) {
        public static EntryUpdatedV2 of(Entry e) {
            return new EntryUpdatedV2(e.id, e.ownerId, e.title, e.organisation, e.actionLines, e.publishedAt,
                    e.updatedAt, e.stakeholderType, e.countries, e.regions, e.sdgTargets, e.language);
        }
    }

    /** data of {@value #WITHDRAWN_V1}: the entry was archived and is no longer public. */
    public record EntryWithdrawnV1(UUID entryId, OffsetDateTime withdrawnAt) {
    }
}
