package org.wsis.commons.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The inbox of an idempotent consumer. Call {@link #firstDelivery} in the transaction that applies
 * the event: a redelivered event finds its id already recorded and is skipped.
 */
@ApplicationScoped
public class ProcessedEvents {
    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);
    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
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
}
