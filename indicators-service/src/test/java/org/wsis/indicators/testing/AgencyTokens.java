package org.wsis.indicators.testing;

import io.restassured.specification.RequestSpecification;
import org.wsis.localstack.testing.TestJwt;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Partner agencies' callers as the service really sees them: a bearer token (local-stack TestJwt, a key pair
 * generated per test run) carrying the {@code agency} claim, verified by quarkus-oidc with the test public key.
 * Replaces {@code @TestSecurity} attributes, which needed a test-only fallback in commons' CurrentUser.
 */
public final class AgencyTokens {
    public static final String PUBLISHER = "indicator-publisher";

    private AgencyTokens() {
    }

    /** A token for {@code subject} speaking for {@code agency}, with these realm roles. */
    public static String token(String subject, String agency, String... roles) {
        Map<String, Object> claims = TestJwt.claims(subject, "indicators-agency-client", TestJwt.AUDIENCE,
                Instant.now().plusSeconds(3600), roles);
        claims.put("agency", agency);
        return TestJwt.trusted().sign(claims);
    }

    /** A request from {@code subject} of {@code agency} with these roles. */
    public static RequestSpecification as(String subject, String agency, String... roles) {
        return given().auth().oauth2(token(subject, agency, roles));
    }

    /** ITU's publishing client, the caller most tests need. */
    public static RequestSpecification asItu() {
        return as("svc-itu", "ITU", PUBLISHER);
    }
}
