package org.wsis.prizes.voting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.wsis.commons.idempotency.Idempotency;
import org.wsis.commons.problem.Problem;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.commons.security.Roles;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Public voting. The vote table's primary key (edition, category, voter) is what guarantees one
 * vote per voter and category; the insert uses ON CONFLICT so a second vote is a clean 409, not
 * an exception. The nominee's counter in vote_tally is incremented in the same transaction.
 * <p>
 * Votes arrive through {@link VoteBatcher}, which writes all the votes of an edition that came in
 * together in one transaction ({@link #castAll}). Plain JDBC with arrays on purpose: this is the hot
 * path of a million-vote season, and a batch costs the same few statements whatever its size.
 */
@ApplicationScoped
public class VoteService {
    private final EntityManager entityManager;
    private final EditionService editions;
    private final Idempotency idempotency;
    private final CurrentUser caller;

    private final java.time.Clock clock;
    private final org.wsis.commons.privacy.Consents consents;
    /** What a voter agrees to when voting (the consent record's purpose; service-commons privacy/Consents). */
    public static final String VOTE_CONSENT = "prizes.vote";

    public VoteService(EntityManager entityManager, EditionService editions, Idempotency idempotency, CurrentUser caller,
                       java.time.Clock clock, org.wsis.commons.privacy.Consents consents) {
        this.consents = consents;
        this.clock = clock;
        this.entityManager = entityManager;
        this.editions = editions;
        this.idempotency = idempotency;
        this.caller = caller;
    }

    /** The scope of vote keys in the idempotency table. */
    static String idempotencyScope(int year) {
        return "votes." + year;
    }

    /** One voter's vote waiting for its batch; {@code claim} is null when it came without an Idempotency-Key. */
    public record Ballot(UUID submissionId, String voter, String client, Instant castAt, Idempotency.Claim claim,
                         Signals signals) {
    }

    /** What an audit needs of a vote besides voter, client and time (see ClientSignals, VoterEligibility). */
    public record Signals(String clientAddress, String deviceHash, Instant accountCreatedAt, String emailDomain) {
    }

    /** year -> [cut-off epoch millis, read at nanos]: the cut-off is frozen once voting opens, so a few seconds' cache is exact enough. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, long[]> cutoffs = new java.util.concurrent.ConcurrentHashMap<>();

    /** The edition's account cut-off for voters (404 for an unknown edition); cached for 5 s, off the database on the hot path. */
    public Instant accountCutoff(int year) {
        long[] cached = cutoffs.get(year);
        long now = System.nanoTime();
        if (cached == null || now - cached[1] > 5_000_000_000L) {
            cached = new long[]{editions.get(year).accountCutoff().toInstant().toEpochMilli(), now};
            cutoffs.put(year, cached);
        }
        return Instant.ofEpochMilli(cached[0]);
    }

    /** What became of a ballot. */
    public sealed interface Outcome {
        /** Counted. */
        record Cast(VoteDtos.VoteView vote) implements Outcome {
        }

        /** The voter had voted in the nominee's category already: nothing changed. */
        record AlreadyVoted(String category) implements Outcome {
        }

        /** Not an announced nominee of the edition in its voting window: nothing changed. */
        record NotANominee() implements Outcome {
        }

        /** Its Idempotency-Key was used before: not written again; the first response is replayed. */
        record Replay() implements Outcome {
        }
    }

    /**
     * Casts a batch of ballots in the current transaction; the voters must be distinct (the batcher
     * sees to it). Keys first (a retried ballot is not cast twice), then one statement finds each
     * ballot's nominee in its voting window, inserts the votes unless their voter already voted in
     * the category, and adds each nominee's new votes to its tally; then the keys are settled.
     *
     * @return one outcome per ballot, in order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Outcome> castAll(int year, List<Ballot> ballots) {
        String scope = idempotencyScope(year);
        Set<String> claimed = idempotency.claimAll(scope,
                ballots.stream().map(Ballot::claim).filter(Objects::nonNull).toList());
        List<Ballot> toCast = ballots.stream().filter(b -> b.claim() == null || claimed.contains(b.voter())).toList();
        Map<String, Counted> counted = insertVotes(year, toCast);

        List<Outcome> outcomes = new ArrayList<>(ballots.size());
        Map<Idempotency.Claim, Object> responses = new LinkedHashMap<>();
        List<Idempotency.Claim> refused = new ArrayList<>();
        for (Ballot ballot : ballots) {
            if (ballot.claim() != null && !claimed.contains(ballot.voter())) {
                outcomes.add(new Outcome.Replay());
                continue;
            }
            Counted result = counted.get(ballot.voter());
            Outcome outcome;
            if (result == null) {
                outcome = new Outcome.NotANominee();
            } else if (!result.cast()) {
                outcome = new Outcome.AlreadyVoted(result.category());
            } else {
                VoteDtos.VoteView vote = new VoteDtos.VoteView(year, result.category(), ballot.submissionId(),
                        OffsetDateTime.ofInstant(ballot.castAt(), ZoneOffset.UTC));
                outcome = new Outcome.Cast(vote);
                if (ballot.claim() != null) {
                    responses.put(ballot.claim(), vote);
                }
            }
            if (!(outcome instanceof Outcome.Cast) && ballot.claim() != null) {
                refused.add(ballot.claim());
            }
            outcomes.add(outcome);
        }
        idempotency.settleAll(scope, 201, responses, refused);
        // one statement for the batch: the voters whose vote was cast agreed to its processing (signals, pseudonym)
        consents.recordAll(counted.entrySet().stream().filter(c -> c.getValue().cast()).map(Map.Entry::getKey).toList(), VOTE_CONSENT);
        return outcomes;
    }

    /** A ballot's nominee was found: its category, and whether the vote was inserted. */
    private record Counted(String category, boolean cast) {
    }

    /** @return by voter, for each ballot whose nominee is valid: its category and whether it was cast */
    private Map<String, Counted> insertVotes(int year, List<Ballot> ballots) {
        if (ballots.isEmpty()) {
            return Map.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    WITH ballot AS (
                        SELECT b.submission_id, b.voter_id, b.client_id,
                               timestamptz 'epoch' + b.cast_micros * interval '1 microsecond' AS cast_at,
                               b.client_address, b.device_hash, b.email_domain,
                               timestamptz 'epoch' + b.created_millis * interval '1 millisecond' AS account_created_at
                        FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[])
                             AS b (submission_id, voter_id, client_id, cast_micros, client_address, device_hash, email_domain, created_millis)
                    ), valid AS (
                        SELECT b.*, s.category FROM ballot b
                        JOIN submission s ON s.id = b.submission_id JOIN edition e ON e.year = s.edition_year
                        WHERE s.edition_year = ? AND s.status = 'NOMINATED' AND e.nominees_announced_at IS NOT NULL
                          AND e.voting_opens <= b.cast_at AND b.cast_at < e.results_open
                    ), cast_vote AS (
                        INSERT INTO vote (edition_year, category, voter_id, submission_id, client_id, cast_at,
                                          client_address, device_hash, email_domain, account_created_at)
                        SELECT ?, category, voter_id, submission_id, client_id, cast_at,
                               client_address, device_hash, email_domain, account_created_at FROM valid
                        ON CONFLICT (edition_year, category, voter_id) DO NOTHING
                        RETURNING voter_id, submission_id
                    ), counted AS (
                        UPDATE vote_tally t SET votes = t.votes + c.n
                        FROM (SELECT submission_id, count(*) AS n FROM cast_vote GROUP BY submission_id) c
                        WHERE t.submission_id = c.submission_id
                    )
                    SELECT v.voter_id, v.category, c.voter_id IS NOT NULL FROM valid v LEFT JOIN cast_vote c USING (voter_id)""")) {
                statement.setArray(1, connection.createArrayOf("uuid", ballots.stream().map(Ballot::submissionId).toArray()));
                statement.setArray(2, connection.createArrayOf("text", ballots.stream().map(Ballot::voter).toArray()));
                statement.setArray(3, connection.createArrayOf("text", ballots.stream().map(Ballot::client).toArray()));
                statement.setArray(4, connection.createArrayOf("bigint",
                        ballots.stream().map(b -> ChronoUnit.MICROS.between(Instant.EPOCH, b.castAt())).toArray()));
                statement.setArray(5, connection.createArrayOf("text", ballots.stream().map(b -> b.signals().clientAddress()).toArray()));
                statement.setArray(6, connection.createArrayOf("text", ballots.stream().map(b -> b.signals().deviceHash()).toArray()));
                statement.setArray(7, connection.createArrayOf("text", ballots.stream().map(b -> b.signals().emailDomain()).toArray()));
                statement.setArray(8, connection.createArrayOf("bigint", ballots.stream()
                        .map(b -> b.signals().accountCreatedAt() == null ? null : b.signals().accountCreatedAt().toEpochMilli()).toArray()));
                statement.setInt(9, year);
                statement.setInt(10, year);
                Map<String, Counted> byVoter = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        byVoter.put(rows.getString(1), new Counted(rows.getString(2), rows.getBoolean(3)));
                    }
                }
                return byVoter;
            }
        });
    }

    /** The problem for a ballot whose outcome was not a cast vote. */
    ProblemException refusal(int year, UUID submissionId, Outcome outcome) {
        if (outcome instanceof Outcome.AlreadyVoted already) {
            return new ProblemException(Problem.of(409, "already-voted", "Already voted",
                    "You have already voted in category " + already.category() + " of edition " + year
                            + "; one vote per voter and category"));
        }
        return whyNotANominee(year, submissionId);
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
        if (!edition.resultsPublicAt(java.time.Instant.now(clock)) && !caller.hasRole(Roles.PRIZE_ADMIN)) {
            throw ProblemException.forbidden("Tallies of edition " + year + " are hidden until the results are announced at the ceremony");
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
