package org.wsis.forum.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.wsis.localstack.testing.MovableClock;

import java.time.Clock;
import java.time.Duration;

/**
 * The tests' clock ({@link MovableClock}): a test moves it past a waitlist offer's deadline without waiting a day.
 * Replaces service-commons' @DefaultBean clock in every forum test.
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
