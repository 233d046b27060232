package org.wsis.gateway.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.wsis.gateway.routing.GatewayConfig;

import io.vertx.core.Vertx;

/**
 * In-memory token buckets per route and caller: one per user (token subject, or remote IP for
 * anonymous requests) and one per OAuth client (token {@code azp}). Each gateway replica counts on
 * its own, so the effective limit of N replicas is N times the configured one (see deploy/README.md).
 */
@ApplicationScoped
public class RateLimiter {

    /** Buckets untouched for this long are full again and can be forgotten. */
    private static final long SWEEP_INTERVAL_MILLIS = 60_000;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final Vertx vertx;
    private long sweepTimer = -1;

    RateLimiter(GatewayConfig config, Vertx vertx) {
        this.enabled = config.rateLimit().enabled();
        this.vertx = vertx;
    }

    @PostConstruct
    void startSweeping() {
        sweepTimer = vertx.setPeriodic(SWEEP_INTERVAL_MILLIS, id -> {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.isIdle(now));
        });
    }

    @PreDestroy
    void stopSweeping() {
        if (sweepTimer != -1) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    /**
     * Takes one request from the caller's buckets on this route.
     *
     * @param user   the token subject, or {@code ip:<address>} when anonymous
     * @param client the token's {@code azp}, or null when anonymous
     * @return 0 when allowed, else the whole seconds to wait (for Retry-After, at least 1)
     */
    public long acquire(RoutePolicy policy, String user, String client) {
        if (!enabled) {
            return 0;
        }
        long now = System.nanoTime();
        long waitNanos = take("u|" + policy.name() + "|" + user, policy.requestsPerSecond(), policy.burst(), now);
        if (waitNanos == 0 && client != null) {
            waitNanos = take("c|" + policy.name() + "|" + client, policy.clientRequestsPerSecond(),
                    policy.clientBurst(), now);
        }
        return waitNanos == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999));
    }

    private long take(String key, double rate, int burst, long now) {
        if (rate <= 0) {
            return 0;
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(rate, burst, now)).tryTake(now);
    }
}
