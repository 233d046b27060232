package org.wsis.forum.programme;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.EventContracts;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: the programme changes. A rescheduled session and a cancelled one reach every signed-up participant's own
 * registration view (the new time with a "changed since you signed up" marker and their clashes; CANCELLED_BY_ORGANIZER),
 * each person is told by one event, each decision audited; an edition moved online and then cancelled reaches every
 * registration. Changes need the current ETag (If-Match) and bad ones change nothing.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class ProgrammeChangesTest {
    private static final int YEAR = 2073;
    private static final String ADMIN = TestTokens.token("platform-admin-1", "platform-admin");

    @Inject
    EntityManager entityManager;

    @Test
    void aReschedulingAndACancellationReachEverySignedUpParticipant() {
        Fixtures.edition(YEAR, true);
        String workshop = Fixtures.session(YEAR, "THEMATIC_WORKSHOP", "Moving workshop", YEAR + "-07-07T09:00:00Z",
                YEAR + "-07-07T10:00:00Z", 2, "[\"C5\"]");
        String afternoon = Fixtures.session(YEAR, "INTERACTIVE", "Afternoon dialogue", YEAR + "-07-07T14:00:00Z",
                YEAR + "-07-07T15:00:00Z", 50, "[]");
        String[] people = {"programme-1", "programme-2", "programme-3"};
        String[] registrations = new String[people.length];
        for (int i = 0; i < people.length; i++) {
            registrations[i] = Fixtures.register(YEAR, TestTokens.participant(people[i]), "Person " + i, "ACADEMIA", "KEN");
            given().auth().oauth2(TestTokens.participant(people[i])).post("/api/v1/sessions/" + workshop + "/signups")
                    .then().statusCode(201);
        }
        given().auth().oauth2(TestTokens.participant(people[0])).post("/api/v1/sessions/" + afternoon + "/signups")
                .then().statusCode(201);
        String path = "/api/v1/sessions/" + workshop;
        String etag = given().get(path).then().statusCode(200).body("seatsTaken", equalTo(2)).extract().header("ETag");
        String change = """
                {"title": "Moving workshop", "track": "Thematic", "actionLines": ["C5"], "room": "Room 2",
                 "onlineLink": "https://meet.example.org/moving", "startsAt": "%d-07-07T14:30:00Z",
                 "endsAt": "%d-07-07T15:30:00Z", "speakers": ["A. Speaker"], "capacity": %d, "reason": "%s"}""";

        // refused, and nothing changes: no If-Match, a stale one, a participant, capacity below the seats taken, bad times
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(change.formatted(YEAR, YEAR, 3, "x"))
                .put(path).then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", "\"stale-0\"")
                .body(change.formatted(YEAR, YEAR, 3, "x")).put(path).then().statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.participant(people[0])).contentType(ContentType.JSON).header("If-Match", etag)
                .body(change.formatted(YEAR, YEAR, 3, "x")).put(path).then().statusCode(403);
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", etag)
                .body(change.formatted(YEAR, YEAR, 1, "x")).put(path).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", etag)
                .body(change.formatted(YEAR + 1, YEAR + 1, 3, "x")).put(path).then().statusCode(422).contentType("application/problem+json");
        given().get(path).then().body("startsAt", equalTo(YEAR + "-07-07T09:00:00Z")).body("changedAt", equalTo(null))
                .header("ETag", equalTo(etag));

        // rescheduled into the afternoon, now also online, one seat more: the waitlisted person gets it
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", etag)
                .body(change.formatted(YEAR, YEAR, 3, "Speaker delayed")).put(path).then().statusCode(200)
                .body("startsAt", equalTo(YEAR + "-07-07T14:30:00Z")).body("changedAt", notNullValue())
                .body("seatsTaken", equalTo(3)).body("status", equalTo("SCHEDULED"));
        for (int i = 0; i < people.length; i++) {
            JsonPath mine = given().auth().oauth2(TestTokens.participant(people[i])).get("/api/v1/editions/" + YEAR + "/registrations/me")
                    .then().statusCode(200).extract().jsonPath();
            Map<String, Object> signup = mine.getMap("sessions.find { it.sessionId == '" + workshop + "' }");
            // the added seat is offered to the one who waited (issue 20: an offer to accept)
            assertEquals(i == 2 ? "OFFERED" : "CONFIRMED", signup.get("status"), people[i] + ": " + mine.prettify());
            assertEquals(YEAR + "-07-07T14:30:00Z", signup.get("startsAt"));
            assertEquals("https://meet.example.org/moving", signup.get("onlineLink"));
            assertEquals(true, signup.get("changedSinceSignup"));
            assertEquals(i == 0 ? List.of(afternoon) : List.of(), signup.get("clashesWith"), "the clash is reported to whom it concerns");
            String told = payload(registrations[i], "org.wsis.forum.registration.programme-changed.v1");
            EventContracts.assertValidCloudEvent("forum-service", "registration-programme-changed.v1", told);
            assertTrue(told.contains("\"RESCHEDULED\"") && told.contains("\"MOVED\"") && told.contains("\"KEPT\""), told);
            assertEquals(i == 0, told.contains(afternoon), "clashes in the event: " + told);
            assertFalse(told.contains("Person " + i), "no personal data in events: " + told);
        }
        JsonPath afternoonSignup = given().auth().oauth2(TestTokens.participant(people[0]))
                .get("/api/v1/editions/" + YEAR + "/registrations/me").then().extract().jsonPath();
        assertEquals(List.of(workshop), afternoonSignup.getList("sessions.find { it.sessionId == '" + afternoon + "' }.clashesWith"));
        assertEquals(false, afternoonSignup.get("sessions.find { it.sessionId == '" + afternoon + "' }.changedSinceSignup"));
        assertEquals(1, auditRows("session.rescheduled", workshop));
        given().auth().oauth2(ADMIN).queryParam("targetId", workshop).queryParam("action", "session.rescheduled").get("/api/v1/audit")
                .then().statusCode(200).body("items[0].reason", equalTo("Speaker delayed"))
                .body("items[0].before.startsAt", equalTo(YEAR + "-07-07T09:00:00Z"))
                .body("items[0].after.startsAt", equalTo(YEAR + "-07-07T14:30:00Z"));
        EventContracts.assertValidCloudEvent("forum-service", "session-changed.v1", sessionEvent(workshop));

        // cancelled: every sign-up becomes CANCELLED_BY_ORGANIZER in its person's own view; no sign-up or change after
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"\"}")
                .post(path + "/cancellation").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"Room flooded\"}")
                .post(path + "/cancellation").then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("seatsTaken", equalTo(0)).body("cancellationReason", equalTo("Room flooded"));
        for (int i = 0; i < people.length; i++) {
            String token = TestTokens.participant(people[i]);
            JsonPath mine = given().auth().oauth2(token).get("/api/v1/editions/" + YEAR + "/registrations/me").then().extract().jsonPath();
            assertEquals("CANCELLED_BY_ORGANIZER", mine.get("sessions.find { it.sessionId == '" + workshop + "' }.status"), mine.prettify());
            assertEquals("CANCELLED", mine.get("sessions.find { it.sessionId == '" + workshop + "' }.sessionStatus"));
            given().auth().oauth2(token).get(path + "/signups/me").then().statusCode(200).body("status", equalTo("CANCELLED_BY_ORGANIZER"));
            given().auth().oauth2(token).post(path + "/signups").then().statusCode(409).contentType("application/problem+json");
            assertEquals(2, payloads(registrations[i], "org.wsis.forum.registration.programme-changed.v1").size());
        }
        assertTrue(payloads(registrations[0], "org.wsis.forum.registration.programme-changed.v1").get(1).contains("CANCELLED_BY_ORGANIZER"));
        assertEquals(List.of(), given().auth().oauth2(TestTokens.participant(people[0]))
                .get("/api/v1/editions/" + YEAR + "/registrations/me").then().extract().jsonPath()
                .getList("sessions.find { it.sessionId == '" + afternoon + "' }.clashesWith"), "a cancelled session clashes with nothing");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post(path + "/cancellation").then().statusCode(409);
        assertEquals(1, auditRows("session.cancelled", workshop));
        assertTrue(given().get("/api/v1/editions/" + YEAR + "/agenda.ics").asString().contains("STATUS:CANCELLED"));

        // the edition moves online, then is cancelled: every registration is told and shows it
        String editionPath = "/api/v1/editions/" + YEAR;
        String editionTag = given().get(editionPath).then().statusCode(200).body("format", equalTo("HYBRID")).extract().header("ETag");
        String editionChange = """
                {"title": "WSIS Forum %d", "startsOn": "%d-07-06", "endsOn": "%d-07-10", "venue": "Online", "format": "ONLINE",
                 "reason": "Travel restrictions"}""".formatted(YEAR, YEAR, YEAR);
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", editionTag).body(editionChange)
                .put(editionPath).then().statusCode(200).body("format", equalTo("ONLINE")).body("hybrid", equalTo(true))
                .body("changedAt", notNullValue());
        given().auth().oauth2(TestTokens.participant(people[1])).get(editionPath + "/registrations/me").then()
                .body("editionChangedSinceRegistration", equalTo(true));
        given().auth().oauth2(TestTokens.participant(people[1])).get(editionPath + "/registrations/me/badge").then().statusCode(409);
        assertEquals(1, auditRows("edition.moved", String.valueOf(YEAR)));
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"Forum called off\"}")
                .post(editionPath + "/cancellation").then().statusCode(200).body("status", equalTo("CANCELLED"));
        for (int i = 0; i < people.length; i++) {
            given().auth().oauth2(TestTokens.participant(people[i])).get(editionPath + "/registrations/me").then().statusCode(200)
                    .body("status", equalTo("CANCELLED_BY_ORGANIZER"));
            List<String> told = payloads(registrations[i], "org.wsis.forum.registration.programme-changed.v1");
            assertEquals(4, told.size(), "session rescheduled, cancelled, edition moved, cancelled: " + told);
            EventContracts.assertValidCloudEvent("forum-service", "registration-programme-changed.v1", told.get(3));
            assertTrue(told.get(3).contains("CANCELLED_BY_ORGANIZER"), told.get(3));
        }
        given().auth().oauth2(TestTokens.participant(people[0])).get(editionPath + "/registrations/me").then()
                .body("sessions.find { it.sessionId == '" + afternoon + "' }.status", equalTo("CANCELLED_BY_ORGANIZER"));
        given().get("/api/v1/sessions/" + afternoon).then().body("status", equalTo("CANCELLED"));
        given().auth().oauth2(TestTokens.participant("programme-late")).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("REMOTE", "Late Person", "ACADEMIA", "KEN"))
                .post(editionPath + "/registrations/me").then().statusCode(409).contentType("application/problem+json");
        assertEquals(1, auditRows("edition.cancelled", String.valueOf(YEAR)));
        assertEquals(1, auditRows("session.cancelled", afternoon));
    }

    private long auditRows(String action, String targetId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM audit_entry WHERE action = ?1 AND target_id = ?2")
                .setParameter(1, action).setParameter(2, targetId).getSingleResult()).longValue());
    }

    private String payload(String key, String type) {
        List<String> all = payloads(key, type);
        return all.get(all.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private List<String> payloads(String key, String type) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object>) entityManager.createNativeQuery("""
                        SELECT payload FROM outbox_event WHERE message_key = ?1 AND event_type = ?2 ORDER BY seq""")
                .setParameter(1, key).setParameter(2, type).getResultList()).stream().map(Object::toString).toList());
    }

    private String sessionEvent(String sessionId) {
        return payload(sessionId, "org.wsis.forum.session.changed.v1");
    }
}
