package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A token arrives while the realm cannot be reached: 503 problem, and anonymous requests still pass. */
@Tag("integration")
@QuarkusTest
@TestProfile(RealmUnreachableTest.UnreachableRealm.class)
@WithTestResource(UpstreamStub.class)
class RealmUnreachableTest {

    public static class UnreachableRealm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No public key: the realm URL is used, and nothing listens on port 1.
            return Map.of("quarkus.oidc.public-key", "",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:1/realms/wsis",
                    "quarkus.oidc.connection-timeout", "1s");
        }
    }

    @Test
    void tokenThatCannotBeVerifiedIsA503ProblemNotA500() {
        given().auth().oauth2(TestTokens.valid("user-1", "wsis-frontend"))
                .get("/api/stocktaking/v1/entries")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:wsis:problem:identity-provider-unavailable"));
    }

    @Test
    void anonymousRequestsDoNotNeedTheRealm() {
        given().get("/api/stocktaking/v1/entries").then().statusCode(200);
    }
}
