package org.wsis.prizes.contest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.wsis.localstack.testing.TestJwt;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * Real signed JWTs for tests that need several callers in one flow (owner, admin, reviewer,
 * voters). The service verifies them with quarkus.oidc.public-key instead of a Keycloak realm:
 * the same mechanism the vote benchmark uses for its 200,000 voters.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {
    // Kept in system properties: the resource and the test class may live in different class loaders.
    private static final String PRIVATE_KEY = "wsis.test.jwt.private-key";
    private static final String PUBLIC_KEY = "wsis.test.jwt.public-key";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.public-key", keys().getProperty(PUBLIC_KEY),
                "quarkus.oidc.auth-server-url", "",
                "quarkus.oidc.discovery-enabled", "false");
    }

    @Override
    public void stop() {
    }

    /** A bearer token for the subject, signed RS256, with realm roles and the azp client claim. */
    public static String token(String subject, String client, String... roles) {
        try {
            byte[] privateKey = Base64.getDecoder().decode(keys().getProperty(PRIVATE_KEY));
            return new TestJwt(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
                    .token(subject, client, roles);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
        return signer().sign(claims);
    }

    private static TestJwt signer() {
        try {
            byte[] privateKey = Base64.getDecoder().decode(keys().getProperty(PRIVATE_KEY));
            return new TestJwt(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Properties keys() {
        Properties system = System.getProperties();
        if (system.getProperty(PRIVATE_KEY) != null) {
            return system;
        }
        KeyPair pair = TestJwt.newKeyPair();
        system.setProperty(PUBLIC_KEY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        system.setProperty(PRIVATE_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        return system;
    }
}
