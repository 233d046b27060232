package org.wsis.commons.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own limits on writes, per caller, so that a service's port reached directly (not
 * through the gateway) is no way around the gateway's limits. Each limit is named and configured as
 * {@code wsis.rate-limit.<name>.capacity} (burst) and {@code .per-second}; a name without config
 * falls back to {@code wsis.rate-limit.default.*}. A resource calls
 * {@code limits.acquire("forum-registrations", caller.subject(), "registrations")} before writing.
 */
@ApplicationScoped
public class WriteRateLimits {
    private final Config config;
    private final ConcurrentHashMap<String, TokenBuckets> limits = new ConcurrentHashMap<>();

    public WriteRateLimits(Config config) {
        this.config = config;
    }

    /** Takes one token of the named limit for the key (usually the token subject), or throws 429 with Retry-After. */
    public void acquire(String name, String key, String what) {
        limits.computeIfAbsent(name, this::configured).acquire(key, "Too many " + what + " from this caller");
    }

    /** The buckets of one named limit (also for keys other than a caller, such as a session). */
    public TokenBuckets named(String name) {
        return limits.computeIfAbsent(name, this::configured);
    }

    private TokenBuckets configured(String name) {
        int capacity = config.getOptionalValue("wsis.rate-limit." + name + ".capacity", Integer.class)
                .orElseGet(() -> config.getValue("wsis.rate-limit.default.capacity", Integer.class));
        double perSecond = config.getOptionalValue("wsis.rate-limit." + name + ".per-second", Double.class)
                .orElseGet(() -> config.getValue("wsis.rate-limit.default.per-second", Double.class));
        return new TokenBuckets(capacity, perSecond);
    }

    /** Full buckets carry no information: drop them so a crowd of one-time callers does not stay in memory. */
    @Scheduled(every = "1m", delayed = "1m")
    void forgetIdleBuckets() {
        limits.values().forEach(TokenBuckets::forgetFullBuckets);
    }
}
