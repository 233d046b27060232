package org.wsis.forum.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tests' clock: the system clock moved by an offset a test sets (and resets in a finally), so a test can be past a
 * waitlist offer's deadline without waiting a day. Replaces service-commons' @DefaultBean clock in every forum test.
 */
public class TestClock {
    private static volatile Duration offset = Duration.ZERO;

    public static void advance(Duration by) {
        offset = offset.plus(by);
    }

    public static void reset() {
        offset = Duration.ZERO;
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
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
