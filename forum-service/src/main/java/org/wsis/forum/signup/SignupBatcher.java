package org.wsis.forum.signup;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.forum.ForumConfig;
import org.wsis.commons.batching.GroupCommit;
import org.wsis.commons.problem.ProblemException;
import org.wsis.forum.signup.SignupService.SignupOutcome;

import java.util.UUID;

/**
 * Sign-ups for one session queue here in arrival order and are written in batches (commons
 * {@link GroupCommit}): one transaction, holding the session's row lock once, seats everyone who
 * arrived meanwhile.
 * <p>
 * Why: sign-ups of a session must be serialised (that is what keeps confirmed seats within capacity
 * and the waitlist in order), so in a rush of thousands the cost of each turn on the row lock
 * (round trips, a commit, and waking every connection queued on the lock) was the whole throughput.
 * Batching pays that cost once per batch instead of once per participant. Across replicas the row
 * lock still orders the batches; inside one JVM a session has at most one batch in flight.
 */
@ApplicationScoped
public class SignupBatcher {
    private final GroupCommit<UUID, UUID, SignupOutcome> groupCommit;

    public SignupBatcher(SignupService signups, ForumConfig config) {
        this.groupCommit = new GroupCommit<>("signup", signups::signUpAll, null, config.signup().maxBatch(),
                config.signup().maxWait(), config.signup().writers(),
                () -> ProblemException.unavailable("Too many sign-ups for this session are waiting; ask again shortly.", 5));
    }

    /** Queues the sign-up and waits for its batch; 503 problem if that takes longer than the configured wait. */
    public SignupOutcome signUp(UUID sessionId, UUID registrationId) {
        return groupCommit.submit(sessionId, registrationId);
    }

    @PreDestroy
    void stop() {
        groupCommit.close();
    }
}
