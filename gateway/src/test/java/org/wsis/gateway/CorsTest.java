package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What a browser front-end on a dev server needs from the gateway's CORS answers (the shipped
 * quarkus.http.cors.* settings): its origin granted, the headers it sends allowed, the headers it reads
 * exposed, and Vary: Origin on every answer. The real browser flow is e2e-tests' BrowserSignInTest.
 */
@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class CorsTest {

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:3000", "http://127.0.0.1:4200", "http://localhost:5173",
            "http://127.0.0.1:8080" })
    void devServerOriginsMayCallWithTheHeadersFrontEndsSend(String origin) {
        Response preflight = given().header("Origin", origin)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers",
                        "authorization,content-type,idempotency-key,if-match,if-none-match,accept-language,x-step-up-code")
                .options("/api/stocktaking/v1/entries/1");
        assertEquals(200, preflight.statusCode());
        assertEquals(origin, preflight.header("Access-Control-Allow-Origin"));
        List<String> allowed = lowerCaseList(preflight.header("Access-Control-Allow-Headers"));
        assertTrue(allowed.containsAll(List.of("authorization", "content-type", "idempotency-key", "if-match",
                "if-none-match", "accept-language", "x-step-up-code")), "allowed request headers: " + allowed);
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("PUT"));
    }

    @Test
    void answersExposeTheHeadersFrontEndsRead() {
        Response answer = given().header("Origin", "http://localhost:5173").get("/api/stocktaking/v1/entries");
        assertEquals(200, answer.statusCode());
        assertEquals("http://localhost:5173", answer.header("Access-Control-Allow-Origin"));
        List<String> exposed = lowerCaseList(answer.header("Access-Control-Expose-Headers"));
        assertTrue(exposed.containsAll(List.of("x-total-count", "link", "etag", "location", "retry-after",
                "x-request-id", "content-disposition", "idempotent-replayed", "ratelimit", "ratelimit-policy")),
                "exposed headers: " + exposed);
    }

    @Test
    void everyAnswerVariesOnOrigin() {
        given().header("Origin", "http://localhost:3000").get("/api/stocktaking/v1/entries")
                .then().header("Vary", containsString("Origin"));
        // Also without an Origin (a cache may store this one and must not serve it to a browser as is),
        // and on the gateway's own problems.
        given().get("/api/stocktaking/v1/entries").then().header("Vary", containsString("Origin"));
        given().get("/no/such/route").then().statusCode(404).header("Vary", containsString("Origin"));
    }

    @Test
    void foreignOriginsGetNoGrant() {
        Response preflight = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/stocktaking/v1/entries");
        assertNull(preflight.header("Access-Control-Allow-Origin"));
        given().header("Origin", "http://localhost:9999").get("/api/stocktaking/v1/entries")
                .then().header("Access-Control-Allow-Origin", equalTo(null));
    }

    private static List<String> lowerCaseList(String header) {
        return header == null ? List.of()
                : Arrays.stream(header.split(",")).map(value -> value.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
