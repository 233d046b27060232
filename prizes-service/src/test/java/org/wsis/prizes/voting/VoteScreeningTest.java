package org.wsis.prizes.voting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.prizes.contest.TestTokens;
import org.wsis.prizes.contest.VotingEditions;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The minute-by-minute screening re-decides only the voters new votes can affect (issue 18: a pass over the whole
 * season took 28.6 s at 1.1 million votes). Whatever it leaves alone must be what a pass over every voter decides:
 * a season of organic voters and of clusters that grow from pass to pass (an address, a device, identical choices,
 * accounts made in a burst, scripted timing) is screened pass by pass, then once whole, and both must agree on
 * every vote.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "prizes"))
@QuarkusTestResource(TestTokens.class)
class VoteScreeningTest {
    static final List<String> CATEGORIES = List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7.E-GOV", "C7.E-BUS",
            "C7.E-LEARN", "C7.E-HEALTH", "C7.E-EMP", "C7.E-ENV", "C7.E-AGRI", "C7.E-SCI", "C8", "C9", "C10", "C11");
    // small thresholds, so that every rule fires in a season of a few hundred voters
    static final String RULES = """
            {"maxAccountsPerAddress":6,"maxAccountsPerDeviceSubnet":4,"fastCategories":10,"fastSeconds":60,
             "identicalAccounts":5,"identicalMinVotes":4,"burstAccounts":8,"burstSeconds":60,
             "regularMinVotes":6,"regularMaxJitterMillis":250}""";
    static final int WAVES = 6;

    @Inject
    EntityManager entityManager;
    @Inject
    VoteScreening screening;
    @Inject
    SignalRetention retention;

    record Vote(int wave, String voter, String category, int nominee, OffsetDateTime castAt, String address,
                String device, OffsetDateTime accountCreated) {
    }

    @Test
    void passesOverNewVotesDecideWhatAPassOverTheWholeSeasonDecides() {
        int year = VotingEditions.freeYear(entityManager, 3000, 9000);
        VotingEditions.votingEdition(entityManager, year, CATEGORIES, 3, null, RULES);
        List<Vote> season = season(new Random(18));

        for (int wave = 0; wave < WAVES; wave++) {
            int w = wave;
            insert(year, season.stream().filter(v -> v.wave() == w).toList());
            if (wave == WAVES - 1) {
                // an administrator's decision stands whatever later passes find
                QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        UPDATE vote SET status = 'VALID', reason = NULL, decided_by = 'admin'
                        WHERE edition_year = ?1 AND voter_id = 'address-0'""").setParameter(1, year).executeUpdate());
            }
            QuarkusTransaction.requiringNew().run(() -> screening.screenNewVotes(year));
        }
        Map<String, String> passByPass = verdicts(year);
        assertEquals(season.size(), passByPass.size());
        assertTrue(passByPass.values().stream().noneMatch(v -> v.startsWith("PENDING")), "every vote decided");

        QuarkusTransaction.requiringNew().run(() -> screening.screen(year));
        assertEquals(verdicts(year), passByPass, "a pass over every voter changes nothing the passes over new votes decided");

        // and what they decided is what the rules say: each cluster excluded, for its reason, organic votes kept
        for (String[] cluster : new String[][]{{"address-1", "many-accounts-per-address"}, {"device-0", "shared-device"},
                {"identical-0", "identical-sequence"}, {"burst-0", "account-burst"}, {"script-0", "all-categories-fast"},
                {"metronome-0", "regular-timing"}}) {
            assertTrue(passByPass.entrySet().stream().filter(e -> e.getKey().endsWith("|" + cluster[0]))
                            .allMatch(e -> e.getValue().startsWith("EXCLUDED") && e.getValue().contains(cluster[1])),
                    cluster[0] + " excluded for " + cluster[1] + ": " + passByPass);
        }
        assertTrue(passByPass.entrySet().stream().filter(e -> e.getKey().endsWith("|address-0"))
                .allMatch(e -> e.getValue().equals("VALID|null")), "the administrator's decision stands");
        long organic = passByPass.keySet().stream().filter(k -> k.contains("|organic-")).count();
        long organicValid = passByPass.entrySet().stream().filter(e -> e.getKey().contains("|organic-"))
                .filter(e -> e.getValue().equals("VALID|null")).count();
        assertTrue(organicValid >= organic * 0.98, organicValid + " of " + organic + " organic votes valid");

        // once the ledger is closed and the retention has passed, the per-voter facts go with the votes' signals,
        // and the voters' step-up codes (issue 20)
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    INSERT INTO vote_step_up (edition_year, voter_id, code_hash, salt, expires_at, last_sent_at, sent_window_start, sent_in_window)
                    VALUES (?1, 'address-0', 'hash', 'salt', now(), now(), now(), 1)""").setParameter(1, year).executeUpdate();
            entityManager.createNativeQuery("""
                    INSERT INTO ledger_digest (edition_year, entries, merkle_root, signature, public_key, created_at)
                    VALUES (?1, 0, 'root', 'signature', 'key', now())""").setParameter(1, year).executeUpdate();
        });
        int erased = QuarkusTransaction.requiringNew().call(() -> retention.erase(OffsetDateTime.now(ZoneOffset.UTC)));
        assertTrue(erased >= season.size(), erased + " votes' signals erased");
        assertEquals(0L, count("SELECT count(*) FROM voter_screening WHERE edition_year = " + year));
        assertEquals(0L, count("SELECT count(*) FROM vote_step_up WHERE edition_year = " + year));
        assertEquals(0L, count("SELECT count(*) FROM vote WHERE edition_year = " + year
                + " AND (client_address IS NOT NULL OR device_hash IS NOT NULL OR account_created_at IS NOT NULL)"));
    }

    @Test
    void boundedPassesDecideTheOldestVotesFirstAndEndWhereAWholeSeasonPassEnds() {
        int year = VotingEditions.freeYear(entityManager, 3000, 9000);
        VotingEditions.votingEdition(entityManager, year, CATEGORIES, 3, null, RULES);
        List<Vote> season = season(new Random(19));
        insert(year, season);   // a flood: the whole season waits for screening at once
        int cap = season.size() / 5 + 1;
        for (long pending = season.size(); pending > 0; ) {
            QuarkusTransaction.requiringNew().run(() -> screening.screenNewVotes(year, cap));
            long left = count("SELECT count(*) FROM vote WHERE edition_year = " + year + " AND status = 'PENDING'");
            assertEquals(Math.max(0, pending - cap), left, "a pass decides at most " + cap + " votes, every one it took");
            assertEquals(0L, count("SELECT count(*) FROM vote WHERE edition_year = " + year + " AND status <> 'PENDING'"
                    + " AND cast_at > (SELECT min(cast_at) FROM vote WHERE edition_year = " + year + " AND status = 'PENDING')"),
                    "the oldest votes went first");
            pending = left;
        }
        Map<String, String> bounded = verdicts(year);
        QuarkusTransaction.requiringNew().run(() -> screening.screen(year));
        assertEquals(verdicts(year), bounded, "bounded passes end where a pass over every voter ends");
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    /**
     * Organic voters who vote over hours, and clusters whose members arrive a few per wave, so that a cluster
     * crosses its rule's threshold only in a later pass and its first members' votes, decided VALID before, must be
     * re-decided.
     */
    private static List<Vote> season(Random random) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withNano(0);
        List<Vote> votes = new ArrayList<>();
        for (int o = 0; o < 300; o++) {
            String voter = "organic-" + o;
            OffsetDateTime created = start.minusDays(30 + random.nextInt(400)).minusSeconds(random.nextInt(86_400));
            String address = "198.51." + random.nextInt(200) + "." + random.nextInt(250);
            String device = "device-" + random.nextInt(100_000);
            int n = 1 + random.nextInt(8);
            List<String> categories = shuffled(random);
            OffsetDateTime at = start.plusSeconds(random.nextInt(3_600));
            for (int c = 0; c < n; c++) {
                at = at.plusSeconds(30 + random.nextInt(3_000));
                int wave = Math.min(WAVES - 1, (int) (Duration.between(start, at).toSeconds() / 3_600));
                votes.add(new Vote(wave, voter, categories.get(c), random.nextInt(3), at, address, device, created));
            }
        }
        for (int a = 0; a < 10; a++) { // ten accounts behind one address, two a wave: crowded (more than 6) from wave 3
            cluster(votes, a / 2, "address-" + a, "203.0.113.7", "address-device-" + a, start.minusDays(100 + a * 3L), 2, 90, random);
        }
        for (int d = 0; d < 7; d++) { // one device on several addresses of one /24
            cluster(votes, d / 2, "device-" + d, "192.0.2." + (10 + d), "the-device", start.minusDays(200 + d * 5L), 2, 120, random);
        }
        for (int i = 0; i < 8; i++) { // the same five choices, cast over two waves (their choices change in between)
            String voter = "identical-" + i;
            OffsetDateTime created = start.minusDays(300 + i * 7L);
            for (int c = 0; c < 5; c++) {
                int wave = Math.min(WAVES - 1, i / 2 + (c < 2 ? 0 : 1));
                votes.add(new Vote(wave, voter, CATEGORIES.get(c), 1, start.plusHours(wave).plusSeconds(i * 400L + c * 77L),
                        "100.64." + i + ".9", "identical-device-" + i, created));
            }
        }
        OffsetDateTime burst = start.minusDays(3);
        for (int b = 0; b < 12; b++) { // accounts made within 30 s, casting a little over the season
            cluster(votes, b / 2, "burst-" + b, "100.70." + b + ".1", "burst-device-" + b, burst.plusSeconds(b * 2L), 2, 200, random);
        }
        for (int s = 0; s < 3; s++) { // the 2021 script: every category within seconds
            OffsetDateTime at = start.plusHours(2 + s).plusSeconds(17);
            for (int c = 0; c < CATEGORIES.size(); c++) {
                votes.add(new Vote(2 + s, "script-" + s, CATEGORIES.get(c), random.nextInt(3), at.plusSeconds(c),
                        "100.80." + s + ".1", "script-device-" + s, start.minusDays(50 + s * 11L)));
            }
        }
        for (int m = 0; m < 2; m++) { // a userscript voting on a timer: one vote every 120 s exactly
            OffsetDateTime at = start.plusHours(1 + m).plusSeconds(5);
            for (int c = 0; c < 7; c++) {
                votes.add(new Vote(1 + m, "metronome-" + m, CATEGORIES.get(c), random.nextInt(3), at.plusSeconds(120L * c),
                        "100.90." + m + ".1", "metronome-device-" + m, start.minusDays(70 + m * 13L)));
            }
        }
        return votes;
    }

    private static void cluster(List<Vote> votes, int wave, String voter, String address, String device,
                                OffsetDateTime created, int n, int gapSeconds, Random random) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withNano(0).plusHours(wave)
                .plusSeconds(random.nextInt(3_000));
        List<String> categories = shuffled(random);
        for (int c = 0; c < n; c++) {
            votes.add(new Vote(wave, voter, categories.get(c), random.nextInt(3), at.plusSeconds((long) gapSeconds * c
                    + random.nextInt(60)), address, device, created));
        }
    }

    private static List<String> shuffled(Random random) {
        List<String> categories = new ArrayList<>(CATEGORIES);
        java.util.Collections.shuffle(categories, random);
        return categories;
    }

    private void insert(int year, List<Vote> votes) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Vote v : votes) {
                entityManager.createNativeQuery("""
                        INSERT INTO vote (edition_year, category, voter_id, submission_id, client_id, cast_at,
                                          client_address, device_hash, account_created_at, email_domain)
                        SELECT ?1, ?2, ?3, id, 'wsis-frontend', ?4, ?5, ?6, ?7, 'example.org'
                        FROM submission WHERE edition_year = ?1 AND category = ?2 ORDER BY title OFFSET ?8 LIMIT 1""")
                        .setParameter(1, year).setParameter(2, v.category()).setParameter(3, v.voter())
                        .setParameter(4, v.castAt()).setParameter(5, v.address()).setParameter(6, v.device())
                        .setParameter(7, v.accountCreated()).setParameter(8, v.nominee()).executeUpdate();
            }
        });
    }

    /** category|voter → status|reason of every vote of the edition. */
    @SuppressWarnings("unchecked")
    private Map<String, String> verdicts(int year) {
        Map<String, String> verdicts = new TreeMap<>();
        QuarkusTransaction.requiringNew().run(() -> ((List<Object[]>) entityManager.createNativeQuery(
                        "SELECT category, voter_id, status, reason FROM vote WHERE edition_year = ?1")
                .setParameter(1, year).getResultList())
                .forEach(r -> verdicts.put(r[0] + "|" + r[1], r[2] + "|" + r[3])));
        return verdicts;
    }
}
