package org.wsis.prizes.contest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

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
        long now = Instant.now().getEpochSecond();
        String rolesJson = List.of(roles).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = ("{\"iss\":\"wsis-test\",\"aud\":\"wsis-api\",\"sub\":\"%s\",\"azp\":\"%s\",\"iat\":%d,"
                + "\"exp\":%d,\"realm_access\":{\"roles\":[%s]}}").formatted(subject, client, now, now + 3600, rolesJson);
        String signingInput = base64Url(header) + "." + base64Url(payload);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            byte[] privateKey = Base64.getDecoder().decode(keys().getProperty(PRIVATE_KEY));
            rsa.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized Properties keys() {
        Properties system = System.getProperties();
        if (system.getProperty(PRIVATE_KEY) != null) {
            return system;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            system.setProperty(PUBLIC_KEY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            system.setProperty(PRIVATE_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            return system;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
