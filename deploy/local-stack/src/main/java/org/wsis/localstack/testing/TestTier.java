package org.wsis.localstack.testing;

/**
 * The two tiers of the build's tests (issue 19). The <b>fast tier</b> ({@code ./mvnw test -Pfast}) runs the plain
 * unit tests of pure logic, in seconds, with no Quarkus application and no process started. Everything else carries
 * {@code @Tag("integration")}: every {@code @QuarkusTest} and every test that starts PostgreSQL, Kafka, Keycloak,
 * a service or another program. The default command ({@code ./mvnw verify}) runs both tiers.
 *
 * <p>A missing tag cannot move a slow test into the fast tier unnoticed: in the fast tier, {@link FastTierGuard}
 * refuses to run a {@code @QuarkusTest} class without the tag, and the local stack refuses to start a process
 * ({@link #refuseProcess}).
 */
public final class TestTier {
    /** The JUnit tag of the slow tier. */
    public static final String INTEGRATION = "integration";
    /** System property the fast profile sets ({@code fast}); absent in the full run. */
    public static final String PROPERTY = "wsis.test-tier";

    private TestTier() {
    }

    /** Whether this JVM runs the fast tier. */
    public static boolean fast() {
        return "fast".equals(System.getProperty(PROPERTY));
    }

    /** In the fast tier, a test that starts {@code what} is missing its tag: fail it, saying so. */
    public static void refuseProcess(String what) {
        if (fast()) {
            throw new IllegalStateException("The fast test tier (-Pfast) starts no process, but a test is starting " + what
                    + ": tag its class @Tag(\"" + INTEGRATION + "\") (org.wsis.localstack.testing.TestTier)");
        }
    }
}
