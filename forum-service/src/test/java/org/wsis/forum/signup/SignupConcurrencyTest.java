package org.wsis.forum.signup;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestClock;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session capacity under real concurrency: 50 threads, 120 distinct participants, 30 seats. */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class SignupConcurrencyTest {
    private static final int YEAR = 2034;
    private static final int CAPACITY = 30;
    private static final int PARTICIPANTS = 120;

    @Inject
    EntityManager entityManager;

    @Test
    void neverMoreConfirmedThanCapacityAndTheWaitlistIsServedInArrivalOrder() throws Exception {
        Fixtures.edition(YEAR, true);
        String sessionId = Fixtures.session(YEAR, "THEMATIC_WORKSHOP", "AI governance", YEAR + "-07-07T09:00:00Z",
                YEAR + "-07-07T10:30:00Z", CAPACITY, "[\"C5\"]");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < PARTICIPANTS; i++) {
            String token = TestTokens.participant("rush-" + i);
            Fixtures.request(YEAR, token, "Participant " + i, "CIVIL_SOCIETY", "KEN"); // a request may sign up
            tokens.add(token);
        }

        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (String token : tokens) {
            responses.add(pool.submit(() -> http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/sessions/" + sessionId + "/signups"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString())));
        }
        int confirmed = 0;
        int waitlisted = 0;
        java.util.Set<Long> positions = new java.util.TreeSet<>();
        java.util.regex.Pattern position = java.util.regex.Pattern.compile("\"waitlistPosition\":(\\d+)");
        for (Future<HttpResponse<String>> response : responses) {
            HttpResponse<String> r = response.get();
            assertEquals(201, r.statusCode(), r.body());
            if (r.body().contains("\"CONFIRMED\"")) {
                confirmed++;
            } else if (r.body().contains("\"WAITLISTED\"")) {
                waitlisted++;
                java.util.regex.Matcher m = position.matcher(r.body());
                assertTrue(m.find(), r.body());
                positions.add(Long.parseLong(m.group(1)));
            }
        }
        // every waitlisted participant was told a different place in line: exactly 1..N-capacity
        assertEquals(java.util.stream.LongStream.rangeClosed(1, PARTICIPANTS - CAPACITY).boxed().toList(), List.copyOf(positions));
        pool.shutdown();
        assertEquals(CAPACITY, confirmed);
        assertEquals(PARTICIPANTS - CAPACITY, waitlisted);
        assertEquals(CAPACITY, count("SELECT count(*) FROM session_signup WHERE session_id = CAST(?1 AS uuid) AND status = 'CONFIRMED'", sessionId));
        assertEquals(CAPACITY, count("SELECT confirmed_count FROM forum_session WHERE id = CAST(?1 AS uuid)", sessionId));
        assertEquals(PARTICIPANTS - CAPACITY, count("SELECT waitlisted_count FROM forum_session WHERE id = CAST(?1 AS uuid)", sessionId));
        // arrival order: every confirmed sign-up came before every waitlisted one
        assertTrue(count("""
                SELECT count(*) FROM session_signup c, session_signup w WHERE c.session_id = CAST(?1 AS uuid)
                AND w.session_id = c.session_id AND c.status = 'CONFIRMED' AND w.status = 'WAITLISTED' AND c.id > w.id""", sessionId) == 0);

        // asking again changes nothing: same sign-up, 200
        given().auth().oauth2(tokens.get(0)).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(200);

        // a confirmed participant cancels: the seat is offered to exactly the first on the waitlist, held for them
        String firstWaitlisted = firstWaitlistedRegistration(sessionId);
        String confirmedToken = tokens.get(indexOfConfirmed(sessionId, tokens));
        given().auth().oauth2(confirmedToken).delete("/api/v1/sessions/" + sessionId + "/signups/me").then().statusCode(204);
        assertEquals(CAPACITY - 1, count("SELECT count(*) FROM session_signup WHERE session_id = CAST(?1 AS uuid) AND status = 'CONFIRMED'", sessionId));
        assertEquals(1, count("SELECT count(*) FROM session_signup WHERE registration_id = CAST(?1 AS uuid) AND status = 'OFFERED' AND offer_expires_at IS NOT NULL", firstWaitlisted));
        String offeredToken = tokens.get(indexOf(sessionId, "OFFERED", tokens));
        given().auth().oauth2(offeredToken).post("/api/v1/sessions/" + sessionId + "/signups/me/acceptance").then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("promotedAt", org.hamcrest.Matchers.notNullValue());
        assertEquals(1, count("SELECT count(*) FROM session_signup WHERE registration_id = CAST(?1 AS uuid) AND status = 'CONFIRMED' AND promoted_at IS NOT NULL", firstWaitlisted));
        // the seat changed hands: still full, one fewer in line (the session row's counters agree with the rows)
        assertEquals(CAPACITY, count("SELECT confirmed_count FROM forum_session WHERE id = CAST(?1 AS uuid)", sessionId));
        assertEquals(PARTICIPANTS - CAPACITY - 1, count("SELECT waitlisted_count FROM forum_session WHERE id = CAST(?1 AS uuid)", sessionId));

        // the organizer's list shows it; participants cannot read it
        given().auth().oauth2(Fixtures.ORGANIZER).queryParam("status", "WAITLISTED").get("/api/v1/sessions/" + sessionId + "/attendees")
                .then().statusCode(200).header("X-Total-Count", String.valueOf(PARTICIPANTS - CAPACITY - 1))
                .body("items[0].waitlistPosition", equalTo(1)).body("items[0].fullName", org.hamcrest.Matchers.startsWith("Participant "));
        given().auth().oauth2(tokens.get(5)).get("/api/v1/sessions/" + sessionId + "/attendees").then().statusCode(403);
        given().auth().oauth2(Fixtures.ORGANIZER).get("/api/v1/sessions/" + sessionId + "/attendees/counts")
                .then().statusCode(200).body("confirmed", equalTo(CAPACITY)).body("waitlisted", equalTo(PARTICIPANTS - CAPACITY - 1))
                .body("confirmedByRegion.AFR", equalTo(CAPACITY));
        given().auth().oauth2(confirmedToken).get("/api/v1/sessions/" + sessionId + "/signups/me").then().statusCode(404);

        // someone in line leaves it: one fewer waiting, and whoever comes next is last in line
        String waitingToken = tokens.get(indexOf(sessionId, "WAITLISTED", tokens));
        given().auth().oauth2(waitingToken).delete("/api/v1/sessions/" + sessionId + "/signups/me").then().statusCode(204);
        assertEquals(CAPACITY, count("SELECT confirmed_count FROM forum_session WHERE id = CAST(?1 AS uuid)", sessionId));
        assertEquals(PARTICIPANTS - CAPACITY - 2, count("SELECT waitlisted_count FROM forum_session WHERE id = CAST(?1 AS uuid)", sessionId));
        String latecomer = TestTokens.participant("rush-latecomer");
        Fixtures.register(YEAR, latecomer, "Late Participant", "CIVIL_SOCIETY", "KEN");
        given().auth().oauth2(latecomer).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201)
                .body("status", equalTo("WAITLISTED")).body("waitlistPosition", equalTo(PARTICIPANTS - CAPACITY - 1));
    }

    @Test
    void signingUpNeedsARegistrationForTheEdition() {
        Fixtures.edition(YEAR + 1, false);
        String sessionId = Fixtures.session(YEAR + 1, "INTERACTIVE", "Open data", (YEAR + 1) + "-07-08T09:00:00Z",
                (YEAR + 1) + "-07-08T10:00:00Z", 5, "[]");
        given().auth().oauth2(TestTokens.participant("unregistered")).post("/api/v1/sessions/" + sessionId + "/signups")
                .then().statusCode(409).contentType("application/problem+json");
        given().post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(401);
        given().auth().oauth2(TestTokens.participant("unregistered")).get("/api/v1/sessions/" + sessionId + "/signups/me")
                .then().statusCode(409).body("errors", nullValue());
    }

    @Inject
    org.wsis.forum.signup.OfferExpiry offerExpiry;

    @Test
    void anOfferNotAcceptedInTimePassesToTheNextInLine() {
        int year = 2053;
        Fixtures.edition(year, true);
        String sessionId = Fixtures.session(year, "INTERACTIVE", "One seat", year + "-07-07T09:00:00Z", year + "-07-07T10:00:00Z", 1, "[]");
        String seated = TestTokens.participant("offer-1");
        String second = TestTokens.participant("offer-2");
        String third = TestTokens.participant("offer-3");
        Fixtures.request(year, seated, "Offer One", "ACADEMIA", "KEN");
        String secondId = Fixtures.request(year, second, "Offer Two", "ACADEMIA", "KEN");
        Fixtures.request(year, third, "Offer Three", "ACADEMIA", "KEN");
        String signups = "/api/v1/sessions/" + sessionId + "/signups";
        given().auth().oauth2(seated).post(signups).then().statusCode(201).body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(second).post(signups).then().statusCode(201).body("status", equalTo("WAITLISTED"));
        given().auth().oauth2(third).post(signups).then().statusCode(201).body("status", equalTo("WAITLISTED"));

        given().auth().oauth2(seated).delete(signups + "/me").then().statusCode(204);
        String deadline = given().auth().oauth2(second).get(signups + "/me").then().statusCode(200).body("status", equalTo("OFFERED"))
                .extract().path("offerExpiresAt");
        java.time.Duration ttl = java.time.Duration.between(java.time.OffsetDateTime.now(), java.time.OffsetDateTime.parse(deadline));
        assertTrue(ttl.compareTo(java.time.Duration.ofHours(23)) > 0 && ttl.compareTo(java.time.Duration.ofHours(24)) <= 0,
                "forum.signup.offer-acceptance (24h): " + ttl);
        String offered = entityManager.createNativeQuery(
                        "SELECT payload FROM outbox_event WHERE message_key = ?1 AND event_type = 'org.wsis.forum.signup.offered.v1'")
                .setParameter(1, secondId).getSingleResult().toString();
        org.wsis.localstack.testing.EventContracts.assertValidCloudEvent("forum-service", "signup-offered.v1", offered);
        given().get("/api/v1/sessions/" + sessionId).then().body("seatsTaken", equalTo(1)); // held for the offer
        given().auth().oauth2(third).post(signups + "/me/acceptance").then().statusCode(409).contentType("application/problem+json");

        TestClock.advance(java.time.Duration.ofHours(25));
        try {
            given().auth().oauth2(second).post(signups + "/me/acceptance").then().statusCode(409)
                    .body("detail", org.hamcrest.Matchers.containsString("expired"));
            offerExpiry.sweep(); // the scheduled job's run (every forum.signup.offer-sweep-every)
            given().auth().oauth2(second).get(signups + "/me").then().statusCode(404); // expired: no longer signed up
            given().auth().oauth2(third).get(signups + "/me").then().statusCode(200).body("status", equalTo("OFFERED"));
            assertEquals(1, count("SELECT count(*) FROM session_signup WHERE session_id = CAST(?1 AS uuid) AND status = 'EXPIRED'", sessionId));
            given().get("/api/v1/sessions/" + sessionId).then().body("seatsTaken", equalTo(1));
            // the next declines: nobody else waits, the seat is free, and whoever asks first takes it
            given().auth().oauth2(third).post(signups + "/me/declination").then().statusCode(200).body("status", equalTo("DECLINED"));
            given().get("/api/v1/sessions/" + sessionId).then().body("seatsTaken", equalTo(0));
            given().auth().oauth2(second).post(signups).then().statusCode(201).body("status", equalTo("CONFIRMED"));
            assertEquals(1, count("SELECT confirmed_count FROM forum_session WHERE id = CAST(?1 AS uuid)", sessionId));
        } finally {
            TestClock.reset();
        }
    }

    private String firstWaitlistedRegistration(String sessionId) {
        return entityManager.createNativeQuery("""
                        SELECT CAST(registration_id AS text) FROM session_signup WHERE session_id = CAST(?1 AS uuid)
                        AND status = 'WAITLISTED' ORDER BY id LIMIT 1""")
                .setParameter(1, sessionId).getSingleResult().toString();
    }

    private int indexOfConfirmed(String sessionId, List<String> tokens) {
        return indexOf(sessionId, "CONFIRMED", tokens);
    }

    /** The index in tokens of the participant holding the session's first sign-up with that status. */
    private int indexOf(String sessionId, String status, List<String> tokens) {
        String subject = entityManager.createNativeQuery("""
                        SELECT r.subject_id FROM session_signup s JOIN registration r ON r.id = s.registration_id
                        WHERE s.session_id = CAST(?1 AS uuid) AND s.status = ?2 ORDER BY s.id LIMIT 1""")
                .setParameter(1, sessionId).setParameter(2, status).getSingleResult().toString();
        return Integer.parseInt(subject.substring("rush-".length()));
    }

    private long count(String sql, String param) {
        return ((Number) entityManager.createNativeQuery(sql).setParameter(1, param).getSingleResult()).longValue();
    }
}
