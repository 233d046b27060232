package org.wsis.stocktaking.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.wsis.commons.events.EventInbox;
import org.wsis.commons.events.EventSubscription;
import org.wsis.commons.events.IncomingEventData;
import org.wsis.stocktaking.entry.Entry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Consumes prizes-service's results (topic prizes.results) and flags the entries that were a
 * nominee, champion or winner of an edition. Idempotent through commons' {@link EventInbox}; a result for an entry
 * we don't hold is logged and skipped; an unreadable message goes to the dead-letter topic.
 */
@ApplicationScoped
public class PrizeResultsConsumer {
    static final String CONSUMER = "stocktaking.prize-results";
    public static final String RESULTS_PUBLISHED_V1 = "org.wsis.prizes.results.published.v1";
    static final Set<String> OUTCOMES = Set.of("WINNER", "CHAMPION", "NOMINEE");
    private static final Logger LOG = Logger.getLogger(PrizeResultsConsumer.class);

    record Result(String category, UUID entryId, String outcome) {
    }

    record ResultsPublished(Integer edition, List<Result> results) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (edition == null || results == null) {
                throw new IllegalArgumentException("prize results event lacks edition or results");
            }
            for (Result r : results) {
                if (r == null || r.entryId() == null || r.category() == null || !OUTCOMES.contains(r.outcome())) {
                    throw new IllegalArgumentException("prize result is incomplete or has an unknown outcome: " + r);
                }
            }
        }
    }

    private final EventInbox inbox;
    private final EventSubscription subscription = EventSubscription.of(CONSUMER, "prizes.results")
            .on(RESULTS_PUBLISHED_V1, ResultsPublished.class, PrizeResultsConsumer::flagEntries);

    public PrizeResultsConsumer(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("prize-results")
    @Blocking // on a worker thread, in order per partition
    public void onEvent(String value) {
        inbox.receive(value, subscription);
    }

    private static void flagEntries(ResultsPublished data) {
        for (Result result : data.results()) {
            // Locked while read: an owner's edit committing meanwhile would otherwise make our
            // version-checked update fail (optimistic lock) and send the whole event to the dead-letter topic.
            Entry entry = Entry.findById(result.entryId(), LockModeType.PESSIMISTIC_WRITE);
            if (entry == null) {
                LOG.warnf("Prize result of edition %d names unknown entry %s; skipped", data.edition(), result.entryId());
                continue;
            }
            // a later event for the same edition and category replaces the earlier outcome
            entry.prizes.removeIf(p -> p.edition == data.edition() && p.category.equals(result.category()));
            entry.prizes.add(new Entry.PrizeAward(data.edition(), result.category(), result.outcome()));
            Set<String> outcomes = new LinkedHashSet<>();
            entry.prizes.forEach(p -> outcomes.add(p.outcome));
            entry.prizeOutcomes = List.copyOf(outcomes);
        }
    }
}
