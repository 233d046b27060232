package org.wsis.indicators.statistics;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.wsis.commons.events.EventInbox;
import org.wsis.commons.events.EventSubscription;
import org.wsis.commons.events.IncomingEventData;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Keeps prize_statistic, the figures of WSIS:DF_PRIZES, from prizes' statistics-published.v1 (sent with the
 * results, at the ceremony) through commons' {@link EventInbox}: an edition's rows are replaced as a whole, so a
 * redelivery changes nothing. Other events on prizes.results (the results themselves) are skipped.
 */
@ApplicationScoped
public class PrizeStatisticsEvents {
    static final String CONSUMER = "indicators.prize-statistics";
    static final String STATISTICS_PUBLISHED_V1 = "org.wsis.prizes.statistics.published.v1";

    record StatisticsPublished(Integer edition, OffsetDateTime publishedAt, List<Row> statistics) implements IncomingEventData {
        @Override
        public void requireComplete() {
            if (edition == null || statistics == null || statistics.stream().anyMatch(r -> r == null || !r.complete())) {
                throw new IllegalArgumentException("statistics event lacks a required field: " + this);
            }
        }
    }

    record Row(String category, String region, String stakeholderType, Long entries, Long nominees, Long validVotes) {
        boolean complete() {
            return category != null && region != null && stakeholderType != null && entries != null && nominees != null
                    && validVotes != null && entries >= 0 && nominees >= 0 && validVotes >= 0;
        }
    }

    private final EventInbox inbox;
    private final EntityManager entityManager;
    private final EventSubscription subscription = EventSubscription.of(CONSUMER, "prizes.results")
            .on(STATISTICS_PUBLISHED_V1, StatisticsPublished.class, this::published);

    public PrizeStatisticsEvents(EventInbox inbox, EntityManager entityManager) {
        this.inbox = inbox;
        this.entityManager = entityManager;
    }

    @Incoming("prizes-results")
    @Blocking // on a worker thread, in order per partition
    public void onEvent(String value) {
        inbox.receive(value, subscription);
    }

    private void published(StatisticsPublished data) {
        entityManager.createNativeQuery("DELETE FROM prize_statistic WHERE edition = ?1").setParameter(1, data.edition()).executeUpdate();
        for (Row r : data.statistics()) {
            String category = r.category().equals(StocktakingCodes.TOTAL) ? r.category() : StocktakingCodes.actionLine(r.category());
            String region = StocktakingCodes.regions(List.of(r.region())).get(0);
            String type = StocktakingCodes.stakeholderType(r.stakeholderType());
            if (r.region().equals(StocktakingCodes.TOTAL)) {
                region = StocktakingCodes.TOTAL;
            }
            if (r.stakeholderType().equals(StocktakingCodes.TOTAL)) {
                type = StocktakingCodes.TOTAL;
            }
            insert(data.edition(), category, region, type, "ENTRIES", r.entries());
            insert(data.edition(), category, region, type, "NOMINEES", r.nominees());
            insert(data.edition(), category, region, type, "VALID_VOTES", r.validVotes());
        }
    }

    private void insert(int edition, String category, String region, String type, String measure, long value) {
        entityManager.createNativeQuery("""
                        INSERT INTO prize_statistic (edition, category, region, stakeholder_type, measure, value)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, edition).setParameter(2, category).setParameter(3, region).setParameter(4, type)
                .setParameter(5, measure).setParameter(6, value).executeUpdate();
    }
}
