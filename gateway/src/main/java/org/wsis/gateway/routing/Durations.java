package org.wsis.gateway.routing;

import java.time.Duration;

/** Durations as people write them in config: {@code 1s}, {@code 1500ms}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }
}
