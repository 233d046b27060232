package org.wsis.reliability;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.PlatformService;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8: the OWASP API Security Top 10 (2023) as tests against the whole platform through the
 * gateway, with real Keycloak tokens. Each test names the risk it covers.
 */
class OwaspApiTop10Test extends PlatformSuite {
    private static String editor2;

    @BeforeAll
    static void start() {
        useSharedPlatform();
        editor2 = platform.tokens.userToken("editor2");
    }

    /** API1 Broken Object Level Authorization: another user's draft can be neither changed nor moderated by its non-owner. */
    @Test
    void api1AnotherUsersObjectIsOutOfReach() {
        String id = platform.createEntry(editor, "BOLA target " + UUID.randomUUID(), null);
        platform.as(editor2).post("/api/stocktaking/v1/entries/" + id + "/submit")
                .then().statusCode(anyOf(equalTo(403), equalTo(404))).contentType("application/problem+json");
        platform.as(editor).get("/api/stocktaking/v1/entries/" + id).then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    /** API2 Broken Authentication: unsigned, expired or foreign-audience tokens never get in. */
    @Test
    void api2TokensThatAreNotTheRealmsAreRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String claims = b64.encodeToString(("{\"iss\":\"" + platform.stack.keycloak().realmUrl()
                + "\",\"aud\":\"wsis-api\",\"sub\":\"intruder\",\"exp\":" + (now + 600)
                + ",\"realm_access\":{\"roles\":[\"platform-admin\",\"stocktaking-moderator\"]}}").getBytes(StandardCharsets.UTF_8));
        String unsigned = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + claims + ".";
        // a real token with its signature cut off and replaced
        String[] real = editor.split("\\.");
        String tampered = real[0] + "." + claims + "." + real[2];
        for (String token : new String[]{unsigned, tampered, "Bearer", "x".repeat(5000)}) {
            platform.as(token).contentType(ContentType.JSON).body(Platform.entryJson("Should not exist"))
                    .post("/api/stocktaking/v1/entries")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        assertEquals(0, platform.count(PlatformService.STOCKTAKING, "SELECT count(*) FROM entry WHERE title = 'Should not exist'"));
    }

    /** API3 Broken Object Property Level Authorization: mass assignment of owner or status is refused. */
    @Test
    void api3ProtectedFieldsCannotBeAssigned() {
        String title = "Mass assignment " + UUID.randomUUID();
        for (String extra : new String[]{"\"status\": \"PUBLISHED\"", "\"ownerId\": \"someone-else\"", "\"id\": \"" + UUID.randomUUID() + "\""}) {
            platform.as(editor).contentType(ContentType.JSON)
                    .body(Platform.entryJson(title).replaceFirst("\\{", "{" + extra + ", "))
                    .post("/api/stocktaking/v1/entries")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        assertEquals(0, platform.count(PlatformService.STOCKTAKING, "SELECT count(*) FROM entry WHERE title = '" + title + "'"));
    }

    /** API4 Unrestricted Resource Consumption: page sizes and bodies are bounded. */
    @Test
    void api4PageSizeAndBodySizeAreBounded() {
        platform.as(editor).queryParam("size", 100_000).get("/api/stocktaking/v1/entries")
                .then().statusCode(400).contentType("application/problem+json");
        // The gateway answers a declared oversize body before reading it (and closes the connection),
        // so the request is sent by hand: headers only, then the answer is read.
        String answer = rawRequest("POST /api/stocktaking/v1/entries HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + editor + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (12 * 1024 * 1024) + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
    }

    private static String rawRequest(String head) {
        java.net.URI gateway = java.net.URI.create(platform.stack.gateway().url());
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] buffer = new byte[8192];
            int read = socket.getInputStream().read(buffer);
            return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new AssertionError("the gateway did not answer the oversize request", e);
        }
    }

    /** API5 Broken Function Level Authorization: moderation is for moderators only. */
    @Test
    void api5AdministrativeFunctionsNeedTheirRole() {
        String id = platform.createEntry(editor, "BFLA " + UUID.randomUUID(), null);
        platform.as(editor).post("/api/stocktaking/v1/entries/" + id + "/submit").then().statusCode(200);
        platform.as(editor).post("/api/stocktaking/v1/entries/" + id + "/publish")
                .then().statusCode(403).contentType("application/problem+json");
        platform.as(platform.tokens.userToken("visitor")).contentType(ContentType.JSON).body(Platform.entryJson("No role"))
                .post("/api/stocktaking/v1/entries").then().statusCode(403).contentType("application/problem+json");
        platform.as(moderator).post("/api/stocktaking/v1/entries/" + id + "/publish").then().statusCode(200);
    }

    /** API8 Security Misconfiguration: no stack traces, no dev endpoints, safe headers, no TRACE. */
    @Test
    void api8NoLeaksNoDevEndpointsSafeHeaders() {
        Response broken = platform.as(editor).contentType(ContentType.JSON).body("{\"title\": [[[").post("/api/stocktaking/v1/entries");
        assertEquals(400, broken.statusCode());
        assertFalse(broken.asString().contains("Exception") || broken.asString().contains("\tat "), broken.asString());
        platform.gateway().get("/q/dev-ui").then().statusCode(anyOf(equalTo(404), equalTo(401), equalTo(403)));
        platform.gateway().request("TRACE", "/api/stocktaking/v1/entries").then().statusCode(anyOf(equalTo(405), equalTo(404), equalTo(400)));
        platform.gateway().get("/api/stocktaking/v1/reference/action-lines")
                .then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .header("Server", nullValue());
        platform.gateway().header("Origin", "https://evil.example").get("/api/stocktaking/v1/reference/action-lines")
                .then().header("Access-Control-Allow-Origin", not(anyOf(equalTo("*"), equalTo("https://evil.example"))));
    }

    /**
     * API8, default credentials: the services carry no database password of their own (only the
     * local stack and the tests pass one), and the cluster manifests take every secret from a Secret.
     */
    @Test
    void api8NoDefaultCredentialsOutsideLocalRuns() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(repo.resolve("service-commons/src/main/resources"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    assertFalse(line.matches("^quarkus\\.datasource\\.password=.*"),
                            file + " sets a database password for every profile: " + line);
                }
            }
        }
        for (String module : new String[]{"stocktaking-service", "prizes-service", "forum-service", "indicators-service", "gateway"}) {
            Path properties = repo.resolve(module).resolve("src/main/resources/application.properties");
            for (String line : Files.readAllLines(properties)) {
                assertFalse(line.matches("^(quarkus\\.datasource\\.password|quarkus\\.oidc\\.credentials\\.secret)=.*"),
                        properties + " sets a credential for every profile: " + line);
            }
        }
    }
}
