package org.wsis.prizes.voting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.security.Roles;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Public voting. The vote table's primary key (edition, category, voter) is what guarantees one
 * vote per voter and category; the insert uses ON CONFLICT so a second vote is a clean 409, not
 * an exception. The nominee's counter in vote_tally is incremented in the same transaction.
 * Plain SQL on purpose: this is the hot path of a million-vote season (a few statements per vote).
 */
@ApplicationScoped
public class VoteService {
    private final EntityManager entityManager;
    private final EditionService editions;
    private final CurrentUser caller;
    private final Clock clock;

    public VoteService(EntityManager entityManager, EditionService editions, CurrentUser caller, Clock clock) {
        this.entityManager = entityManager;
        this.editions = editions;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * One round trip in the common case: a single statement finds the nominee (in its voting
     * window), inserts the vote unless the voter already voted in that category, and increments the
     * nominee's tally only if the vote was inserted. Only a refusal takes the slower path that
     * works out which rule was broken.
     */
    @Transactional
    public VoteDtos.VoteView cast(int year, UUID submissionId, String voter, String client) {
        OffsetDateTime castAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Object[] outcome = (Object[]) entityManager.createNativeQuery("""
                        WITH nominee AS (
                            SELECT s.id, s.category FROM submission s JOIN edition e ON e.year = s.edition_year
                            WHERE s.id = ?1 AND s.edition_year = ?2 AND s.status = 'NOMINATED'
                              AND e.nominees_announced_at IS NOT NULL AND e.voting_opens <= ?3 AND ?3 < e.results_open
                        ), cast_vote AS (
                            INSERT INTO vote (edition_year, category, voter_id, submission_id, client_id, cast_at)
                            SELECT ?2, category, ?4, id, ?5, ?3 FROM nominee
                            ON CONFLICT (edition_year, category, voter_id) DO NOTHING
                            RETURNING submission_id
                        ), counted AS (
                            UPDATE vote_tally SET votes = votes + 1
                            WHERE submission_id IN (SELECT submission_id FROM cast_vote) RETURNING 1
                        )
                        SELECT (SELECT category FROM nominee), (SELECT count(*) FROM counted)""")
                .setParameter(1, submissionId).setParameter(2, year).setParameter(3, castAt)
                .setParameter(4, voter).setParameter(5, client).getSingleResult();
        String category = (String) outcome[0];
        if (category == null) {
            throw whyNotANominee(year, submissionId);
        }
        if (((Number) outcome[1]).longValue() == 0) {
            throw new ProblemException(Problem.of(409, "already-voted", "Already voted",
                    "You have already voted in category " + category + " of edition " + year
                            + "; one vote per voter and category"));
        }
        return new VoteDtos.VoteView(year, category, submissionId, castAt);
    }

    /** 404 unknown edition, 409 outside the voting phase, else 422: not a nominee. */
    private ProblemException whyNotANominee(int year, UUID submissionId) {
        Edition edition = editions.get(year);
        Phase phase = editions.phaseNow(edition);
        if (phase != Phase.VOTING) {
            return EditionService.wrongPhase(year, phase, Phase.VOTING, "voting");
        }
        return ProblemException.invalid("submissionId", "is not an announced nominee of edition " + year);
    }

    public List<VoteDtos.VoteView> mine(int year, String voter) {
        editions.get(year);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT category, submission_id, cast_at FROM vote
                        WHERE voter_id = ?1 AND edition_year = ?2 ORDER BY category""")
                .setParameter(1, voter).setParameter(2, year).getResultList();
        return rows.stream().map(r -> new VoteDtos.VoteView(year, (String) r[0], (UUID) r[1],
                OffsetDateTime.ofInstant(toInstant(r[2]), ZoneOffset.UTC))).toList();
    }

    /** Near real time for administrators; hidden from everyone else until the results are published. */
    public List<VoteDtos.TallyView> tallies(int year) {
        Edition edition = editions.get(year);
        if (edition.resultsPublishedAt == null && !caller.hasRole(Roles.PRIZE_ADMIN)) {
            throw ProblemException.forbidden("Tallies of edition " + year + " are hidden until the results are published");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT t.category, t.submission_id, s.title, s.organisation, t.votes
                        FROM vote_tally t JOIN submission s ON s.id = t.submission_id
                        WHERE t.edition_year = ?1 ORDER BY t.category, t.votes DESC, s.submitted_at, s.id""")
                .setParameter(1, year).getResultList();
        return rows.stream().map(r -> new VoteDtos.TallyView((String) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).longValue())).toList();
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        } else if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        } else if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
