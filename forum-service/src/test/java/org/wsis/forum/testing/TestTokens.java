package org.wsis.forum.testing;

import org.wsis.localstack.testing.TestJwt;

/**
 * Bearer tokens like Keycloak's, signed with a test-only key; the service verifies them with the
 * matching public key (%test.quarkus.oidc.public-key). Lets tests act as many distinct participants
 * at once, which @TestSecurity cannot.
 */
public final class TestTokens {
    private static final TestJwt JWT = TestJwt.fromPemResource(TestTokens.class, "/test-token-signing-key.pem");

    private TestTokens() {
    }

    public static String token(String subject, String... roles) {
        return JWT.token(subject, "wsis-frontend", roles);
    }

    public static String organizer(String subject) {
        return token(subject, "forum-organizer");
    }

    public static String participant(String subject) {
        return token(subject, "forum-participant");
    }
}
