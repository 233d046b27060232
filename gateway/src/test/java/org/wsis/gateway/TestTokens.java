package org.wsis.gateway;

import java.time.Instant;

import org.wsis.localstack.testing.TestJwt;

/**
 * Signs RS256 JWTs with the test key pair in src/test/resources/edge-test-keys (the gateway's test
 * profile trusts public.pem through quarkus.oidc.public-key); other-private.pem is a stranger's key.
 */
final class TestTokens {
    private static final TestJwt TRUSTED = TestJwt.fromPemResource(TestTokens.class, "/edge-test-keys/private.pem");
    private static final TestJwt STRANGER = TestJwt.fromPemResource(TestTokens.class, "/edge-test-keys/other-private.pem");

    private TestTokens() {
    }

    /** A valid token for {@code subject} from client {@code azp}, audience wsis-api, 5 minutes left. */
    static String valid(String subject, String azp) {
        return TRUSTED.sign(TestJwt.claims(subject, azp, TestJwt.AUDIENCE, Instant.now().plusSeconds(300)));
    }

    /** A valid token that expires in {@code seconds}. */
    static String expiringIn(String subject, long seconds) {
        return TRUSTED.sign(TestJwt.claims(subject, "wsis-frontend", TestJwt.AUDIENCE, Instant.now().plusSeconds(seconds)));
    }

    static String expired(String subject) {
        return TRUSTED.sign(TestJwt.claims(subject, "wsis-frontend", TestJwt.AUDIENCE, Instant.now().minusSeconds(600)));
    }

    static String wrongAudience(String subject) {
        return TRUSTED.sign(TestJwt.claims(subject, "wsis-frontend", "another-api", Instant.now().plusSeconds(300)));
    }

    static String wrongSignature(String subject) {
        return STRANGER.sign(TestJwt.claims(subject, "wsis-frontend", TestJwt.AUDIENCE, Instant.now().plusSeconds(300)));
    }
}
