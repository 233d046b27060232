package org.wsis.prizes.edition;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The clock that decides which phase is in force. A test (or a rehearsal environment) can
 * replace it by producing its own {@link Clock} bean; otherwise it is the system UTC clock.
 */
public class ContestClock {
    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
