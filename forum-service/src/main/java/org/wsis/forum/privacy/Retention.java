package org.wsis.forum.privacy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.wsis.commons.time.ServiceClock;
import org.wsis.forum.ForumConfig;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The forum's retention (issue 20): {@code forum.retention.registration-days} (365) after an edition ends, its
 * registrations lose their personal fields and their link to the person, exactly as an erasure does, so the
 * counts stay. Daily, with the scheduler that purges the inbox (service-commons events/ProcessedEvents).
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);
    private final EntityManager entityManager;
    private final Clock clock;
    private final int registrationDays;

    Retention(EntityManager entityManager, Clock clock, ForumConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.registrationDays = config.retention().registrationDays();
    }

    /** @return registrations whose personal fields were purged */
    public int purgeExpiredRegistrations() {
        OffsetDateTime now = ServiceClock.utcNow(clock);
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        UPDATE registration r SET subject_id = NULL, full_name = NULL, organisation = NULL, country = NULL,
                               accessibility_needs = NULL, consent_given_at = NULL, erased_at = ?1, updated_at = ?1,
                               version = r.version + 1
                        FROM forum_edition e
                        WHERE e.year = r.edition_year AND r.erased_at IS NULL
                          AND e.ends_on < CAST(?1 AS date) - ?2""")
                .setParameter(1, now).setParameter(2, registrationDays).executeUpdate());
    }

    @Scheduled(every = "24h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeDaily() {
        int purged = purgeExpiredRegistrations();
        if (purged > 0) {
            LOG.infof("Retention: personal fields of %d registrations of editions ended over %d days ago purged", purged, registrationDays);
        }
    }
}
