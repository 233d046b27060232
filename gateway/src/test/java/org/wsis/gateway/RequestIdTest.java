package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class RequestIdTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void generatesAUuidWhenTheClientSentNone() {
        Response response = given().get("/api/stocktaking/v1/entries");
        response.then().statusCode(200).header("X-Request-Id", matchesPattern(UUID));
        assertEquals(response.header("X-Request-Id"), response.jsonPath().getString("headers.x-request-id"),
                "the upstream sees the id the client gets back");
    }

    @Test
    void generatesADifferentIdForEachRequest() {
        String first = given().get("/api/stocktaking/v1/entries").header("X-Request-Id");
        String second = given().get("/api/stocktaking/v1/entries").header("X-Request-Id");
        assertNotEquals(first, second);
    }

    @Test
    void keepsAValidClientId() {
        String id = "Abc-123_x.y";
        given().header("X-Request-Id", id)
                .get("/api/prizes/v1/editions")
                .then().statusCode(200)
                .header("X-Request-Id", id)
                .body("headers.x-request-id", equalTo(id));
    }

    @Test
    void keepsAValidIdOfTheMaximumLength() {
        String id = "a".repeat(128);
        given().header("X-Request-Id", id).get("/api/prizes/v1/editions")
                .then().statusCode(200).header("X-Request-Id", id).body("headers.x-request-id", equalTo(id));
    }

    @Test
    void replacesInvalidClientIds() {
        for (String invalid : new String[] { "has space", "semi;colon", "<script>", "a".repeat(129), "ünï" }) {
            Response response = given().header("X-Request-Id", invalid).get("/api/stocktaking/v1/entries");
            response.then().statusCode(200)
                    .header("X-Request-Id", matchesPattern(UUID))
                    .body("headers.x-request-id", not(equalTo(invalid)));
            assertEquals(response.header("X-Request-Id"), response.jsonPath().getString("headers.x-request-id"),
                    "replacement for '" + invalid + "' is sent upstream too");
        }
    }

    @Test
    void gatewayOwnAnswersCarryTheIdToo() {
        given().header("X-Request-Id", "trace-404").get("/nowhere")
                .then().statusCode(404).header("X-Request-Id", "trace-404");
        given().header("X-Request-Id", "trace-503").get("/api/forum/v1/topics")
                .then().statusCode(503).header("X-Request-Id", "trace-503");
        given().get("/api/openapi.json").then().header("X-Request-Id", matchesPattern(UUID));
    }
}
