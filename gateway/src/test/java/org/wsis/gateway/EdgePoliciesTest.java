package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * Rate limits, body size limits, per-route timeouts, the circuit breaker, CORS and metrics, with the
 * test routes of application.properties ({@code %test.wsis.gateway.routes.*}).
 */
@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class EdgePoliciesTest {

    // (relative to the management root, /q: issue 17 moved health and metrics there)
    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL managementMetrics;


    @Test
    void anonymousCallerIsLimitedByAddressWith429AndRetryAfter() {
        // burst 3, then 0.01/s: the 4th request in a row is refused.
        for (int i = 0; i < 3; i++) {
            given().get("/api/stocktaking/v1/limited/a").then().statusCode(200);
        }
        ValidatableResponse refused = given().get("/api/stocktaking/v1/limited/a").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:wsis:problem:too-many-requests"))
                .body("detail", containsString("test-limited"));
        long retryAfter = Long.parseLong(refused.extract().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 100, "Retry-After " + retryAfter);
    }

    @Test
    void usersHaveTheirOwnBuckets() {
        String alice = TestTokens.valid("alice", "wsis-frontend");
        String bob = TestTokens.valid("bob", "wsis-frontend");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(alice).get("/api/stocktaking/v1/limited/b").then().statusCode(200);
        }
        given().auth().oauth2(alice).get("/api/stocktaking/v1/limited/b").then().statusCode(429);
        // Bob (same address, same client) still has his whole burst.
        given().auth().oauth2(bob).get("/api/stocktaking/v1/limited/b").then().statusCode(200);
    }

    @Test
    void aClientIsLimitedAcrossItsUsers() {
        // client-burst 2 for agency-itu, whichever user the token is for.
        given().auth().oauth2(TestTokens.valid("u1", "agency-itu")).get("/api/stocktaking/v1/limited-client/x").then().statusCode(200);
        given().auth().oauth2(TestTokens.valid("u2", "agency-itu")).get("/api/stocktaking/v1/limited-client/x").then().statusCode(200);
        given().auth().oauth2(TestTokens.valid("u3", "agency-itu")).get("/api/stocktaking/v1/limited-client/x")
                .then().statusCode(429).header("Retry-After", notNullValue());
        given().auth().oauth2(TestTokens.valid("u3", "agency-unesco")).get("/api/stocktaking/v1/limited-client/x")
                .then().statusCode(200);
    }

    @Test
    void declaredBodyOverTheRouteLimitIs413BeforeReachingTheService() {
        given().contentType("application/json").body("x".repeat(101))
                .post("/api/stocktaking/v1/small/things")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:wsis:problem:payload-too-large"))
                .body("detail", containsString("100 bytes"));
        given().contentType("application/json").body("x".repeat(100))
                .post("/api/stocktaking/v1/small/things")
                .then().statusCode(200).body("bodyLength", equalTo(100));
    }

    @Test
    void streamedBodyOverTheLimitIs413Too() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl("/api/stocktaking/v1/small/stream")))
                .timeout(Duration.ofSeconds(10))
                // An InputStream body of unknown length is sent chunked, without Content-Length.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[5000])))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("payload-too-large"), response.body());
    }

    @Test
    void routeTimeoutOverridesTheDefault() {
        long start = System.nanoTime();
        given().get("/api/indicators/v1/slow").then().statusCode(504)
                .body("detail", allOf(containsString("indicators"), containsString("300ms")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2500, "answered after " + millis + " ms, expected about 300 ms (the stub answers after 3 s)");
    }

    @Test
    void repeatedConnectionFailuresOpenTheCircuitForAFast503() {
        for (int i = 0; i < 5; i++) {
            given().get("/api/forum/v1/topics").then().statusCode(503);
        }
        long start = System.nanoTime();
        var response = given().get("/api/forum/v1/topics");
        long millis = (System.nanoTime() - start) / 1_000_000;
        response.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", allOf(containsString("forum"), containsString("refused"), containsString("in a row")));
        assertTrue(millis < 1500, "open circuit answered after " + millis + " ms");
    }

    @Test
    void clientsHangingUpNeverOpenTheCircuit() throws Exception {
        // Each client leaves while the service is still working; the proxy then resets that exchange.
        // Twice the failure threshold of hang-ups must not count as the service failing.
        for (int i = 0; i < 10; i++) {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                socket.getOutputStream().write(("GET /api/prizes/v1/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(100); // time is the subject: the client hangs up while the service is still working
            }
        }
        Thread.sleep(300); // the resets are handled asynchronously
        given().get("/api/prizes/v1/status/200").then().statusCode(200).body(equalTo("status page"));
    }

    /**
     * Issue 17: five request bodies that never finish (any signed-in user could send them) held five
     * service connections until the upstream timeout, and those timeouts opened the service's
     * circuit for everyone. The gateway now reads small bodies itself: each slow client gets its own
     * 408 (body-read-timeout, 1 s in tests) and the service is none the worse.
     */
    @Test
    void unfinishedBodiesGet408AndNeverOpenTheCircuit() throws Exception {
        java.util.List<Socket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Socket socket = new Socket("127.0.0.1", RestAssured.port);
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write(("POST /api/prizes/v1/things HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"half\": ")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                byte[] buffer = new byte[4096];
                int read = socket.getInputStream().read(buffer);
                String answer = read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.toLowerCase().contains("application/problem+json"), answer);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        given().get("/api/prizes/v1/status/200").then().statusCode(200).body(equalTo("status page"));
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins() {
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/stocktaking/v1/entries")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
        given().header("Origin", "http://localhost:3000").get("/api/stocktaking/v1/entries")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
        String evilOrigin = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/stocktaking/v1/entries")
                .then().extract().header("Access-Control-Allow-Origin");
        assertTrue(evilOrigin == null, "no CORS grant for a foreign origin, got " + evilOrigin);
    }

    @Test
    void metricsArePerRoute() {
        given().get("/api/stocktaking/v1/entries").then().statusCode(200);
        // issue 17: metrics are served on the management port only, never on the public one
        given().get("/q/metrics").then().statusCode(404).contentType("application/problem+json");
        given().get(managementMetrics).then().statusCode(200)
                .body(allOf(containsString("wsis_gateway_requests_seconds_count{"),
                        containsString("route=\"stocktaking\""), containsString("service=\"stocktaking\"")));
    }

    @Test
    void traceContextIsPropagatedUpstream() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/api/stocktaking/v1/entries")
                .then().statusCode(200)
                .body("headers.traceparent", allOf(containsString(traceId), notNullValue()));
    }

    private static String gatewayUrl(String path) {
        return RestAssured.baseURI + ":" + RestAssured.port + path;
    }
}
