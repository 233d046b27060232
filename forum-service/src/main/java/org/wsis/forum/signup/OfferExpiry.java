package org.wsis.forum.signup;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Passes on the seats whose offer expired: every {@code forum.signup.offer-sweep-every} (ForumConfig; the default is
 * repeated in the expression because the scheduler reads the property itself), each session with an expired offer in
 * its own transaction under the session's lock, so a sweep on two replicas or a participant accepting at the same
 * time never hands one seat to two people. Times come from the injected Clock (tests move it).
 */
@ApplicationScoped
public class OfferExpiry {
    private static final Logger LOG = Logger.getLogger(OfferExpiry.class);
    private static final int SESSIONS_PER_SWEEP = 100;

    private final SignupService signups;

    public OfferExpiry(SignupService signups) {
        this.signups = signups;
    }

    @Scheduled(every = "${forum.signup.offer-sweep-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** @return how many offers expired (and were passed on) */
    public int sweep() {
        List<UUID> sessions = signups.sessionsWithExpiredOffers(SESSIONS_PER_SWEEP);
        int expired = 0;
        for (UUID sessionId : sessions) {
            try {
                expired += signups.expireOffers(sessionId);
            } catch (RuntimeException e) { // one session's trouble never stops the others' offers moving on
                LOG.warnf(e, "Expiring the offers of session %s failed; the next sweep retries", sessionId);
            }
        }
        return expired;
    }
}
