package org.wsis.prizes.voting;

import org.wsis.prizes.PrizesConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * Signals are personal data kept for the audit only: once the retention period after a vote has passed
 * and its edition's ledger is closed (the audit is over), its address, device, account age and e-mail
 * domain are erased. Status and reason stay. The voters' e-mailed step-up codes (a subject per voter and edition)
 * serve only while voting: they go when the edition's ledger is closed (issue 20).
 */
@ApplicationScoped
public class SignalRetention {
    private final EntityManager entityManager;
    private final Clock clock;
    private final Period retention;

    public SignalRetention(EntityManager entityManager, Clock clock,
                           PrizesConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.retention = config.voting().signals().retention();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void eraseExpired() {
        QuarkusTransaction.requiringNew().run(() -> erase(OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).minus(retention)));
    }

    /** @return votes whose signals were erased */
    int erase(OffsetDateTime castBefore) {
        int erased = entityManager.createNativeQuery("""
                        UPDATE vote SET client_address = NULL, device_hash = NULL, account_created_at = NULL,
                                        email_domain = NULL, signals_erased = true
                        WHERE cast_at < ?1 AND NOT signals_erased
                          AND edition_year IN (SELECT edition_year FROM ledger_digest)""")
                .setParameter(1, castBefore).executeUpdate();
        // screening's per-voter facts (account creation time among them) go with the votes' signals
        entityManager.createNativeQuery("""
                        DELETE FROM voter_screening s
                        WHERE s.edition_year IN (SELECT edition_year FROM ledger_digest)
                          AND NOT EXISTS (SELECT 1 FROM vote v WHERE v.edition_year = s.edition_year
                                          AND v.voter_id = s.voter_id AND NOT v.signals_erased)""")
                .executeUpdate();
        entityManager.createNativeQuery("DELETE FROM vote_step_up WHERE edition_year IN (SELECT edition_year FROM ledger_digest)")
                .executeUpdate();
        return erased;
    }
}
