package org.wsis.prizes.voting;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.wsis.commons.problem.ProblemException;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Anti-abuse for voting: one token bucket per voter and one per client application (token azp).
 * In memory, so the limits are PER INSTANCE: with N replicas a voter gets up to N times the rate
 * (the database still allows only one vote per voter and category, whatever the rate).
 */
@ApplicationScoped
public class RateLimiter {
    private final Limit perUser;
    private final Limit perClient;
    private final ConcurrentHashMap<String, Bucket> userBuckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> clientBuckets = new ConcurrentHashMap<>();

    public RateLimiter(@ConfigProperty(name = "prizes.voting.rate-limit.user.capacity") int userCapacity,
                       @ConfigProperty(name = "prizes.voting.rate-limit.user.per-second") double userPerSecond,
                       @ConfigProperty(name = "prizes.voting.rate-limit.client.capacity") int clientCapacity,
                       @ConfigProperty(name = "prizes.voting.rate-limit.client.per-second") double clientPerSecond) {
        this.perUser = new Limit(userCapacity, userPerSecond);
        this.perClient = new Limit(clientCapacity, clientPerSecond);
    }

    record Limit(int capacity, double perSecond) {
    }

    /** Takes one token from the voter's and the client's bucket, or answers 429 with Retry-After. */
    public void acquire(String voter, String client) {
        take(userBuckets, voter, perUser, "voter");
        take(clientBuckets, client, perClient, "client application " + client);
    }

    private static void take(ConcurrentHashMap<String, Bucket> buckets, String key, Limit limit, String who) {
        long waitNanos = buckets.computeIfAbsent(key, k -> new Bucket(limit)).tryTake();
        if (waitNanos > 0) {
            long retryAfter = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
            throw ProblemException.tooManyRequests("Too many votes from this " + who + "; retry in " + retryAfter + " s",
                    retryAfter);
        }
    }

    /** Full buckets carry no information: drop them so 200,000 voters do not stay in memory. */
    @Scheduled(every = "1m", delayed = "1m")
    void forgetIdleBuckets() {
        userBuckets.values().removeIf(Bucket::isFull);
        clientBuckets.values().removeIf(Bucket::isFull);
    }

    int trackedVoters() {
        return userBuckets.size();
    }

    static final class Bucket {
        private final Limit limit;
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(Limit limit) {
            this.limit = limit;
            this.tokens = limit.capacity();
        }

        /** @return 0 when a token was taken, else nanoseconds until one is available */
        synchronized long tryTake() {
            refill();
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) ((1 - tokens) / limit.perSecond() * 1e9);
        }

        synchronized boolean isFull() {
            refill();
            return tokens >= limit.capacity();
        }

        private void refill() {
            long now = System.nanoTime();
            tokens = Math.min(limit.capacity(), tokens + (now - refilledAt) / 1e9 * limit.perSecond());
            refilledAt = now;
        }
    }
}
