package org.wsis.forum.badge;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class CheckInTest {
    @jakarta.inject.Inject
    jakarta.persistence.EntityManager entityManager;
    private static final int YEAR = 2036;
    private static final int OTHER_YEAR = 2037;

    @Test
    void aBadgeChecksInOnceAndForgedCancelledOrForeignBadgesAreRefused() {
        Fixtures.edition(YEAR, true);
        Fixtures.edition(OTHER_YEAR, true);
        String gina = TestTokens.participant("gina");
        String registrationId = Fixtures.register(YEAR, gina, "Gina", "TECHNICAL_COMMUNITY", "IND");
        String code = given().auth().oauth2(gina).get("/api/v1/editions/" + YEAR + "/registrations/me/badge")
                .then().statusCode(200).body("registrationId", equalTo(registrationId)).extract().path("code");

        String checkedInAt = scan(YEAR, code).statusCode(200).body("fullName", equalTo("Gina"))
                .body("checkedInAt", notNullValue()).extract().path("checkedInAt");
        scan(YEAR, code).statusCode(200).body("checkedInAt", equalTo(checkedInAt)); // idempotent

        String forged = code.substring(0, code.length() - 2) + (code.endsWith("AA") ? "BB" : "AA");
        scan(YEAR, forged).statusCode(422).body("errors[0].field", equalTo("code"));
        scan(YEAR, "not-a-badge").statusCode(422).contentType("application/problem+json");
        scan(YEAR, java.util.UUID.randomUUID() + ".AAAA").statusCode(422);
        scan(OTHER_YEAR, code).statusCode(409).contentType("application/problem+json"); // another edition's badge

        given().auth().oauth2(gina).contentType(ContentType.JSON).body("{\"code\": \"" + code + "\"}")
                .post("/api/v1/editions/" + YEAR + "/check-ins").then().statusCode(403);

        String hal = TestTokens.participant("hal");
        Fixtures.register(YEAR, hal, "Hal", "ACADEMIA", "USA");
        String halCode = given().auth().oauth2(hal).get("/api/v1/editions/" + YEAR + "/registrations/me/badge").then().extract().path("code");
        given().auth().oauth2(hal).delete("/api/v1/editions/" + YEAR + "/registrations/me").then().statusCode(200);
        scan(YEAR, halCode).statusCode(409).contentType("application/problem+json");

        String ivy = TestTokens.participant("ivy");
        given().auth().oauth2(ivy).contentType(ContentType.JSON).body(Fixtures.registrationBody("REMOTE", "Ivy", "ACADEMIA", "USA"))
                .post("/api/v1/editions/" + YEAR + "/registrations/me").then().statusCode(201);
        given().auth().oauth2(ivy).get("/api/v1/editions/" + YEAR + "/registrations/me/badge").then().statusCode(409);

        given().auth().oauth2(Fixtures.ORGANIZER).get("/api/v1/editions/" + YEAR + "/registrations/counts").then()
                .body("checkedIn", equalTo(1));
    }

    @Test
    void checkInAtASessionNeedsAConfirmedSeatAndIsRecordedOnce() {
        int year = 2052;
        Fixtures.edition(year, true);
        String sessionId = Fixtures.session(year, "INTERACTIVE", "Door check", year + "-07-07T09:00:00Z", year + "-07-07T10:00:00Z", 1, "[]");
        String seated = TestTokens.participant("door-1");
        String waiting = TestTokens.participant("door-2");
        String seatedId = Fixtures.register(year, seated, "Seated Person", "ACADEMIA", "KEN");
        Fixtures.register(year, waiting, "Waiting Person", "ACADEMIA", "KEN");
        given().auth().oauth2(seated).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201).body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(waiting).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201).body("status", equalTo("WAITLISTED"));
        String seatedCode = given().auth().oauth2(seated).get("/api/v1/editions/" + year + "/registrations/me/badge").then().extract().path("code");
        String waitingCode = given().auth().oauth2(waiting).get("/api/v1/editions/" + year + "/registrations/me/badge").then().extract().path("code");

        String first = sessionScan(sessionId, seatedCode).statusCode(200).body("registrationId", equalTo(seatedId))
                .body("sessionId", equalTo(sessionId)).extract().path("checkedInAt");
        sessionScan(sessionId, seatedCode).statusCode(200).body("checkedInAt", equalTo(first)); // the same check-in
        sessionScan(sessionId, waitingCode).statusCode(409).contentType("application/problem+json"); // no seat
        sessionScan(sessionId, "not-a-badge").statusCode(422).contentType("application/problem+json");
        sessionScan(sessionId, java.util.UUID.randomUUID() + ".AAAA").statusCode(422);
        sessionScan(java.util.UUID.randomUUID().toString(), seatedCode).statusCode(404);
        given().auth().oauth2(seated).contentType(ContentType.JSON).body("{\"code\": \"" + seatedCode + "\"}")
                .post("/api/v1/sessions/" + sessionId + "/check-ins").then().statusCode(403);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM audit_entry WHERE action = 'signup.checked-in' AND target_id = ?1")
                .setParameter(1, sessionId).getSingleResult()).longValue()));
        // the session's check-in is not the entrance's: the registration is not checked in at the venue by it
        given().auth().oauth2(seated).get("/api/v1/editions/" + year + "/registrations/me").then().body("checkedInAt", equalTo(null));
    }

    private static ValidatableResponse sessionScan(String sessionId, String code) {
        return given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"code\": \"" + code + "\"}")
                .post("/api/v1/sessions/" + sessionId + "/check-ins").then();
    }

    private static ValidatableResponse scan(int year, String code) {
        return given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"code\": \"" + code + "\"}")
                .post("/api/v1/editions/" + year + "/check-ins").then();
    }
}
