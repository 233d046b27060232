package org.wsis.commons.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The one clock of every service (issue 19): code that needs the time injects {@link java.time.Clock} and never
 * calls {@code now()} on its own, so a test (or a rehearsal environment) moves time by producing its own
 * {@code Clock} bean (e.g. prizes' {@code TestClock}), which replaces this {@link DefaultBean}: the system UTC clock.
 */
public class ServiceClock {
    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The clock's time in UTC to the microsecond: what PostgreSQL keeps, so what a write returns equals what a
     * later read returns.
     */
    public static OffsetDateTime utcNow(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
