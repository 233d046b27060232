package org.wsis.reliability;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.PlatformService;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 17, "revocation that bites", measured. The platform's choice is short-lived access tokens
 * with refresh: the production realm issues 30 s access tokens (deploy/kubernetes/keycloak,
 * generate-realm-import.sh), Keycloak refuses a disabled user's refresh at once, and the gateway and
 * every service refuse the access token when it expires (the token caches never keep a token past its
 * expiry). This test gives a user of its own a 30 s token through a client of its own (the shared dev
 * realm keeps 15 min for the other tests), disables the user through the admin API and times how long
 * the gateway and stocktaking-service still accept the token.
 */
@Tag("integration")
class RevocationTest extends PlatformSuite {
    /** The production realm's access token lifespan (read from the generated realm import): the revocation window. */
    static final int LIFESPAN_SECONDS = productionLifespan();
    /** What "within seconds" means here. */
    static final int MOST_SECONDS = 30;

    @BeforeAll
    static void start() {
        useSharedPlatform();
    }

    static int productionLifespan() {
        try {
            String realm = java.nio.file.Files.readString(java.nio.file.Path.of("..", "deploy", "kubernetes", "keycloak", "realm-import.yaml"));
            java.util.regex.Matcher lifespan = java.util.regex.Pattern.compile("\"accessTokenLifespan\":\\s*(\\d+)").matcher(realm);
            return lifespan.find() ? Integer.parseInt(lifespan.group(1)) : Integer.MAX_VALUE;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDisabledUserIsRefusedByTheGatewayAndTheServicesWithinTheTokenLifespan() {
        assertTrue(LIFESPAN_SECONDS <= MOST_SECONDS, "the production realm's access tokens live " + LIFESPAN_SECONDS
                + " s: a disabled, deleted or signed-out user keeps access that long");
        String keycloak = platform.stack.keycloak().url();
        String admin = platform.keycloakAdminToken();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String clientId = "revocation-probe-" + run;
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"clientId": "%s", "publicClient": true, "directAccessGrantsEnabled": true, "standardFlowEnabled": false,
                 "attributes": {"access.token.lifespan": "%d"},
                 "protocolMappers": [{"name": "audience-wsis-api", "protocol": "openid-connect",
                   "protocolMapper": "oidc-audience-mapper",
                   "config": {"included.custom.audience": "wsis-api", "access.token.claim": "true"}}]}"""
                .formatted(clientId, LIFESPAN_SECONDS))
                .post(keycloak + "/admin/realms/wsis/clients").then().statusCode(201);
        String username = "revoked-" + run;
        String password = UUID.randomUUID().toString();
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"username": "%1$s", "enabled": true, "email": "%1$s@example.org", "emailVerified": true,
                 "firstName": "Revoked", "lastName": "User",
                 "credentials": [{"type": "password", "value": "%2$s", "temporary": false}]}"""
                .formatted(username, password))
                .post(keycloak + "/admin/realms/wsis/users").then().statusCode(201).extract().header("Location");

        Response tokens = given().formParams(Map.of("grant_type", "password", "client_id", clientId,
                        "username", username, "password", password))
                .post(platform.stack.keycloak().realmUrl() + "/protocol/openid-connect/token");
        assertEquals(200, tokens.statusCode(), tokens.asString());
        String access = tokens.path("access_token");
        String refresh = tokens.path("refresh_token");
        String gatewayMine = platform.stack.gateway().url() + "/api/stocktaking/v1/entries/mine";
        String serviceMine = platform.stack.service(PlatformService.STOCKTAKING).url() + "/api/v1/entries/mine";
        assertEquals(200, status(gatewayMine, access), "the user's token works at the gateway");
        assertEquals(200, status(serviceMine, access), "and at the service");

        long disabledAt = System.nanoTime();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"enabled\": false}").put(location).then().statusCode(204);
        Response refreshed = given().formParams(Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refresh))
                .post(platform.stack.keycloak().realmUrl() + "/protocol/openid-connect/token");
        assertEquals(400, refreshed.statusCode(), "a disabled user's refresh is refused at once: " + refreshed.asString());

        long gatewayRefusedMs = -1;
        long serviceRefusedMs = -1;
        long deadline = disabledAt + (LIFESPAN_SECONDS + 15) * 1_000_000_000L;
        while ((gatewayRefusedMs < 0 || serviceRefusedMs < 0) && System.nanoTime() < deadline) {
            long elapsedMs = (System.nanoTime() - disabledAt) / 1_000_000;
            if (gatewayRefusedMs < 0 && status(gatewayMine, access) == 401) {
                gatewayRefusedMs = elapsedMs;
            }
            if (serviceRefusedMs < 0 && status(serviceMine, access) == 401) {
                serviceRefusedMs = elapsedMs;
            }
            pause();
        }
        if (gatewayRefusedMs < 0 || serviceRefusedMs < 0) {
            fail("the disabled user's token was still accepted " + (LIFESPAN_SECONDS + 15) + " s after the user was disabled "
                    + "(gateway refused after " + gatewayRefusedMs + " ms, service after " + serviceRefusedMs + " ms)");
        }
        assertTrue(Math.max(gatewayRefusedMs, serviceRefusedMs) <= (LIFESPAN_SECONDS + 2) * 1000L,
                "refused within the token lifespan");
        System.out.printf("[revocation] user disabled: refresh refused at once; access token (lifespan %d s) refused by the gateway "
                + "after %.1f s and by stocktaking-service after %.1f s%n", LIFESPAN_SECONDS, gatewayRefusedMs / 1000.0, serviceRefusedMs / 1000.0);
    }

    private static int status(String url, String token) {
        return given().auth().oauth2(token).get(url).statusCode();
    }

    private static void pause() {
        try {
            Thread.sleep(250); // one probe of each every quarter second: the resolution of the measured window
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
