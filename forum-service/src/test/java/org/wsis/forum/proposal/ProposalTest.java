package org.wsis.forum.proposal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class ProposalTest {
    private static final int YEAR = 2045;
    private static final String PROPOSER = TestTokens.participant("proposer-1");
    private static final String OTHER = TestTokens.participant("proposer-2");
    private static final String PROPOSAL = """
            {"kind": "THEMATIC_WORKSHOP", "title": "%s", "description": "Community networks in rural areas",
             "track": "Infrastructure", "actionLines": ["C2", "C4"], "speakers": ["Dr. A", "Ms. B"]}""";
    private static final String ACCEPTANCE = """
            {"room": "Room K", "startsAt": "%d-07-08T12:00:00Z", "endsAt": "%d-07-08T13:00:00Z", "capacity": 120}"""
            .formatted(YEAR, YEAR);

    @Test
    void aProposalIsAcceptedIntoTheAgendaOnce() {
        Fixtures.edition(YEAR, true);
        String id = propose(PROPOSER, "Community networks");
        given().auth().oauth2(PROPOSER).get("/api/v1/proposals/" + id).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        given().auth().oauth2(OTHER).get("/api/v1/proposals/" + id).then().statusCode(404);
        given().auth().oauth2(OTHER).get("/api/v1/editions/" + YEAR + "/proposals").then().statusCode(200).header("X-Total-Count", "0");
        given().auth().oauth2(Fixtures.ORGANIZER).queryParam("status", "SUBMITTED").get("/api/v1/editions/" + YEAR + "/proposals")
                .then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(PROPOSER).contentType(ContentType.JSON).body(ACCEPTANCE).post("/api/v1/proposals/" + id + "/accept")
                .then().statusCode(403);

        String sessionId = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(ACCEPTANCE)
                .post("/api/v1/proposals/" + id + "/accept").then().statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("sessionId", notNullValue()).extract().path("sessionId");
        given().get("/api/v1/sessions/" + sessionId).then().statusCode(200).body("title", equalTo("Community networks"))
                .body("kind", equalTo("THEMATIC_WORKSHOP")).body("room", equalTo("Room K")).body("capacity", equalTo(120))
                .body("speakers", hasItem("Dr. A")).body("actionLines", hasItem("C4"));
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(ACCEPTANCE)
                .post("/api/v1/proposals/" + id + "/accept").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"late\"}")
                .post("/api/v1/proposals/" + id + "/decline").then().statusCode(409);
    }

    @Test
    void aDeclinedProposalTellsItsProposerWhy() {
        Fixtures.edition(YEAR + 1, false);
        String id = given().auth().oauth2(OTHER).contentType(ContentType.JSON).body(PROPOSAL.formatted("Metaverse and AI"))
                .post("/api/v1/editions/" + (YEAR + 1) + "/proposals").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"  \"}")
                .post("/api/v1/proposals/" + id + "/decline").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"Overlaps with the high-level track\"}")
                .post("/api/v1/proposals/" + id + "/decline").then().statusCode(200).body("status", equalTo("DECLINED"));
        given().auth().oauth2(OTHER).get("/api/v1/proposals/" + id).then().statusCode(200)
                .body("declineReason", equalTo("Overlaps with the high-level track"));
        given().get("/api/v1/editions/" + (YEAR + 1) + "/sessions").then().statusCode(200).header("X-Total-Count", "0");
    }

    @Test
    void proposalsNeedASignedInProposerAndAValidBody() {
        Fixtures.edition(YEAR + 2, false);
        given().contentType(ContentType.JSON).body(PROPOSAL.formatted("Anonymous"))
                .post("/api/v1/editions/" + (YEAR + 2) + "/proposals").then().statusCode(401);
        given().auth().oauth2(PROPOSER).contentType(ContentType.JSON).body(PROPOSAL.formatted("Ceremony").replace("THEMATIC_WORKSHOP", "PRIZE_CEREMONY"))
                .post("/api/v1/editions/" + (YEAR + 2) + "/proposals").then().statusCode(422).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(PROPOSER).contentType(ContentType.JSON).body(PROPOSAL.formatted(""))
                .post("/api/v1/editions/" + (YEAR + 2) + "/proposals").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.containsString("title"));
        given().auth().oauth2(PROPOSER).contentType(ContentType.JSON).body(PROPOSAL.formatted("x"))
                .post("/api/v1/editions/2097/proposals").then().statusCode(404);
    }

    private static String propose(String token, String title) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(PROPOSAL.formatted(title))
                .post("/api/v1/editions/" + YEAR + "/proposals").then().statusCode(201).extract().path("id");
    }
}
