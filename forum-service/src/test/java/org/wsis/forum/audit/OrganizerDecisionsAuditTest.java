package org.wsis.forum.audit;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wsis.commons.audit.AuditLog;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.EventContracts;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.localstack.testing.TestTopics;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 20: organizers' decisions (an edition created, a session scheduled, a proposal accepted or declined, a
 * participant checked in) each leave exactly one audit entry, with its event on forum.audit; no speaker's or
 * participant's name is copied into it.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class OrganizerDecisionsAuditTest {
    private static final int YEAR = 2071;
    private static final String ADMIN = TestTokens.token("platform-admin-1", "platform-admin");

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void organizerDecisionsAreAuditedOnceEachWithoutNames() {
        Fixtures.edition(YEAR, true);
        assertEquals(1, rows("edition", String.valueOf(YEAR)));
        audit("targetType", "edition", "targetId", String.valueOf(YEAR)).then().statusCode(200)
                .body("items[0].action", equalTo("edition.created"))
                .body("items[0].actor.subject", equalTo("organizer-1"))
                .body("items[0].after.venue", equalTo("CICG, Geneva"))
                .body("items[0].before", nullValue());

        String sessionId = Fixtures.session(YEAR, "THEMATIC_WORKSHOP", "Audited workshop", YEAR + "-07-07T09:00:00Z",
                YEAR + "-07-07T10:00:00Z", 40, "[\"C2\"]");
        assertEquals(1, rows("session", sessionId));
        Response session = audit("targetType", "session", "targetId", sessionId);
        session.then().statusCode(200).body("items[0].action", equalTo("session.scheduled"))
                .body("items[0].after.capacity", equalTo(40)).body("items[0].after.room", equalTo("Room 2"));
        assertFalse(session.asString().contains("A. Speaker"), "speakers' names stay out of the audit log: " + session.asString());

        String proposer = TestTokens.participant("audited-proposer");
        String accepted = propose(proposer, "Accepted talk");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON)
                .body("{\"room\": \"Room K\", \"startsAt\": \"%d-07-08T12:00:00Z\", \"endsAt\": \"%d-07-08T13:00:00Z\", \"capacity\": 50}"
                        .formatted(YEAR, YEAR))
                .post("/api/v1/proposals/" + accepted + "/accept").then().statusCode(200);
        String declined = propose(proposer, "Declined talk");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"Out of scope\"}")
                .post("/api/v1/proposals/" + declined + "/decline").then().statusCode(200);
        // refused: already decided, nothing recorded
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post("/api/v1/proposals/" + declined + "/decline").then().statusCode(409);
        assertEquals(1, rows("proposal", accepted));
        assertEquals(1, rows("proposal", declined));
        audit("targetId", accepted).then().statusCode(200).body("items[0].action", equalTo("proposal.accepted"))
                .body("items[0].before.status", equalTo("SUBMITTED")).body("items[0].after.status", equalTo("ACCEPTED"))
                .body("items[0].after.session.room", equalTo("Room K"));
        audit("targetId", declined).then().statusCode(200).body("items[0].action", equalTo("proposal.declined"))
                .body("items[0].after.status", equalTo("DECLINED")).body("items[0].reason", equalTo("Out of scope"));

        String participant = TestTokens.participant("audited-participant");
        String registrationId = Fixtures.register(YEAR, participant, "Audra Participant", "ACADEMIA", "KEN");
        String code = given().auth().oauth2(participant).get("/api/v1/editions/" + YEAR + "/registrations/me/badge")
                .then().statusCode(200).extract().path("code");
        for (int scan = 0; scan < 2; scan++) { // the second scan changes nothing and records nothing
            given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"code\": \"" + code + "\"}")
                    .post("/api/v1/editions/" + YEAR + "/check-ins").then().statusCode(200);
        }
        assertEquals(2, rows("registration", registrationId)); // the accreditation's approval (issue 20) and the check-in
        Response checkIn = audit("targetId", registrationId, "action", "registration.checked-in");
        checkIn.then().statusCode(200).body("items[0].action", equalTo("registration.checked-in"))
                .body("items[0].after.checkedInAt", notNullValue());
        assertFalse(checkIn.asString().contains("Audra") || checkIn.asString().contains(code), checkIn.asString());

        JsonNode event = TestTopics.of(bootstrapServers).awaitEvent("forum.audit", "proposal:" + declined, AuditLog.EVENT_TYPE,
                Duration.ofSeconds(30));
        EventContracts.assertValidCloudEvent("service-commons", "audit-entry-recorded.v1", event.toString());
        assertEquals("Out of scope", event.path("data").path("reason").asText());

        given().auth().oauth2(Fixtures.ORGANIZER).get("/api/v1/audit").then().statusCode(403).contentType("application/problem+json");
    }

    private String propose(String token, String title) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                        {"kind": "THEMATIC_WORKSHOP", "title": "%s", "description": "Community networks",
                         "track": "Infrastructure", "actionLines": ["C2"], "speakers": ["Dr. Speaker"]}""".formatted(title))
                .post("/api/v1/editions/" + YEAR + "/proposals").then().statusCode(201).extract().path("id");
    }

    private static Response audit(String... query) {
        var request = given().auth().oauth2(ADMIN);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/api/v1/audit");
    }

    private long rows(String targetType, String targetId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM audit_entry WHERE target_type = ?1 AND target_id = ?2")
                .setParameter(1, targetType).setParameter(2, targetId).getSingleResult()).longValue());
    }
}
