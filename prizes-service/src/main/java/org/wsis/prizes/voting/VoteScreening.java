package org.wsis.prizes.voting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.wsis.prizes.edition.Edition;
import org.wsis.prizes.edition.EditionService;
import org.wsis.prizes.edition.Phase;

import java.util.List;

/**
 * Screening: decides for every vote of an edition whether it is VALID or EXCLUDED, re-evaluating the
 * edition's rules (ScreeningRules) over all its votes, since a cluster grows as votes arrive (the 31st
 * account from one address excludes the 30 before it too). Votes an administrator decided on are left
 * as decided. Votes cast since the last pass are PENDING, and only VALID votes make champions.
 * <p>
 * Off the vote path on purpose: the batched insert only stores the signals, and the rules run as a
 * few set-based statements every minute during voting and once more when voting closes.
 */
@ApplicationScoped
public class VoteScreening {
    private static final Logger LOG = Logger.getLogger(VoteScreening.class);

    private final EntityManager entityManager;
    private final EditionService editions;
    private final ObjectMapper mapper;

    public VoteScreening(EntityManager entityManager, EditionService editions, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.editions = editions;
        this.mapper = mapper;
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
    @ConfigProperty(name = "prizes.voting.screening.timeout-seconds", defaultValue = "600")
    int timeoutSeconds;

    /** Screens the votes of editions that are voting, every minute. */
    @Scheduled(every = "${prizes.voting.screening.every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void screenVotingEditions() {
        List<Integer> voting = QuarkusTransaction.requiringNew().call(() -> editions.list().stream()
                .filter(e -> editions.phaseNow(e) == Phase.VOTING && !rules(e).isOff()).map(e -> e.year).toList());
        for (int year : voting) {
            try {
                QuarkusTransaction.requiringNew().timeout(timeoutSeconds).run(() -> screen(year));
            } catch (RuntimeException e) {
                LOG.warnf(e, "screening of edition %d failed; next pass in a minute", year);
            }
        }
    }

    /** Runs the rules over every undecided vote of the edition; returns how many votes are EXCLUDED after it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long screen(int year) {
        ScreeningRules r = rules(editions.get(year));
        entityManager.createNativeQuery("""
                WITH v AS (
                    SELECT category, voter_id, submission_id, cast_at, client_address, device_hash, account_created_at,
                           CASE WHEN client_address LIKE '%:%' THEN substring(client_address from '^(([0-9a-fA-F]*:){3})')
                                ELSE substring(client_address from '^([0-9]+\\.[0-9]+\\.[0-9]+)\\.') END AS subnet,
                           extract(epoch FROM cast_at - lag(cast_at) OVER (PARTITION BY voter_id ORDER BY cast_at)) AS gap
                    FROM vote WHERE edition_year = ?1
                ), per_voter AS (
                    SELECT voter_id, count(*) AS n, extract(epoch FROM max(cast_at) - min(cast_at)) AS span,
                           string_agg(category || '=' || submission_id, ',' ORDER BY category) AS choices,
                           min(account_created_at) AS created, stddev_samp(gap) AS jitter
                    FROM v GROUP BY voter_id
                ), crowded_address AS MATERIALIZED (
                    SELECT client_address FROM v WHERE client_address IS NOT NULL GROUP BY client_address
                    HAVING ?2 > 0 AND count(DISTINCT voter_id) > ?2
                ), shared_device AS MATERIALIZED (
                    SELECT device_hash, subnet FROM v WHERE device_hash IS NOT NULL AND subnet IS NOT NULL
                    GROUP BY device_hash, subnet HAVING ?3 > 0 AND count(DISTINCT voter_id) > ?3
                ), identical AS MATERIALIZED (
                    SELECT choices FROM per_voter WHERE n >= ?7 GROUP BY choices HAVING ?6 > 0 AND count(*) >= ?6
                ), burst_start AS MATERIALIZED (
                    -- a burst window starts at an account's creation: [created, created + ?9 s] holding >= ?8 accounts
                    -- (sliding, not fixed buckets, so a campaign straddling a bucket edge is still one burst)
                    SELECT voter_id, created, count(*) OVER (ORDER BY created
                           RANGE BETWEEN CURRENT ROW AND make_interval(secs => ?9) FOLLOWING) >= ?8 AS starts
                    FROM per_voter WHERE created IS NOT NULL
                ), in_burst AS MATERIALIZED (
                    -- in a burst: a window starts at most ?9 s before the account's creation. A second sliding pass,
                    -- not a lookup per voter: that was a window over every voter for each vote (quadratic; a
                    -- 23,600-vote season took over a minute)
                    SELECT voter_id FROM (
                        SELECT voter_id, bool_or(starts) OVER (ORDER BY created
                               RANGE BETWEEN make_interval(secs => ?9) PRECEDING AND CURRENT ROW) AS hit
                        FROM burst_start) b
                    WHERE ?8 > 0 AND hit
                ), voter_reasons AS MATERIALIZED (
                    SELECT p.voter_id, concat_ws('; ',
                           CASE WHEN ?4 > 0 AND p.n >= ?4 AND p.span <= ?5 THEN 'all-categories-fast' END,
                           CASE WHEN p.choices IN (SELECT choices FROM identical) THEN 'identical-sequence' END,
                           CASE WHEN p.voter_id IN (SELECT voter_id FROM in_burst) THEN 'account-burst' END,
                           CASE WHEN ?10 > 0 AND p.n >= ?10 AND p.jitter * 1000 < ?11 THEN 'regular-timing' END) AS reasons
                    FROM per_voter p
                ), vote_reasons AS MATERIALIZED (
                    SELECT v.category, v.voter_id, nullif(concat_ws('; ',
                           CASE WHEN v.client_address IN (SELECT client_address FROM crowded_address) THEN 'many-accounts-per-address' END,
                           CASE WHEN (v.device_hash, v.subnet) IN (SELECT device_hash, subnet FROM shared_device) THEN 'shared-device' END,
                           nullif(vr.reasons, '')), '') AS reason
                    FROM v JOIN voter_reasons vr USING (voter_id)
                )
                UPDATE vote SET status = CASE WHEN r.reason IS NULL THEN 'VALID' ELSE 'EXCLUDED' END, reason = r.reason
                FROM vote_reasons r
                WHERE vote.edition_year = ?1 AND vote.category = r.category AND vote.voter_id = r.voter_id
                  AND vote.decided_by IS NULL
                  AND (vote.status IS DISTINCT FROM CASE WHEN r.reason IS NULL THEN 'VALID' ELSE 'EXCLUDED' END
                       OR vote.reason IS DISTINCT FROM r.reason)""")
                .setParameter(1, year).setParameter(2, r.maxAccountsPerAddress()).setParameter(3, r.maxAccountsPerDeviceSubnet())
                .setParameter(4, r.fastCategories()).setParameter(5, r.fastSeconds())
                .setParameter(6, r.identicalAccounts()).setParameter(7, r.identicalMinVotes())
                .setParameter(8, r.burstAccounts()).setParameter(9, r.burstSeconds())
                .setParameter(10, r.regularMinVotes()).setParameter(11, r.regularMaxJitterMillis())
                .executeUpdate();
        return ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM vote WHERE edition_year = ?1 AND status = 'EXCLUDED'")
                .setParameter(1, year).getSingleResult()).longValue();
    }
}
