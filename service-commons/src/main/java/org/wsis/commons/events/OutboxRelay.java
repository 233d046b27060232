package org.wsis.commons.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends committed outbox rows to Kafka in order and marks them published. A transaction-scoped
 * advisory lock lets only one instance of a service relay at a time, which keeps per-key order
 * when a service is scaled out. If Kafka is down the rows simply wait; if a send fails after some
 * records went out, they are sent again later, and consumers drop the duplicates by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x57_5349_53L; // "WSIS": any constant shared by a service's instances
    private static final int BATCH = 500;

    @Inject
    EntityManager entityManager;

    @Inject
    OutboxSender sender;

    /** Ticks before startup completes are skipped: the Kafka channel is wired during startup. */
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${wsis.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    void relayPending() {
        if (!started) {
            return;
        }
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
            } while (sent == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
        }
    }

    /** @return how many events were sent; runs inside a transaction. */
    int relayBatch() {
        Boolean locked = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT seq, topic, message_key, payload FROM outbox_event
                        WHERE published_at IS NULL ORDER BY seq LIMIT ?1""")
                .setParameter(1, BATCH).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        List<Long> sequence = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            sequence.add(((Number) row[0]).longValue());
            acks.add(sender.send((String) row[1], (String) row[2], (String) row[3]));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch: " + e.getMessage(), e);
        }
        entityManager.createNativeQuery("UPDATE outbox_event SET published_at = now() WHERE seq IN (?1)")
                .setParameter(1, sequence).executeUpdate();
        return rows.size();
    }

    // Published rows stay wsis.retention.published-outbox-days (7), then privacy/SharedStoreRetention drops them.
}
