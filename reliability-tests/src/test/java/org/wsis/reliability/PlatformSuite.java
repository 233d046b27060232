package org.wsis.reliability;

import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/**
 * Base of the suites that run against a whole platform: it holds the platform and the editor and
 * moderator tokens most scenarios need. Suites that leave the platform intact share one (a platform
 * takes a minute to start); a suite that breaks components on purpose gets its own and stops it.
 */
abstract class PlatformSuite {
    private static Platform shared;
    private static boolean dedicated;
    static Platform platform;
    static String editor;
    static String moderator;

    /** The platform shared by the suites that leave it intact; stopped when the test JVM exits. */
    static void useSharedPlatform() {
        if (shared == null) {
            shared = Platform.start("shared-stack");
        }
        use(shared, false);
    }

    /** A platform of this suite's own (it will be broken on purpose), stopped after the suite. */
    static void startDedicatedPlatform(String name, Map<String, String> extraConfig) {
        use(Platform.start(name, extraConfig), true);
    }

    private static void use(Platform started, boolean own) {
        platform = started;
        dedicated = own;
        editor = platform.tokens.userToken("editor");
        moderator = platform.tokens.userToken("moderator");
    }

    @AfterAll
    static void stopDedicatedPlatform() {
        if (dedicated && platform != null) {
            platform.close();
        }
        platform = null;
    }
}
