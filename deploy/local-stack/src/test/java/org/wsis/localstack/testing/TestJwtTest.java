package org.wsis.localstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test kit's tokens: RS256 over exactly the claims given, verifiable with the key the config source serves. */
class TestJwtTest {

    @Test
    void aTrustedTokenVerifiesWithThePublicKeyTheServiceIsGiven() throws Exception {
        String token = TestJwt.trusted().token("alice", "wsis-frontend", "stocktaking-editor");
        String served = new TestTokenKeySource().getValue(TestJwt.PUBLIC_KEY_PROPERTY);
        assertEquals(TestJwt.trustedPublicKey(), served);
        assertTrue(verifies(token, served));

        JsonNode header = part(token, 0);
        assertEquals("RS256", header.get("alg").asText());
        JsonNode claims = part(token, 1);
        assertEquals("alice", claims.get("sub").asText());
        assertEquals("wsis-frontend", claims.get("azp").asText());
        assertEquals(TestJwt.AUDIENCE, claims.get("aud").asText());
        assertEquals(TestJwt.ISSUER, claims.get("iss").asText());
        assertEquals("stocktaking-editor", claims.get("realm_access").get("roles").get(0).asText());
        assertTrue(claims.get("exp").asLong() > Instant.now().getEpochSecond());
    }

    @Test
    void theClaimsAreSignedAsGivenEvenExpiredOnes() throws Exception {
        Map<String, Object> claims = TestJwt.claims("bob", "wsis-frontend", "another-api", Instant.now().minusSeconds(600));
        claims.put("email_verified", true);
        claims.put("account_created_at", 1577836800000L);
        JsonNode signed = part(TestJwt.trusted().sign(claims), 1);
        assertEquals("another-api", signed.get("aud").asText());
        assertTrue(signed.get("exp").asLong() < Instant.now().getEpochSecond(), "an expired token stays expired");
        assertTrue(signed.get("email_verified").asBoolean());
        assertEquals(1577836800000L, signed.get("account_created_at").asLong());
    }

    @Test
    void aStrangersTokenDoesNotVerifyWithTheTrustedKey() throws Exception {
        String token = TestJwt.stranger().token("mallory", "wsis-frontend");
        assertFalse(verifies(token, TestJwt.trustedPublicKey()));
    }

    private static boolean verifies(String token, String publicKeyBase64) throws Exception {
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
        int lastDot = token.lastIndexOf('.');
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    private static JsonNode part(String token, int index) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }
}
