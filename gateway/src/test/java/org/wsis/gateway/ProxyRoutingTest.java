package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** What the upstream receives and what the client gets back, through the real proxy. */
@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class ProxyRoutingTest {

    @Test
    void rewritesServicePrefixAndKeepsQueryString() {
        given().urlEncodingEnabled(false).get("/api/stocktaking/v1/entries?page=2&q=a%20b")
                .then().statusCode(200)
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/v1/entries?page=2&q=a%20b"));
    }

    @Test
    void rewritesEveryServiceAndCopesWithTrailingSlashInBaseUrl() {
        given().get("/api/prizes/v1/editions/2025").then().statusCode(200)
                .body("uri", equalTo("/api/v1/editions/2025"));
        given().get("/api/indicators/v1/series").then().statusCode(200)
                .body("uri", equalTo("/api/v1/series"));
    }

    @Test
    void overLongUriIsA414ProblemAndEveryAnswerCarriesSecurityHeaders() {
        given().get("/api/stocktaking/v1/entries?q=" + "x".repeat(5000))
                .then().statusCode(414).contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff");
        given().get("/api/stocktaking/v1/entries")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void bareServicePrefixMapsToApiRoot() {
        given().get("/api/indicators").then().statusCode(200).body("uri", equalTo("/api"));
        given().get("/api/indicators/").then().statusCode(200).body("uri", equalTo("/api/"));
    }

    @Test
    void dotSegmentsCannotClimbOutOfTheService() {
        // The router resolves the dot segments before matching: this is /api/stocktaking/x.
        given().urlEncodingEnabled(false).get("/api/stocktaking/v1/../x")
                .then().statusCode(200).body("uri", equalTo("/api/x"));
    }

    @Test
    void postBodyArrivesIntactWithMethodAndContentType() {
        String json = "{\"title\":\"Übersetzung — ünïcödé\",\"tags\":[\"a\",\"b\"]}";
        given().contentType("application/json; charset=UTF-8").body(json)
                .post("/api/stocktaking/v1/entries")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("body", equalTo(json))
                .body("headers.content-type", equalTo("application/json; charset=UTF-8"));
    }

    @Test
    void largeBinaryBodyIsStreamedThroughUnchanged() {
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(payload);
        given().contentType("application/octet-stream").body(payload)
                .put("/api/prizes/v1/uploads/1")
                .then().statusCode(200)
                .body("method", equalTo("PUT"))
                .body("bodyLength", equalTo(payload.length))
                .body("bodySha256", equalTo(UpstreamStub.sha256(payload)));
    }

    @Test
    void chunkedRequestBodyWithoutContentLengthIsStreamedThrough() throws Exception {
        byte[] payload = new byte[512 * 1024];
        new Random(7).nextBytes(payload);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl("/api/stocktaking/v1/chunked")))
                .timeout(Duration.ofSeconds(10))
                // An InputStream publisher has no known length: the JDK client sends it chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(payload)))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonPath echo = JsonPath.from(response.body());
        assertEquals("chunked", echo.getString("headers.transfer-encoding"));
        assertEquals(payload.length, echo.getInt("bodyLength"));
        assertEquals(UpstreamStub.sha256(payload), echo.getString("bodySha256"));
    }

    @Test
    void authorizationAndOtherHeadersPassThroughUnchanged() {
        String token = "Bearer " + TestTokens.valid("user-1", "wsis-frontend");
        given().header("Authorization", token)
                .header("Accept-Language", "fr-CH")
                .header("Idempotency-Key", "k-123")
                .get("/api/stocktaking/v1/me")
                .then().statusCode(200)
                .body("headers.authorization", equalTo(token))
                .body("headers.accept-language", equalTo("fr-CH"))
                .body("headers.idempotency-key", equalTo("k-123"));
    }

    @Test
    void setsForwardedHeaders() {
        given().header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Prefix", "/evil")
                .header("Forwarded", "host=evil.example")
                .get("/api/stocktaking/v1/entries")
                .then().statusCode(200)
                // The client's claim is kept, the address the gateway saw is appended.
                .body("headers.x-forwarded-for", equalTo("203.0.113.7, 127.0.0.1"))
                // What the gateway itself saw wins over what the client claimed.
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", equalTo(URI.create(RestAssured.baseURI).getHost() + ":" + RestAssured.port))
                // The public path of the service's /api, from which the service builds its links.
                .body("headers.x-forwarded-prefix", equalTo("/api/stocktaking"))
                .body("headers.forwarded", equalTo(null));
    }

    @Test
    void upstreamStatusBodyAndHeadersComeBackWithTheGatewaysRequestId() {
        given().header("X-Request-Id", "client-id-1")
                .get("/api/indicators/v1/status/418")
                .then().statusCode(418)
                .header("X-Upstream", "stub")
                .header("X-Request-Id", "client-id-1")
                .body(equalTo("status page"));
        // The stub sends its own X-Request-Id too; the client must see only the gateway's.
        var headers = given().get("/api/indicators/v1/status/201").then().statusCode(201)
                .extract().headers().getList("X-Request-Id");
        assertEquals(1, headers.size(), "exactly one X-Request-Id: " + headers);
    }

    private static String gatewayUrl(String path) {
        return RestAssured.baseURI + ":" + RestAssured.port + path;
    }
}
