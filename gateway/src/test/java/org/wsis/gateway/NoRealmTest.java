package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Tokens checked against a fixed public key with no realm at all (quarkus.oidc.auth-server-url empty, as
 * the benchmarks run it). The gateway used to refuse to start: the docs' realm URL was derived from the
 * emptied setting. Now it starts, and its API document asks for a pasted bearer token. (UpstreamStub, unlike
 * ServiceDocsStub, leaves wsis.gateway.docs.realm-url to its shipped default.)
 */
@Tag("integration")
@QuarkusTest
@TestProfile(NoRealmTest.PublicKeyOnly.class)
@WithTestResource(UpstreamStub.class)
class NoRealmTest {

    // (relative to the management root, /q: issue 17 moved health and metrics there)
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/live", management = true)
    java.net.URL live;


    public static class PublicKeyOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The %test public key stays; the realm is emptied.
            return Map.of("quarkus.oidc.auth-server-url", "");
        }
    }

    @Test
    void gatewayStartsAndTheDocumentTakesABearerToken() {
        given().get("/api/openapi.json").then().statusCode(200)
                .body("components.securitySchemes.wsis.type", equalTo("http"))
                .body("components.securitySchemes.wsis.scheme", equalTo("bearer"))
                .body("components.securitySchemes.wsis.flows", nullValue());
    }

    @Test
    void tokensAreStillVerifiedAtTheEdge() {
        given().auth().oauth2(TestTokens.valid("user-1", "wsis-frontend")).get(live).then().statusCode(200);
        given().auth().oauth2("not.a.token").get("/api/stocktaking/v1/entries").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
