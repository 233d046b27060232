package org.wsis.forum.signup;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.forum.ForumConfig;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.ratelimit.TokenBuckets;
import org.wsis.forum.session.ForumSession;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast one session's sign-ups are taken, whoever sends them: at once at most
 * {@code burst-share} of its seats, then the rest at a pace that fills the session in
 * {@code fill-seconds}. One person with a dozen accounts (every account's own limit is fine) could
 * otherwise take all ten seats of a small session in a second; the others now get a 429 with
 * Retry-After and a fair chance. In memory, per instance, like every write limit.
 */
@ApplicationScoped
public class SessionSignupRate {
    private final double burstShare;
    private final double fillSeconds;
    /** One bucket set per seat count (its limits), keyed by session id; few distinct capacities exist. */
    private final ConcurrentHashMap<Integer, TokenBuckets> byCapacity = new ConcurrentHashMap<>();

    public SessionSignupRate(ForumConfig config) {
        this.burstShare = config.signup().sessionRate().burstShare();
        this.fillSeconds = config.signup().sessionRate().fillSeconds();
    }

    public void acquire(ForumSession session) {
        int seats = Math.max(1, session.capacity);
        long retryAfter = byCapacity.computeIfAbsent(seats, this::limitFor).tryTake(session.id.toString());
        if (retryAfter > 0) {
            throw ProblemException.tooManyRequests("Session " + session.id + " is taking sign-ups at a limited pace; retry in "
                    + retryAfter + " s", retryAfter);
        }
    }

    private TokenBuckets limitFor(int seats) {
        int burst = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(seats * burstShare)));
        return new TokenBuckets(burst, Math.max(seats / fillSeconds, 0.01));
    }

    @Scheduled(every = "1m", delayed = "1m")
    void forgetIdleBuckets() {
        byCapacity.values().forEach(TokenBuckets::forgetFullBuckets);
    }
}
