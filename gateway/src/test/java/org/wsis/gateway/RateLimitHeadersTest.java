package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * RateLimit and RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers) on rate-limited routes, with the
 * test route "test-limited" of application.properties: burst 3, then 0.01 request per second.
 */
@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class RateLimitHeadersTest {
    private static final Pattern USER_QUOTA = Pattern.compile("\"test-limited\";r=(\\d+);t=(\\d+)");

    @Test
    void eachAnswerSaysTheQuotaAndWhatIsLeftOfIt() {
        // A caller of its own (the bucket is per token subject), so other tests' requests do not count.
        String token = TestTokens.valid("ratelimit-headers-user", "ratelimit-headers-client");
        for (int request = 1; request <= 3; request++) {
            Response answer = given().auth().oauth2(token).get("/api/stocktaking/v1/limited/headers");
            assertEquals(200, answer.statusCode());
            assertEquals("\"test-limited\";q=3;w=300, \"test-limited-client\";q=4000;w=2",
                    answer.header("RateLimit-Policy"));
            Matcher user = USER_QUOTA.matcher(answer.header("RateLimit"));
            assertTrue(user.find(), "RateLimit: " + answer.header("RateLimit"));
            assertEquals(3 - request, Integer.parseInt(user.group(1)), "remaining after request " + request);
            long reset = Long.parseLong(user.group(2));
            assertTrue(reset > 0 && reset <= 300, "seconds until the burst is back: " + reset);
        }
        Response refused = given().auth().oauth2(token).get("/api/stocktaking/v1/limited/headers");
        assertEquals(429, refused.statusCode());
        assertTrue(refused.header("RateLimit").startsWith("\"test-limited\";r=0;"), refused.header("RateLimit"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
    }
}
