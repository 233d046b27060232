package org.wsis.prizes.voting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.prizes.contest.TestClock;
import org.wsis.prizes.contest.TestTokens;
import org.wsis.prizes.contest.VotingEditions;
import org.wsis.prizes.ledger.LedgerDtos;
import org.wsis.prizes.ledger.Recount;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18: who may vote, rules frozen once voting opens, results embargoed until the ceremony, vote
 * signals through trusted proxies, screening of a scripted campaign against organic votes, the vote
 * audit, and the signed ledger whose recount reproduces the published standings.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "prizes"))
@QuarkusTestResource(TestTokens.class)
class VotingIntegrityTest {
    static final String ADMIN = TestTokens.token("integrity-admin", "wsis-frontend", "prize-admin");
    static final List<String> ALL_CATEGORIES = List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7.E-GOV",
            "C7.E-BUS", "C7.E-LEARN", "C7.E-HEALTH", "C7.E-EMP", "C7.E-ENV", "C7.E-AGRI", "C7.E-SCI", "C8", "C9", "C10", "C11");

    @Inject
    EntityManager entityManager;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void onlyPeopleWithTheRoleAVerifiedEmailAndAnOldEnoughAccountVote() {
        int year = realYear();
        VotingEditions.votingEdition(entityManager, year, List.of("C4"), 3, null, null);
        UUID nominee = nominees(year, "C4").get(0);
        Instant old = TestTokens.LONG_AGO;

        refused(year, TestTokens.token("roleless-user", "wsis-frontend"), nominee, "not-a-voter");
        refused(year, TestTokens.voter("service-account-agency-itu", "agency-itu", old, true, "client_id", "agency-itu"),
                nominee, "machine-client");
        refused(year, TestTokens.voter("agency-like", "agency-unesco"), nominee, "machine-client");
        refused(year, TestTokens.voter("unverified-voter", "wsis-frontend", old, false), nominee, "email-not-verified");
        refused(year, TestTokens.voter("brand-new-voter", "wsis-frontend", Instant.now().minusSeconds(60), true), nominee,
                "account-too-new");
        refused(year, TestTokens.voter("ageless-voter", "wsis-frontend", null, true), nominee, "account-age-unknown");
        assertEquals(0L, count("SELECT count(*) FROM vote WHERE edition_year = " + year), "no refused vote stored");

        // a real voter through the gateway (a trusted proxy): the client is the right-most untrusted hop,
        // so what the client itself wrote into X-Forwarded-For is ignored
        given().auth().oauth2(TestTokens.voter("real-voter")).contentType(ContentType.JSON)
                .header("X-Forwarded-For", "10.6.6.6, 203.0.113.7").header("User-Agent", "Browser/1.0")
                .body(Map.of("submissionId", nominee)).post(votes(year)).then().statusCode(201);
        Object[] stored = (Object[]) entityManager.createNativeQuery("""
                SELECT client_address, device_hash, email_domain, account_created_at, status FROM vote
                WHERE edition_year = ?1 AND voter_id = 'real-voter'""").setParameter(1, year).getSingleResult();
        assertEquals("203.0.113.7", stored[0]);
        assertEquals(ClientSignals.deviceHash("Browser/1.0", null), stored[1]);
        assertEquals("example.org", stored[2]);
        assertEquals("PENDING", stored[4]);
    }

    @Test
    void rulesAreFrozenOnceVotingOpensAndOnlyExtensionsWithAReasonAreAudited() {
        int year = realYear();
        // whole seconds: the database keeps microseconds, and the audit shows what it keeps
        Map<String, Object> dates = dates(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusDays(1), 2);
        as(ADMIN).body(dates).put(edition(year)).then().statusCode(201).body("phase", equalTo("VOTING"))
                .body("rulesFrozen", equalTo(true));

        Map<String, Object> earlier = new HashMap<>(dates);
        earlier.put("resultsOpen", OffsetDateTime.parse((String) dates.get("resultsOpen")).minusDays(1).toString());
        earlier.put("changeReason", "close early");
        put(year, earlier).then().statusCode(409).body("type", equalTo("urn:wsis:problem:rules-frozen"));
        Map<String, Object> champions = new HashMap<>(dates);
        champions.put("championsPerCategory", 3);
        champions.put("changeReason", "more champions");
        put(year, champions).then().statusCode(409).body("detail", containsString("championsPerCategory"));
        Map<String, Object> reopened = new HashMap<>(dates);
        reopened.put("votingOpens", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
        reopened.put("changeReason", "move the opening");
        put(year, reopened).then().statusCode(409).body("detail", containsString("votingOpens"));
        Map<String, Object> later = new HashMap<>(dates);
        String extended = OffsetDateTime.parse((String) dates.get("resultsOpen")).plusDays(2).toString();
        later.put("resultsOpen", extended);
        later.put("ceremonyAt", OffsetDateTime.parse(extended).plusDays(1).toString());
        put(year, later).then().statusCode(422).body("errors[0].field", equalTo("changeReason"));
        assertEquals(0L, count("SELECT count(*) FROM audit_entry WHERE target_type = 'edition' AND target_id = '" + year
                + "' AND action = 'edition.changed-after-voting-opened'"));

        later.put("changeReason", "server outage on the last day");
        put(year, later).then().statusCode(200).body("championsPerCategory", equalTo(2));
        as(ADMIN).get(edition(year) + "/audit").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].changedBy", equalTo("integrity-admin"))
                .body("[0].reason", equalTo("server outage on the last day"))
                .body("[0].before", containsString("\"resultsOpen\":\"" + OffsetDateTime.parse((String) dates.get("resultsOpen")).toInstant()))
                .body("[0].after", containsString("\"resultsOpen\":\"" + OffsetDateTime.parse(extended).toInstant()));
        as(TestTokens.voter("curious")).get(edition(year) + "/audit").then().statusCode(403);
    }

    /**
     * A scripted campaign shaped like the known tools (accounts made in a burst, every category within
     * seconds, the same choices, the same browser from a few rotating addresses) among organic voters:
     * screening excludes every campaign vote, explains why, and keeps every organic vote.
     */
    @Test
    void aScriptedCampaignIsExcludedAndOrganicVotesCountThenTheLedgerRecountsThePublishedStandings() throws Exception {
        int year = realYear();
        VotingEditions.votingEdition(entityManager, year, ALL_CATEGORIES, 3, null, null);
        Map<String, List<UUID>> nominees = new LinkedHashMap<>();
        ALL_CATEGORIES.forEach(c -> nominees.put(c, nominees(year, c)));

        Instant burst = Instant.now().minus(Duration.ofDays(30));
        for (int bot = 0; bot < 25; bot++) {
            String token = TestTokens.voter("bot-" + year + "-" + bot, "wsis-frontend", burst.plusSeconds(bot), true);
            for (String category : ALL_CATEGORIES) {
                vote(year, token, nominees.get(category).get(0), "198.51.100." + (bot % 5), "python-requests/2.25", 201);
            }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int organicVotes = 0;
        for (int person = 0; person < 30; person++) {
            Instant created = TestTokens.LONG_AGO.plus(Duration.ofDays(random.nextInt(1500)));
            String token = TestTokens.voter("person-" + year + "-" + person, "wsis-frontend", created, true);
            int categories = 3 + person % 3;
            for (int k = 0; k < categories; k++) {
                String category = ALL_CATEGORIES.get((person + 5 * k) % ALL_CATEGORIES.size());
                vote(year, token, nominees.get(category).get(1 + person % 2), "203.0." + person + "." + (10 + person),
                        "Browser/" + person, 201);
                organicVotes++;
            }
        }
        as(ADMIN).post(edition(year) + "/vote-audit/screen").then().statusCode(200)
                .body("EXCLUDED", equalTo(25 * 18)).body("VALID", equalTo(organicVotes));
        String reason = (String) entityManager.createNativeQuery(
                "SELECT reason FROM vote WHERE edition_year = ?1 AND voter_id = ?2 AND category = 'C1'")
                .setParameter(1, year).setParameter(2, "bot-" + year + "-3").getSingleResult();
        assertTrue(reason.contains("all-categories-fast") && reason.contains("account-burst")
                && reason.contains("identical-sequence"), reason);

        // the audit: clusters by device show the campaign's browser, votes are searchable by address
        as(ADMIN).get(edition(year) + "/vote-audit/clusters?by=device").then().statusCode(200)
                .body("[0].key", equalTo(ClientSignals.deviceHash("python-requests/2.25", null)))
                .body("[0].accounts", equalTo(25)).body("[0].excluded", equalTo(25 * 18));
        as(ADMIN).get(edition(year) + "/vote-audit/votes?address=198.51.100.2&size=5").then().statusCode(200)
                .header("X-Total-Count", String.valueOf(5 * 18)).body("items[0].status", equalTo("EXCLUDED"));
        as(ADMIN).get(edition(year) + "/vote-audit/votes?status=maybe").then().statusCode(400);
        as(TestTokens.voter("nosy")).get(edition(year) + "/vote-audit/votes").then().statusCode(403);
        // an administrator overturns one exclusion, with a reason: audited, and screening leaves it so
        as(ADMIN).body(Map.of("category", "C1", "voterId", "bot-" + year + "-0", "status", "VALID",
                "reason", "verified by phone")).post(edition(year) + "/vote-audit/decisions").then().statusCode(200)
                .body("status", equalTo("VALID")).body("decidedBy", equalTo("integrity-admin"));
        as(ADMIN).body(Map.of("category", "C1", "voterId", "nobody", "status", "VALID", "reason", "x"))
                .post(edition(year) + "/vote-audit/decisions").then().statusCode(404);
        as(ADMIN).post(edition(year) + "/vote-audit/screen").then().statusCode(200).body("VALID", equalTo(organicVotes + 1));
        assertEquals(1L, count("SELECT count(*) FROM vote_decision WHERE edition_year = " + year
                + " AND before_status = 'EXCLUDED' AND after_status = 'VALID' AND decided_by = 'integrity-admin'"));
        // issue 20: the decision is in the audit log once, with the vote's status before and after, not its signals
        assertEquals(1L, count("SELECT count(*) FROM audit_entry WHERE action = 'vote.decided-valid' AND target_id = '"
                + year + "/C1/bot-" + year + "-0' AND actor_subject = 'integrity-admin' AND reason = 'verified by phone'"
                + " AND before_state->>'status' = 'EXCLUDED' AND after_state->>'status' = 'VALID'"
                + " AND before_state->>'clientAddress' IS NULL AND after_state::text NOT LIKE '%198.51.100%'"));
        // the two passes the administrator asked for (not the scheduled ones, which decide nothing of their own)
        assertEquals(2L, count("SELECT count(*) FROM audit_entry WHERE action = 'edition.votes-screened' AND target_id = '" + year + "'"));

        // voting closes; the ceremony is a day later: results are decided but embargoed until then
        TestClock.advance(Duration.ofDays(30).plusHours(1));
        for (String category : ALL_CATEGORIES) {
            List<Map<String, Object>> standings = as(ADMIN).get(results(year)).then().statusCode(200).extract().path("results");
            Object leader = standings.stream().filter(r -> category.equals(r.get("category"))).findFirst().orElseThrow().get("submissionId");
            as(ADMIN).body(Map.of("submissionId", leader)).put(results(year) + "/winners/" + category).then().statusCode(200);
        }
        as(ADMIN).body(Map.of("category", "C1", "voterId", "bot-" + year + "-1", "status", "VALID", "reason", "late"))
                .post(edition(year) + "/vote-audit/decisions").then().statusCode(409); // the ledger is closed
        as(ADMIN).post(results(year) + "/publish").then().statusCode(200).body("published", equalTo(true));
        assertEquals((long) ALL_CATEGORIES.size(), count("SELECT count(*) FROM audit_entry WHERE action = 'category.winner-chosen'"
                + " AND target_id LIKE '" + year + "/%' AND before_state IS NULL AND after_state->>'winner' IS NOT NULL"));
        assertEquals(1L, count("SELECT count(*) FROM audit_entry WHERE action = 'edition.results-published' AND target_id = '"
                + year + "' AND jsonb_array_length(after_state->'winners') = " + ALL_CATEGORIES.size()));
        given().get(results(year)).then().statusCode(404);
        given().get("/api/v1/editions/" + year + "/tallies").then().statusCode(403);
        given().get("/api/v1/editions/" + year + "/ledger").then().statusCode(404);
        assertEquals(0L, resultsEvents(year), "no results event before the ceremony");
        Thread.sleep(5_000); // the announcing job runs every 2 s in tests (prizes.results.announce-every): not early
        assertEquals(0L, resultsEvents(year), "no results event before the ceremony");

        TestClock.advance(Duration.ofDays(1).plusMinutes(1));
        Response published = given().get(results(year)).then().statusCode(200).body("published", equalTo(true)).extract().response();
        awaitEvent(year);

        // the published ledger: valid and excluded counts per category, a Merkle root that verifies, and a
        // recount that reproduces the published standings
        String json = given().get("/api/v1/editions/" + year + "/ledger").then().statusCode(200)
                .body("entries", equalTo(25 * 18 + organicVotes)).extract().asString();
        LedgerDtos.Ledger ledger = new ObjectMapper().findAndRegisterModules().readValue(json, LedgerDtos.Ledger.class);
        Recount.verify(ledger);
        assertTrue(ledger.ledger().stream().noneMatch(e -> e.voter().startsWith("bot-") || e.voter().startsWith("person-")),
                "voters are pseudonymised");
        LedgerDtos.CategoryCount c1 = ledger.counts().stream().filter(c -> c.category().equals("C1")).findFirst().orElseThrow();
        assertEquals(24L, c1.excluded());
        assertEquals(24L, c1.excludedByReason().get("all-categories-fast"));
        Map<UUID, Long> recounted = new HashMap<>();
        Recount.standings(ledger.ledger()).forEach(s -> recounted.put(s.submissionId(), s.validVotes()));
        List<Map<String, Object>> results = published.path("results");
        for (Map<String, Object> r : results) {
            assertEquals(((Number) r.get("votes")).longValue(),
                    recounted.getOrDefault(UUID.fromString((String) r.get("submissionId")), 0L), "recount of " + r);
        }
        LedgerDtos.Ledger tampered = new LedgerDtos.Ledger(ledger.edition(), ledger.closedAt(), ledger.entries(),
                ledger.merkleRoot(), ledger.signature(), ledger.signatureAlgorithm(), ledger.publicKey(), ledger.counts(),
                ledger.ledger().stream().map(e -> new LedgerDtos.Entry(e.position(), e.voter(), e.category(), e.submissionId(),
                        "VALID", null)).toList());
        try {
            Recount.verify(tampered);
            throw new AssertionError("a ledger whose exclusions were erased still verified");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("hash"), expected.getMessage());
        }
    }

    // --- helpers ---

    /**
     * Issue 20: the platform-wide erasure reaches prizes (through Kafka and back): the person's vote stays, counted
     * as before, under a pseudonym and without its signals; their consent goes with it.
     */
    @Test
    void anErasedVoterKeepsTheirVoteOnlyAsAPseudonym() {
        int year = realYear();
        VotingEditions.votingEdition(entityManager, year, List.of("C4", "C5"), 3, null, null);
        UUID nominee = nominees(year, "C4").get(0);
        String voter = TestTokens.voter("erased-voter");
        vote(year, voter, nominee, "198.51.100.20", "Browser/2.0", 201);
        given().auth().oauth2(voter).get("/api/v1/me/personal-data").then().statusCode(200)
                .body("data.votes.submissionId", org.hamcrest.Matchers.contains(nominee.toString()))
                .body("consents.purpose", org.hamcrest.Matchers.contains("prizes.vote"));
        // withdrawing the vote's consent keeps the vote cast; voting again gives it again (one record, renewed)
        given().auth().oauth2(voter).post("/api/v1/me/consents/prizes.vote/withdrawal").then().statusCode(200)
                .body("withdrawnAt[0]", org.hamcrest.Matchers.notNullValue());
        vote(year, voter, nominees(year, "C5").get(0), "198.51.100.20", "Browser/2.0", 201);
        given().auth().oauth2(voter).get("/api/v1/me/consents").then().statusCode(200)
                .body("purpose", org.hamcrest.Matchers.contains("prizes.vote")).body("withdrawnAt[0]", org.hamcrest.Matchers.nullValue());
        String tallies = as(ADMIN).get(edition(year) + "/tallies").then().statusCode(200).extract().asString();

        String erasure = given().auth().oauth2(voter).post("/api/v1/me/erasure").then().statusCode(202).extract().path("id");
        org.awaitility.Awaitility.await("prizes-service confirming the erasure").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(voter).get("/api/v1/me/erasure").then().statusCode(200).extract()
                        .<List<String>>path("find { it.id == '" + erasure + "' }.confirmations.service"), s -> s.contains("prizes-service"));

        assertEquals(tallies, as(ADMIN).get(edition(year) + "/tallies").then().statusCode(200).extract().asString(), "tallies unchanged");
        Object[] stored = (Object[]) entityManager.createNativeQuery("""
                SELECT voter_id, client_address, device_hash, email_domain, signals_erased FROM vote
                WHERE edition_year = ?1 AND category = 'C4'""").setParameter(1, year).getSingleResult();
        org.junit.jupiter.api.Assertions.assertTrue(((String) stored[0]).startsWith("erased:"), "pseudonym: " + stored[0]);
        assertEquals(Arrays.asList(null, null, null, true), Arrays.asList(stored[1], stored[2], stored[3], stored[4]));
        for (String table : List.of("vote", "vote_decision", "voter_screening", "consent_record", "idempotency_key", "outbox_event")) {
            assertEquals(0L, count("SELECT count(*) FROM " + table + " t WHERE strpos(CAST(t AS text), 'erased-voter') > 0"), table);
        }
        given().auth().oauth2(voter).get("/api/v1/me/personal-data").then().body("data.votes.size()", equalTo(0));
    }

    private void refused(int year, String token, UUID nominee, String kind) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("submissionId", nominee))
                .post(votes(year)).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:wsis:problem:" + kind));
    }

    private void vote(int year, String token, UUID nominee, String address, String userAgent, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .header("User-Agent", userAgent).body(Map.of("submissionId", nominee)).post(votes(year))
                .then().statusCode(status);
    }

    private long resultsEvents(int year) {
        return count("SELECT count(*) FROM outbox_event WHERE topic = 'prizes.results' AND message_key = '" + year + "'");
    }

    private void awaitEvent(int year) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (resultsEvents(year) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the results event was not written at the ceremony");
            }
            Thread.sleep(200);
        }
        assertEquals(2L, resultsEvents(year), "the results and their statistics (issue 16), once each, at the ceremony");
    }

    private static Response put(int year, Map<String, Object> body) {
        String etag = given().get(edition(year)).then().statusCode(200).extract().header("ETag");
        Response response = as(ADMIN).header("If-Match", etag).body(body).put(edition(year));
        System.out.println("[integrity] PUT edition " + year + ": " + response.statusCode() + " " + response.asString());
        return response;
    }

    /** Phase starts around {@code votingOpens}, ten days apart. */
    private static Map<String, Object> dates(OffsetDateTime votingOpens, int champions) {
        return Map.of("submissionOpens", votingOpens.minusDays(30).toString(), "reviewOpens", votingOpens.minusDays(20).toString(),
                "nominationOpens", votingOpens.minusDays(10).toString(), "votingOpens", votingOpens.toString(),
                "resultsOpen", votingOpens.plusDays(10).toString(), "championsPerCategory", champions);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A real contest year (not a rehearsal): its rules freeze when voting opens. */
    private int realYear() {
        return VotingEditions.freeYear(entityManager, 2100, 3000);
    }

    private static String edition(int year) {
        return "/api/v1/editions/" + year;
    }

    private static String votes(int year) {
        return edition(year) + "/votes";
    }

    private static String results(int year) {
        return edition(year) + "/results";
    }

    @SuppressWarnings("unchecked")
    private List<UUID> nominees(int year, String category) {
        return entityManager.createNativeQuery(
                        "SELECT id FROM submission WHERE edition_year = ?1 AND category = ?2 ORDER BY submitted_at, id")
                .setParameter(1, year).setParameter(2, category).getResultList();
    }

    private long count(String sql) {
        return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
