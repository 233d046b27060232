package org.wsis.gateway.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
        return decide(policy, user, client).retryAfterSeconds();
    }

    /**
     * Takes one request from the caller's buckets on this route, and says where they stand (the
     * RateLimit and RateLimit-Policy headers of draft-ietf-httpapi-ratelimit-headers).
     */
    public Decision decide(RoutePolicy policy, String user, String client) {
        if (!enabled) {
            return Decision.UNLIMITED;
        }
        long now = System.nanoTime();
        List<Quota> quotas = new ArrayList<>(2);
        long waitNanos = take(quotas, policy.name(), "u|" + policy.name() + "|" + user, policy.requestsPerSecond(),
                policy.burst(), now);
        if (waitNanos == 0 && client != null) {
            waitNanos = take(quotas, policy.name() + "-client", "c|" + policy.name() + "|" + client,
                    policy.clientRequestsPerSecond(), policy.clientBurst(), now);
        }
        long retryAfter = waitNanos == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999));
        return new Decision(retryAfter, List.copyOf(quotas));
    }

    private long take(List<Quota> quotas, String name, String key, double rate, int burst, long now) {
        if (rate <= 0) {
            return 0;
        }
        TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(rate, burst, now));
        TokenBucket.Outcome outcome = bucket.take(now);
        quotas.add(new Quota(name, bucket.capacity(), bucket.windowSeconds(), outcome.remaining(),
                Math.max(0, TimeUnit.NANOSECONDS.toSeconds(outcome.fullInNanos() + 999_999_999))));
        return outcome.waitNanos();
    }

    /**
     * One bucket a request was counted in: at most {@code quota} requests at once, refilled over
     * {@code windowSeconds}; {@code remaining} left, all back in {@code resetSeconds}.
     */
    public record Quota(String name, long quota, long windowSeconds, long remaining, long resetSeconds) {
    }

    /** The outcome for one request: allowed when {@code retryAfterSeconds} is 0. */
    public record Decision(long retryAfterSeconds, List<Quota> quotas) {
        static final Decision UNLIMITED = new Decision(0, List.of());

        /** {@code RateLimit-Policy: "stocktaking";q=200;w=2, "stocktaking-client";q=4000;w=2}, or null. */
        public String policyHeader() {
            return quotas.isEmpty() ? null : quotas.stream()
                    .map(q -> "\"" + q.name() + "\";q=" + q.quota() + ";w=" + q.windowSeconds())
                    .collect(Collectors.joining(", "));
        }

        /** {@code RateLimit: "stocktaking";r=199;t=1, ...}, or null. */
        public String rateLimitHeader() {
            return quotas.isEmpty() ? null : quotas.stream()
                    .map(q -> "\"" + q.name() + "\";r=" + q.remaining() + ";t=" + q.resetSeconds())
                    .collect(Collectors.joining(", "));
        }
    }
}
