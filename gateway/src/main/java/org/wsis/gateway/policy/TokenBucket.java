package org.wsis.gateway.policy;

/**
 * A classic token bucket: {@code burst} tokens at most, refilled at {@code ratePerSecond}; a request
 * takes one. Synchronised because the gateway's event loops share buckets.
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;

    TokenBucket(double ratePerSecond, int burst, long now) {
        this.ratePerNano = ratePerSecond / 1_000_000_000d;
        this.capacity = Math.max(1, burst);
        this.tokens = capacity;
        this.lastRefill = now;
    }

    /** Takes a token: 0 when granted, else the nanoseconds until one will be available. */
    synchronized long tryTake(long now) {
        return take(now).waitNanos();
    }

    /**
     * What one request did to the bucket, for the RateLimit headers too.
     *
     * @param waitNanos   0 when granted, else the nanoseconds until a token will be available
     * @param remaining   whole tokens left after this request
     * @param fullInNanos until the bucket is full again (the whole burst available)
     */
    record Outcome(long waitNanos, long remaining, long fullInNanos) {
    }

    synchronized Outcome take(long now) {
        refill(now);
        long waitNanos = 0;
        if (tokens >= 1) {
            tokens -= 1;
        } else {
            waitNanos = (long) Math.ceil((1 - tokens) / ratePerNano);
        }
        return new Outcome(waitNanos, (long) Math.floor(tokens), (long) Math.ceil((capacity - tokens) / ratePerNano));
    }

    /** The most requests at once (the RateLimit-Policy quota). */
    long capacity() {
        return (long) capacity;
    }

    /** Seconds to refill the whole burst from empty (the RateLimit-Policy window), at least 1. */
    long windowSeconds() {
        return Math.max(1, (long) Math.ceil(capacity / ratePerNano / 1_000_000_000d));
    }

    /** True when the bucket is full again, i.e. forgetting it changes nothing. */
    synchronized boolean isIdle(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > lastRefill) {
            tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerNano);
            lastRefill = now;
        }
    }
}
