package org.wsis.commons.batching;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import org.wsis.commons.problem.ProblemException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Group commit: writes that arrive together are queued per key (a session, an edition) in arrival
 * order and written in batches, one transaction for everyone who arrived while the previous batch
 * was being written. Each caller still waits for its own batch to commit before it answers.
 * <p>
 * Why: when every write pays a transaction of its own (round trips, a commit, a turn on a hot row
 * lock), that fixed cost, not the work, limits a rush. A batch pays it once. Inside one JVM a key
 * has at most one batch in flight, so batches of a key never contend with each other; across
 * replicas the database's locks still order them.
 * <p>
 * A failed batch is written again one item at a time, so one caller's problem never fails the others.
 * A caller that waits longer than {@code maxWait} gets {@code busy} (a 503 problem) if its item was
 * never taken into a batch, so asking again is safe.
 *
 * @param <K> what writes are grouped by: one queue and at most one batch in flight per key
 * @param <I> one caller's write
 * @param <O> its outcome, returned by {@link BatchWrite#writeAll} in the order of the items
 */
public final class GroupCommit<K, I, O> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** Writes a whole batch; called inside a new transaction, returns one outcome per item, in order. */
    @FunctionalInterface
    public interface BatchWrite<K, I, O> {
        List<O> writeAll(K key, List<I> items);
    }

    private record Pending<I, O>(I item, CompletableFuture<O> outcome) {
    }

    /** A key's queue and whether a writer is already working through it. */
    private static final class KeyQueue<I, O> {
        final ConcurrentLinkedDeque<Pending<I, O>> pending = new ConcurrentLinkedDeque<>();
        final AtomicBoolean writing = new AtomicBoolean();
    }

    private final String name;
    private final BatchWrite<K, I, O> write;
    private final Function<I, Object> exclusiveBy;
    private final int maxBatch;
    private final Duration maxWait;
    private final Supplier<ProblemException> busy;
    private final ConcurrentHashMap<K, KeyQueue<I, O>> queues = new ConcurrentHashMap<>();
    private final ExecutorService writers;

    /**
     * @param name        names the writer threads and the log lines
     * @param exclusiveBy items with equal values never share a batch (the later waits for the next one);
     *                    null when any items may
     * @param busy        the problem for a caller whose item waited {@code maxWait} without being taken
     */
    public GroupCommit(String name, BatchWrite<K, I, O> write, Function<I, Object> exclusiveBy, int maxBatch,
                       Duration maxWait, int writerThreads, Supplier<ProblemException> busy) {
        this.name = name;
        this.write = write;
        this.exclusiveBy = exclusiveBy;
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.busy = busy;
        AtomicInteger number = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(writerThreads, task -> {
            Thread thread = new Thread(task, name + "-writer-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the write and waits for its batch to commit; the outcome, or the batch's exception for this item. */
    public O submit(K key, I item) {
        KeyQueue<I, O> queue = queues.computeIfAbsent(key, k -> new KeyQueue<>());
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        queue.pending.add(pending);
        startWriterIfIdle(key, queue);
        try {
            return pending.outcome().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (queue.pending.remove(pending)) {
                throw busy.get(); // never written: the caller may simply ask again
            }
            return awaitBatchInFlight(pending); // already being written: its answer comes shortly
        } catch (ExecutionException e) {
            throw failureOf(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy.get();
        }
    }

    private O awaitBatchInFlight(Pending<I, O> pending) {
        try {
            return pending.outcome().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failureOf(e);
        } catch (TimeoutException | InterruptedException e) {
            throw busy.get();
        }
    }

    /** What the batch failed with for this item (a ProblemException, or the database's error). */
    private static RuntimeException failureOf(ExecutionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
    }

    private void startWriterIfIdle(K key, KeyQueue<I, O> queue) {
        if (queue.writing.compareAndSet(false, true)) {
            writers.execute(() -> writeUntilEmpty(key, queue));
        }
    }

    private void writeUntilEmpty(K key, KeyQueue<I, O> queue) {
        try {
            List<Pending<I, O>> batch;
            while (!(batch = take(queue)).isEmpty()) {
                write(key, batch);
            }
        } finally {
            queue.writing.set(false);
        }
        // An item queued after the last take but before the flag was cleared found a writer busy: serve it.
        if (!queue.pending.isEmpty()) {
            startWriterIfIdle(key, queue);
        }
    }

    /** Up to maxBatch items in arrival order; an item exclusive with one already taken goes back to the front. */
    private List<Pending<I, O>> take(KeyQueue<I, O> queue) {
        List<Pending<I, O>> batch = new ArrayList<>();
        List<Pending<I, O>> deferred = new ArrayList<>();
        Set<Object> taken = exclusiveBy == null ? null : new HashSet<>();
        Pending<I, O> next;
        while (batch.size() < maxBatch && (next = queue.pending.poll()) != null) {
            if (taken == null || taken.add(exclusiveBy.apply(next.item()))) {
                batch.add(next);
            } else {
                deferred.add(next);
            }
        }
        for (int i = deferred.size() - 1; i >= 0; i--) {
            queue.pending.addFirst(deferred.get(i));
        }
        return batch;
    }

    private void write(K key, List<Pending<I, O>> batch) {
        List<I> items = batch.stream().map(Pending::item).toList();
        try {
            List<O> outcomes = QuarkusTransaction.requiringNew().call(() -> write.writeAll(key, items));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
            LOG.debugf("%s %s: %d written in one transaction", name, key, batch.size());
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).outcome().completeExceptionally(e);
                return;
            }
            LOG.warnf("%s %s: a batch of %d failed (%s); writing them one at a time", name, key, batch.size(), e.toString());
            batch.forEach(pending -> write(key, List.of(pending)));
        }
    }

    @Override
    public void close() {
        writers.shutdown();
    }
}
