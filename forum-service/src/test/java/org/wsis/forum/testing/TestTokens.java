package org.wsis.forum.testing;

import org.wsis.localstack.testing.TestJwt;

/**
 * Bearer tokens like Keycloak's from the test kit (local-stack TestJwt: a key generated per test run);
 * the service verifies them with its public key (%test.quarkus.oidc.public-key). Lets tests act as many distinct participants
 * at once, which @TestSecurity cannot.
 */
public final class TestTokens {
    private static final TestJwt JWT = TestJwt.trusted();

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
