package org.wsis.gateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The pure pieces of the edge policies: path globs, token buckets, the circuit breaker. */
class PolicyLogicTest {

    @Test
    void globsMatchOneOrManySegments() {
        PathPattern votes = PathPattern.of("/api/prizes/v1/**/votes");
        assertTrue(votes.matches("/api/prizes/v1/votes"));
        assertTrue(votes.matches("/api/prizes/v1/editions/2027/votes"));
        assertFalse(votes.matches("/api/prizes/v1/editions/2027/votes/extra"));
        assertFalse(votes.matches("/api/prizes/v1/editions/2027/voters"));

        PathPattern one = PathPattern.of("/api/stocktaking/v1/entries/*");
        assertTrue(one.matches("/api/stocktaking/v1/entries/abc"));
        assertFalse(one.matches("/api/stocktaking/v1/entries/abc/revisions"));
        assertFalse(one.matches("/api/stocktaking/v1/entries/"));
        // Regex characters in the glob are literal.
        assertFalse(PathPattern.of("/api/a.b").matches("/api/axb"));
    }

    @Test
    void moreLiteralPatternsAreMoreSpecific() {
        assertTrue(PathPattern.of("/api/prizes/v1/editions/*/votes").specificity()
                > PathPattern.of("/api/prizes/v1/**").specificity());
        assertTrue(PathPattern.of("/api/prizes/v1/**/votes").specificity()
                > PathPattern.of("/api/prizes/**").specificity());
    }

    @Test
    void bucketGrantsTheBurstThenRefillsAtTheRate() {
        long t0 = 1_000_000_000L;
        TokenBucket bucket = new TokenBucket(2, 3, t0); // 2 per second, burst 3
        assertEquals(0, bucket.tryTake(t0));
        assertEquals(0, bucket.tryTake(t0));
        assertEquals(0, bucket.tryTake(t0));
        long wait = bucket.tryTake(t0);
        assertEquals(500_000_000L, wait, 1_000_000L); // half a second for the next token at 2/s
        assertEquals(0, bucket.tryTake(t0 + 500_000_000L));
        assertFalse(bucket.isIdle(t0 + 500_000_000L));
        assertTrue(bucket.isIdle(t0 + 10_000_000_000L));
    }

    @Test
    void breakerOpensAfterTheThresholdAndLetsOneTrialThroughLater() throws InterruptedException {
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofMillis(200));
        breaker.recordFailure("it refused the connection");
        breaker.recordFailure("it refused the connection");
        assertTrue(breaker.allowRequest(), "two failures: still closed");
        breaker.recordSuccess();
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure("it refused the connection");
        }
        assertFalse(breaker.allowRequest(), "three in a row: open");
        assertEquals("it refused the connection", breaker.lastFailure());
        Thread.sleep(250); // time is the subject: the breaker's open duration (200 ms, real time) passes
        assertTrue(breaker.allowRequest(), "after the open duration one trial goes through");
        assertFalse(breaker.allowRequest(), "and only one");
        breaker.recordFailure("it did not answer within 1s");
        assertFalse(breaker.allowRequest(), "a failed trial opens it again");
        Thread.sleep(250); // and passes again
        assertTrue(breaker.allowRequest());
        breaker.recordSuccess();
        assertTrue(breaker.allowRequest());
        assertTrue(breaker.allowRequest(), "a successful trial closes it");
    }

    /** Issue 17: the vote route's limits were side-stepped with "/votes/", "/votes;x=1" and "/votes/.". */
    @Test
    void policiesMatchThePathTheServiceRoutes() {
        PathPattern votes = PathPattern.of("/api/prizes/v1/**/votes");
        for (String spelling : new String[]{"/api/prizes/v1/editions/2027/votes/", "/api/prizes/v1/editions/2027/votes;x=1",
                "/api/prizes/v1/editions/2027/votes/.", "/api/prizes/v1/editions/2027/v%6Ftes", "/api/prizes/v1/editions//2027/votes",
                "/api/prizes/v1/editions/2027;a=b/votes", "/api/prizes/v1/editions/2027/x/../votes", "/api/prizes/v1/editions/2027/votes;"}) {
            String canonical = PathPattern.canonical(spelling).orElseThrow(() -> new AssertionError("refused: " + spelling));
            assertEquals("/api/prizes/v1/editions/2027/votes", canonical, spelling);
            assertTrue(votes.matches(canonical), spelling);
        }
        assertEquals("/api/x/caf\u00e9", PathPattern.canonical("/api/x/caf%C3%A9").orElseThrow());
        assertEquals("/", PathPattern.canonical("/").orElseThrow());
    }

    @Test
    void ambiguousPathsAreRefused() {
        for (String path : new String[]{"/api/prizes/v1/editions%2F2027/votes", "/api/prizes/v1/%2e%2e/votes", "/api/x/%2E",
                "/api/x/a%5Cb", "/api/x/%00", "/api/x/%0D%0Aforged", "/api/x/%zz", "/api/x/%C3", "/..", "relative"}) {
            assertTrue(PathPattern.canonical(path).isEmpty(), path);
        }
    }
}
