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
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / ratePerNano);
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
