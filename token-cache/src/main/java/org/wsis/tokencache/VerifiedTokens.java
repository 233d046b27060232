package org.wsis.tokencache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
 * not as themselves. Bounded by Caffeine: over {@code maxEntries}, the entries least likely to be
 * used again are evicted (a burst of new callers no longer empties the whole cache), and each entry
 * expires at its own time, read from {@code clock}.
 */
public final class VerifiedTokens {

    /** What is needed of a verified token: who it is for (sub, azp), its roles, and the id of the key that signed it. */
    public record Verified(JsonWebToken principal, Set<String> roles, long expiresAtMillis, String keyId) {
    }

    private final Cache<String, Verified> byDigest;
    private final Duration maxAge;
    private final Clock clock;

    public VerifiedTokens(int maxEntries, Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
        this.byDigest = maxEntries <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.<String, Verified>creating((digest, verified) ->
                        Duration.ofMillis(Math.max(0, verified.expiresAtMillis() - clock.millis()))))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // evictions run on the caller's thread: a few map operations, no pool hop per request
                .executor(Runnable::run)
                .build();
    }

    public boolean enabled() {
        return byDigest != null;
    }

    /** The verified token, or null when it was never verified here or has expired since. */
    public Verified lookup(String token) {
        return enabled() ? byDigest.getIfPresent(digest(token)) : null;
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
        byDigest.put(digest(token), new Verified(principal, Set.copyOf(roles), expiresAt, SigningKeys.keyIdOf(token)));
    }

    /** Entries held now, expired ones dropped first. */
    public int size() {
        if (!enabled()) {
            return 0;
        }
        byDigest.cleanUp();
        return (int) byDigest.estimatedSize();
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
