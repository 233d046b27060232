package org.wsis.prizes.voting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.MailDevTestResource;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.prizes.contest.TestClock;
import org.wsis.prizes.contest.TestTokens;
import org.wsis.prizes.contest.VotingEditions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 item 1, the optional e-mail step-up: a risky vote (by the edition's {@link StepUpRules}) without a
 * valid code is refused and stores nothing; the code travels by real SMTP (MailDev, read through its REST API);
 * the vote repeated with it is stored; wrong codes lock, expired codes are refused, and without the edition's
 * step-up (the default) nothing changes.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "prizes"))
@QuarkusTestResource(TestTokens.class)
@QuarkusTestResource(value = MailDevTestResource.class, restrictToAnnotatedClass = true)
class StepUpTest {
    /** A vote is risky when the account is younger than 30 days, or 2 other voters used its address within the hour. */
    private static final String RULES = "{\"accountYoungerThanDays\": 30, \"accountsPerAddress\": 2, \"accountsPerDevice\": 0, "
            + "\"windowMinutes\": 60}";
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b([0-9]{6})\\b");

    @Inject
    EntityManager entityManager;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void aRiskyVoteNeedsTheCodeThatArrivesByRealSmtpAndANonRiskyVoteNeedsNone() {
        int year = votingEdition(RULES, "C1", "C2");
        String voter = "young-" + UUID.randomUUID();
        String token = youngVoter(voter);

        vote(year, token, nominee(year, "C1"), null).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:wsis:problem:step-up-required")).body("detail", containsString("new-account"));
        assertEquals(0L, votesOf(year, voter), "a refused risky vote stores nothing");

        // a voter with an old account from an unshared address is not risky: no code needed
        vote(year, TestTokens.voter("old-" + UUID.randomUUID()), nominee(year, "C1"), null).then().statusCode(201);

        given().auth().oauth2(token).post(stepUp(year)).then().statusCode(202)
                .body("sentTo", equalTo(voter.charAt(0) + "***@example.org")).body("expiresAt", notNullValue());
        String code = codeMailedTo(voter + "@example.org");
        assertFalse(storedHashes(year, voter).contains(code), "only a hash of the code is stored");

        vote(year, token, nominee(year, "C1"), code).then().statusCode(201);
        // the code covers the voter's next votes while it lives (one per category)
        vote(year, token, nominee(year, "C2"), code).then().statusCode(201);
        assertEquals(2L, votesOf(year, voter));

        // a new code only after a while (resend limit), 429 with Retry-After
        given().auth().oauth2(token).post(stepUp(year)).then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json");
    }

    @Test
    void fiveWrongCodesLockTheCodeAndNothingIsStored() {
        int year = votingEdition(RULES, "C1");
        String voter = "guesser-" + UUID.randomUUID();
        String token = youngVoter(voter);
        given().auth().oauth2(token).post(stepUp(year)).then().statusCode(202);
        String code = codeMailedTo(voter + "@example.org");
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);

        for (int attempt = 1; attempt <= 4; attempt++) {
            vote(year, token, nominee(year, "C1"), wrong).then().statusCode(403)
                    .body("type", equalTo("urn:wsis:problem:step-up-invalid"))
                    .body("detail", containsString((5 - attempt) + " tr"));
        }
        vote(year, token, nominee(year, "C1"), wrong).then().statusCode(403).body("type", equalTo("urn:wsis:problem:step-up-locked"));
        // locked: even the right code is refused now
        vote(year, token, nominee(year, "C1"), code).then().statusCode(403).body("type", equalTo("urn:wsis:problem:step-up-locked"));
        // a code that is not six digits is a bad request, not a try
        vote(year, token, nominee(year, "C1"), "12ab").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0L, votesOf(year, voter));
    }

    @Test
    void anExpiredCodeIsRefused() {
        int year = votingEdition(RULES, "C1");
        String voter = "slow-" + UUID.randomUUID();
        String token = youngVoter(voter);
        given().auth().oauth2(token).post(stepUp(year)).then().statusCode(202);
        String code = codeMailedTo(voter + "@example.org");

        TestClock.advance(Duration.ofMinutes(11));
        vote(year, token, nominee(year, "C1"), code).then().statusCode(403).body("type", equalTo("urn:wsis:problem:step-up-expired"));
        assertEquals(0L, votesOf(year, voter));
        // a new code can be requested (the resend wait has passed) and works
        given().auth().oauth2(token).post(stepUp(year)).then().statusCode(202);
        String fresh = codeMailedTo(voter + "@example.org", 2);
        vote(year, token, nominee(year, "C1"), fresh).then().statusCode(201);
    }

    @Test
    void manyAccountsFromOneAddressMakeTheNextVoteRisky() {
        int year = votingEdition(RULES, "C1");
        for (int n = 0; n < 2; n++) {
            vote(year, TestTokens.voter("neighbour-" + n + "-" + UUID.randomUUID()), nominee(year, "C1"), null, "198.51.100.9")
                    .then().statusCode(201);
        }
        String third = "third-" + UUID.randomUUID();
        vote(year, TestTokens.voter(third), nominee(year, "C1"), null, "198.51.100.9").then().statusCode(403)
                .body("type", equalTo("urn:wsis:problem:step-up-required")).body("detail", containsString("shared-address"));
        vote(year, TestTokens.voter(third), nominee(year, "C1"), null, "198.51.100.10").then().statusCode(201);
    }

    @Test
    void withoutAStepUpInTheEditionNothingChanges() {
        int year = votingEdition(null, "C1");
        String voter = "young-" + UUID.randomUUID();
        String token = youngVoter(voter);
        vote(year, token, nominee(year, "C1"), null).then().statusCode(201);
        given().auth().oauth2(token).post(stepUp(year)).then().statusCode(409)
                .body("type", equalTo("urn:wsis:problem:step-up-off"));
        given().get("/api/v1/editions/" + year).then().statusCode(200)
                .body("stepUp.accountYoungerThanDays", equalTo(0)).body("stepUp.accountsPerAddress", equalTo(0))
                .body("stepUp.accountsPerDevice", equalTo(0));
    }

    @Test
    void anAdministratorSetsTheStepUpOnAnEditionAndItIsFrozenOnceVotingOpens() {
        int year = VotingEditions.freeYear(entityManager, 2100, 3000);
        String admin = TestTokens.token("step-up-admin", "wsis-frontend", "prize-admin");
        java.time.OffsetDateTime opens = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(1).withNano(0);
        Map<String, Object> dates = new java.util.HashMap<>(Map.of("submissionOpens", opens.minusDays(30).toString(),
                "reviewOpens", opens.minusDays(20).toString(), "nominationOpens", opens.minusDays(10).toString(),
                "votingOpens", opens.toString(), "resultsOpen", opens.plusDays(10).toString()));
        dates.put("stepUp", Map.of("accountYoungerThanDays", 7, "accountsPerAddress", 0, "accountsPerDevice", 5, "windowMinutes", 30));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(dates).put("/api/v1/editions/" + year)
                .then().statusCode(201).body("stepUp.accountYoungerThanDays", equalTo(7)).body("stepUp.windowMinutes", equalTo(30));
        dates.put("stepUp", Map.of("accountYoungerThanDays", -1, "windowMinutes", 30));
        String etag = given().get("/api/v1/editions/" + year).then().extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(dates).put("/api/v1/editions/" + year)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("accountYoungerThanDays"));

        // voting opens: the step-up is frozen with the other rules
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE edition SET voting_opens = now() - interval '1 hour' WHERE year = ?1").setParameter(1, year).executeUpdate());
        Response now = given().get("/api/v1/editions/" + year);
        Map<String, Object> frozen = new java.util.HashMap<>(dates);
        frozen.put("votingOpens", now.path("votingOpens"));
        frozen.put("stepUp", Map.of("accountYoungerThanDays", 0, "accountsPerAddress", 0, "accountsPerDevice", 0, "windowMinutes", 30));
        frozen.put("changeReason", "switch the step-up off");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", now.header("ETag")).body(frozen)
                .put("/api/v1/editions/" + year).then().statusCode(409).body("detail", containsString("stepUp"));
    }

    // --- helpers

    /** An account created 3 days ago, before the edition's voting opened (yesterday): eligible, but young. */
    private static String youngVoter(String subject) {
        return TestTokens.voter(subject, "wsis-frontend", Instant.now().minus(Duration.ofDays(3)), true);
    }

    private static Response vote(int year, String token, UUID submission, String code) {
        return vote(year, token, submission, code, "203.0.113." + ThreadLocalRandom.current().nextInt(1, 250));
    }

    /** Through the trusted proxy (the test client is 127.0.0.1): the client address is the last XFF hop. */
    private static Response vote(int year, String token, UUID submission, String code, String clientAddress) {
        RequestSpecification request = given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("X-Forwarded-For", clientAddress).header("User-Agent", "StepUpTest/" + UUID.randomUUID());
        if (code != null) {
            request.header(StepUp.HEADER, code);
        }
        return request.body(Map.of("submissionId", submission)).post("/api/v1/editions/" + year + "/votes");
    }

    private static String stepUp(int year) {
        return "/api/v1/editions/" + year + "/votes/step-up";
    }

    private static String codeMailedTo(String address) {
        return codeMailedTo(address, 1);
    }

    /** The code of the {@code nth} message MailDev received for the address (its REST API, GET /api/email). */
    private static String codeMailedTo(String address, int nth) {
        List<Map<String, Object>> mails = await("mail to " + address).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> JsonPath.from(given().baseUri(MailDevTestResource.webUrl()).get("/api/email").asString())
                                .<Map<String, Object>>getList("findAll { m -> m.to.any { it.address == '" + address + "' } }"),
                        found -> found.size() >= nth);
        Map<String, Object> mail = mails.get(nth - 1);
        Matcher code = SIX_DIGITS.matcher(String.valueOf(mail.get("text")));
        assertTrue(code.find(), "the mail carries a six-digit code: " + mail.get("text"));
        assertTrue(String.valueOf(mail.get("subject")).contains(code.group(1)));
        return code.group(1);
    }

    private long votesOf(int year, String voter) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM vote WHERE edition_year = ?1 AND voter_id = ?2")
                .setParameter(1, year).setParameter(2, voter).getSingleResult()).longValue();
    }

    private String storedHashes(int year, String voter) {
        return String.valueOf(entityManager.createNativeQuery("SELECT code_hash || salt FROM vote_step_up WHERE edition_year = ?1 AND voter_id = ?2")
                .setParameter(1, year).setParameter(2, voter).getSingleResult());
    }

    private UUID nominee(int year, String category) {
        return (UUID) entityManager.createNativeQuery("SELECT id FROM submission WHERE edition_year = ?1 AND category = ?2 LIMIT 1")
                .setParameter(1, year).setParameter(2, category).getSingleResult();
    }

    /** An edition voting since yesterday with one announced nominee per category and the given step-up (null: none). */
    private int votingEdition(String stepUpRules, String... categories) {
        int year = VotingEditions.freeYear(entityManager, 2100, 3000);
        VotingEditions.votingEdition(entityManager, year, List.of(categories), 1, stepUpRules, null);
        return year;
    }
}
