package org.wsis.prizes.contest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.wsis.localstack.testing.MovableClock;

import java.time.Clock;
import java.time.Duration;

/**
 * The tests' ContestClock ({@link MovableClock}): a test moves it to "the ceremony" without waiting for it.
 * Replaces the service's @DefaultBean clock in every test.
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
