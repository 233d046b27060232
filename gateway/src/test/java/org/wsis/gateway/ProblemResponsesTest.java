package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every error the gateway makes itself is an RFC 9457 problem, never a stack trace. */
@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class ProblemResponsesTest {

    @Test
    void unknownRoutesAreProblem404s() {
        for (String path : new String[] { "/", "/api", "/api/unknown/v1/things", "/api/stocktakingx/v1", "/index.html" }) {
            assertProblem(given().get(path).then(), 404, "Not found", path)
                    .body("type", equalTo("urn:wsis:problem:route-not-found"));
        }
        assertProblem(given().body("{}").post("/api/unknown/v1/things").then(), 404, "Not found",
                "/api/unknown/v1/things");
    }

    @Test
    void serviceThatRefusesConnectionsIsA503NamingIt() {
        assertProblem(given().get("/api/forum/v1/topics?page=1").then(), 503, "Service unavailable", "/api/forum/v1/topics")
                .body("type", equalTo("urn:wsis:problem:service-unavailable"))
                .body("detail", containsString("forum"))
                .body("detail", containsString("refused"));
    }

    @Test
    void postToAServiceThatIsDownIsA503AndTheConnectionStaysUsable() {
        assertProblem(given().contentType("application/json").body("{\"text\":\"hello\"}")
                .post("/api/forum/v1/topics").then(), 503, "Service unavailable", "/api/forum/v1/topics");
        given().get("/api/stocktaking/v1/entries").then().statusCode(200);
    }

    @Test
    void slowUpstreamIsA504WithinTheTimeout() {
        long start = System.nanoTime();
        ValidatableResponse response = given().get("/api/stocktaking/v1/slow").then();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertProblem(response, 504, "Gateway timeout", "/api/stocktaking/v1/slow")
                .body("type", equalTo("urn:wsis:problem:upstream-timeout"))
                .body("detail", allOf(containsString("stocktaking"), containsString("1s")));
        assertTrue(millis >= 900 && millis < 2900, "answered after " + millis + " ms, expected about 1 s");
    }

    @Test
    void upstreamThatDropsTheConnectionIsA502() {
        assertProblem(given().get("/api/prizes/v1/drop").then(), 502, "Bad gateway", "/api/prizes/v1/drop")
                .body("type", equalTo("urn:wsis:problem:bad-gateway"))
                .body("detail", containsString("prizes"));
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String title,
            String instance) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", startsWith("urn:wsis:problem:"))
                .body("title", equalTo(title))
                .body("status", equalTo(status))
                .body("detail", not(equalTo("")))
                .body("instance", equalTo(instance))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }
}
