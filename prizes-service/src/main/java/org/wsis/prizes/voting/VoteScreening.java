package org.wsis.prizes.voting;

import org.wsis.prizes.PrizesConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;

import java.util.List;

/**
 * Screening: decides for every vote of an edition whether it is VALID or EXCLUDED by the edition's rules
 * (ScreeningRules). Votes an administrator decided on are left as decided. Votes cast since the last pass
 * are PENDING, and only VALID votes make champions.
 * <p>
 * Off the vote path on purpose: the batched insert only stores the signals, and the rules run as a few
 * set-based statements every minute during voting and once more, over the whole season, when voting closes.
 * <p>
 * A cluster grows as votes arrive (the 31st account from one address excludes the 30 before it too), so a pass
 * re-decides more than the new votes, but not the whole season: the voters of the PENDING votes, and every voter
 * whose verdict those votes can change: those sharing an address or a device and network with a new vote, those
 * whose choices equal a changed voter's old or new choices, and those whose accounts were created within a burst
 * window of a re-decided voter's. Per-voter facts live in {@code voter_screening}, kept by each pass for the
 * voters it touched. A full pass (the closing one, or an administrator's) re-decides every voter; the
 * equivalence of both is what VoteScreeningTest checks.
 */
@ApplicationScoped
public class VoteScreening {
    private static final Logger LOG = Logger.getLogger(VoteScreening.class);

    private final EntityManager entityManager;
    private final EditionService editions;
    private final ObjectMapper mapper;

    public VoteScreening(EntityManager entityManager, EditionService editions, ObjectMapper mapper,
                         PrizesConfig config) {
        this.entityManager = entityManager;
        this.editions = editions;
        this.mapper = mapper;
        this.spacing = new PassSpacing(config.voting().screening().spacing());
        this.timeoutSeconds = config.voting().screening().timeoutSeconds();
        this.maxVotesPerPass = config.voting().screening().maxVotesPerPass();
    }

    public ScreeningRules rules(Edition edition) {
        if (edition.screeningRules == null) {
            return ScreeningRules.defaults();
        }
        try {
            return mapper.readValue(edition.screeningRules, ScreeningRules.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("edition " + edition.year + " has unreadable screening rules", e);
        }
    }

    public String toJson(ScreeningRules rules) {
        try {
            return mapper.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A pass may outlast the default 60 s transaction: over a season of 1.1 million votes the first one took 99 s
     * and later ones 26 s (bench/prizes, busy 2-core machine).
     */
    final int timeoutSeconds;

    /**
     * A scheduled pass decides at most this many PENDING votes, the oldest first (the rest wait for the next
     * pass). Unbounded, a pass's time grows with the backlog and the spacing with the pass's time: in the
     * benchmark's compressed season (700 votes a second on a busy machine) passes took 94 s, 189 s, then 350 s for
     * 631,628 votes, heading for the transaction timeout, after which every pass would fail. Bounded, a pass
     * stays short whatever the rate; the full pass at the close decides whatever is left.
     */
    private final int maxVotesPerPass;

    /**
     * After a pass that took d, an edition's next one waits spacing x d (see PassSpacing): in the benchmark's
     * compressed season (1,000 votes a second) passes of 30-40 s every minute held a connection 60 % of the time.
     */
    private final PassSpacing spacing;

    /** Screens the votes of editions that are voting, every minute (or less often after long passes). */
    @Scheduled(every = "${prizes.voting.screening.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void screenVotingEditions() {
        List<Integer> voting = QuarkusTransaction.requiringNew().call(() -> editions.list().stream()
                .filter(e -> editions.phaseNow(e) == Phase.VOTING && !rules(e).isOff()).map(e -> e.year).toList());
        for (int year : voting) {
            long started = System.nanoTime();
            if (!spacing.due(year, started)) {
                continue;
            }
            try {
                int decided = QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> screenNewVotes(year));
                long ended = System.nanoTime();
                spacing.passed(year, started, ended);
                LOG.infof("screened edition %d: %d votes got a verdict in %d ms", year, decided, (ended - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warnf(e, "screening of edition %d failed; next pass in a minute", year);
            }
        }
    }

    /** Re-decides every undecided vote of the edition; returns how many votes are EXCLUDED after it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long screen(int year) {
        pass(year, true, Integer.MAX_VALUE);
        return ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM vote WHERE edition_year = ?1 AND status = 'EXCLUDED'")
                .setParameter(1, year).getSingleResult()).longValue();
    }

    /**
     * Decides the oldest PENDING votes of the edition (at most max-votes-per-pass), and re-decides the votes whose
     * verdict they can change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int screenNewVotes(int year) {
        return screenNewVotes(year, maxVotesPerPass);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    int screenNewVotes(int year, int maxVotes) {
        return pass(year, false, maxVotes);
    }

    /** @return how many votes got another verdict */
    private int pass(int year, boolean everyVoter, int maxVotes) {
        ScreeningRules r = rules(editions.get(year));
        // one pass per edition at a time (scheduler, administrator, close), without locking the edition row
        // that every vote's insert references
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('vote-screening'), ?1)")
                .setParameter(1, year).getResultList();
        // a pass reads a few thousand voters' rows by index, and sorts tens of thousands of rows: tell the planner
        // so (the defaults assume spinning disks, and 4 MB sorts spill to disk)
        sql("SET LOCAL random_page_cost = 1.1; SET LOCAL work_mem = '64MB'");
        sql("""
                CREATE TEMP TABLE screen_pending (category TEXT, voter_id TEXT, client_address TEXT, device_hash TEXT,
                                                  subnet TEXT, PRIMARY KEY (category, voter_id)) ON COMMIT DROP;
                -- old_*: the voter's facts before this pass (null for a voter new to the edition)
                CREATE TEMP TABLE screen_touched (voter_id TEXT PRIMARY KEY, old_votes INT, old_choices TEXT,
                                                  old_created TIMESTAMPTZ) ON COMMIT DROP;
                CREATE TEMP TABLE screen_affected (voter_id TEXT PRIMARY KEY) ON COMMIT DROP;
                CREATE TEMP TABLE screen_verdict (category TEXT, voter_id TEXT, reason TEXT, PRIMARY KEY (category, voter_id))
                    ON COMMIT DROP""");
        // the votes this pass decides: the oldest of those PENDING now (a vote arriving during the pass, or beyond
        // maxVotes, stays PENDING for the next; its voter's facts are counted from all their votes all the same)
        entityManager.createNativeQuery("""
                INSERT INTO screen_pending
                SELECT category, voter_id, client_address, device_hash, vote_subnet(client_address)
                FROM vote WHERE edition_year = ?1 AND status = 'PENDING'
                ORDER BY cast_at LIMIT ?2""").setParameter(1, year).setParameter(2, maxVotes).executeUpdate();
        update(everyVoter ? """
                INSERT INTO screen_touched
                SELECT DISTINCT v.voter_id, s.votes, s.choices, s.account_created_at FROM vote v
                LEFT JOIN voter_screening s ON s.edition_year = v.edition_year AND s.voter_id = v.voter_id
                WHERE v.edition_year = ?1""" : """
                INSERT INTO screen_touched
                SELECT p.voter_id, s.votes, s.choices, s.account_created_at
                FROM (SELECT DISTINCT voter_id FROM screen_pending) p
                LEFT JOIN voter_screening s ON s.edition_year = ?1 AND s.voter_id = p.voter_id""", year);
        sql("ANALYZE screen_pending; ANALYZE screen_touched");
        update("""
                INSERT INTO voter_screening (edition_year, voter_id, votes, span_seconds, choices, account_created_at, jitter_seconds)
                SELECT ?1, voter_id, count(*), coalesce(extract(epoch FROM max(cast_at) - min(cast_at)), 0),
                       md5(string_agg(category || '=' || submission_id, ',' ORDER BY category)), min(account_created_at),
                       stddev_samp(gap)
                FROM (SELECT v.voter_id, v.category, v.submission_id, v.cast_at, v.account_created_at,
                             extract(epoch FROM v.cast_at - lag(v.cast_at) OVER (PARTITION BY v.voter_id ORDER BY v.cast_at)) AS gap
                      -- lateral: one index lookup per voter (a join may scan the season)
                      FROM screen_touched t CROSS JOIN LATERAL (
                          SELECT * FROM vote WHERE vote.voter_id = t.voter_id AND vote.edition_year = ?1) v) v
                GROUP BY voter_id
                ON CONFLICT (edition_year, voter_id) DO UPDATE SET votes = excluded.votes, span_seconds = excluded.span_seconds,
                    choices = excluded.choices, account_created_at = excluded.account_created_at,
                    jitter_seconds = excluded.jitter_seconds""", year);
        if (everyVoter) {
            sql("INSERT INTO screen_affected SELECT voter_id FROM screen_touched");
        } else {
            entityManager.createNativeQuery("""
                    INSERT INTO screen_affected
                    SELECT voter_id FROM screen_touched
                    UNION
                    SELECT v.voter_id FROM vote v
                    WHERE ?2 > 0 AND v.edition_year = ?1
                      AND v.client_address IN (SELECT client_address FROM screen_pending)
                    UNION
                    SELECT v.voter_id FROM vote v
                    WHERE ?3 > 0 AND v.edition_year = ?1 AND (v.device_hash, vote_subnet(v.client_address)) IN (
                        SELECT device_hash, subnet FROM screen_pending WHERE device_hash IS NOT NULL AND subnet IS NOT NULL)
                    UNION
                    -- only voters with enough votes form a group of identical choices (popular choices are common)
                    SELECT s.voter_id FROM voter_screening s
                    WHERE ?4 > 0 AND s.edition_year = ?1 AND s.votes >= ?7 AND s.choices IN (
                            SELECT old_choices FROM screen_touched WHERE old_votes >= ?7
                        UNION SELECT c.choices FROM voter_screening c JOIN screen_touched t USING (voter_id)
                              WHERE c.edition_year = ?1 AND c.votes >= ?7)
                    UNION
                    -- a new account (or one whose creation time changed) changes the bursts whose window holds its
                    -- creation time, before and after
                    SELECT s.voter_id FROM screen_touched t
                    JOIN voter_screening n ON n.edition_year = ?1 AND n.voter_id = t.voter_id
                    CROSS JOIN LATERAL (VALUES (n.account_created_at), (t.old_created)) AS c (created)
                    JOIN voter_screening s ON s.edition_year = ?1
                         AND s.account_created_at BETWEEN c.created - make_interval(secs => ?6) AND c.created + make_interval(secs => ?6)
                    WHERE ?5 > 0 AND (t.old_choices IS NULL OR t.old_created IS DISTINCT FROM n.account_created_at)""")
                    .setParameter(1, year).setParameter(2, r.maxAccountsPerAddress()).setParameter(3, r.maxAccountsPerDeviceSubnet())
                    .setParameter(4, r.identicalAccounts()).setParameter(5, r.burstAccounts()).setParameter(6, r.burstSeconds())
                    .setParameter(7, r.identicalMinVotes()).executeUpdate();
        }
        sql("ANALYZE screen_affected");
        entityManager.createNativeQuery("""
                INSERT INTO screen_verdict
                WITH affected AS MATERIALIZED (
                    SELECT p.* FROM voter_screening p JOIN screen_affected USING (voter_id) WHERE p.edition_year = ?1
                ), affected_votes AS MATERIALIZED (
                    -- an undecided vote of an affected voter, PENDING ones only if this pass took them
                    SELECT v.category, v.voter_id, v.client_address, v.device_hash, vote_subnet(v.client_address) AS subnet
                    FROM screen_affected a CROSS JOIN LATERAL (
                        SELECT * FROM vote WHERE vote.voter_id = a.voter_id AND vote.edition_year = ?1) v
                    WHERE v.decided_by IS NULL
                      AND (v.status <> 'PENDING' OR EXISTS (SELECT 1 FROM screen_pending p
                                                            WHERE p.category = v.category AND p.voter_id = v.voter_id))
                ), crowded_address AS MATERIALIZED (
                    SELECT client_address FROM vote
                    WHERE ?2 > 0 AND edition_year = ?1 AND client_address IN (SELECT client_address FROM affected_votes)
                    GROUP BY client_address HAVING count(DISTINCT voter_id) > ?2
                ), shared_device AS MATERIALIZED (
                    SELECT device_hash, vote_subnet(client_address) AS subnet FROM vote
                    WHERE ?3 > 0 AND edition_year = ?1 AND (device_hash, vote_subnet(client_address)) IN (
                        SELECT device_hash, subnet FROM affected_votes WHERE device_hash IS NOT NULL AND subnet IS NOT NULL)
                    GROUP BY 1, 2 HAVING count(DISTINCT voter_id) > ?3
                ), identical AS MATERIALIZED (
                    SELECT choices FROM voter_screening
                    WHERE ?6 > 0 AND edition_year = ?1 AND votes >= ?7 AND choices IN (SELECT choices FROM affected)
                    GROUP BY choices HAVING count(*) >= ?6
                ), burst_scope AS MATERIALIZED (
                    -- every account created within two windows of an affected one's creation: enough to find every
                    -- window that holds an affected account. Nearby creations merge into one range (one index scan).
                    SELECT s.voter_id, s.account_created_at AS created
                    FROM (SELECT min(created) - make_interval(secs => 2 * ?9) AS low, max(created) + make_interval(secs => 2 * ?9) AS high
                          FROM (SELECT created, count(*) FILTER (WHERE gap) OVER (ORDER BY created) AS island
                                FROM (SELECT created, created - lag(created) OVER (ORDER BY created) > make_interval(secs => 4 * ?9) AS gap
                                      FROM (SELECT DISTINCT account_created_at AS created FROM affected
                                            WHERE ?8 > 0 AND account_created_at IS NOT NULL) c) g) i
                          GROUP BY island) range
                    JOIN voter_screening s ON s.edition_year = ?1 AND s.account_created_at BETWEEN range.low AND range.high
                ), burst_start AS MATERIALIZED (
                    -- a burst window starts at an account's creation: [created, created + ?9 s] holding >= ?8 accounts
                    -- (sliding, not fixed buckets, so a campaign straddling a bucket edge is still one burst)
                    SELECT voter_id, created, count(*) OVER (ORDER BY created
                           RANGE BETWEEN CURRENT ROW AND make_interval(secs => ?9) FOLLOWING) >= ?8 AS starts
                    FROM burst_scope
                ), in_burst AS MATERIALIZED (
                    -- in a burst: a window starts at most ?9 s before the account's creation (a second sliding pass,
                    -- not a lookup per voter, which is quadratic)
                    SELECT voter_id FROM (
                        SELECT voter_id, bool_or(starts) OVER (ORDER BY created
                               RANGE BETWEEN make_interval(secs => ?9) PRECEDING AND CURRENT ROW) AS hit
                        FROM burst_start) b
                    WHERE hit
                ), voter_reasons AS MATERIALIZED (
                    -- joins, not IN (subquery) in the select list: that is a subplan run per voter
                    SELECT p.voter_id, concat_ws('; ',
                           CASE WHEN ?4 > 0 AND p.votes >= ?4 AND p.span_seconds <= ?5 THEN 'all-categories-fast' END,
                           CASE WHEN i.choices IS NOT NULL THEN 'identical-sequence' END,
                           CASE WHEN b.voter_id IS NOT NULL THEN 'account-burst' END,
                           CASE WHEN ?10 > 0 AND p.votes >= ?10 AND p.jitter_seconds * 1000 < ?11 THEN 'regular-timing' END) AS reasons
                    FROM affected p
                    LEFT JOIN identical i ON i.choices = p.choices
                    LEFT JOIN (SELECT DISTINCT voter_id FROM in_burst) b ON b.voter_id = p.voter_id
                ), vote_reasons AS MATERIALIZED (
                    SELECT v.category, v.voter_id, nullif(concat_ws('; ',
                           CASE WHEN a.client_address IS NOT NULL THEN 'many-accounts-per-address' END,
                           CASE WHEN d.device_hash IS NOT NULL THEN 'shared-device' END,
                           nullif(vr.reasons, '')), '') AS reason
                    FROM affected_votes v JOIN voter_reasons vr USING (voter_id)
                    LEFT JOIN crowded_address a ON a.client_address = v.client_address
                    LEFT JOIN shared_device d ON d.device_hash = v.device_hash AND d.subnet = v.subnet
                )
                SELECT category, voter_id, reason FROM vote_reasons""")
                .setParameter(1, year).setParameter(2, r.maxAccountsPerAddress()).setParameter(3, r.maxAccountsPerDeviceSubnet())
                .setParameter(4, r.fastCategories()).setParameter(5, r.fastSeconds())
                .setParameter(6, r.identicalAccounts()).setParameter(7, r.identicalMinVotes())
                .setParameter(8, r.burstAccounts()).setParameter(9, r.burstSeconds())
                .setParameter(10, r.regularMinVotes()).setParameter(11, r.regularMaxJitterMillis())
                .executeUpdate();
        sql("ANALYZE screen_verdict");
        return entityManager.createNativeQuery("""
                UPDATE vote SET status = CASE WHEN r.reason IS NULL THEN 'VALID' ELSE 'EXCLUDED' END, reason = r.reason
                FROM screen_verdict r
                WHERE vote.edition_year = ?1 AND vote.category = r.category AND vote.voter_id = r.voter_id
                  AND (vote.status IS DISTINCT FROM CASE WHEN r.reason IS NULL THEN 'VALID' ELSE 'EXCLUDED' END
                       OR vote.reason IS DISTINCT FROM r.reason)""").setParameter(1, year).executeUpdate();
    }

    private void sql(String statements) {
        for (String statement : statements.split(";")) {
            entityManager.createNativeQuery(statement).executeUpdate();
        }
    }

    private void update(String statement, int year) {
        entityManager.createNativeQuery(statement).setParameter(1, year).executeUpdate();
    }
}
