package org.wsis.stocktaking.testing;

import org.wsis.localstack.testing.TestJwt;

/**
 * Bearer tokens like Keycloak's from the test kit (local-stack TestJwt: a key generated per test run);
 * the service verifies them with its public key (%test.quarkus.oidc.public-key). For flows with two people in them (an owner
 * and a moderator), which @TestSecurity cannot express.
 */
public final class TestTokens {
    private static final TestJwt JWT = TestJwt.trusted();

    private TestTokens() {
    }

    public static String editor(String subject) {
        return JWT.token(subject, "wsis-frontend", "stocktaking-editor");
    }

    /** A moderator who also keeps entries of their own, like ITU staff documenting ITU's projects. */
    public static String moderator(String subject) {
        return JWT.token(subject, "wsis-frontend", "stocktaking-editor", "stocktaking-moderator");
    }
}
