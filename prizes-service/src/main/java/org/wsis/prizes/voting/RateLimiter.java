package org.wsis.prizes.voting;

import org.wsis.prizes.PrizesConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.commons.ratelimit.TokenBuckets;

/**
 * Anti-abuse for voting: one token bucket per voter and one per client application (token azp),
 * from service-commons' {@link TokenBuckets} (the mechanism every service's write limits use).
 * In memory, so the limits are PER INSTANCE: with N replicas a voter gets up to N times the rate
 * (the database still allows only one vote per voter and category, whatever the rate).
 */
@ApplicationScoped
public class RateLimiter {
    private final TokenBuckets perUser;
    private final TokenBuckets perClient;

    @jakarta.inject.Inject
    public RateLimiter(PrizesConfig config) {
        this(config.voting().rateLimit().user().capacity(), config.voting().rateLimit().user().perSecond(),
                config.voting().rateLimit().client().capacity(), config.voting().rateLimit().client().perSecond());
    }

    RateLimiter(int userCapacity, double userPerSecond, int clientCapacity, double clientPerSecond) {
        this.perUser = new TokenBuckets(userCapacity, userPerSecond);
        this.perClient = new TokenBuckets(clientCapacity, clientPerSecond);
    }

    /** Takes one token from the voter's and the client's bucket, or answers 429 with Retry-After. */
    public void acquire(String voter, String client) {
        perUser.acquire(voter, "Too many votes from this voter");
        perClient.acquire(client, "Too many votes from this client application " + client);
    }

    /** Full buckets carry no information: drop them so 200,000 voters do not stay in memory. */
    @Scheduled(every = "1m", delayed = "1m")
    void forgetIdleBuckets() {
        perUser.forgetFullBuckets();
        perClient.forgetFullBuckets();
    }

    int trackedVoters() {
        return perUser.trackedKeys();
    }
}
