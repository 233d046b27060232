package org.wsis.e2e;

import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.PlatformService;
import org.wsis.localstack.testing.TestJwt;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every caller of the public API sees at the edge, against the real services behind the gateway:
 * the gateway's URLs in every link (never a service's address), HTTP caching and compression, the
 * RateLimit headers, and a 401 that names the issuer the platform accepts.
 */
@Tag("integration")
class PublicEdgeTest {
    private static String gateway;

    @BeforeAll
    static void platform() {
        gateway = SharedPlatform.stack().gateway().url();
    }

    @Test
    void locationLinkAndProblemInstanceAreTheGatewaysUrls() {
        String editor = SharedPlatform.tokens().userToken("editor");
        String location = SharedPlatform.gateway().auth().oauth2(editor).contentType(ContentType.JSON)
                .body("""
                        {"title": "Public links %s", "description": "Links a caller can follow",
                         "organisation": "Edge", "actionLines": ["C2"]}""".formatted(UUID.randomUUID()))
                .post("/api/stocktaking/v1/entries")
                .then().statusCode(201).extract().header("Location");
        assertTrue(location.startsWith(gateway + "/api/stocktaking/v1/entries/"), "Location: " + location);
        // ...and it can be followed as it is.
        given().auth().oauth2(editor).get(location).then().statusCode(200);

        String link = SharedPlatform.gateway().auth().oauth2(editor).get("/api/stocktaking/v1/entries/mine?size=1")
                .then().statusCode(200).extract().header("Link");
        assertTrue(link.contains("<" + gateway + "/api/stocktaking/v1/entries/mine?"), "Link: " + link);
        assertTrue(!link.contains(SharedPlatform.stack().service(PlatformService.STOCKTAKING).url()), link);

        // Another service, another list: the same.
        String forumLink = SharedPlatform.gateway().get("/api/forum/v1/editions?size=1")
                .then().statusCode(200).extract().header("Link");
        assertTrue(forumLink.contains("<" + gateway + "/api/forum/v1/editions?"), "Link: " + forumLink);

        String missing = "/api/stocktaking/v1/entries/" + UUID.randomUUID();
        SharedPlatform.gateway().get(missing).then().statusCode(404)
                .contentType("application/problem+json")
                .body("instance", equalTo(missing));
        String noSuchPath = "/api/forum/v1/no-such-thing";
        SharedPlatform.gateway().get(noSuchPath).then().statusCode(404)
                .body("instance", equalTo(noSuchPath))
                .body("detail", containsString(noSuchPath));
    }

    @Test
    void publicReadsRevalidateWithTheirETagAndPersonalDataIsNeverStored() {
        Response first = SharedPlatform.gateway().get("/api/stocktaking/v1/reference/action-lines");
        assertEquals(200, first.statusCode());
        String etag = first.header("ETag");
        assertNotNull(etag, "public reference data carries an ETag");
        assertTrue(first.header("Cache-Control").contains("public"), first.header("Cache-Control"));
        SharedPlatform.gateway().header("If-None-Match", etag).get("/api/stocktaking/v1/reference/action-lines")
                .then().statusCode(304).header("ETag", etag);
        SharedPlatform.gateway().header("If-None-Match", "W/\"something-else\"")
                .get("/api/stocktaking/v1/reference/action-lines").then().statusCode(200);
        // Search, agenda-like lists and other services' public reads too.
        for (String path : new String[] {"/api/stocktaking/v1/search?q=broadband", "/api/stocktaking/v1/entries",
                "/api/prizes/v1/categories", "/api/indicators/v1/indicators"}) {
            Response read = SharedPlatform.gateway().get(path);
            assertEquals(200, read.statusCode(), path);
            assertNotNull(read.header("ETag"), path + " has an ETag");
            SharedPlatform.gateway().header("If-None-Match", read.header("ETag")).get(path).then().statusCode(304);
        }

        String editor = SharedPlatform.tokens().userToken("editor");
        SharedPlatform.gateway().auth().oauth2(editor).get("/api/stocktaking/v1/entries/mine")
                .then().statusCode(200).header("Cache-Control", "no-store").header("ETag", (String) null);
    }

    @Test
    void answersAreGzippedWhenAskedAndDecodeOnce() {
        Response zipped = given().baseUri(gateway)
                .config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip").get("/api/stocktaking/v1/reference/action-lines");
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.header("Content-Encoding"));
        // Decoded once (RestAssured's gzip decoder), it is the JSON document itself: not compressed twice.
        SharedPlatform.gateway().header("Accept-Encoding", "gzip").get("/api/stocktaking/v1/reference/action-lines")
                .then().statusCode(200).contentType(ContentType.JSON).body("size()", org.hamcrest.Matchers.greaterThan(0));
        // Without asking, no compression (RestAssured's decoders off: they would ask for gzip themselves).
        given().baseUri(gateway)
                .config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .get("/api/stocktaking/v1/reference/action-lines")
                .then().statusCode(200).header("Content-Encoding", (String) null)
                .body("size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void rateLimitedRoutesSayWhereTheCallerStands() {
        Response answer = SharedPlatform.gateway().get("/api/stocktaking/v1/reference/action-lines");
        assertTrue(answer.header("RateLimit-Policy").matches("\"stocktaking\";q=\\d+;w=\\d+"), answer.header("RateLimit-Policy"));
        assertTrue(answer.header("RateLimit").matches("\"stocktaking\";r=\\d+;t=\\d+"), answer.header("RateLimit"));
    }

    @Test
    void aTokenFromAnotherIssuerIsToldWhichIssuerIsExpected() {
        String realm = SharedPlatform.stack().keycloak().realmUrl();
        // Well formed and unexpired, but from another issuer (and signed with another key).
        String foreign = TestJwt.stranger().sign(
                TestJwt.claims("someone", "wsis-frontend", TestJwt.AUDIENCE, Instant.now().plusSeconds(300)));
        SharedPlatform.gateway().auth().oauth2(foreign).get("/api/stocktaking/v1/entries/mine")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:wsis:problem:untrusted-issuer"))
                .body("detail", containsString(TestJwt.ISSUER))
                .body("detail", containsString(realm));
        // A service asked directly says the same.
        given().baseUri(SharedPlatform.stack().service(PlatformService.STOCKTAKING).url()).auth().oauth2(foreign)
                .get("/api/v1/entries/mine")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString(realm));
    }

    @Test
    void aTokenFetchedViaLocalhostWorks() {
        // Keycloak runs with a fixed hostname: whichever name the client uses, the issuer is 127.0.0.1's.
        String viaLocalhost = new org.wsis.localstack.testing.RealmTokens(
                SharedPlatform.stack().keycloak().realmUrl().replace("127.0.0.1", "localhost")).userToken("editor");
        SharedPlatform.gateway().auth().oauth2(viaLocalhost).get("/api/stocktaking/v1/entries/mine")
                .then().statusCode(200);
    }
}
