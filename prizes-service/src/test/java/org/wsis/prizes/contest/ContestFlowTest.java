package org.wsis.prizes.contest;

import org.wsis.localstack.testing.EventContracts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole edition through the API with real signed tokens: submission, review, nomination,
 * voting and results, moving the phase dates as an administrator does, and checking at each
 * step that what the phase does not allow is refused with problem+json and changes nothing.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "prizes"))
class ContestFlowTest {
    static final String ADMIN = TestTokens.token("prize-admin-1", "wsis-frontend", "prize-admin");
    static final String REVIEWER = TestTokens.token("reviewer-1", "wsis-frontend", "prize-reviewer");
    static final String OTHER_REVIEWER = TestTokens.token("reviewer-2", "wsis-frontend", "prize-reviewer");
    static final String HEALTH = "C7.E-HEALTH";

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aWholeEditionFromSubmissionToPublishedResults() {
        int year = VotingEditions.freeYear(entityManager, 3000, 9000);
        createEdition(year, 1);
        // issue 15: the edition as read goes back with PUT; its derived fields are read-only
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> edition =
                given().get("/api/v1/editions/" + year).then().statusCode(200).extract();
        Map<String, Object> asRead = new java.util.HashMap<>(edition.jsonPath().getMap(""));
        asRead.put("phase", "RESULTS");
        as(ADMIN).header("If-Match", edition.header("ETag")).body(asRead).put("/api/v1/editions/" + year).then().statusCode(422)
                .body("type", equalTo("urn:wsis:problem:read-only")).body("errors[0].field", equalTo("phase"));
        asRead.put("phase", "SUBMISSION");
        asRead.put("championsPerCategory", 3);
        as(ADMIN).header("If-Match", edition.header("ETag")).body(asRead).put("/api/v1/editions/" + year).then().statusCode(200)
                .body("championsPerCategory", equalTo(3));
        // creating: nothing is stored, so a field the input does not take is unknown (400)
        as(ADMIN).body(Map.of("year", 2999)).put("/api/v1/editions/" + (year < 8999 ? year + 1000 : year - 1000)).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("year"));
        movePhase(year, 1);

        // --- submission phase ---
        UUID entryA = eligibleEntry("owner-a", "Health Ministry", "Telemedicine for islands", HEALTH);
        UUID entryB = eligibleEntry("owner-b", "Clinic Network", "Mobile clinics", HEALTH, "C4");
        UUID entryC = eligibleEntry("owner-c", "Red Cross", "First aid by SMS", HEALTH);
        UUID submissionA = submit(year, "owner-a", entryA, HEALTH);
        UUID submissionB = submit(year, "owner-b", entryB, HEALTH);
        UUID submissionC = submit(year, "owner-c", entryC, HEALTH);
        // what stocktaking's entry events say of them (issue 16's statistics): A in AFR and INT, B in AFR, C unknown
        classify(entryA, "GOVERNMENT", "AFR", "INT");
        classify(entryB, "CIVIL_SOCIETY", "AFR");

        as("owner-a").body(Map.of("entryId", entryA, "category", HEALTH, "summary", "again"))
                .post(submissions(year)).then().statusCode(409).contentType("application/problem+json");
        as("owner-a").body(Map.of("entryId", entryB, "category", HEALTH, "summary", "not mine"))
                .post(submissions(year)).then().statusCode(403);
        as("owner-b").body(Map.of("entryId", entryB, "category", "C9", "summary", "wrong line"))
                .post(submissions(year)).then().statusCode(422).body("errors[0].field", equalTo("category"));
        as("owner-b").body(Map.of("category", HEALTH)).post(submissions(year)).then().statusCode(400);

        String etag = as("owner-b").get(submissions(year) + "/" + submissionB).then().statusCode(200).extract().header("ETag");
        as("owner-b").header("If-Match", etag).body(Map.of("category", "C4", "summary", TestSummaries.english("Mobile clinics, now under capacity building")))
                .put(submissions(year) + "/" + submissionB).then().statusCode(200).body("category", equalTo("C4"));
        etag = as("owner-b").get(submissions(year) + "/" + submissionB).then().extract().header("ETag");
        as("owner-b").header("If-Match", etag).body(Map.of("category", HEALTH, "summary", TestSummaries.english("Mobile clinics, back in health")))
                .put(submissions(year) + "/" + submissionB).then().statusCode(200);
        // issue 15: what GET gives goes back with PUT; a JSON Merge Patch changes a part; read-only fields stay
        io.restassured.response.ExtractableResponse<io.restassured.response.Response> read =
                as("owner-b").get(submissions(year) + "/" + submissionB).then().statusCode(200).extract();
        Map<String, Object> representation = new java.util.HashMap<>(read.jsonPath().getMap(""));
        representation.put("summary", TestSummaries.english("Mobile clinics, sent back as read"));
        etag = as("owner-b").header("If-Match", read.header("ETag")).body(representation).put(submissions(year) + "/" + submissionB)
                .then().statusCode(200).body("summary", equalTo(representation.get("summary"))).extract().header("ETag");
        etag = as("owner-b").contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("category", "C4"))
                .patch(submissions(year) + "/" + submissionB).then().statusCode(200)
                .body("category", equalTo("C4")).body("summary", equalTo(representation.get("summary"))).extract().header("ETag");
        as("owner-b").contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("status", "WINNER"))
                .patch(submissions(year) + "/" + submissionB).then().statusCode(422)
                .body("type", equalTo("urn:wsis:problem:read-only")).body("errors[0].field", equalTo("status"));
        as("owner-a").contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("category", HEALTH))
                .patch(submissions(year) + "/" + submissionB).then().statusCode(403);
        as("owner-b").contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("category", HEALTH))
                .patch(submissions(year) + "/" + submissionB).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        as("owner-b").get(submissions(year)).then().statusCode(200).body("items", hasSize(1)); // only their own

        // --- review phase: no more submissions or edits ---
        movePhase(year, 2);
        UUID late = eligibleEntry("owner-d", "Late Org", "Too late", HEALTH);
        as("owner-d").body(Map.of("entryId", late, "category", HEALTH, "summary", "late"))
                .post(submissions(year)).then().statusCode(409).body("type", equalTo("urn:wsis:problem:wrong-phase"));
        assertEquals(3L, count("SELECT count(*) FROM submission WHERE edition_year = " + year));

        as(REVIEWER).post("/api/v1/reviewers/me").then().statusCode(200).body("userId", equalTo("reviewer-1"));
        as(ADMIN).body(Map.of("submissionId", submissionA, "reviewerId", "reviewer-1", "organisation", " health ministry "))
                .post(reviews(year)).then().statusCode(422)
                .body("type", equalTo("urn:wsis:problem:conflict-of-interest"));
        as(ADMIN).body(Map.of("submissionId", submissionA, "reviewerId", "reviewer-1", "organisation", "UNESCO"))
                .post(reviews(year)).then().statusCode(201);
        // one score per criterion of the edition: ITU's seven published criteria
        Map<String, Object> scores = Map.of("scores", Map.of("resultsAndImpact", 9, "communityEmpowerment", 8,
                "sdgRelevance", 7, "replicability", 8, "sustainability", 9, "partnerships", 6, "wsisValues", 8), "comment", "Strong");
        as(REVIEWER).body(scores).put(reviews(year) + "/mine/" + submissionA).then().statusCode(200)
                .body("total", equalTo(55)).body("scores.partnerships", equalTo(6));
        as(OTHER_REVIEWER).body(scores).put(reviews(year) + "/mine/" + submissionA).then().statusCode(403);
        as(REVIEWER).body(Map.of("scores", Map.of("resultsAndImpact", 11, "communityEmpowerment", 8, "sdgRelevance", 7,
                        "replicability", 8, "sustainability", 9, "partnerships", 6, "wsisValues", 8)))
                .put(reviews(year) + "/mine/" + submissionA).then().statusCode(400);
        as(REVIEWER).get(reviews(year) + "/mine").then().statusCode(200).body("size()", equalTo(1));
        as(ADMIN).get(reviews(year) + "?submissionId=" + submissionA).then().statusCode(200).body("[0].total", equalTo(55));

        // --- nomination phase ---
        movePhase(year, 3);
        given().get("/api/v1/editions/" + year + "/nominees").then().statusCode(404); // not announced yet
        for (UUID s : List.of(submissionA, submissionB, submissionC)) {
            as(ADMIN).put("/api/v1/editions/" + year + "/nominees/" + s).then().statusCode(200).body("status", equalTo("NOMINATED"));
        }
        as(ADMIN).post("/api/v1/editions/" + year + "/nominees/announce").then().statusCode(200);
        given().get("/api/v1/editions/" + year + "/nominees").then().statusCode(200).body("size()", equalTo(3));
        as("voter-0").body(Map.of("submissionId", submissionA)).post(votes(year)).then().statusCode(409); // not yet

        // --- voting phase ---
        movePhase(year, 4);
        for (int i = 0; i < 5; i++) {
            vote(year, "voter-" + i, submissionA);
        }
        for (int i = 5; i < 8; i++) {
            vote(year, "voter-" + i, submissionB);
        }
        vote(year, "voter-8", submissionC);
        // a second vote in the same category: 409, nothing counted
        as("voter-0").body(Map.of("submissionId", submissionB)).post(votes(year)).then().statusCode(409)
                .body("type", equalTo("urn:wsis:problem:already-voted"));
        // a retry with the same Idempotency-Key replays the first 201 and counts once
        as("voter-9").header("Idempotency-Key", "vote-retry-0001").body(Map.of("submissionId", submissionC))
                .post(votes(year)).then().statusCode(201);
        as("voter-9").header("Idempotency-Key", "vote-retry-0001").body(Map.of("submissionId", submissionC))
                .post(votes(year)).then().statusCode(201).header("Idempotent-Replayed", "true");
        as("voter-9").body(Map.of("submissionId", UUID.randomUUID())).post(votes(year)).then().statusCode(422)
                .body("errors[0].field", equalTo("submissionId"));
        as("voter-9").get(votes(year) + "/mine").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].category", equalTo(HEALTH));
        given().contentType(ContentType.JSON).body(Map.of("submissionId", submissionA)).post(votes(year))
                .then().statusCode(401).contentType("application/problem+json");

        given().get("/api/v1/editions/" + year + "/tallies").then().statusCode(403); // hidden from the public
        as(ADMIN).get("/api/v1/editions/" + year + "/tallies").then().statusCode(200)
                .body("[0].votes", equalTo(5)).body("[1].votes", equalTo(3)).body("[2].votes", equalTo(2));
        assertEquals(10L, count("SELECT count(*) FROM vote WHERE edition_year = " + year));
        assertEquals(0L, count("""
                SELECT count(*) FROM vote_tally t WHERE t.edition_year = %d
                AND t.votes <> (SELECT count(*) FROM vote v WHERE v.submission_id = t.submission_id)""".formatted(year)));
        assertEquals("wsis-frontend", entityManager.createNativeQuery(
                "SELECT client_id FROM vote WHERE voter_id = 'voter-0' AND edition_year = " + year).getSingleResult());

        // --- results phase: voting closed; champions are the 2 most voted; the expert group picks the winner ---
        movePhase(year, 5);
        as("voter-20").body(Map.of("submissionId", submissionA)).post(votes(year)).then().statusCode(409);
        given().get("/api/v1/editions/" + year + "/results").then().statusCode(404);
        as(ADMIN).body(Map.of("submissionId", submissionC)).put(results(year) + "/winners/" + HEALTH).then().statusCode(422);
        as(ADMIN).post(results(year) + "/publish").then().statusCode(409); // no winner yet
        as(ADMIN).body(Map.of("submissionId", submissionB)).put(results(year) + "/winners/" + HEALTH).then().statusCode(200);
        as(ADMIN).post(results(year) + "/publish").then().statusCode(200).body("published", equalTo(true));
        as(ADMIN).post(results(year) + "/publish").then().statusCode(409);

        given().get(results(year)).then().statusCode(200)
                .body("results.find { it.submissionId == '%s' }.outcome".formatted(submissionB), equalTo("WINNER"))
                .body("results.find { it.submissionId == '%s' }.outcome".formatted(submissionA), equalTo("CHAMPION"))
                .body("results.find { it.submissionId == '%s' }.outcome".formatted(submissionC), equalTo("NOMINEE"));
        given().get("/api/v1/editions/" + year + "/tallies").then().statusCode(200).body("size()", equalTo(3));

        String payload = (String) entityManager.createNativeQuery("""
                SELECT payload FROM outbox_event WHERE topic = 'prizes.results' AND message_key = '%d'
                AND event_type = 'org.wsis.prizes.results.published.v1'""".formatted(year)).getSingleResult();
        assertTrue(payload.contains("\"edition\":" + year), payload);
        assertTrue(payload.contains("\"outcome\":\"WINNER\"") && payload.contains(entryB.toString()), payload);
        EventContracts.assertValidCloudEvent("prizes-service", "results-published.v1", payload);
        // ... and the outbox relay puts it on the prizes.results topic, keyed by the edition year
        String sent = recordOnTopic("prizes.results", String.valueOf(year), Duration.ofSeconds(30));
        assertTrue(sent.contains("org.wsis.prizes.results.published.v1") && sent.contains(entryB.toString()), sent);

        // issue 16: the statistics leave with the results, match their schema and equal the published results
        String statisticsEvent = (String) entityManager.createNativeQuery("""
                SELECT payload FROM outbox_event WHERE topic = 'prizes.results' AND message_key = '%d'
                AND event_type = 'org.wsis.prizes.statistics.published.v1'""".formatted(year)).getSingleResult();
        EventContracts.assertValidCloudEvent("prizes-service", "statistics-published.v1", statisticsEvent);
        Map<String, long[]> statistics = new java.util.HashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode r : json(statisticsEvent).get("data").get("statistics")) {
            statistics.put(r.get("category").asText() + "/" + r.get("region").asText() + "/" + r.get("stakeholderType").asText(),
                    new long[]{r.get("entries").asLong(), r.get("nominees").asLong(), r.get("validVotes").asLong()});
        }
        List<Map<String, Object>> published = given().get(results(year)).then().statusCode(200).extract().path("results");
        long publishedVotes = published.stream().mapToLong(r -> ((Number) r.get("votes")).longValue()).sum();
        assertEquals(List.of(3L, (long) published.size(), publishedVotes), asList(statistics.get("_T/_T/_T")));
        assertEquals(List.of(3L, 3L, 10L), asList(statistics.get(HEALTH + "/_T/_T")));
        assertEquals(List.of(2L, 2L, 8L), asList(statistics.get(HEALTH + "/AFR/_T")));    // A (5) and B (3)
        assertEquals(List.of(1L, 1L, 5L), asList(statistics.get("_T/INT/GOVERNMENT")));
        assertEquals(List.of(1L, 1L, 2L), asList(statistics.get("_T/_Z/_Z")));            // C: region and type unknown
        assertEquals(List.of(1L, 1L, 3L), asList(statistics.get("_T/_T/CIVIL_SOCIETY")));
    }

    private static List<Long> asList(long[] values) {
        assertTrue(values != null, "no such statistics row");
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The stakeholder type and regions stocktaking's entry events carry (StocktakingEntryEventsTest covers the consumer). */
    private void classify(UUID entry, String stakeholderType, String... regions) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE eligible_entry SET stakeholder_type = ?1, regions = ?2 WHERE entry_id = ?3")
                .setParameter(1, stakeholderType).setParameter(2, regions).setParameter(3, entry).executeUpdate());
    }

    @Test
    void badEditionDatesAreRefusedAndMovingDatesNeedsIfMatch() {
        int year = VotingEditions.freeYear(entityManager, 3000, 9000);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        as(ADMIN).body(Map.of("submissionOpens", now.toString(), "reviewOpens", now.minusDays(1).toString(),
                        "nominationOpens", now.plusDays(2).toString(), "votingOpens", now.plusDays(3).toString(),
                        "resultsOpen", now.plusDays(4).toString()))
                .put("/api/v1/editions/" + year).then().statusCode(422).body("errors[0].field", equalTo("reviewOpens"));
        as(TestTokens.token("someone", "wsis-frontend")).body(phaseDates(1)).put("/api/v1/editions/" + year)
                .then().statusCode(403);
        createEdition(year, 1);
        as(ADMIN).body(phaseDates(2)).put("/api/v1/editions/" + year).then().statusCode(428);
        given().get("/api/v1/editions/" + year).then().statusCode(200).body("phase", equalTo("SUBMISSION"));
    }

    @Test
    void onlyTheOwnerWithdrawsAndAWithdrawnEntryMayBeSubmittedAgain() {
        int year = VotingEditions.freeYear(entityManager, 3000, 9000);
        createEdition(year, 1);
        UUID entry = eligibleEntry("owner-w", "Library Board", "Digital libraries", "C3");
        UUID first = submit(year, "owner-w", entry, "C3");
        as("someone-else").post(submissions(year) + "/" + first + "/withdraw").then().statusCode(403);
        as("owner-w").post(submissions(year) + "/" + first + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        as("owner-w").post(submissions(year) + "/" + first + "/withdraw").then().statusCode(409);
        UUID second = submit(year, "owner-w", entry, "C3");
        assertTrue(!second.equals(first));
        given().get(submissions(year) + "/" + second).then().statusCode(404); // not public before nomination
        as("owner-w").get(submissions(year)).then().statusCode(200).body("items", hasSize(2))
                .header("X-Total-Count", "2");

        // the stocktaking entry withdrawn: it can no longer be submitted
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE eligible_entry SET withdrawn_at = now() WHERE entry_id = ?1").setParameter(1, entry).executeUpdate());
        as("owner-w").post(submissions(year) + "/" + second + "/withdraw").then().statusCode(200);
        as("owner-w").body(Map.of("entryId", entry, "category", "C3", "summary", "again"))
                .post(submissions(year)).then().statusCode(422).body("errors[0].field", equalTo("entryId"));
    }

    // --- helpers ---

    private void createEdition(int year, int phase) {
        as(ADMIN).body(phaseDates(phase)).put("/api/v1/editions/" + year).then().statusCode(201)
                .body("phase", equalTo(List.of("SUBMISSION", "REVIEW", "NOMINATION", "VOTING", "RESULTS").get(phase - 1)));
    }

    /** The administrator moves the dates so that "now" falls in phase n (1 = submission ... 5 = results). */
    private void movePhase(int year, int phase) {
        String etag = given().get("/api/v1/editions/" + year).then().extract().header("ETag");
        as(ADMIN).header("If-Match", etag).body(phaseDates(phase)).put("/api/v1/editions/" + year).then().statusCode(200);
    }

    private static Map<String, Object> phaseDates(int phase) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // phase i starts (i - phase) * 10 days from now, minus one day: now is inside phase `phase`
        OffsetDateTime[] starts = new OffsetDateTime[5];
        for (int i = 1; i <= 5; i++) {
            starts[i - 1] = now.plusDays((i - phase) * 10L - 1);
        }
        return Map.of("submissionOpens", starts[0].toString(), "reviewOpens", starts[1].toString(),
                "nominationOpens", starts[2].toString(), "votingOpens", starts[3].toString(),
                "resultsOpen", starts[4].toString(), "championsPerCategory", 2,
                "changeReason", "the test moves its rehearsal edition through its phases");
    }

    private UUID eligibleEntry(String owner, String organisation, String title, String... actionLines) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO eligible_entry (entry_id, owner_id, title, organisation, action_lines, published_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, now())""")
                .setParameter(1, id).setParameter(2, owner).setParameter(3, title).setParameter(4, organisation)
                .setParameter(5, actionLines).executeUpdate());
        return id;
    }

    private UUID submit(int year, String owner, UUID entry, String category) {
        String id = as(owner).body(Map.of("entryId", entry, "category", category, "summary", TestSummaries.english(entry.toString())))
                .post(submissions(year)).then().statusCode(201).contentType(ContentType.JSON)
                .body("status", equalTo("SUBMITTED")).extract().path("id");
        return UUID.fromString(id);
    }

    private void vote(int year, String voter, UUID submission) {
        as(voter).body(Map.of("submissionId", submission)).post(votes(year)).then().statusCode(201)
                .body("category", equalTo(HEALTH));
    }

    /** A request as the subject (a plain signed-in user) or with a prepared token. */
    private static RequestSpecification as(String subjectOrToken) {
        // voters are real prize voters (role, verified e-mail, account older than voting); others plain users
        String token = subjectOrToken.contains(".") ? subjectOrToken : subjectOrToken.startsWith("voter-")
                ? TestTokens.voter(subjectOrToken) : TestTokens.token(subjectOrToken, "wsis-frontend");
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String submissions(int year) {
        return "/api/v1/editions/" + year + "/submissions";
    }

    private static String reviews(int year) {
        return "/api/v1/editions/" + year + "/reviews";
    }

    private static String votes(int year) {
        return "/api/v1/editions/" + year + "/votes";
    }

    private static String results(int year) {
        return "/api/v1/editions/" + year + "/results";
    }

    private String recordOnTopic(String topic, String key, Duration timeout) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("no record with key " + key + " on " + topic);
    }

    private long count(String sql) {
        return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
