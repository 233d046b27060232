package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The merged platform document, and the Swagger UI page a front-end developer opens, rendered by a
 * real headless Chromium (Debian package; .ci/run installs it). No Chromium is a failure, not a skip.
 */
@QuarkusTest
@WithTestResource(ServiceDocsStub.class)
class PlatformApiDocsTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("wsis.chromium", "/usr/bin/chromium"));

    @Test
    void mergedDocumentHasEveryServiceUnderItsGatewayPrefix() {
        var json = given().get("/api/openapi.json").then().statusCode(200)
                .contentType("application/json")
                .body("openapi", equalTo("3.0.3"))
                .body("info.title", equalTo("WSIS platform API"))
                .body("paths.'/api/stocktaking/v1/entries'.get.summary", equalTo("Search stocktaking entries"))
                // "list" is every stub service's id: shared ids get the service, unique ones stay as they are
                .body("paths.'/api/prizes/v1/editions/{year}/categories'.get.operationId", equalTo("prizesList"))
                .body("paths.'/api/forum/v1/editions/{year}/sessions'.get.tags", hasItem("Forum: Things"))
                // one shared Problem schema for the whole platform (service-commons'), service schemas kept apart
                .body("paths.'/api/indicators/v1/indicators'.get.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("components.schemas.prizes_Problem", nullValue())
                .body("components.schemas.Problem.type", equalTo("object"))
                .body("components.schemas.forum_Thing.properties.note.nullable", equalTo(true))
                .body("components.schemas.forum_Thing.properties.note.type", equalTo("string"))
                .body("components.schemas.forum_Thing.properties.owner.nullable", equalTo(true))
                .body("components.schemas.forum_Thing.properties.owner.allOf[0].'$ref'", equalTo("#/components/schemas/forum_Owner"))
                // roles needed by an operation are kept; a public operation has sign-in optional
                .body("paths.'/api/forum/v1/editions/{year}/sessions'.post.security[0].wsis", hasItem("forum-organizer"))
                .body("paths.'/api/forum/v1/editions/{year}/sessions'.post.security.size()", equalTo(1))
                .body("paths.'/api/forum/v1/editions/{year}/sessions'.get.security.size()", equalTo(2))
                .body("components.securitySchemes.wsis.flows.authorizationCode.scopes.'forum-organizer'", notNullValue())
                .body("paths.'/q/health'", nullValue())
                .body("components.securitySchemes.wsis.type", equalTo("oauth2"))
                .body("components.securitySchemes.wsis.flows.authorizationCode.authorizationUrl",
                        equalTo("http://127.0.0.1:1/realms/wsis/protocol/openid-connect/auth"))
                .body("components.securitySchemes.SecurityScheme", nullValue())
                .extract().jsonPath();
        assertEquals(4, json.getMap("paths").size(), "one path per service: " + json.getMap("paths").keySet());
    }

    @Test
    void swaggerUiIsConfiguredForThePlatformDocumentAndThePublicClient() {
        given().redirects().follow(false).get("/docs").then().statusCode(302)
                .header("Location", containsString("/q/swagger-ui"));
        given().get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("/api/openapi.json"))
                .body(containsString("wsis-frontend"));
    }

    @Test
    void swaggerUiRendersEveryServiceAndTheAuthorizeButtonInARealBrowser() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "Chromium is required for this test (apt-get install -y chromium): "
                + CHROMIUM + " not found");
        String dom = dumpDom(RestAssured.baseURI + ":" + RestAssured.port + "/q/swagger-ui/");
        for (String service : ServiceDocsStub.SUMMARIES.keySet()) {
            String gatewayPath = "/api/" + service + ServiceDocsStub.PATHS.get(service).substring("/api".length());
            assertTrue(dom.contains(ServiceDocsStub.SUMMARIES.get(service)),
                    "operation of " + service + " rendered; page was:\n" + abbreviate(dom));
            assertTrue(dom.contains(gatewayPath.replace("{", "").replace("}", "")) || dom.contains(gatewayPath),
                    "path " + gatewayPath + " rendered");
        }
        assertTrue(dom.contains("btn authorize"), "Authorize button rendered");
        assertTrue(dom.contains("WSIS platform API"), "platform document is the one shown");
    }

    /** Runs headless Chromium until the page settled, and returns the DOM it rendered. */
    private static String dumpDom(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("wsis-chromium");
        try {
            List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile,
                    // Lets the page's scripts fetch the document and render before the DOM is dumped.
                    "--virtual-time-budget=20000", "--dump-dom", url));
            Process chromium = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = chromium.getInputStream().readAllBytes();
            if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
                throw new AssertionError("Chromium did not finish within 90 s");
            }
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 3000 ? text.substring(0, 3000) + "..." : text;
    }
}
