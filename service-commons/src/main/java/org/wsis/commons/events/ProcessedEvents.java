package org.wsis.commons.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The inbox of an idempotent consumer. Call {@link #firstDelivery} in the transaction that applies
 * the event: a redelivered event finds its id already recorded and is skipped. Ids are kept for
 * {@code wsis.inbox.retention-days} (30): far longer than a redelivery after a crash takes (the
 * offset is committed seconds after the event is applied) and than the 7 days of the event topics'
 * retention, so the table stays bounded without forgetting anything Kafka could still redeliver.
 */
@ApplicationScoped
public class ProcessedEvents {
    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);
    private final EntityManager entityManager;
    private final int retentionDays;

    public ProcessedEvents(EntityManager entityManager, @ConfigProperty(name = "wsis.inbox.retention-days") int retentionDays) {
        this.entityManager = entityManager;
        this.retentionDays = retentionDays;
    }

    /** @return true the first time this consumer sees this event id, false on every redelivery */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        boolean first = entityManager.createNativeQuery("""
                        INSERT INTO processed_event (consumer, event_id) VALUES (?1, ?2)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, consumer).setParameter(2, eventId).executeUpdate() == 1;
        if (!first) {
            LOG.debugf("Event %s already applied by %s, skipped", eventId, consumer);
        }
        return first;
    }

    /** @return how many ids older than the retention were dropped */
    public int purgeExpired() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "DELETE FROM processed_event WHERE processed_at < now() - make_interval(days => ?1)")
                .setParameter(1, retentionDays).executeUpdate());
    }

    @Scheduled(every = "1h", delayed = "2m")
    void purgeExpiredEveryHour() {
        int purged = purgeExpired();
        if (purged > 0) {
            LOG.infof("Inbox: %d event ids older than %d days dropped", purged, retentionDays);
        }
    }
}
