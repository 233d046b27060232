package org.wsis.prizes.eligibility;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.wsis.commons.events.EventInbox;
import org.wsis.commons.events.EventSubscription;
import org.wsis.commons.events.IncomingEventData;
import org.wsis.prizes.submission.EntrySubmissions;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Consumes stocktaking's entry events into our own eligible_entry table. Parsing, the topic owner
 * check, the inbox (a redelivery changes nothing) and the transaction are commons' {@link EventInbox};
 * an unreadable or incomplete message throws, and the connector moves it to the dead-letter topic.
 */
@ApplicationScoped
public class StocktakingEntryEvents {
    static final String CONSUMER = "prizes.eligible-entries";
    static final String ENTRY_PUBLISHED_V1 = "org.wsis.stocktaking.entry.published.v1";
    static final String ENTRY_WITHDRAWN_V1 = "org.wsis.stocktaking.entry.withdrawn.v1";
    static final String ENTRY_UPDATED_V1 = "org.wsis.stocktaking.entry.updated.v1";
    /**
     * v2 (issue 19) differs from v1 only in the reference codes (countries alpha-3, INT, OTHER), which we do not
     * keep: both versions are read the same way. Stocktaking publishes v2 only; v1 events stay on the topic.
     */
    static final String ENTRY_PUBLISHED_V2 = "org.wsis.stocktaking.entry.published.v2";
    static final String ENTRY_UPDATED_V2 = "org.wsis.stocktaking.entry.updated.v2";
    private static final Logger LOG = Logger.getLogger(StocktakingEntryEvents.class);

    /** The fields we keep from stocktaking's entry-published data (stakeholderType and regions optional). */
    record EntryPublished(UUID entryId, String ownerId, String title, String organisation,
                          List<String> actionLines, OffsetDateTime publishedAt, String stakeholderType,
                          List<String> regions) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (entryId == null || ownerId == null || title == null || organisation == null
                    || actionLines == null || publishedAt == null) {
                throw new IllegalArgumentException("entry published event lacks a required field: " + this);
            }
        }
    }

    /** The fields we use from stocktaking's entry-withdrawn.v1 data. */
    record EntryWithdrawn(UUID entryId, OffsetDateTime withdrawnAt) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (entryId == null || withdrawnAt == null) {
                throw new IllegalArgumentException("entry withdrawn event lacks a required field: " + this);
            }
        }
    }

    /** The fields we keep from stocktaking's entry-updated.v1 data (a moderator published an edit). */
    record EntryUpdated(UUID entryId, String ownerId, String title, String organisation,
                        List<String> actionLines, OffsetDateTime publishedAt, OffsetDateTime updatedAt,
                        String stakeholderType, List<String> regions) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (entryId == null || ownerId == null || title == null || organisation == null
                    || actionLines == null || publishedAt == null || updatedAt == null) {
                throw new IllegalArgumentException("entry updated event lacks a required field: " + this);
            }
        }

        EntryPublished asPublished() {
            return new EntryPublished(entryId, ownerId, title, organisation, actionLines, publishedAt, stakeholderType, regions);
        }
    }

    private final EventInbox inbox;
    private final EntrySubmissions submissions;
    // stocktaking publishes no other entry events (its outbox: published, updated, withdrawn)
    private final EventSubscription subscription = EventSubscription.of(CONSUMER, "stocktaking.entries")
            .on(ENTRY_PUBLISHED_V1, EntryPublished.class, StocktakingEntryEvents::published)
            .on(ENTRY_PUBLISHED_V2, EntryPublished.class, StocktakingEntryEvents::published)
            .on(ENTRY_WITHDRAWN_V1, EntryWithdrawn.class, this::withdrawnAndItsSubmissions)
            .on(ENTRY_UPDATED_V1, EntryUpdated.class, this::updated)
            .on(ENTRY_UPDATED_V2, EntryUpdated.class, this::updated);

    public StocktakingEntryEvents(EventInbox inbox, EntrySubmissions submissions) {
        this.inbox = inbox;
        this.submissions = submissions;
    }

    @Incoming("stocktaking-entries")
    @Blocking // on a worker thread, in order per partition
    public void onEvent(String value) {
        inbox.receive(value, subscription);
    }

    private void withdrawnAndItsSubmissions(EntryWithdrawn data) {
        withdrawn(data);
        submissions.entryWithdrawn(data.entryId());
    }

    private void updated(EntryUpdated data) {
        published(data.asPublished()); // an edit of a published entry: still eligible, new facts
        submissions.entryUpdated(data.entryId(), data.title(), data.organisation());
    }

    private static void published(EntryPublished data) {
        EligibleEntry entry = EligibleEntry.findById(data.entryId());
        if (entry == null) {
            entry = new EligibleEntry();
            entry.entryId = data.entryId();
        }
        entry.ownerId = data.ownerId();
        entry.title = data.title();
        entry.organisation = data.organisation();
        entry.actionLines = data.actionLines();
        entry.publishedAt = data.publishedAt();
        entry.stakeholderType = data.stakeholderType();
        entry.regions = data.regions() == null ? List.of() : data.regions();
        entry.receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
        entry.withdrawnAt = null; // published (again): eligible
        entry.persist();
    }

    /** A withdrawn entry can no longer be submitted; existing submissions keep their own lifecycle. */
    private static void withdrawn(EntryWithdrawn data) {
        EligibleEntry entry = EligibleEntry.findById(data.entryId());
        if (entry == null) {
            LOG.debugf("Withdrawal of entry %s we never saw published, nothing to do", data.entryId());
            return;
        }
        entry.withdrawnAt = data.withdrawnAt();
    }
}
