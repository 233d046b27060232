package org.wsis.prizes.voting;

import org.wsis.prizes.PrizesConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.wsis.commons.batching.GroupCommit;
import org.wsis.commons.problem.ProblemException;
import org.wsis.prizes.voting.VoteService.Ballot;
import org.wsis.prizes.voting.VoteService.Outcome;


/**
 * Votes of an edition queue here and are cast in batches (commons {@link GroupCommit}): one
 * transaction writes every vote that arrived while the previous batch was being written, and each
 * voter still gets their answer only once their vote is committed.
 * <p>
 * Why: in a season of a million votes, a transaction per vote made the commit and the nominee's
 * tally row the limit (every vote for a popular nominee waited for the one before it to commit);
 * a batch takes each tally row once for all its votes. A batch never holds two ballots of one voter
 * (the later waits for the next batch), so one voter's two clicks are decided one after the other.
 */
@ApplicationScoped
public class VoteBatcher {
    private final GroupCommit<Integer, Ballot, Outcome> groupCommit;

    public VoteBatcher(VoteService votes, PrizesConfig config) {
        PrizesConfig.Voting.Batch batch = config.voting().batch();
        this.groupCommit = new GroupCommit<>("vote", votes::castAll, Ballot::voter, batch.maxSize(), batch.maxWait(), batch.writers(),
                () -> ProblemException.unavailable("Too many votes are waiting to be counted; vote again shortly.", 2));
    }

    /** Queues the ballot and waits until its batch is committed; 503 problem if that takes longer than the configured wait. */
    public Outcome cast(int year, Ballot ballot) {
        return groupCommit.submit(year, ballot);
    }

    @PreDestroy
    void stop() {
        groupCommit.close();
    }
}
