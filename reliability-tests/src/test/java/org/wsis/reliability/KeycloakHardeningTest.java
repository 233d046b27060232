package org.wsis.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * Two issue-17 findings about Keycloak, against the real one the platform runs.
 * <p>
 * Critical: "Brute-force protection is off: 40 wrong passwords in 1.7 s, then the right one
 * still got a token." The local stack runs the dev realm, so this test takes the brute-force settings
 * of the production realm import (deploy/kubernetes/keycloak/realm-import.yaml, generated) onto a
 * throwaway realm of its own in the real Keycloak, sends 40 wrong passwords for one user, then the
 * right one: it must not get a token. On the realm import before the fix (the dev realm minus its
 * users: no brute-force settings) the right password got one (200) and this test failed.
 */
@Tag("integration")
class KeycloakHardeningTest extends PlatformSuite {
    static final Path REALM_IMPORT = Path.of("..", "deploy", "kubernetes", "keycloak", "realm-import.yaml");
    static final List<String> SETTINGS = List.of("bruteForceProtected", "permanentLockout", "failureFactor",
            "waitIncrementSeconds", "maxFailureWaitSeconds", "maxDeltaTimeSeconds", "quickLoginCheckMilliSeconds",
            "minimumQuickLoginWaitSeconds");

    @BeforeAll
    static void start() {
        useSharedPlatform();
    }

    @Test
    void fortyWrongPasswordsLockTheAccountUnderTheProductionRealmsSettings() {
        Map<String, String> production = productionBruteForceSettings();
        assertEquals("true", production.get("bruteForceProtected"), "the production realm detects brute force: " + production);
        String keycloak = platform.stack.keycloak().url();
        String admin = platform.keycloakAdminToken();
        String realm = "brute-force-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder settings = new StringBuilder();
        production.forEach((key, value) -> settings.append(", \"").append(key).append("\": ").append(value));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"realm\": \"" + realm + "\", \"enabled\": true" + settings + "}")
                .post(keycloak + "/admin/realms").then().statusCode(201);
        try {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                    {"clientId": "probe", "publicClient": true, "directAccessGrantsEnabled": true, "standardFlowEnabled": false}""")
                    .post(keycloak + "/admin/realms/" + realm + "/clients").then().statusCode(201);
            String password = UUID.randomUUID().toString();
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                    {"username": "target", "enabled": true, "email": "target@example.org", "emailVerified": true,
                     "firstName": "Target", "lastName": "User",
                     "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(password))
                    .post(keycloak + "/admin/realms/" + realm + "/users").then().statusCode(201);
            String tokenUrl = keycloak + "/realms/" + realm + "/protocol/openid-connect/token";
            assertEquals(200, login(tokenUrl, password), "the right password works before the attack");

            long started = System.nanoTime();
            int wrongAnswered = 0;
            for (int i = 0; i < 40; i++) {
                int status = login(tokenUrl, "wrong-" + i);
                assertNotEquals(200, status, "a wrong password never gets a token");
                wrongAnswered++;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int afterAttack = login(tokenUrl, password);
            System.out.printf("[brute force] %d wrong passwords in %.1f s under the production realm's settings %s; "
                    + "then the right password: %d%n", wrongAnswered, seconds, production, afterAttack);
            assertTrue(afterAttack == 400 || afterAttack == 401,
                    "after 40 wrong passwords the right one must not get a token at once (it got " + afterAttack + ")");
        } finally {
            given().auth().oauth2(admin).delete(keycloak + "/admin/realms/" + realm);
        }
    }

    /**
     * Low: "the dev Keycloak takes its issuer from the Host header". A client naming another host gets
     * the one issuer the platform accepts (KeycloakServer starts with a fixed --hostname), so nobody
     * can make Keycloak announce endpoints on a host of theirs, and tokens have one issuer whichever
     * name a client used. Before the fix the discovery document answered with the Host header's name.
     */
    @Test
    void theIssuerDoesNotFollowTheHostHeader() throws IOException {
        java.net.URI keycloak = java.net.URI.create(platform.stack.keycloak().url());
        String document;
        try (java.net.Socket socket = new java.net.Socket(keycloak.getHost(), keycloak.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /realms/wsis/.well-known/openid-configuration HTTP/1.1\r\n"
                    + "Host: attacker.example:" + keycloak.getPort() + "\r\nX-Forwarded-Host: attacker.example\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            document = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(document.startsWith("HTTP/1.1 200"), document.lines().findFirst().orElse(""));
        String body = document.substring(document.indexOf("\r\n\r\n") + 4);
        String issuer = Platform.JSON.readTree(body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1)).path("issuer").asText();
        System.out.printf("[keycloak] discovery asked with Host: attacker.example answers issuer %s%n", issuer);
        assertEquals(platform.stack.keycloak().realmUrl(), issuer, "the issuer is the realm's own, not the Host header's");
        assertTrue(!body.contains("attacker.example"), "no endpoint on the client's host");
    }

    /**
     * Medium: "a token verified once survives a withdrawn signing key for 5 minutes" (the verified-token
     * caches). The realm gets a signing key of this test's own (highest priority, so new tokens are
     * signed with it); a token signed with it is used at the gateway and at stocktaking-service (now
     * remembered by both caches); the key is then removed from the realm, as after a leak. Both must
     * refuse the token within the key check's refresh (10 s), long before it expires. Before the fix
     * (token-cache SigningKeys, ef1fbe8) both kept answering 200 until the token expired.
     */
    @Test
    void aTokenSignedWithAWithdrawnKeyIsRefusedWithinSeconds() throws Exception {
        String keycloak = platform.stack.keycloak().url();
        String admin = platform.keycloakAdminToken();
        String realmId = given().auth().oauth2(admin).get(keycloak + "/admin/realms/wsis").then().statusCode(200).extract().path("id");
        String name = "withdrawn-" + UUID.randomUUID().toString().substring(0, 8);
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON).body("""
                {"name": "%s", "providerId": "rsa-generated", "providerType": "org.keycloak.keys.KeyProvider", "parentId": "%s",
                 "config": {"priority": ["1000000"], "keySize": ["2048"], "active": ["true"], "enabled": ["true"], "algorithm": ["RS256"]}}"""
                .formatted(name, realmId))
                .post(keycloak + "/admin/realms/wsis/components").then().statusCode(201).extract().header("Location");
        String componentId = location.substring(location.lastIndexOf('/') + 1);
        boolean removed = false;
        try {
            String kid = null;
            for (var key : given().auth().oauth2(admin).get(keycloak + "/admin/realms/wsis/keys").then().statusCode(200)
                    .extract().jsonPath().getList("keys", Map.class)) {
                if (componentId.equals(key.get("providerId"))) {
                    kid = (String) key.get("kid");
                }
            }
            String token = platform.tokens.userToken("editor");
            assertEquals(kid, keyIdOf(token), "the new token is signed with the test's key");
            String gatewayMine = platform.stack.gateway().url() + "/api/stocktaking/v1/entries/mine";
            String serviceMine = platform.stack.service(org.wsis.localstack.PlatformService.STOCKTAKING).url() + "/api/v1/entries/mine";
            // quarkus-oidc fetches the realm's keys for an unknown key id at most once per forced-jwk-refresh-interval
            // (10 min): if an earlier test's forged token spent that, the new key is not usable yet, and this test
            // has nothing to measure (skipped, saying why) rather than failing for a reason it does not test
            boolean accepted;
            try {
                org.awaitility.Awaitility.await("the new key's token accepted").atMost(java.time.Duration.ofSeconds(15))
                        .pollInterval(java.time.Duration.ofMillis(500))
                        .until(() -> status(gatewayMine, token) == 200 && status(serviceMine, token) == 200);
                accepted = true;
            } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                accepted = false;
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(accepted,
                    "a token signed with a brand-new realm key is not accepted yet (quarkus-oidc's key refresh for unknown key ids "
                            + "was spent within the last 10 min by an earlier test): nothing to withdraw");
            // used now and again after the realm's keys were read once more (10 s): verified, remembered, and the key seen as published
            long usedUntil = System.nanoTime() + 12_000_000_000L;
            while (System.nanoTime() < usedUntil) {
                assertEquals(200, status(gatewayMine, token), "the token works at the gateway");
                assertEquals(200, status(serviceMine, token), "and at the service");
                Thread.sleep(1000); // one use a second while the caches learn the key: the point is the passing time
            }
            given().auth().oauth2(admin).delete(keycloak + "/admin/realms/wsis/components/" + componentId).then().statusCode(204);
            removed = true;
            long withdrawnAt = System.nanoTime();
            long gatewayMs = -1;
            long serviceMs = -1;
            while ((gatewayMs < 0 || serviceMs < 0) && System.nanoTime() - withdrawnAt < 60_000_000_000L) {
                long elapsed = (System.nanoTime() - withdrawnAt) / 1_000_000;
                if (gatewayMs < 0 && status(gatewayMine, token) == 401) {
                    gatewayMs = elapsed;
                }
                if (serviceMs < 0 && status(serviceMine, token) == 401) {
                    serviceMs = elapsed;
                }
                Thread.sleep(250); // the resolution of the measured window
            }
            System.out.printf("[keycloak] signing key withdrawn: its token refused by the gateway after %.1f s and by "
                    + "stocktaking-service after %.1f s (-0.0: still accepted after 60 s)%n", gatewayMs / 1000.0, serviceMs / 1000.0);
            assertTrue(gatewayMs >= 0 && gatewayMs <= 25_000, "the gateway refused the withdrawn key's token after " + gatewayMs + " ms");
            assertTrue(serviceMs >= 0 && serviceMs <= 25_000, "stocktaking-service refused it after " + serviceMs + " ms");
            assertEquals(200, status(gatewayMine, platform.tokens.userToken("editor")), "tokens signed with the realm's own key still work");
        } finally {
            if (!removed) {
                given().auth().oauth2(admin).delete(keycloak + "/admin/realms/wsis/components/" + componentId);
            }
        }
    }

    /** The kid in a token's header (nothing verified). */
    private static String keyIdOf(String token) throws IOException {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        return Platform.JSON.readTree(header).path("kid").asText();
    }

    private static int status(String url, String token) {
        return given().auth().oauth2(token).get(url).statusCode();
    }


    private static int login(String tokenUrl, String password) {
        return given().formParams(Map.of("grant_type", "password", "client_id", "probe",
                "username", "target", "password", password)).post(tokenUrl).statusCode();
    }

    /** The brute-force settings of the generated production realm import (absent ones are left out). */
    static Map<String, String> productionBruteForceSettings() {
        String text;
        try {
            text = Files.readString(REALM_IMPORT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (String setting : SETTINGS) {
            Matcher m = Pattern.compile("\"" + setting + "\"\\s*:\\s*(true|false|\\d+)").matcher(text);
            if (m.find()) {
                found.put(setting, m.group(1));
            }
        }
        return found;
    }
}
