package org.wsis.prizes.results;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.wsis.commons.events.Outbox;
import org.wsis.commons.problem.ProblemException;
import org.wsis.commons.security.CurrentUser;
import org.wsis.prizes.PrizeRoles;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;
import org.wsis.prizes.ledger.VoteLedger;
import org.wsis.prizes.results.ResultDtos.Outcome;
import org.wsis.prizes.results.ResultDtos.ResultView;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Results: the most-voted nominees of each category become champions (edition.champions_per_category;
 * equal votes are ordered by earlier submission), the expert group picks the winner among them
 * (an administrator records it), and publishing freezes the results and announces them on
 * prizes.results in the same transaction (outbox).
 */
@ApplicationScoped
public class ResultsService {
    public static final String TOPIC = "prizes.results";
    public static final String RESULTS_PUBLISHED_V1 = "org.wsis.prizes.results.published.v1";

    private final EntityManager entityManager;
    private final EditionService editions;
    private final Outbox outbox;
    private final CurrentUser caller;
    private final Clock clock;
    private final VoteLedger ledger;
    private final PrizeStatistics statistics;
    private final org.wsis.commons.audit.AuditLog audit;

    public ResultsService(EntityManager entityManager, EditionService editions, Outbox outbox, CurrentUser caller,
                          Clock clock, VoteLedger ledger, PrizeStatistics statistics, org.wsis.commons.audit.AuditLog audit) {
        this.ledger = ledger;
        this.statistics = statistics;
        this.audit = audit;
        this.entityManager = entityManager;
        this.editions = editions;
        this.outbox = outbox;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * Published results for everyone from the ceremony on; before that, administrators get the live
     * standings (once voting has ended, after the vote is closed and screened a last time).
     */
    @Transactional
    public ResultDtos.ResultsView results(int year) {
        Edition edition = editions.get(year);
        if (edition.resultsPublicAt(clock.instant())) {
            return new ResultDtos.ResultsView(year, true, edition.resultsPublishedAt, published(year));
        }
        if (!caller.hasRole(PrizeRoles.ADMIN)) {
            throw ProblemException.notFound("Results of edition", year); // embargoed until the ceremony
        }
        if (edition.resultsPublishedAt != null) {
            return new ResultDtos.ResultsView(year, true, edition.resultsPublishedAt, published(year));
        }
        if (editions.phaseNow(edition) == Phase.RESULTS && !ledger.isClosed(year)) {
            edition = editions.getForUpdate(year);
            ledger.close(edition);
        }
        return new ResultDtos.ResultsView(year, false, null, standings(edition));
    }

    @Transactional
    public ResultDtos.ResultsView chooseWinner(int year, String category, UUID submissionId) {
        Edition edition = requireOpenResults(year);
        List<ResultView> standings = standings(edition);
        boolean champion = standings.stream().anyMatch(r -> r.category().equals(category)
                && r.submissionId().equals(submissionId) && r.outcome() != Outcome.NOMINEE);
        if (!champion) {
            throw ProblemException.invalid("submissionId", "is not a champion of category " + category);
        }
        List<?> previous = entityManager.createNativeQuery(
                        "SELECT CAST(submission_id AS text) FROM category_winner WHERE edition_year = ?1 AND category = ?2")
                .setParameter(1, year).setParameter(2, category).getResultList();
        entityManager.createNativeQuery("""
                        INSERT INTO category_winner (edition_year, category, submission_id, chosen_by, chosen_at)
                        VALUES (?1, ?2, ?3, ?4, ?5)
                        ON CONFLICT (edition_year, category) DO UPDATE
                        SET submission_id = EXCLUDED.submission_id, chosen_by = EXCLUDED.chosen_by, chosen_at = EXCLUDED.chosen_at""")
                .setParameter(1, year).setParameter(2, category).setParameter(3, submissionId)
                .setParameter(4, caller.subject()).setParameter(5, now()).executeUpdate();
        audit.record("category.winner-chosen", "category", year + "/" + category,
                previous.isEmpty() ? null : org.wsis.commons.audit.AuditLog.state("winner", previous.get(0)),
                org.wsis.commons.audit.AuditLog.state("winner", submissionId.toString()), null);
        return new ResultDtos.ResultsView(year, false, null, standings(edition));
    }

    @Transactional
    public ResultDtos.ResultsView publish(int year) {
        Edition edition = requireOpenResults(year);
        List<ResultView> standings = standings(edition);
        List<String> withoutWinner = standings.stream().map(ResultView::category).distinct()
                .filter(category -> standings.stream().noneMatch(r -> r.category().equals(category)
                        && r.outcome() == Outcome.WINNER))
                .toList();
        if (standings.isEmpty() || !withoutWinner.isEmpty()) {
            throw ProblemException.conflict("Choose a winner first in categories " + withoutWinner);
        }
        for (ResultView r : standings) {
            entityManager.createNativeQuery("""
                            INSERT INTO prize_result (edition_year, submission_id, category, outcome, votes)
                            VALUES (?1, ?2, ?3, ?4, ?5)""")
                    .setParameter(1, year).setParameter(2, r.submissionId()).setParameter(3, r.category())
                    .setParameter(4, r.outcome().name()).setParameter(5, r.votes()).executeUpdate();
        }
        edition.resultsPublishedAt = now();
        audit.record("edition.results-published", "edition", year, org.wsis.commons.audit.AuditLog.state("resultsPublishedAt", null),
                org.wsis.commons.audit.AuditLog.state("resultsPublishedAt", edition.resultsPublishedAt.toInstant(),
                        "winners", standings.stream().filter(r -> r.outcome() == Outcome.WINNER)
                                .map(r -> r.category() + ":" + r.submissionId()).toList()), null);
        announceIfDue(edition);
        return new ResultDtos.ResultsView(year, true, edition.resultsPublishedAt, standings);
    }

    /**
     * The results-published event leaves only at the ceremony: written to the outbox in the transaction that
     * publishes the results when the ceremony has begun, else by this job once it has (so a subscriber, such
     * as the forum's ceremony, never learns the winners early).
     */
    @Scheduled(every = "${prizes.results.announce-every}", delayed = "${prizes.results.announce-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void announceDueResults() {
        List<Integer> due = QuarkusTransaction.requiringNew().call(() -> editions.list().stream()
                .filter(e -> e.resultsPublishedAt != null && e.resultsAnnouncedAt == null && e.resultsPublicAt(clock.instant()))
                .map(e -> e.year).toList());
        for (int year : due) {
            QuarkusTransaction.requiringNew().run(() -> announceIfDue(editions.getForUpdate(year)));
        }
    }

    private void announceIfDue(Edition edition) {
        if (edition.resultsAnnouncedAt != null || !edition.resultsPublicAt(clock.instant())) {
            return;
        }
        List<ResultView> results = published(edition.year);
        outbox.publish(TOPIC, String.valueOf(edition.year), RESULTS_PUBLISHED_V1, new ResultDtos.ResultsPublished(edition.year,
                edition.resultsPublishedAt, results.stream().map(r -> new ResultDtos.PublishedResult(r.category(),
                        r.entryId(), r.title(), r.organisation(), r.outcome())).toList()));
        // the statistics (issue 16, for indicators' SDMX dataflow) leave with the results, in the same transaction
        outbox.publish(TOPIC, String.valueOf(edition.year), PrizeStatistics.STATISTICS_PUBLISHED_V1,
                statistics.of(edition.year, edition.resultsPublishedAt));
        edition.resultsAnnouncedAt = now();
    }

    private Edition requireOpenResults(int year) {
        Edition edition = editions.getForUpdate(year);
        editions.requirePhase(edition, Phase.RESULTS, "deciding results");
        if (edition.resultsPublishedAt != null) {
            throw ProblemException.conflict("Results of edition " + year + " are already published");
        }
        ledger.close(edition); // the last screening: from here on the valid votes are final
        return edition;
    }

    /** Every nominee with its VALID votes and outcome, by category, most voted first. */
    List<ResultView> standings(Edition edition) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT s.category, s.id, s.entry_id, s.title, s.organisation, coalesce(c.valid, 0) AS valid, w.submission_id
                        FROM submission s
                        LEFT JOIN (SELECT submission_id, count(*) AS valid FROM vote
                                   WHERE edition_year = ?1 AND status = 'VALID' GROUP BY submission_id) c ON c.submission_id = s.id
                        LEFT JOIN category_winner w ON w.edition_year = s.edition_year AND w.category = s.category
                        WHERE s.edition_year = ?1 AND s.status = 'NOMINATED'
                        ORDER BY s.category, valid DESC, s.submitted_at, s.id""")
                .setParameter(1, edition.year).getResultList();
        Map<String, Integer> rankInCategory = new LinkedHashMap<>();
        List<ResultView> standings = new ArrayList<>();
        for (Object[] r : rows) {
            String category = (String) r[0];
            UUID submissionId = (UUID) r[1];
            int rank = rankInCategory.merge(category, 1, Integer::sum);
            Outcome outcome = submissionId.equals(r[6]) ? Outcome.WINNER
                    : rank <= edition.championsPerCategory ? Outcome.CHAMPION : Outcome.NOMINEE;
            standings.add(new ResultView(category, submissionId, (UUID) r[2], (String) r[3], (String) r[4],
                    ((Number) r[5]).longValue(), outcome));
        }
        return standings;
    }

    private List<ResultView> published(int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT p.category, s.id, s.entry_id, s.title, s.organisation, p.votes, p.outcome
                        FROM prize_result p JOIN submission s ON s.id = p.submission_id
                        WHERE p.edition_year = ?1 ORDER BY p.category, p.votes DESC, s.submitted_at, s.id""")
                .setParameter(1, year).getResultList();
        return rows.stream().map(r -> new ResultView((String) r[0], (UUID) r[1], (UUID) r[2], (String) r[3],
                (String) r[4], ((Number) r[5]).longValue(), Outcome.valueOf((String) r[6]))).toList();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
