package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Tokens are verified at the edge; anonymous requests pass for the services to judge. */
@Tag("integration")
@QuarkusTest
@WithTestResource(UpstreamStub.class)
class EdgeSecurityTest {

    @Test
    void validTokenReachesTheServiceUnchanged() {
        String token = TestTokens.valid("user-1", "wsis-frontend");
        given().auth().oauth2(token).get("/api/stocktaking/v1/me")
                .then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + token));
    }

    @Test
    void requestWithoutTokenPassesThroughAsAnonymous() {
        given().get("/api/stocktaking/v1/entries").then().statusCode(200)
                .body("headers.authorization", equalTo(null));
    }

    @Test
    void expiredTokenIsRejectedAtTheEdge() {
        assertRejected(TestTokens.expired("user-1"));
    }

    @Test
    void tokenSignedByAnotherKeyIsRejectedAtTheEdge() {
        assertRejected(TestTokens.wrongSignature("user-1"));
    }

    @Test
    void tokenForAnotherAudienceIsRejectedAtTheEdge() {
        assertRejected(TestTokens.wrongAudience("user-1"));
    }

    @Test
    void garbageTokenIsRejectedAtTheEdge() {
        assertRejected("not-a-jwt");
    }

    private static void assertRejected(String token) {
        // A POST: had it reached the stub, the stub would have echoed 200.
        given().auth().oauth2(token).contentType("application/json").body("{}")
                .post("/api/prizes/v1/editions/2027/entries/e1/votes")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo("urn:wsis:problem:invalid-token"))
                .body("status", equalTo(401))
                .body("detail", containsString("invalid or expired"));
    }
}
