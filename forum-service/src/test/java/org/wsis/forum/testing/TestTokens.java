package org.wsis.forum.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Signs RS256 bearer tokens like Keycloak's (sub, iss, aud wsis-api, exp, realm_access.roles) with
 * a test-only key; the service verifies them with the matching public key (%test.quarkus.oidc.public-key).
 * Lets tests act as many distinct participants at once, which @TestSecurity cannot.
 */
public final class TestTokens {
    private static final PrivateKey KEY = loadKey();

    private TestTokens() {
    }

    public static String token(String subject, String... roles) {
        long now = Instant.now().getEpochSecond();
        String roleList = Arrays.stream(roles).map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"sub\":\"" + subject + "\",\"iss\":\"https://test.wsis.local/realms/wsis\",\"aud\":\"wsis-api\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"groups\":[" + roleList + "],"
                + "\"realm_access\":{\"roles\":[" + roleList + "]}}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(KEY);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String organizer(String subject) {
        return token(subject, "forum-organizer");
    }

    public static String participant(String subject) {
        return token(subject, "forum-participant");
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey loadKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/test-token-signing-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("test signing key unreadable", e);
        }
    }
}
