package org.wsis.gateway;

import java.time.Instant;

import org.wsis.localstack.testing.TestJwt;

/**
 * RS256 JWTs from the test kit (local-stack TestJwt, a key pair generated per test run): the gateway's
 * test profile trusts its public key through quarkus.oidc.public-key; the stranger's key is trusted by no one.
 */
final class TestTokens {
    private static final TestJwt TRUSTED = TestJwt.trusted();
    private static final TestJwt STRANGER = TestJwt.stranger();

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
