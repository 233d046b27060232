package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.tokencache.VerifiedTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A token verified at the edge is not verified again until it expires; a refused one is never kept. */
@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class TokenCacheTest {

    /** Metrics are on the management port (issue 17), not the public one. */
    // (relative to the management root, /q: issue 17 moved health and metrics there)
    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;


    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void aVerifiedTokenIsTakenFromTheCacheNextTime() {
        String token = TestTokens.valid("cache-user-1", "wsis-frontend");
        double hits = cacheCount("hit");
        double misses = cacheCount("miss");

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/stocktaking/v1/me").then().statusCode(200)
                    .body("headers.authorization", equalTo("Bearer " + token));
        }

        assertEquals(misses + 1, cacheCount("miss"), "verified once");
        assertEquals(hits + 2, cacheCount("hit"), "then found twice");
    }

    @Test
    void aRememberedTokenStillExpires() throws InterruptedException {
        String token = TestTokens.expiringIn("cache-user-2", 2);
        given().auth().oauth2(token).get("/api/stocktaking/v1/me").then().statusCode(200);
        given().auth().oauth2(token).get("/api/stocktaking/v1/me").then().statusCode(200);

        Thread.sleep(3200); // JWT expiry has a one-second resolution
        given().auth().oauth2(token).get("/api/stocktaking/v1/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        int before = verifiedTokens.size();
        String forged = TestTokens.wrongSignature("cache-user-3");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(forged).get("/api/stocktaking/v1/me").then().statusCode(401);
        }
        given().auth().oauth2(TestTokens.wrongAudience("cache-user-3")).get("/api/stocktaking/v1/me").then().statusCode(401);
        assertEquals(before, verifiedTokens.size());
    }

    /** wsis_token_cache_total{result="..."} from /q/metrics (an exemplar may follow), 0 before the first lookup. */
    private double cacheCount(String result) {
        String metrics = given().get(this.metrics).then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^wsis_token_cache_total\\{[^}]*result=\"" + result + "\"[^}]*} (\\S+)",
                Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
