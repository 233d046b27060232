package org.wsis.commons.ratelimit;

import org.wsis.commons.problem.ProblemException;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One limit (capacity, refill per second) applied to many keys (a user, a client application, a
 * session): one token bucket per key, in memory. The limits are PER INSTANCE: with N replicas a key
 * gets up to N times the rate; the database's own rules (one vote per category, one registration per
 * edition) hold whatever the rate. Full buckets carry no information and are dropped, so the map
 * holds only the keys that were active in the last few seconds, however many keys there are.
 */
public final class TokenBuckets {
    /** Above this many tracked keys, a take first drops the full buckets (bounded memory without a scheduler). */
    private static final int PRUNE_ABOVE = 10_000;

    private final int capacity;
    private final double perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(int capacity, double perSecond) {
        if (capacity < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("a rate limit needs capacity >= 1 and a positive rate: " + capacity + ", " + perSecond);
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
    }

    /** @return 0 when a token was taken for the key, else the seconds (at least 1) until one is available */
    public long tryTake(String key) {
        if (buckets.size() > PRUNE_ABOVE) {
            forgetFullBuckets();
        }
        long waitNanos = buckets.computeIfAbsent(key, k -> new Bucket()).tryTake();
        return waitNanos == 0 ? 0 : Math.max(1, (long) Math.ceil(waitNanos / 1e9));
    }

    /**
     * Takes a token for the key or throws 429 problem+json with Retry-After.
     *
     * @param what what is limited, for the detail ("Too many registrations from this user")
     */
    public void acquire(String key, String what) {
        long retryAfter = tryTake(key);
        if (retryAfter > 0) {
            throw ProblemException.tooManyRequests(what + "; retry in " + retryAfter + " s", retryAfter);
        }
    }

    public void forgetFullBuckets() {
        buckets.values().removeIf(Bucket::isFull);
    }

    public int trackedKeys() {
        return buckets.size();
    }

    private final class Bucket {
        private double tokens = capacity;
        private long refilledAt = System.nanoTime();

        /** @return 0 when a token was taken, else nanoseconds until one is available */
        synchronized long tryTake() {
            refill();
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) ((1 - tokens) / perSecond * 1e9);
        }

        synchronized boolean isFull() {
            refill();
            return tokens >= capacity;
        }

        private void refill() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }
}
