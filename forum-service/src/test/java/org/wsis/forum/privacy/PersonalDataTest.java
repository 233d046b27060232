package org.wsis.forum.privacy;

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
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class PersonalDataTest {
    private static final int YEAR = 2038;

    @Inject
    EntityManager entityManager;

    @Test
    void aParticipantDownloadsTheirDataAndErasesItWhileCountsStay() {
        Fixtures.edition(YEAR, true);
        String sessionId = Fixtures.session(YEAR, "INTERACTIVE", "Digital inclusion", YEAR + "-07-07T09:00:00Z", YEAR + "-07-07T10:00:00Z", 10, "[]");
        String jo = TestTokens.participant("jo");
        String registrationId = Fixtures.register(YEAR, jo, "Jo Private", "CIVIL_SOCIETY", "MEX");
        Fixtures.register(YEAR, TestTokens.participant("kim"), "Kim Other", "CIVIL_SOCIETY", "MEX");
        given().auth().oauth2(jo).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201);
        given().auth().oauth2(jo).contentType(ContentType.JSON).body("""
                {"kind": "INTERACTIVE", "title": "Jo's idea", "description": "Something"}""")
                .post("/api/v1/editions/" + YEAR + "/proposals").then().statusCode(201);

        given().auth().oauth2(jo).get("/api/v1/me/personal-data").then().statusCode(200)
                .body("subject", equalTo("jo")).body("registrations.size()", equalTo(1))
                .body("registrations[0].fullName", equalTo("Jo Private")).body("sessionSignups.size()", equalTo(1))
                .body("sessionSignups[0].sessionTitle", equalTo("Digital inclusion")).body("proposals.size()", equalTo(1));
        // nobody else's data in my download
        given().auth().oauth2(TestTokens.participant("kim")).get("/api/v1/me/personal-data").then()
                .body("registrations.size()", equalTo(1)).body("registrations[0].fullName", equalTo("Kim Other"))
                .body("proposals.size()", equalTo(0));

        String countsPath = "/api/v1/editions/" + YEAR + "/registrations/counts";
        String before = given().auth().oauth2(Fixtures.ORGANIZER).get(countsPath).then().statusCode(200).extract().asString();
        String sessionCountsBefore = given().auth().oauth2(Fixtures.ORGANIZER).get("/api/v1/sessions/" + sessionId + "/attendees/counts").asString();

        given().auth().oauth2(jo).delete("/api/v1/me/personal-data").then().statusCode(200)
                .body("registrationsErased", equalTo(1)).body("proposalsUnlinked", equalTo(1));

        assertEquals(before, given().auth().oauth2(Fixtures.ORGANIZER).get(countsPath).asString());
        assertEquals(sessionCountsBefore, given().auth().oauth2(Fixtures.ORGANIZER).get("/api/v1/sessions/" + sessionId + "/attendees/counts").asString());
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        SELECT subject_id, full_name, organisation, country, status, stakeholder_type, region, erased_at IS NOT NULL
                        FROM registration WHERE id = CAST(?1 AS uuid)""").setParameter(1, registrationId).getSingleResult();
        assertEquals(null, row[0]);
        assertEquals(null, row[1]);
        assertEquals(null, row[2]);
        assertEquals(null, row[3]);
        assertEquals("APPROVED", row[4]);
        assertEquals("CIVIL_SOCIETY", row[5]);
        assertEquals("AMS", row[6]);
        assertEquals(Boolean.TRUE, row[7]);

        given().auth().oauth2(jo).get("/api/v1/me/personal-data").then().statusCode(200)
                .body("registrations.size()", equalTo(0)).body("sessionSignups.size()", equalTo(0)).body("proposals.size()", equalTo(0));
        given().auth().oauth2(Fixtures.ORGANIZER).queryParam("status", "CONFIRMED").get("/api/v1/sessions/" + sessionId + "/attendees")
                .then().statusCode(200).body("items[0].fullName", nullValue());
        given().get("/api/v1/me/personal-data").then().statusCode(401);
    }
}
