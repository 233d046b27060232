package org.wsis.indicators.upload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import org.wsis.indicators.IndicatorsConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Liveness of unfinished batches across instances (migration V3). This instance keeps the ids of
 * the batches it is working on (queued jobs, running jobs, synchronous uploads) and touches their
 * {@code heartbeat_at} every {@code indicators.jobs.heartbeat-every}; every instance's reaper marks
 * FAILED the unfinished batches nobody has touched for {@code indicators.jobs.stale-after}: their
 * instance died, their upload file with it, and nothing of them was published (one transaction).
 */
@Singleton
public class BatchHeartbeat {
    private static final Logger LOG = Logger.getLogger(BatchHeartbeat.class);
    static final String ABANDONED = "The service instance handling this batch stopped before it finished;"
            + " nothing was published. Send the batch again.";

    private final Set<UUID> working = ConcurrentHashMap.newKeySet();
    private final EntityManager entityManager;
    private final Duration staleAfter;

    public BatchHeartbeat(EntityManager entityManager,
                          IndicatorsConfig config) {
        this.entityManager = entityManager;
        this.staleAfter = config.jobs().staleAfter();
    }

    /** This instance works on the batch until {@link #done}. */
    public void working(UUID batchId) {
        working.add(batchId);
    }

    public void done(UUID batchId) {
        working.remove(batchId);
    }

    boolean isWorkingOn(UUID batchId) {
        return working.contains(batchId);
    }

    @Scheduled(every = "${indicators.jobs.heartbeat-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        if (working.isEmpty()) {
            return;
        }
        String[] ids = working.stream().map(UUID::toString).toArray(String[]::new);
        try {
            // a batch row locked by its own publishing transaction is about to finish: skip it rather than wait
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                            UPDATE batch SET heartbeat_at = now() WHERE id IN (
                                SELECT id FROM batch WHERE id::text = ANY(?1)
                                AND status IN ('RECEIVED', 'VALIDATING', 'PUBLISHING') FOR UPDATE SKIP LOCKED)""")
                    .setParameter(1, ids).executeUpdate());
        } catch (RuntimeException e) {
            LOG.warnf("Batch heartbeat skipped: %s", e.getMessage());
        }
    }

    /** Marks FAILED the unfinished batches whose instance stopped touching them. */
    @Scheduled(every = "${indicators.jobs.reaper-every}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reapAbandoned() {
        try {
            int reaped = reapOlderThan(staleAfter);
            if (reaped > 0) {
                LOG.warnf("%d abandoned batch(es) marked FAILED (no heartbeat for %s)", reaped, staleAfter);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Batch reaper skipped: %s", e.getMessage());
        }
    }

    int reapOlderThan(Duration age) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        UPDATE batch SET status = 'FAILED', failure = ?1, finished_at = now()
                        WHERE status IN ('RECEIVED', 'VALIDATING', 'PUBLISHING')
                          AND heartbeat_at < now() - make_interval(secs => ?2)""")
                .setParameter(1, ABANDONED).setParameter(2, (double) age.toMillis() / 1000).executeUpdate());
    }
}
