package org.wsis.localstack.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The one way tests mint bearer tokens without a Keycloak: RS256 JWTs shaped like the {@code wsis}
 * realm's access tokens, signed by SmallRye JWT build with a key pair generated when the test JVM
 * first needs it (no key is committed). The service (or gateway) under test trusts its public key
 * through {@code %test.quarkus.oidc.public-key=${wsis.test.token-public-key}} ({@link TestTokenKeySource}
 * serves that property) and verifies signature, expiry and audience exactly as for the realm's tokens.
 * Tests that need Keycloak's own tokens use {@link RealmTokens}.
 */
public final class TestJwt {
    public static final String AUDIENCE = "wsis-api";
    public static final String ISSUER = "https://test.wsis.local/realms/wsis";
    /** The trusted public key (X.509, base64), as {@code quarkus.oidc.public-key} takes it. */
    public static final String PUBLIC_KEY_PROPERTY = "wsis.test.token-public-key";
    private static final String PRIVATE_KEY_PROPERTY = "wsis.test.token-private-key";
    private static TestJwt stranger;

    private final PrivateKey key;

    private TestJwt(PrivateKey key) {
        this.key = key;
    }

    /** Signs with the key the service under test trusts. */
    public static TestJwt trusted() {
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(trustedKeys().getProperty(PRIVATE_KEY_PROPERTY));
            return new TestJwt(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the test signing key is unreadable", e);
        }
    }

    /** Signs with a key nobody trusts: well-formed tokens whose signature must be refused. */
    public static synchronized TestJwt stranger() {
        if (stranger == null) {
            stranger = new TestJwt(newKeyPair().getPrivate());
        }
        return stranger;
    }

    /** The public key of {@link #trusted()}, for {@code quarkus.oidc.public-key}. */
    public static String trustedPublicKey() {
        return trustedKeys().getProperty(PUBLIC_KEY_PROPERTY);
    }

    /** A token for {@code subject} from OAuth client {@code azp} with these realm roles, valid for an hour. */
    public String token(String subject, String azp, String... roles) {
        return sign(claims(subject, azp, AUDIENCE, Instant.now().plusSeconds(3600), roles));
    }

    /** The claims of a realm access token; change them (audience, expiry, extra claims) to build other ones. */
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

    /** The signed compact JWT of exactly these claims (strings, numbers, booleans, lists and maps of them). */
    public String sign(Map<String, Object> claims) {
        return Jwt.claims(claims).jws().algorithm(SignatureAlgorithm.RS256).sign(key);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // In system properties, not a static field: Quarkus reads the public key in its own class loader,
    // which has its own copy of this class; the JVM's properties are the one place both see.
    private static Properties trustedKeys() {
        Properties system = System.getProperties();
        synchronized (system) {
            if (system.getProperty(PRIVATE_KEY_PROPERTY) == null) {
                KeyPair pair = newKeyPair();
                system.setProperty(PUBLIC_KEY_PROPERTY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
                system.setProperty(PRIVATE_KEY_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            }
        }
        return system;
    }
}
