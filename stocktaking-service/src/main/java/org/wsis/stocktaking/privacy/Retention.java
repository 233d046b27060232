package org.wsis.stocktaking.privacy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.wsis.commons.time.ServiceClock;
import org.wsis.stocktaking.StocktakingConfig;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Stocktaking's retention (issue 20), the shape of forum's privacy/Retention: {@code
 * stocktaking.retention.archived-contact-days} (730) after an entry was archived, its contact person (name, e-mail,
 * public flag) is removed from the entry and from every revision snapshot of it; the entry and its history stay.
 * Daily, on the injected clock. The shared tables (stored responses, outbox, consents) are service-commons'
 * SharedStoreRetention.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);
    private final EntityManager entityManager;
    private final Clock clock;
    private final int archivedContactDays;

    Retention(EntityManager entityManager, Clock clock, StocktakingConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.archivedContactDays = config.retention().archivedContactDays();
    }

    /** @return entries whose contact person was removed */
    public int purgeContactsOfLongArchivedEntries() {
        OffsetDateTime before = ServiceClock.utcNow(clock).minusDays(archivedContactDays);
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("""
                            UPDATE entry_revision r
                            SET snapshot = jsonb_set(jsonb_set(r.snapshot, '{contactName}', 'null', false), '{contactEmail}', 'null', false)
                            FROM entry e
                            WHERE e.id = r.entry_id AND e.status = 'ARCHIVED' AND e.updated_at < ?1
                              AND (jsonb_typeof(r.snapshot -> 'contactName') = 'string' OR jsonb_typeof(r.snapshot -> 'contactEmail') = 'string')""")
                    .setParameter(1, before).executeUpdate();
            return entityManager.createNativeQuery("""
                            UPDATE entry SET contact_name = NULL, contact_email = NULL, public_contact = false, version = version + 1
                            WHERE status = 'ARCHIVED' AND updated_at < ?1 AND (contact_name IS NOT NULL OR contact_email IS NOT NULL)""")
                    .setParameter(1, before).executeUpdate();
        });
    }

    @Scheduled(every = "24h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeDaily() {
        int purged = purgeContactsOfLongArchivedEntries();
        if (purged > 0) {
            LOG.infof("Retention: contact persons of %d entries archived over %d days ago removed", purged, archivedContactDays);
        }
    }
}
