package org.wsis.prizes.voting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When an edition's next screening pass may start: after a pass that took {@code d}, not before {@code spacing × d}
 * more has passed. Under a burst of votes a pass takes longer (it decides more votes), so screening backs off and
 * never holds its connection more than 1 / (1 + spacing) of the time; votes stay PENDING a little longer instead.
 * In a quiet season passes are short and run at every tick. Times are {@link System#nanoTime()} readings.
 */
final class PassSpacing {
    private final int spacing;
    private final Map<Integer, Long> notBefore = new ConcurrentHashMap<>();

    PassSpacing(int spacing) {
        if (spacing < 0) {
            throw new IllegalArgumentException("spacing must be >= 0, was " + spacing);
        }
        this.spacing = spacing;
    }

    boolean due(int year, long now) {
        Long after = notBefore.get(year);
        return after == null || now - after >= 0;
    }

    void passed(int year, long started, long ended) {
        notBefore.put(year, ended + (ended - started) * spacing);
    }
}
