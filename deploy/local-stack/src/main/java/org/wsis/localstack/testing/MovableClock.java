package org.wsis.localstack.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved by an offset a test sets (and resets in a finally), so a test can be past a deadline or
 * at a ceremony without waiting for it. Plain Java: each service's tests produce {@link #clock()} as their CDI
 * {@code Clock} bean (a producer class in the service's own test sources, where Quarkus finds it).
 */
public final class MovableClock {
    private static volatile Duration offset = Duration.ZERO;

    private MovableClock() {
    }

    public static void advance(Duration by) {
        offset = offset.plus(by);
    }

    public static void reset() {
        offset = Duration.ZERO;
    }

    /** A UTC clock that reads the current offset on every call. */
    public static Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.offset(Clock.system(zone), offset);
            }

            @Override
            public Instant instant() {
                return Instant.now().plus(offset);
            }
        };
    }
}
