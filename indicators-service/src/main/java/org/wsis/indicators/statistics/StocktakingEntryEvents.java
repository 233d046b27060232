package org.wsis.indicators.statistics;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.wsis.commons.events.EventInbox;
import org.wsis.commons.events.EventSubscription;
import org.wsis.commons.events.IncomingEventData;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Keeps stocktaking_entry, the facts behind WSIS:DF_STOCKTAKING, from stocktaking's entry events. Parsing, the
 * topic owner check, the inbox (a redelivery changes nothing) and the transaction are commons'
 * {@link EventInbox}; an unreadable or incomplete message throws and goes to indicators.dead-letter.
 * published and updated write the entry's current classification (an edit re-classifies it: the last event wins,
 * events of one entry arrive in order on its partition); withdrawn (archived) removes it from the counts.
 */
@ApplicationScoped
public class StocktakingEntryEvents {
    static final String CONSUMER = "indicators.stocktaking-statistics";
    static final String ENTRY_PUBLISHED_V1 = "org.wsis.stocktaking.entry.published.v1";
    static final String ENTRY_UPDATED_V1 = "org.wsis.stocktaking.entry.updated.v1";
    static final String ENTRY_PUBLISHED_V2 = "org.wsis.stocktaking.entry.published.v2";
    static final String ENTRY_UPDATED_V2 = "org.wsis.stocktaking.entry.updated.v2";
    static final String ENTRY_WITHDRAWN_V1 = "org.wsis.stocktaking.entry.withdrawn.v1";

    /**
     * The fields we keep from entry-published / entry-updated, v1 and v2 alike (v2 changed the country codes and
     * added INT and OTHER, which v1 never carries; countries are not counted here).
     */
    record EntryClassified(UUID entryId, List<String> actionLines, OffsetDateTime publishedAt, String stakeholderType,
                           List<String> regions, List<String> sdgTargets) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (entryId == null || actionLines == null || publishedAt == null) {
                throw new IllegalArgumentException("entry event lacks a required field: " + this);
            }
        }
    }

    record EntryWithdrawn(UUID entryId, OffsetDateTime withdrawnAt) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (entryId == null) {
                throw new IllegalArgumentException("entry withdrawn event lacks entryId");
            }
        }
    }

    private final EventInbox inbox;
    private final EntityManager entityManager;
    private final EventSubscription subscription = EventSubscription.of(CONSUMER, "stocktaking.entries")
            .on(ENTRY_PUBLISHED_V1, EntryClassified.class, this::classified)
            .on(ENTRY_UPDATED_V1, EntryClassified.class, this::classified)
            .on(ENTRY_PUBLISHED_V2, EntryClassified.class, this::classified)
            .on(ENTRY_UPDATED_V2, EntryClassified.class, this::classified)
            .on(ENTRY_WITHDRAWN_V1, EntryWithdrawn.class, this::withdrawn);

    public StocktakingEntryEvents(EventInbox inbox, EntityManager entityManager) {
        this.inbox = inbox;
        this.entityManager = entityManager;
    }

    @Incoming("stocktaking-entries")
    @Blocking // on a worker thread, in order per partition
    public void onEvent(String value) {
        inbox.receive(value, subscription);
    }

    private void classified(EntryClassified data) {
        entityManager.createNativeQuery("""
                        INSERT INTO stocktaking_entry (entry_id, stocktaking_year, action_lines, sdgs, regions, stakeholder_type)
                        VALUES (?1, ?2, string_to_array(?3, ','), string_to_array(?4, ','), string_to_array(?5, ','), ?6)
                        ON CONFLICT (entry_id) DO UPDATE SET stocktaking_year = excluded.stocktaking_year,
                            action_lines = excluded.action_lines, sdgs = excluded.sdgs, regions = excluded.regions,
                            stakeholder_type = excluded.stakeholder_type, received_at = now()""")
                .setParameter(1, data.entryId())
                .setParameter(2, data.publishedAt().withOffsetSameInstant(ZoneOffset.UTC).getYear())
                .setParameter(3, String.join(",", StocktakingCodes.actionLines(data.actionLines())))
                .setParameter(4, String.join(",", StocktakingCodes.sdgs(data.sdgTargets())))
                .setParameter(5, String.join(",", StocktakingCodes.regions(data.regions())))
                .setParameter(6, StocktakingCodes.stakeholderType(data.stakeholderType()))
                .executeUpdate();
    }

    private void withdrawn(EntryWithdrawn data) {
        entityManager.createNativeQuery("DELETE FROM stocktaking_entry WHERE entry_id = ?1")
                .setParameter(1, data.entryId()).executeUpdate();
    }
}
