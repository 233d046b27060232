package org.wsis.prizes.voting;

import org.junit.jupiter.api.Test;
import org.wsis.commons.problem.ProblemException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateLimiterTest {

    @Test
    void aVoterBeyondTheBurstGets429WithRetryAfterWhileOthersGoOn() {
        RateLimiter limiter = new RateLimiter(3, 0.5, 1000, 1000);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("voter-1", "web");
        }
        ProblemException refused = assertThrows(ProblemException.class, () -> limiter.acquire("voter-1", "web"));
        assertEquals(429, refused.problem().status());
        assertEquals("2", refused.headers().get("Retry-After")); // one token every 2 s
        assertDoesNotThrow(() -> limiter.acquire("voter-2", "web"));
    }

    @Test
    void aClientBeyondItsRateGets429() {
        RateLimiter limiter = new RateLimiter(100, 100, 2, 1);
        limiter.acquire("a", "script");
        limiter.acquire("b", "script");
        ProblemException refused = assertThrows(ProblemException.class, () -> limiter.acquire("c", "script"));
        assertEquals(429, refused.problem().status());
        assertDoesNotThrow(() -> limiter.acquire("c", "web"));
    }

    @Test
    void fullBucketsAreForgotten() {
        RateLimiter limiter = new RateLimiter(1, 1000, 1000, 1000);
        limiter.acquire("voter-1", "web");
        assertEquals(1, limiter.trackedVoters());
        sleep(20); // refilled
        limiter.forgetIdleBuckets();
        assertEquals(0, limiter.trackedVoters());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
