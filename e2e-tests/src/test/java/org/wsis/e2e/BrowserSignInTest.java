package org.wsis.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A front-end developer's first contact, in a real browser (headless Chromium): a single-page app on a
 * localhost dev origin signs in through Keycloak with the authorization code flow and PKCE as a test
 * user, calls protected endpoints through the gateway with the token and reads X-Total-Count and Link
 * (exposed by the gateway's CORS); then Swagger UI at /docs does the same with "Authorize" and
 * "Try it out". Each step fails in a browser, not in curl, when a CORS grant or a redirect URI is missing.
 * <p>
 * Origins: the platform runs on random ports here, so neither the page's origin nor the gateway's (Swagger
 * UI's) is among the dev origins of the realm file. The test registers both with the client wsis-frontend
 * through Keycloak's admin REST API, exactly as a deployment registers its own front-end's origin (see
 * deploy/keycloak/README.md), rather than binding a well-known dev port that may be taken. The gateway's
 * CORS list gets the page's origin as configuration ({@link SharedPlatform#frontEndOrigin()}).
 */
@Tag("integration")
class BrowserSignInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofSeconds(30);

    private static String frontEndOrigin;
    private static String gatewayUrl;
    private static String realmUrl;
    private static HttpServer frontEnd;

    private WebDriver browser;
    private Path profile;

    @BeforeAll
    static void registerFrontEndsAndServeThePage() throws IOException {
        SharedPlatform.stack();
        frontEndOrigin = SharedPlatform.frontEndOrigin();
        gatewayUrl = SharedPlatform.stack().gateway().url();
        realmUrl = SharedPlatform.stack().keycloak().realmUrl();
        registerWithFrontEndClient(SharedPlatform.stack().keycloak().url(), Set.of(frontEndOrigin, gatewayUrl));

        // The page is served on 127.0.0.1 but opened as http://localhost:PORT, a dev server's usual origin.
        frontEnd = HttpServer.create(new InetSocketAddress("127.0.0.1", URI.create(frontEndOrigin).getPort()), 0);
        String page = resource("browser-sign-in/spa.html")
                .replace("@REALM_URL@", realmUrl).replace("@GATEWAY_URL@", gatewayUrl);
        frontEnd.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        frontEnd.start();
    }

    @AfterAll
    static void stopThePage() {
        if (frontEnd != null) {
            frontEnd.stop(0);
        }
    }

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("wsis-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @Test
    void singlePageAppSignsInWithPkceAndReadsAListsHeadersThroughTheGateway() throws IOException {
        try {
            singlePageAppFlow();
        } catch (RuntimeException | AssertionError e) {
            keepEvidence("spa");
            throw e;
        }
    }

    private void singlePageAppFlow() throws IOException {
        browser.get(frontEndOrigin + "/spa.html");
        // The page sends the browser to Keycloak's login form...
        signInAtKeycloak("editor");
        // ...and, back with a code, exchanges it (a cross-origin POST to Keycloak), creates an entry and
        // lists the caller's own entries through the gateway (cross-origin calls with a bearer token).
        WebElement result = new WebDriverWait(browser, STEP)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#result[data-done]")));
        JsonNode outcome = JSON.readTree(result.getText());
        assertEquals("", outcome.path("error").asText(""), "the page reported: " + outcome);
        assertEquals(201, outcome.path("createStatus").asInt(), outcome.toString());
        assertEquals(200, outcome.path("listStatus").asInt(), outcome.toString());
        long total = Long.parseLong(outcome.path("totalCount").asText("-1"));
        assertTrue(total >= 1, "X-Total-Count readable by the page and counting its entry: " + outcome);
        String link = outcome.path("link").asText("");
        assertTrue(link.contains("rel=\"first\"") && link.contains("rel=\"last\""), "Link readable by the page: " + link);
        assertTrue(link.contains("<" + gatewayUrl + "/api/stocktaking/v1/entries/mine?"),
                "Link points at the gateway, as the page called it: " + link);
        String location = outcome.path("location").asText("");
        assertTrue(location.startsWith(gatewayUrl + "/api/stocktaking/v1/entries/"),
                "Location readable by the page, at the gateway: " + location);

        // The entry is the signed-in user's: the token the browser got is editor's.
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().baseUri(gatewayUrl).auth().oauth2(SharedPlatform.tokens().userToken("editor"))
                .get("/api/stocktaking/v1/entries/" + id)
                .then().statusCode(200).contentType(ContentType.JSON);
    }

    /**
     * The platform document in Swagger UI as a browser renders it: every service's operations under its gateway
     * prefix, and the Authorize button (this check lived in the gateway module over stubbed services: issue 19).
     */
    @Test
    void swaggerUiRendersEveryServicesOperationsAndTheAuthorizeButton() throws IOException {
        try {
            awaitEveryServiceInTheMergedDocument();
            browser.get(gatewayUrl + "/docs");
            WebDriverWait wait = new WebDriverWait(browser, STEP);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.btn.authorize")));
            for (String service : List.of("stocktaking", "prizes", "forum", "indicators")) {
                wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(".opblock-summary-path[data-path^='/api/" + service + "/v1/']")));
            }
            assertTrue(browser.getPageSource().contains("WSIS platform API"), "the platform document is the one shown");
        } catch (RuntimeException | AssertionError e) {
            keepEvidence("swagger-ui-render");
            throw e;
        }
    }

    /** The gateway merges the services' documents with a short timeout and keeps an incomplete one only 5 s. */
    private void awaitEveryServiceInTheMergedDocument() {
        org.awaitility.Awaitility.await("every service's operations in the gateway's merged document")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> given().baseUri(gatewayUrl).get("/api/openapi.json").asString()
                        .contains("\"/api/stocktaking/v1/entries/mine\""));
    }

    @Test
    void swaggerUiAuthorizesWithPkceAndTriesAProtectedOperation() throws IOException {
        try {
            swaggerUiFlow();
        } catch (RuntimeException | AssertionError e) {
            keepEvidence("swagger-ui");
            throw e;
        }
    }

    /** What the browser showed when a step failed: target/browser-sign-in/NAME.html and .png. */
    private void keepEvidence(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "browser-sign-in"));
        for (String handle : browser.getWindowHandles()) {
            browser.switchTo().window(handle);
            String file = name + "-" + Math.abs(handle.hashCode());
            Files.writeString(dir.resolve(file + ".html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
            Files.write(dir.resolve(file + ".png"),
                    ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        }
    }

    private void swaggerUiFlow() {
        // The gateway merges the services' documents with a short timeout and keeps an incomplete one only
        // 5 s: on a busy machine, wait until the operation is listed before opening Swagger UI.
        awaitEveryServiceInTheMergedDocument();
        browser.get(gatewayUrl + "/docs");
        WebDriverWait wait = new WebDriverWait(browser, STEP);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.btn.authorize"))).click();
        // The dialog offers the realm's authorization code flow, client wsis-frontend filled in.
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".auth-container")));
        // (Swagger UI names the field client_id_<flow>; the value comes from quarkus.swagger-ui.oauth-client-id.)
        WebElement clientId = dialog.findElement(By.cssSelector("input[id^='client_id']"));
        assertEquals("wsis-frontend", clientId.getAttribute("value"));
        // Only "openid" is a scope to request (preselected by quarkus.swagger-ui.oauth-scopes); the realm roles
        // listed beside it are granted by the realm, and Keycloak refuses them as scopes (invalid_scope: the
        // popup would come straight back and close without a login form).
        for (WebElement scope : dialog.findElements(By.cssSelector(".scopes input[type=checkbox]"))) {
            if (scope.isSelected() != "openid".equals(scope.getAttribute("data-value"))) {
                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click()", scope);
            }
        }
        String docs = browser.getWindowHandle();
        dialog.findElement(By.cssSelector("button.btn.modal-btn.auth.authorize")).click();

        // Swagger UI opens Keycloak's login in a popup, which returns to /q/swagger-ui/oauth2-redirect.html.
        wait.until(driver -> driver.getWindowHandles().size() > 1);
        String popup = browser.getWindowHandles().stream().filter(handle -> !handle.equals(docs)).findFirst().orElseThrow();
        browser.switchTo().window(popup);
        signInAtKeycloak("editor");
        wait.until(driver -> driver.getWindowHandles().size() == 1);
        browser.switchTo().window(docs);

        // Signed in: the dialog now offers to log out; the token exchange (cross-origin) succeeded.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'auth-container')]//button[normalize-space()='Logout']")));
        browser.findElement(By.cssSelector("button.btn-done, .modal-ux-header button.close-modal")).click();

        String path = "/api/stocktaking/v1/entries/mine";
        WebElement operation = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[contains(@class,'opblock-get')][.//*[contains(@class,'opblock-summary-path') and @data-path='"
                        + path + "']]")));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", operation);
        operation.findElement(By.cssSelector(".opblock-summary-control, .opblock-summary")).click();
        wait.until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector("button.try-out__btn"))))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector("button.execute"))))
                .click();
        WebElement status = wait.until(driver -> operation.findElements(By.cssSelector(
                ".live-responses-table .response .response-col_status")).stream().findFirst().orElse(null));
        assertEquals("200", status.getText().trim(), "Try it out on a protected operation, signed in");
        String curl = operation.findElement(By.cssSelector(".curl-command, .curl")).getText();
        assertTrue(curl.contains("Authorization: Bearer "), "the request carried the token: " + curl);
    }

    /**
     * Issue 21: Keycloak's login page in the six UN languages (the realm's supported locales): picked from the
     * browser's language (Accept-Language) on a first visit, and by the front-end's {@code ui_locales}, with
     * Arabic right to left. The labels are Keycloak's own translations, which the realm turns on.
     */
    @Test
    void loginPageSpeaksTheSixUnLanguages() throws IOException {
        try {
            loginPageInEachLanguage();
        } catch (RuntimeException | AssertionError e) {
            keepEvidence("languages");
            throw e;
        }
    }

    private void loginPageInEachLanguage() {
        // wsis-frontend requires PKCE: any well-formed challenge opens the form (no code is exchanged here)
        String login = realmUrl + "/protocol/openid-connect/auth?client_id=wsis-frontend&response_type=code&scope=openid"
                + "&code_challenge=" + "x".repeat(43) + "&code_challenge_method=S256"
                + "&redirect_uri=" + URLEncoder.encode(frontEndOrigin + "/spa.html", StandardCharsets.UTF_8);
        // first, a browser set to Russian, before any choice is remembered in Keycloak's locale cookie
        ((ChromeDriver) browser).executeCdpCommand("Network.enable", Map.of());
        ((ChromeDriver) browser).executeCdpCommand("Network.setUserAgentOverride",
                Map.of("userAgent", "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome", "acceptLanguage", "ru-RU,ru;q=0.9"));
        browser.get(login);
        assertLoginPageIn("ru", "Вход", "ltr");
        Map<String, String> signIn = new LinkedHashMap<>();
        signIn.put("en", "Sign In");
        signIn.put("fr", "Connexion");
        signIn.put("es", "Iniciar sesión");
        signIn.put("ar", "تسجيل دخول");
        signIn.put("ru", "Вход");
        signIn.put("zh-Hans", "登录");
        signIn.forEach((locale, label) -> {
            browser.get(login + "&ui_locales=" + locale);
            assertLoginPageIn(locale, label, "ar".equals(locale) ? "rtl" : "ltr");
        });
    }

    private void assertLoginPageIn(String locale, String signInLabel, String direction) {
        WebElement button = new WebDriverWait(browser, STEP)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-login")));
        WebElement html = browser.findElement(By.tagName("html"));
        String label = button.getText().isBlank() ? button.getDomProperty("value") : button.getText();
        assertEquals(signInLabel, label.strip(), "the sign-in button in " + locale);
        assertEquals(locale, html.getDomAttribute("lang"), "the page's language");
        assertEquals(direction, html.getDomAttribute("dir"), "the page's direction in " + locale);
    }

    /** Keycloak's own login form, as the user fills it in. */
    private void signInAtKeycloak(String user) {
        WebDriverWait wait = new WebDriverWait(browser, STEP);
        WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertTrue(browser.getCurrentUrl().startsWith(realmUrl), "Keycloak's login page: " + browser.getCurrentUrl());
        username.sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("kc-login")).click();
    }

    /**
     * Adds each origin's redirect URIs and web origin to wsis-frontend, as a deployment does for its own
     * front-end (Keycloak grants CORS on its token endpoint only to listed web origins).
     */
    private static void registerWithFrontEndClient(String keycloakUrl, Set<String> origins) throws IOException {
        String admin = given().baseUri(keycloakUrl).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post("/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        String clients = keycloakUrl + "/admin/realms/wsis/clients";
        String id = given().auth().oauth2(admin).queryParam("clientId", "wsis-frontend").get(clients)
                .then().statusCode(200).extract().path("[0].id");
        ObjectNode client = (ObjectNode) JSON.readTree(given().auth().oauth2(admin).get(clients + "/" + id)
                .then().statusCode(200).extract().asString());
        ArrayNode redirects = (ArrayNode) client.withArray("redirectUris");
        ArrayNode webOrigins = (ArrayNode) client.withArray("webOrigins");
        for (String origin : origins) {
            redirects.add(origin + "/*");
            webOrigins.add(origin);
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(JSON.writeValueAsString(client))
                .put(clients + "/" + id).then().statusCode(204);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BrowserSignInTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
