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

    @Transactional
    public VoteDtos.VoteView cast(int year, UUID submissionId, String voter, String client) {
        @SuppressWarnings("unchecked")
        List<Object[]> nominee = entityManager.createNativeQuery("""
                        SELECT s.category, s.status, e.voting_opens, e.results_open, e.nominees_announced_at
                        FROM submission s JOIN edition e ON e.year = s.edition_year
                        WHERE s.id = ?1 AND s.edition_year = ?2""")
                .setParameter(1, submissionId).setParameter(2, year).getResultList();
        if (nominee.isEmpty()) {
            editions.get(year); // 404 when the edition does not exist
            throw ProblemException.invalid("submissionId", "is not a nominee of edition " + year);
        }
        Object[] row = nominee.get(0);
        String category = (String) row[0];
        Instant now = clock.instant();
        Instant votingOpens = toInstant(row[2]);
        Instant resultsOpen = toInstant(row[3]);
        if (now.isBefore(votingOpens) || !now.isBefore(resultsOpen)) {
            throw EditionService.wrongPhase(year, editions.phaseNow(editions.get(year)), Phase.VOTING, "voting");
        }
        if (!"NOMINATED".equals(row[1]) || row[4] == null) {
            throw ProblemException.invalid("submissionId", "is not a nominee of edition " + year);
        }
        OffsetDateTime castAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO vote (edition_year, category, voter_id, submission_id, client_id, cast_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                        ON CONFLICT (edition_year, category, voter_id) DO NOTHING""")
                .setParameter(1, year).setParameter(2, category).setParameter(3, voter)
                .setParameter(4, submissionId).setParameter(5, client).setParameter(6, castAt)
                .executeUpdate();
        if (inserted == 0) {
            throw new ProblemException(Problem.of(409, "already-voted", "Already voted",
                    "You have already voted in category " + category + " of edition " + year
                            + "; one vote per voter and category"));
        }
        entityManager.createNativeQuery("UPDATE vote_tally SET votes = votes + 1 WHERE submission_id = ?1")
                .setParameter(1, submissionId).executeUpdate();
        return new VoteDtos.VoteView(year, category, submissionId, castAt);
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
