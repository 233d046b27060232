package org.wsis.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.PlatformService;
import org.wsis.localstack.PlatformStack;
import org.wsis.localstack.testing.RealmTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.wsis.e2e.SharedPlatform.as;

/**
 * The walking skeleton, end to end: real PostgreSQL, Kafka and Keycloak, the four packaged
 * services and the gateway, all as processes on random loopback ports (the {@link SharedPlatform}).
 */
@Tag("integration")
class PlatformEndToEndTest {
    private static final String ENTRY = """
            {"title": "Community networks in the Andes", "description": "Local operators connect 40 villages.",
             "organisation": "Andean Connect", "actionLines": ["C2", "C4"]}""";

    private static PlatformStack stack;
    private static RealmTokens keycloak;

    @BeforeAll
    static void startPlatform() {
        stack = SharedPlatform.stack();
        keycloak = SharedPlatform.tokens();
    }

    private static RequestSpecification gateway() {
        return SharedPlatform.gateway();
    }

    @Test
    void entryPublishedThroughTheGatewayArrivesInPrizes() throws InterruptedException {
        String editor = keycloak.userToken("editor");
        String moderator = keycloak.userToken("moderator");

        String id = as(editor).contentType(ContentType.JSON).body(ENTRY)
                .post("/api/stocktaking/v1/entries")
                .then().statusCode(201).header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .body("status", equalTo("DRAFT")).extract().path("id");
        as(editor).post("/api/stocktaking/v1/entries/" + id + "/submit").then().statusCode(200);
        as(moderator).post("/api/stocktaking/v1/entries/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));

        // stocktaking → outbox → Kafka → prizes' consumer → prizes' own table
        org.awaitility.Awaitility.await("entry " + id + " reaching prizes-service").atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> gateway().get("/api/prizes/v1/eligible-entries/" + id).statusCode() == 200);
        gateway().get("/api/prizes/v1/eligible-entries/" + id).then()
                .body("title", equalTo("Community networks in the Andes"))
                .body("actionLines", hasItem("C4"));
    }

    @Test
    void missingOrInvalidTokenIs401() {
        gateway().contentType(ContentType.JSON).body(ENTRY).post("/api/stocktaking/v1/entries")
                .then().statusCode(401).contentType("application/problem+json");
        as("not-a-token").contentType(ContentType.JSON).body(ENTRY).post("/api/stocktaking/v1/entries")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void wrongRoleIs403() {
        as(keycloak.userToken("visitor")).contentType(ContentType.JSON).body(ENTRY).post("/api/stocktaking/v1/entries")
                .then().statusCode(403).contentType("application/problem+json");
        String editor = keycloak.userToken("editor");
        String id = as(editor).contentType(ContentType.JSON).body(ENTRY).post("/api/stocktaking/v1/entries")
                .then().statusCode(201).extract().path("id");
        as(editor).post("/api/stocktaking/v1/entries/" + id + "/publish")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void malformedJsonIs400Problem() {
        as(keycloak.userToken("editor")).contentType(ContentType.JSON).body("{\"title\": \"unterminated")
                .post("/api/stocktaking/v1/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("Malformed JSON"));
    }

    @Test
    void agencyClientCredentialsCarryTheAgency() {
        as(keycloak.agencyToken("agency-itu")).get("/api/indicators/v1/providers/me")
                .then().statusCode(200).body("agency", equalTo("ITU")).body("indicators", hasItem("IT_USE_ii99"));
        as(keycloak.agencyToken("agency-unesco")).get("/api/indicators/v1/providers/me")
                .then().statusCode(200).body("agency", equalTo("UNESCO"));
        as(keycloak.userToken("statistician")).get("/api/indicators/v1/providers/me")
                .then().statusCode(200).body("agency", equalTo("ITU"));
    }

    /** The gateway's request id and W3C trace context reach the service and its log. */
    @Test
    void requestIdAndTraceContextReachTheServiceLogs() throws Exception {
        String requestId = "e2e-" + java.util.UUID.randomUUID();
        gateway().header("X-Request-Id", requestId).get("/api/stocktaking/v1/reference/action-lines")
                .then().statusCode(200).header("X-Request-Id", requestId);
        java.nio.file.Path log = stack.service(PlatformService.STOCKTAKING).process().logFile();
        String line = org.awaitility.Awaitility.await("a log line of stocktaking-service with request id " + requestId)
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> java.nio.file.Files.readAllLines(log).stream().filter(l -> l.contains("req=" + requestId)).findFirst(),
                        java.util.Optional::isPresent).get();
        org.junit.jupiter.api.Assertions.assertTrue(line.matches(".*traceparent=00-[0-9a-f]{32}-[0-9a-f]{16}-0[01].*"),
                "the access log line carries the trace context: " + line);
    }

    /** A token the realm did not sign is stopped at the edge (401 problem+json from the gateway). */
    @Test
    void gatewayValidatesTokensAtTheEdge() {
        String[] real = keycloak.userToken("editor").split("\\.");
        String tampered = real[0] + "." + real[1] + "." + new StringBuilder(real[2]).reverse();
        as(tampered).get("/api/stocktaking/v1/reference/action-lines")
                .then().statusCode(401).contentType("application/problem+json");
        as(keycloak.userToken("editor")).get("/api/stocktaking/v1/reference/action-lines").then().statusCode(200);
    }

    @Test
    void everyServiceAnswersThroughTheGateway() {
        gateway().get("/api/stocktaking/v1/reference/action-lines").then().statusCode(200).body("code", hasItem("C11"));
        gateway().get("/api/prizes/v1/categories").then().statusCode(200).body("size()", equalTo(18));
        gateway().get("/api/forum/v1/editions").then().statusCode(200);
        gateway().get("/api/indicators/v1/indicators").then().statusCode(200).body("code", hasItem("IT_USE_ii99"));
        gateway().get("/api/nowhere/v1/x").then().statusCode(404).contentType("application/problem+json");
        for (PlatformService service : PlatformService.values()) {
            given().baseUri(stack.service(service).url()).get("/q/openapi?format=json")
                    .then().statusCode(200).body(containsString("\"openapi\""));
        }
    }
}
