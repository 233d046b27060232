package org.wsis.forum.registration;

import org.wsis.localstack.testing.EventContracts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class RegistrationTest {
    private static final int YEAR = 2033;
    private static final int IN_PERSON_ONLY_YEAR = 2042;

    @Inject
    EntityManager entityManager;

    @Test
    void aParticipantRegistersUpdatesAndCancelsWithEvents() {
        Fixtures.edition(YEAR, true);
        String alice = TestTokens.participant("alice");
        String path = "/api/v1/editions/" + YEAR + "/registrations/me";
        String id = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("REMOTE", "Alice Example", "ACADEMIA", "CHE"))
                .post(path).then().statusCode(201).body("status", equalTo("CONFIRMED")).body("region", equalTo("EUR"))
                .body("consentGivenAt", notNullValue()).extract().path("id");
        String confirmed = payloadOf(id, "org.wsis.forum.registration.confirmed.v2");
        EventContracts.assertValidCloudEvent("forum-service", "registration-confirmed.v2", confirmed);
        assertTrue(confirmed.contains("\"region\":\"EUR\""), confirmed); // v2: the region code
        assertFalse(confirmed.contains("Alice"), "events carry no personal data: " + confirmed);

        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("REMOTE", "Alice Example", "ACADEMIA", "CHE"))
                .post(path).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("IN_PERSON", "Alice Example", "ACADEMIA", "EG").replace("null", "\"wheelchair access\""))
                .put(path).then().statusCode(200).body("attendance", equalTo("IN_PERSON")).body("region", equalTo("ARB"))
                .body("accessibilityNeeds", equalTo("wheelchair access"));
        given().auth().oauth2(alice).get(path).then().statusCode(200).body("id", equalTo(id)).body("country", equalTo("EGY")); // sent as alpha-2
        // issue 15: what GET gives goes back with PUT; a read-only field with another value is a 422 and changes nothing
        java.util.Map<String, Object> read = new java.util.HashMap<>(given().auth().oauth2(alice).get(path).then().extract().jsonPath().getMap(""));
        read.put("fullName", "Alice B. Example");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(read).put(path).then().statusCode(200)
                .body("fullName", equalTo("Alice B. Example")).body("country", equalTo("EGY"));
        read = new java.util.HashMap<>(given().auth().oauth2(alice).get(path).then().extract().jsonPath().getMap(""));
        read.put("status", "CANCELLED");
        read.put("fullName", "Not stored");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(read).put(path).then().statusCode(422)
                .body("type", equalTo("urn:wsis:problem:read-only")).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(alice).get(path).then().body("fullName", equalTo("Alice B. Example")).body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(TestTokens.participant("bob")).get(path).then().statusCode(404);

        given().auth().oauth2(alice).delete(path).then().statusCode(200).body("status", equalTo("CANCELLED"));
        EventContracts.assertValidCloudEvent("forum-service", "registration-cancelled.v1", payloadOf(id, "org.wsis.forum.registration.cancelled.v1"));
        given().auth().oauth2(alice).get(path).then().statusCode(404);
        // a cancelled registration may be followed by a new one
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("REMOTE", "Alice Example", "ACADEMIA", "CHE")).post(path).then().statusCode(201);
    }

    @Test
    void invalidRegistrationsAreRefusedAndStoreNothing() {
        Fixtures.edition(IN_PERSON_ONLY_YEAR, false);
        String carol = TestTokens.participant("carol");
        String path = "/api/v1/editions/" + IN_PERSON_ONLY_YEAR + "/registrations/me";
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "GOVERNMENT", "XYZ"))
                .post(path).then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("country"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "GOVERNMENT", "K3"))
                .post(path).then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("country"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "GOVERNMENT", "FRA").replace("true", "false"))
                .post(path).then().statusCode(422).body("errors[0].field", equalTo("consent"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("REMOTE", "Carol", "GOVERNMENT", "FRA"))
                .post(path).then().statusCode(422).body("errors[0].field", equalTo("attendance"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "YOUTH", "FRA"))
                .post(path).then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "GOVERNMENT", "FRA"))
                .post(path).then().statusCode(401);
        assertEquals(0, ((Number) entityManager.createNativeQuery("SELECT count(*) FROM registration WHERE edition_year = ?1")
                .setParameter(1, IN_PERSON_ONLY_YEAR).getSingleResult()).intValue());
    }

    @Test
    void cancellingARegistrationFreesItsSeatForTheWaitlist() {
        int year = 2043;
        Fixtures.edition(year, true);
        String sessionId = Fixtures.session(year, "INTERACTIVE", "Small room", year + "-07-07T09:00:00Z", year + "-07-07T10:00:00Z", 1, "[]");
        String first = TestTokens.participant("seat-1");
        String second = TestTokens.participant("seat-2");
        Fixtures.register(year, first, "First", "PRIVATE_SECTOR", "BRA");
        Fixtures.register(year, second, "Second", "PRIVATE_SECTOR", "BRA");
        given().auth().oauth2(first).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201).body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(second).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201)
                .body("status", equalTo("WAITLISTED")).body("waitlistPosition", equalTo(1));
        given().auth().oauth2(first).delete("/api/v1/editions/" + year + "/registrations/me").then().statusCode(200);
        given().auth().oauth2(second).get("/api/v1/sessions/" + sessionId + "/signups/me").then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("promotedAt", notNullValue());
        given().get("/api/v1/sessions/" + sessionId).then().body("seatsTaken", equalTo(1));
    }

    @Test
    void organizersSeeCountsAndExportsOthersDoNot() {
        int year = 2044;
        Fixtures.edition(year, true);
        Fixtures.register(year, TestTokens.participant("count-1"), "Dana, \\\"the\\\" Analyst", "GOVERNMENT", "JPN");
        Fixtures.register(year, TestTokens.participant("count-2"), "=Eve", "GOVERNMENT", "686"); // Senegal by UN M49
        Fixtures.register(year, TestTokens.participant("count-3"), "Fay", "OTHER", "SN"); // and by alpha-2
        String base = "/api/v1/editions/" + year + "/registrations";
        given().auth().oauth2(Fixtures.ORGANIZER).get(base + "/counts").then().statusCode(200)
                .body("confirmed", equalTo(3)).body("confirmedByStakeholderType.GOVERNMENT", equalTo(2))
                .body("confirmedByStakeholderType.OTHER", equalTo(1))
                .body("confirmedByRegion.AFR", equalTo(2)).body("confirmedByRegion.ASP", equalTo(1));
        given().auth().oauth2(Fixtures.ORGANIZER).queryParam("size", 2).get(base).then().statusCode(200)
                .header("X-Total-Count", "3").body("items.size()", equalTo(2));
        String csv = given().auth().oauth2(Fixtures.ORGANIZER).get(base + "/export.csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertEquals(4, csv.split("\r\n").length);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("\"Dana, \"\"the\"\" Analyst\""), csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains(",'=Eve,"), "formula cells neutralised: " + csv);
        given().auth().oauth2(TestTokens.participant("count-1")).get(base).then().statusCode(403);
        given().auth().oauth2(TestTokens.participant("count-1")).get(base + "/export.csv").then().statusCode(403);
        given().auth().oauth2(TestTokens.participant("count-1")).get(base + "/counts").then().statusCode(403);
    }

    private String payloadOf(String registrationId, String type) {
        return entityManager.createNativeQuery("""
                        SELECT payload FROM outbox_event WHERE topic = 'forum.registrations' AND message_key = ?1 AND event_type = ?2""")
                .setParameter(1, registrationId).setParameter(2, type).getSingleResult().toString();
    }
}
