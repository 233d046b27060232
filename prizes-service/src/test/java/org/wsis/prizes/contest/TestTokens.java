package org.wsis.prizes.contest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.wsis.localstack.testing.TestJwt;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
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
