package org.wsis.prizes.contest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The tests' ContestClock: the system clock moved by an offset a test sets (and resets), so a test can
 * be "at the ceremony" without waiting for it. Replaces the service's @DefaultBean clock in every test.
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
