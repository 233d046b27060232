package org.wsis.reliability;

import org.junit.jupiter.api.AfterAll;

/**
 * Base of the suites that run against one whole platform per test class: it holds the platform
 * and the editor and moderator tokens most scenarios need, and stops everything afterwards.
 */
abstract class PlatformSuite {
    static Platform platform;
    static String editor;
    static String moderator;

    /** Starts the platform under target/{name} and signs in the editor and the moderator. */
    static void startPlatform(String name) {
        platform = Platform.start(name);
        editor = platform.tokens.userToken("editor");
        moderator = platform.tokens.userToken("moderator");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }
}
