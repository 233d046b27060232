package org.wsis.reliability;

import java.util.Map;

/**
 * Base of the suites that run against a whole platform: it holds the platform and the editor and
 * moderator tokens most scenarios need. Every suite shares one platform (it takes over a minute to start);
 * FaultToleranceTest, which breaks components on purpose and leaves Keycloak stopped, runs last
 * (junit-platform.properties orders the classes by {@code @Order}).
 */
abstract class PlatformSuite {
    /**
     * indicators-service: batch heartbeat every second, a batch untouched for 10 s is abandoned (FaultToleranceTest's
     * fault 2d; production waits 2 minutes). The property names are indicators-only; the other apps ignore them.
     */
    private static final Map<String, String> SHARED_CONFIG = Map.of("indicators.jobs.heartbeat-every", "1s",
            "indicators.jobs.stale-after", "10S", "indicators.jobs.reaper-every", "2s");
    private static Platform shared;
    static Platform platform;
    static String editor;
    static String moderator;

    /** The platform shared by the suites that leave it intact; stopped when the test JVM exits. */
    static void useSharedPlatform() {
        if (shared == null) {
            shared = Platform.start("shared-stack", SHARED_CONFIG);
        }
        platform = shared;
        editor = platform.tokens.userToken("editor");
        moderator = platform.tokens.userToken("moderator");
    }

    /**
     * Stops the shared platform now, from the last suite (FaultToleranceTest), while the test JVM is sure to live;
     * otherwise the JVM's shutdown hook does it.
     */
    static void closeSharedPlatform() {
        if (shared != null) {
            shared.close();
            shared = null;
            platform = null;
        }
    }
}
