package org.wsis.forum.badge;

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

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class CheckInTest {
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

    private static ValidatableResponse scan(int year, String code) {
        return given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"code\": \"" + code + "\"}")
                .post("/api/v1/editions/" + year + "/check-ins").then();
    }
}
