package org.wsis.tokencache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens verified here, remembered until they expire (at most {@code maxAge}), so that a
 * browser's token is checked once and not on each of the many requests it makes in its lifetime.
 * Verifying costs the gateway more than the rest of a request (RS256 signature, two JSON parses, base64:
 * about 130 µs of CPU per request in a profile, bench/gateway/README.md), and a service about as much.
 * The gateway and every service each keep their own: each still checks every token itself.
 * <p>
 * Only a token that passed verification gets in; a lookup returns nothing once the token has expired,
 * and it then goes through verification again (and fails). Tokens are kept by their SHA-256 digest,
 * not as themselves. Bounded: over {@code maxEntries}, expired entries are dropped, then all of them.
 */
public final class VerifiedTokens {

    /** What is needed of a verified token: who it is for (sub, azp), its roles, and the id of the key that signed it. */
    public record Verified(JsonWebToken principal, Set<String> roles, long expiresAtMillis, String keyId) {
    }

    private final Map<String, Verified> byDigest = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;

    public VerifiedTokens(int maxEntries, Duration maxAge, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public boolean enabled() {
        return maxEntries > 0;
    }

    /** The verified token, or null when it was never verified here or has expired since. */
    public Verified lookup(String token) {
        if (!enabled()) {
            return null;
        }
        String digest = digest(token);
        Verified verified = byDigest.get(digest);
        if (verified != null && clock.millis() >= verified.expiresAtMillis()) {
            byDigest.remove(digest, verified);
            return null;
        }
        return verified;
    }

    /** Remembers a token that has just passed verification. */
    public void remember(String token, JsonWebToken principal, Set<String> roles) {
        if (!enabled()) {
            return;
        }
        long now = clock.millis();
        long expiresAt = Math.min(principal.getExpirationTime() * 1000, now + maxAge.toMillis());
        if (expiresAt <= now) {
            return;
        }
        if (byDigest.size() >= maxEntries) {
            byDigest.values().removeIf(entry -> now >= entry.expiresAtMillis());
            if (byDigest.size() >= maxEntries) {
                byDigest.clear(); // a burst of new callers: they are verified again, nothing worse
            }
        }
        byDigest.put(digest(token), new Verified(principal, Set.copyOf(roles), expiresAt, SigningKeys.keyIdOf(token)));
    }

    public int size() {
        return byDigest.size();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
