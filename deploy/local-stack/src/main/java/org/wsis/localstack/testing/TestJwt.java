package org.wsis.localstack.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signs RS256 JWTs shaped like the {@code wsis} realm's access tokens, for tests that need many
 * callers without a Keycloak: the service (or gateway) under test trusts the matching public key
 * through {@code quarkus.oidc.public-key}, and verifies signature, expiry and audience exactly as it
 * does for the realm's tokens.
 */
public final class TestJwt {
    public static final String AUDIENCE = "wsis-api";
    public static final String ISSUER = "https://test.wsis.local/realms/wsis";

    private final PrivateKey key;

    public TestJwt(PrivateKey key) {
        this.key = key;
    }

    /** A signer with the PKCS#8 PEM private key at {@code resource} on the classpath of {@code anchor}. */
    public static TestJwt fromPemResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test signing key " + resource + " not on the classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return new TestJwt(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("test signing key " + resource + " unreadable", e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for {@code subject} from OAuth client {@code azp} with these realm roles, valid for an hour. */
    public String token(String subject, String azp, String... roles) {
        return sign(claims(subject, azp, AUDIENCE, Instant.now().plusSeconds(3600), roles));
    }

    /** The claims of a realm access token; change them (audience, expiry) to build invalid ones. */
    public static Map<String, Object> claims(String subject, String azp, String audience, Instant expiry, String... roles) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        if (azp != null) {
            claims.put("azp", azp);
        }
        claims.put("aud", audience);
        claims.put("iat", Math.min(now, expiry.getEpochSecond() - 60));
        claims.put("exp", expiry.getEpochSecond());
        claims.put("realm_access", Map.of("roles", List.of(roles)));
        claims.put("groups", List.of(roles));
        return claims;
    }

    /** The signed compact JWT of these claims (values: strings, numbers, lists and maps of them). */
    public String sign(Map<String, Object> claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(json(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(e.getKey().toString()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(TestJwt::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
