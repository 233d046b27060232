package org.wsis.prizes.voting;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassSpacingTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void aLongPassPutsTheEditionsNextPassOffByAMultipleOfItsDuration() {
        PassSpacing spacing = new PassSpacing(3);
        assertTrue(spacing.due(2017, 0), "the first pass is due at once");
        spacing.passed(2017, 100 * SECOND, 140 * SECOND); // 40 s
        assertFalse(spacing.due(2017, 200 * SECOND), "a tick 60 s after a 40 s pass is skipped");
        assertFalse(spacing.due(2017, 259 * SECOND));
        assertTrue(spacing.due(2017, 260 * SECOND), "due 3 x 40 s after the pass ended");
        assertTrue(spacing.due(2018, 200 * SECOND), "other editions keep their own pace");
    }

    @Test
    void shortPassesRunAtEveryTickAndSpacingZeroNeverWaits() {
        PassSpacing spacing = new PassSpacing(3);
        spacing.passed(2017, 0, SECOND / 10);
        assertTrue(spacing.due(2017, 60 * SECOND));
        PassSpacing none = new PassSpacing(0);
        none.passed(2017, 0, 100 * SECOND);
        assertTrue(none.due(2017, 100 * SECOND));
        assertThrows(IllegalArgumentException.class, () -> new PassSpacing(-1));
    }
}
