package org.wsis.indicators.upload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Gives up on batches whose job died with its service instance (a crash, a kill, a redeploy), so a
 * provider polling the batch learns it must upload again instead of seeing VALIDATING forever.
 * <p>
 * A running job holds a PostgreSQL advisory lock on its batch for as long as its transaction is
 * open (see BatchPublisher), and PostgreSQL drops the lock when the job's connection dies. So a
 * VALIDATING or PUBLISHING batch whose lock can be taken has no live job on any replica. A RECEIVED
 * batch has no lock while it waits in a job queue; it is given up only when it has waited far
 * longer than any queue should ({@code indicators.upload.max-queue-wait}), and the job, if it ever
 * starts, then finds it no longer RECEIVED and leaves it alone.
 */
@ApplicationScoped
public class InterruptedBatches {
    /** First key of the batch advisory locks ("WSIS"); the second is the batch id's hash. */
    static final int LOCK_CLASS = 0x57534953;
    static final String REASON = "Interrupted: the service instance processing it stopped; nothing was published. Upload the batch again.";
    private static final Logger LOG = Logger.getLogger(InterruptedBatches.class);

    private final EntityManager entityManager;
    private final Duration maxQueueWait;

    public InterruptedBatches(EntityManager entityManager,
                              @ConfigProperty(name = "indicators.upload.max-queue-wait", defaultValue = "2h") Duration maxQueueWait) {
        this.entityManager = entityManager;
        this.maxQueueWait = maxQueueWait;
    }

    @Scheduled(every = "1m", delayed = "20s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int failed = failInterrupted();
        if (failed > 0) {
            LOG.warnf("%d interrupted batch(es) marked FAILED", failed);
        }
    }

    /** @return how many batches were marked FAILED */
    public int failInterrupted() {
        @SuppressWarnings("unchecked")
        List<UUID> candidates = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                        SELECT id FROM batch
                        WHERE status IN ('VALIDATING', 'PUBLISHING')
                           OR (status = 'RECEIVED' AND received_at < now() - make_interval(secs => ?1))
                        ORDER BY received_at LIMIT 100""", UUID.class)
                .setParameter(1, (double) maxQueueWait.toSeconds()).getResultList());
        int failed = 0;
        for (UUID id : candidates) {
            failed += QuarkusTransaction.requiringNew().call(() -> failIfOrphaned(id));
        }
        return failed;
    }

    private int failIfOrphaned(UUID id) {
        Boolean free = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1, ?2)")
                .setParameter(1, LOCK_CLASS).setParameter(2, id.hashCode()).getSingleResult();
        if (!free) {
            return 0; // a live job holds it
        }
        return entityManager.createNativeQuery("""
                        UPDATE batch SET status = 'FAILED', failure = ?2, finished_at = now()
                        WHERE id = ?1 AND status IN ('RECEIVED', 'VALIDATING', 'PUBLISHING')""")
                .setParameter(1, id).setParameter(2, REASON).executeUpdate();
    }
}
