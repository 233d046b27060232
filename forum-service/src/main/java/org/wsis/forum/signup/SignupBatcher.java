package org.wsis.forum.signup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.wsis.commons.problem.ProblemException;
import org.wsis.forum.signup.SignupService.SignupOutcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sign-ups for one session queue here in arrival order and are written in batches: one
 * transaction, holding the session's row lock once, seats everyone who arrived meanwhile.
 * <p>
 * Why: sign-ups of a session must be serialised (that is what keeps confirmed seats within capacity
 * and the waitlist in order), so in a rush of thousands the cost of each turn on the row lock
 * (round trips, a commit, and waking every connection queued on the lock) was the whole throughput.
 * Batching pays that cost once per batch instead of once per participant. Across replicas the row
 * lock still orders the batches; inside one JVM a session has at most one batch in flight.
 */
@ApplicationScoped
public class SignupBatcher {
    private static final Logger LOG = Logger.getLogger(SignupBatcher.class);

    private record Pending(UUID registrationId, CompletableFuture<SignupOutcome> outcome) {
    }

    /** A session's queue and whether a writer is already working through it. */
    private static final class SessionQueue {
        final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        final AtomicBoolean writing = new AtomicBoolean();
    }

    private final SignupService signups;
    private final int maxBatch;
    private final Duration maxWait;
    private final ConcurrentHashMap<UUID, SessionQueue> queues = new ConcurrentHashMap<>();
    private final ExecutorService writers;

    public SignupBatcher(SignupService signups,
                         @ConfigProperty(name = "wsis.forum.signup.max-batch", defaultValue = "200") int maxBatch,
                         @ConfigProperty(name = "wsis.forum.signup.max-wait", defaultValue = "30s") Duration maxWait,
                         @ConfigProperty(name = "wsis.forum.signup.writers", defaultValue = "4") int writerThreads) {
        this.signups = signups;
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        AtomicInteger number = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(writerThreads, task -> {
            Thread thread = new Thread(task, "signup-writer-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the sign-up and waits for its batch; 503 problem if that takes longer than the configured wait. */
    public SignupOutcome signUp(UUID sessionId, UUID registrationId) {
        SessionQueue queue = queues.computeIfAbsent(sessionId, id -> new SessionQueue());
        Pending pending = new Pending(registrationId, new CompletableFuture<>());
        queue.pending.add(pending);
        startWriterIfIdle(sessionId, queue);
        try {
            return pending.outcome().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (queue.pending.remove(pending)) {
                throw busy(); // never written: the participant may simply ask again
            }
            return awaitBatchInFlight(pending); // already being written: its answer comes shortly
        } catch (ExecutionException e) {
            throw failureOf(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private SignupOutcome awaitBatchInFlight(Pending pending) {
        try {
            return pending.outcome().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failureOf(e);
        } catch (TimeoutException | InterruptedException e) {
            throw busy();
        }
    }

    /** What the batch failed with for this sign-up (a ProblemException, or the database's error). */
    private static RuntimeException failureOf(ExecutionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
    }

    private static ProblemException busy() {
        return ProblemException.unavailable("Too many sign-ups for this session are waiting; ask again shortly.", 5);
    }

    private void startWriterIfIdle(UUID sessionId, SessionQueue queue) {
        if (queue.writing.compareAndSet(false, true)) {
            writers.execute(() -> writeUntilEmpty(sessionId, queue));
        }
    }

    private void writeUntilEmpty(UUID sessionId, SessionQueue queue) {
        try {
            List<Pending> batch;
            while (!(batch = take(queue)).isEmpty()) {
                write(sessionId, batch);
            }
        } finally {
            queue.writing.set(false);
        }
        // A sign-up queued after the last take but before the flag was cleared found a writer busy: serve it.
        if (!queue.pending.isEmpty()) {
            startWriterIfIdle(sessionId, queue);
        }
    }

    private List<Pending> take(SessionQueue queue) {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < maxBatch && (next = queue.pending.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void write(UUID sessionId, List<Pending> batch) {
        List<UUID> registrations = batch.stream().map(Pending::registrationId).toList();
        try {
            List<SignupOutcome> outcomes = QuarkusTransaction.requiringNew().call(() -> signups.signUpAll(sessionId, registrations));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
            LOG.debugf("Session %s: %d sign-ups written in one transaction", sessionId, batch.size());
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).outcome().completeExceptionally(e);
                return;
            }
            // One participant's problem must not fail the others: write them one by one.
            LOG.warnf("Session %s: a batch of %d sign-ups failed (%s); writing them one at a time", sessionId,
                    batch.size(), e.toString());
            batch.forEach(pending -> write(sessionId, List.of(pending)));
        }
    }

    @PreDestroy
    void stop() {
        writers.shutdown();
    }
}
