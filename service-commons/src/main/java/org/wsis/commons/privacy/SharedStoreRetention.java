package org.wsis.commons.privacy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.wsis.commons.time.ServiceClock;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retention of what every service's shared tables keep about people (issue 20), purged hourly on the injected
 * {@link Clock}: stored idempotent responses ({@code wsis.retention.idempotency-hours}, 24: long enough for any
 * client's retries; a response may hold what the person wrote), published outbox rows
 * ({@code wsis.retention.published-outbox-days}, 7: as long as the topics keep their records, for audits and
 * replays) and consent records the person withdrew ({@code wsis.retention.withdrawn-consent-days}, 1095: the
 * evidence of what was agreed, and until when, for three years after the withdrawal). The consumers' inbox keeps
 * event ids only ({@code wsis.inbox.retention-days}, events/ProcessedEvents). A service's own kinds have their own
 * purge and keys (forum registrations, prizes vote signals: see each README).
 */
@ApplicationScoped
public class SharedStoreRetention {
    private static final Logger LOG = Logger.getLogger(SharedStoreRetention.class);
    private final EntityManager entityManager;
    private final Clock clock;
    private final Duration idempotency;
    private final Duration publishedOutbox;
    private final Duration withdrawnConsent;

    SharedStoreRetention(EntityManager entityManager, Clock clock,
                         @ConfigProperty(name = "wsis.retention.idempotency-hours") int idempotencyHours,
                         @ConfigProperty(name = "wsis.retention.published-outbox-days") int publishedOutboxDays,
                         @ConfigProperty(name = "wsis.retention.withdrawn-consent-days") int withdrawnConsentDays) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.idempotency = Duration.ofHours(idempotencyHours);
        this.publishedOutbox = Duration.ofDays(publishedOutboxDays);
        this.withdrawnConsent = Duration.ofDays(withdrawnConsentDays);
    }

    /** @return rows deleted, by kind ({@code idempotentResponses}, {@code publishedOutboxEvents}, {@code withdrawnConsents}) */
    public Map<String, Integer> purgeExpired() {
        OffsetDateTime now = ServiceClock.utcNow(clock);
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Integer> purged = new LinkedHashMap<>();
            purged.put("idempotentResponses", delete("DELETE FROM idempotency_key WHERE created_at < ?1", now.minus(idempotency)));
            purged.put("publishedOutboxEvents", delete("DELETE FROM outbox_event WHERE published_at < ?1", now.minus(publishedOutbox)));
            purged.put("withdrawnConsents", delete("DELETE FROM consent_record WHERE withdrawn_at < ?1", now.minus(withdrawnConsent)));
            return purged;
        });
    }

    private int delete(String sql, OffsetDateTime before) {
        return entityManager.createNativeQuery(sql).setParameter(1, before).executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeHourly() {
        Map<String, Integer> purged = purgeExpired();
        if (purged.values().stream().anyMatch(n -> n > 0)) {
            LOG.infof("Retention: %s past their retention deleted", purged);
        }
    }
}
