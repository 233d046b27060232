package org.wsis.tokencache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The cache's own rules: expiry, the maximum age, the bound, and off when sized 0. */
class VerifiedTokensTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void aTokenIsForgottenWhenItExpires() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        tokens.remember("t1", expiringAt(clock.instant().plusSeconds(60)), Set.of("voter"));
        assertEquals(Set.of("voter"), tokens.lookup("t1").roles());
        clock.advance(Duration.ofSeconds(60));
        assertNull(tokens.lookup("t1"));
        assertEquals(0, tokens.size());
    }

    @Test
    void aLongLivedTokenIsForgottenAfterTheMaximumAge() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        tokens.remember("t1", expiringAt(clock.instant().plus(Duration.ofHours(10))), Set.of());
        clock.advance(Duration.ofMinutes(4));
        assertNotNull(tokens.lookup("t1"));
        clock.advance(Duration.ofMinutes(1));
        assertNull(tokens.lookup("t1"), "verified again after 5 minutes, in case its key was withdrawn");
    }

    @Test
    void anExpiredTokenIsNotRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        tokens.remember("t1", expiringAt(clock.instant().minusSeconds(1)), Set.of());
        assertNull(tokens.lookup("t1"));
    }

    @Test
    void theCacheStaysWithinItsBound() {
        VerifiedTokens tokens = new VerifiedTokens(3, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 10; i++) {
            tokens.remember("t" + i, expiringAt(clock.instant().plusSeconds(60)), Set.of());
            assertTrue(tokens.size() <= 3, "size " + tokens.size());
        }
        assertNotNull(tokens.lookup("t9"), "the newest is kept");
        assertNull(tokens.lookup("unknown"));
    }

    @Test
    void sizedZeroItRemembersNothing() {
        VerifiedTokens tokens = new VerifiedTokens(0, Duration.ofMinutes(5), clock);
        tokens.remember("t1", expiringAt(clock.instant().plusSeconds(60)), Set.of());
        assertNull(tokens.lookup("t1"));
        assertEquals(0, tokens.size());
    }

    /** A verified token's principal; only its expiry matters to the cache. */
    private static JsonWebToken expiringAt(Instant expiry) {
        return (JsonWebToken) Proxy.newProxyInstance(VerifiedTokensTest.class.getClassLoader(),
                new Class<?>[] {JsonWebToken.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getExpirationTime" -> expiry.getEpochSecond();
                    case "getName" -> "someone";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public long millis() {
            return now.toEpochMilli();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
