package org.wsis.prizes.contest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.wsis.localstack.testing.TestJwt;

import java.time.Instant;
import java.util.Map;

/**
 * Real signed JWTs for tests that need several callers in one flow (owner, admin, reviewer,
 * voters), from the test kit (local-stack TestJwt, a key pair generated per test run). The service
 * verifies them with %test.quarkus.oidc.public-key instead of a Keycloak realm: the same mechanism
 * the vote benchmark uses for its 200,000 voters.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    /**
     * Nothing to start: application.properties trusts the kit's key in the test profile. Still a test
     * resource so that test classes naming it in {@code @QuarkusTestResource} keep compiling.
     */
    @Override
    public Map<String, String> start() {
        return Map.of();
    }

    @Override
    public void stop() {
    }

    /** A bearer token for the subject, signed RS256, with realm roles and the azp client claim. */
    public static String token(String subject, String client, String... roles) {
        return TestJwt.trusted().token(subject, client, roles);
    }

    /** Accounts of test voters were created long before any test edition's voting opened. */
    public static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    /** A real prize voter: role prize-voter, verified e-mail, an account created long ago. */
    public static String voter(String subject) {
        return voter(subject, "wsis-frontend", LONG_AGO, true);
    }

    public static String voter(String subject, String client) {
        return voter(subject, client, LONG_AGO, true);
    }

    /** A voter token with the account facts a test needs (created null: no such claim). */
    public static String voter(String subject, String client, Instant created, boolean emailVerified, String... extraClaims) {
        Map<String, Object> claims = TestJwt.claims(subject, client, TestJwt.AUDIENCE, Instant.now().plusSeconds(3600), "prize-voter");
        claims.put("email_verified", emailVerified);
        claims.put("email", subject + "@example.org");
        if (created != null) {
            claims.put("account_created_at", created.toEpochMilli());
        }
        for (int i = 0; i + 1 < extraClaims.length; i += 2) {
            claims.put(extraClaims[i], extraClaims[i + 1]);
        }
        return TestJwt.trusted().sign(claims);
    }
}
