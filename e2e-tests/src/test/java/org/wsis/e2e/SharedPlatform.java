package org.wsis.e2e;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.wsis.localstack.PlatformService;
import org.wsis.localstack.PlatformStack;
import org.wsis.localstack.Ports;
import org.wsis.localstack.testing.RealmTokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * One whole platform (PostgreSQL, Kafka, Keycloak, the four services, the gateway) shared by every
 * end-to-end test class in this JVM: started on first use, stopped by the stack's shutdown hook when
 * Surefire's JVM exits. Booting the platform costs about a minute, so classes share it rather than
 * each starting their own; a test that must stop or restart the platform starts its own stack.
 * Tests therefore create their own data (unique titles, ids) and never assume an empty database.
 */
final class SharedPlatform {
    private static PlatformStack stack;
    private static RealmTokens tokens;
    private static String frontEndOrigin;

    private SharedPlatform() {
    }

    static synchronized PlatformStack stack() {
        if (stack == null) {
            Path workDir = Path.of("target", "e2e-stack").toAbsolutePath();
            // The browser tests' front-end gets a free port, not a dev server's (3000, 5173: maybe taken):
            // the gateway is configured with its origin as a deployment configures its own front-end's.
            frontEndOrigin = "http://localhost:" + Ports.freePort();
            stack = PlatformStack.start(new PlatformStack.Options(workDir, null, false, true,
                    EnumSet.allOf(PlatformService.class), true,
                    Map.of("quarkus.http.cors.origins", frontEndOrigin,
                            // a session's sign-up pace (issue 17) is OwaspApiTop10Test's subject, not these tests':
                            // small sessions fill in 3 s, not a minute (the demo loader's waitlist waited ~80 s)
                            "forum.signup.session-rate.fill-seconds", "3")));
            tokens = new RealmTokens(stack.keycloak().realmUrl());
        }
        return stack;
    }

    /**
     * The origin a browser test serves its front-end page from: the gateway's CORS allows it (and only it,
     * besides the gateway's own); the realm's wsis-frontend does not know it until the test registers it.
     */
    static String frontEndOrigin() {
        stack();
        return frontEndOrigin;
    }

    /** Real tokens of the realm's test users and agency clients. */
    static RealmTokens tokens() {
        stack();
        return tokens;
    }

    /**
     * A request to the gateway, the platform's one public entry. Its response is validated against the merged
     * OpenAPI document ({@link ContractValidation}): a response the contract does not describe fails the test.
     */
    static RequestSpecification gateway() {
        return given().baseUri(stack().gateway().url()).filter(contract());
    }

    /** The validator of every response received through {@link #gateway()}, with what it saw. */
    static ContractValidation contract() {
        return ContractValidation.forGateway(stack().gateway().url());
    }

    /** A request to the gateway as the bearer of this token. */
    static RequestSpecification as(String token) {
        return gateway().auth().oauth2(token);
    }

    /**
     * Sends again, as told by Retry-After, while the gateway's per-address pace answers 429: test classes share
     * one address, and what a test checks is the service's answer, not the pace.
     */
    static Response retryOn429(Supplier<Response> request) {
        Response response = request.get();
        for (int attempt = 0; attempt < 10 && response.statusCode() == 429; attempt++) {
            String retryAfter = response.header("Retry-After");
            long seconds = retryAfter == null ? 1 : Math.max(1, Long.parseLong(retryAfter.strip()));
            await().pollDelay(Duration.ofSeconds(seconds)).atMost(Duration.ofSeconds(seconds + 1)).until(() -> true);
            response = request.get();
        }
        return response;
    }
}
