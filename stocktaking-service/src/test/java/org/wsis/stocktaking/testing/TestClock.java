package org.wsis.stocktaking.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.wsis.localstack.testing.MovableClock;

import java.time.Clock;
import java.time.Duration;

/**
 * The tests' clock ({@link MovableClock}): a test moves it past a retention period without waiting years.
 * Replaces service-commons' @DefaultBean clock in every stocktaking test.
 */
public class TestClock {
    public static void advance(Duration by) {
        MovableClock.advance(by);
    }

    public static void reset() {
        MovableClock.reset();
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return MovableClock.clock();
    }
}
