package org.wsis.gateway.policy;

import java.time.Duration;

/**
 * One per upstream. After {@code failureThreshold} consecutive connection failures or timeouts it
 * opens: requests get a 503 at once instead of waiting for a dead service. After
 * {@code openDuration} one trial request goes through (half-open); its success closes the circuit,
 * its failure opens it again.
 */
public final class CircuitBreaker {

    private enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openNanos;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private String lastFailure = "it failed";

    public CircuitBreaker(int failureThreshold, Duration openDuration) {
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openNanos = openDuration.toNanos();
    }

    /** False while open (and while the single half-open trial is under way). */
    public synchronized boolean allowRequest() {
        return switch (state) {
            case CLOSED -> true;
            // a trial whose outcome never came back (client gone, request refused before sending)
            // must not keep the circuit half-open for ever: after another open period, try again
            case OPEN, HALF_OPEN -> {
                if (System.nanoTime() - openedAt >= openNanos) {
                    state = State.HALF_OPEN;
                    openedAt = System.nanoTime();
                    yield true;
                }
                yield false;
            }
        };
    }

    public synchronized void recordSuccess() {
        consecutiveFailures = 0;
        state = State.CLOSED;
    }

    /** @param reason why the last request failed, e.g. "it refused the connection" */
    public synchronized void recordFailure(String reason) {
        lastFailure = reason;
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = System.nanoTime();
        }
    }

    /** Seconds until a trial request will be let through (for Retry-After). */
    public synchronized long retryAfterSeconds() {
        long remaining = openNanos - (System.nanoTime() - openedAt);
        return Math.max(1, (remaining + 999_999_999) / 1_000_000_000);
    }

    /** Why the last request failed (for the 503 detail while the circuit is open). */
    public synchronized String lastFailure() {
        return lastFailure;
    }

    public synchronized boolean isOpen() {
        return state != State.CLOSED;
    }
}
