package org.wsis.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.vertx.core.json.JsonObject;

/**
 * Signs RS256 JWTs with the test key pair in src/test/resources/edge-test-keys (the gateway's test
 * profile trusts public.pem through quarkus.oidc.public-key); other-private.pem is a stranger's key.
 */
final class TestTokens {

    private TestTokens() {
    }

    /** A valid token for {@code subject} from client {@code azp}, audience wsis-api, 5 minutes left. */
    static String valid(String subject, String azp) {
        return sign(claims(subject, azp, "wsis-api", Instant.now().plusSeconds(300)), "private.pem");
    }

    static String expired(String subject) {
        return sign(claims(subject, "wsis-frontend", "wsis-api", Instant.now().minusSeconds(600)), "private.pem");
    }

    static String wrongAudience(String subject) {
        return sign(claims(subject, "wsis-frontend", "another-api", Instant.now().plusSeconds(300)), "private.pem");
    }

    static String wrongSignature(String subject) {
        return sign(claims(subject, "wsis-frontend", "wsis-api", Instant.now().plusSeconds(300)), "other-private.pem");
    }

    private static JsonObject claims(String subject, String azp, String audience, Instant expiry) {
        long now = Instant.now().getEpochSecond();
        return new JsonObject()
                .put("iss", "https://test-issuer/realms/wsis")
                .put("sub", subject)
                .put("azp", azp)
                .put("aud", audience)
                .put("iat", Math.min(now, expiry.getEpochSecond() - 60))
                .put("exp", expiry.getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
    }

    private static String sign(JsonObject claims, String keyFile) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey(keyFile));
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey privateKey(String file) throws Exception {
        try (InputStream in = TestTokens.class.getResourceAsStream("/edge-test-keys/" + file)) {
            if (in == null) {
                throw new IOException("missing test key " + file);
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        }
    }
}
