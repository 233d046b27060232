package org.wsis.tokencache;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.jwt.JsonWebToken;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.smallrye.mutiny.Uni;

/**
 * Plugs {@link VerifiedTokens} into Quarkus security: an authentication mechanism asked before
 * quarkus-oidc's answers for a token verified earlier, and an augmentor remembers each token
 * quarkus-oidc has just verified. {@code wsis_token_cache_total{result=hit|miss}} on /q/metrics counts the lookups.
 */
public final class TokenCacheSetup {

    private TokenCacheSetup() {
    }

    /** {@code wsis.token-cache.*}: how many verified tokens are remembered, and for how long at most. */
    @ConfigMapping(prefix = "wsis.token-cache")
    public interface Config {
        /** How many verified tokens are remembered at most; 0 verifies every request afresh. */
        @WithDefault("10000")
        int maxEntries();

        /**
         * How long a verified token is remembered at most (never past its own expiry). A token signed
         * with a key the realm has since withdrawn is refused within {@link #keysRefresh()} whatever this is.
         */
        @WithDefault("5M")
        Duration maxAge();

        /**
         * How often the realm's published signing keys (JWKS) are read, to refuse at once tokens
         * signed with a key the realm has withdrawn (see {@link SigningKeys}). 0 turns it off.
         */
        @WithDefault("10S")
        Duration keysRefresh();
    }

    @Singleton
    static class Producer {
        @Produces
        @Singleton
        VerifiedTokens verifiedTokens(Config config) {
            return new VerifiedTokens(config.maxEntries(), config.maxAge(), Clock.systemUTC());
        }

        @Produces
        @Singleton
        SigningKeys signingKeys() {
            return new SigningKeys();
        }
    }

    /**
     * Reads the realm's JWKS every {@code keys-refresh} on a daemon thread of its own (a blocking
     * HTTP GET; never on a request's thread) into {@link SigningKeys}. Off when tokens are verified
     * with a fixed public key (quarkus.oidc.public-key: tests, benchmarks) or no realm is configured.
     */
    @ApplicationScoped
    static class SigningKeysWatcher {
        private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SigningKeysWatcher.class);
        private java.util.concurrent.ScheduledExecutorService timer;

        void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event, Config config, SigningKeys keys,
                     org.eclipse.microprofile.config.Config all) {
            String realm = all.getOptionalValue("quarkus.oidc.auth-server-url", String.class).orElse("");
            boolean fixedKey = all.getOptionalValue("quarkus.oidc.public-key", String.class).isPresent();
            if (config.keysRefresh().isZero() || realm.isBlank() || fixedKey) {
                return;
            }
            java.net.URI jwks = java.net.URI.create(realm.replaceAll("/+$", "") + "/protocol/openid-connect/certs");
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "wsis-signing-keys");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(() -> {
                try {
                    var response = http.send(java.net.http.HttpRequest.newBuilder(jwks).timeout(Duration.ofSeconds(5)).GET().build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    java.util.Set<String> ids = SigningKeys.keyIdsOf(response.body());
                    if (response.statusCode() == 200 && !ids.isEmpty()) {
                        keys.published(ids);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.debugf("Realm keys not read from %s (kept the last ones): %s", jwks, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 0, config.keysRefresh().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }

    /**
     * Asked before quarkus-oidc's mechanism (priority 2000 above its 1001): a bearer token verified
     * earlier is answered straight from the cache, before quarkus-oidc decodes it, resolves its tenant
     * and builds a request for the identity providers. Nothing remembered (or no bearer token) answers
     * null, and quarkus-oidc goes on as if this were not here.
     */
    @ApplicationScoped
    static class CachedBearerTokenMechanism implements HttpAuthenticationMechanism {
        private static final String BEARER = "Bearer ";
        private final VerifiedTokens tokens;
        private final SigningKeys keys;
        private final Counter hits;
        private final Counter misses;

        CachedBearerTokenMechanism(VerifiedTokens tokens, SigningKeys keys, MeterRegistry metrics) {
            this.tokens = tokens;
            this.keys = keys;
            this.hits = counter(metrics, "hit");
            this.misses = counter(metrics, "miss");
        }

        private static Counter counter(MeterRegistry metrics, String result) {
            return Counter.builder("wsis.token.cache")
                    .description("Bearer tokens found verified already (hit) or verified now (miss)")
                    .tag("result", result).register(metrics);
        }

        @Override
        public int getPriority() {
            return 2000;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
            String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Uni.createFrom().nullItem();
            }
            String token = authorization.substring(BEARER.length()).trim();
            VerifiedTokens.Verified verified = tokens.lookup(token);
            String keyId = verified != null ? verified.keyId() : SigningKeys.keyIdOf(token);
            if (keys.withdrawn(keyId)) {
                // signed with a key the realm no longer publishes: refused now, not when a cache forgets it
                return Uni.createFrom().failure(new io.quarkus.security.AuthenticationFailedException(
                        "token signed with a withdrawn key"));
            }
            if (verified == null) {
                if (tokens.enabled()) {
                    misses.increment();
                }
                return Uni.createFrom().nullItem();
            }
            hits.increment();
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(verified.principal())
                    .addRoles(verified.roles())
                    .addCredential(new AccessTokenCredential(token))
                    .build());
        }

        /** No challenge of its own: quarkus-oidc's (the next mechanism) answers a 401. */
        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().nullItem();
        }
    }

    /**
     * Remembers what quarkus-oidc has just verified (identities it built, never anonymous ones).
     * Augmentors run only for identities from the identity providers, so a token answered by
     * {@link CachedBearerTokenMechanism} never comes back here to be remembered again.
     */
    @ApplicationScoped
    static class RememberVerifiedTokens implements SecurityIdentityAugmentor {
        private final VerifiedTokens tokens;

        RememberVerifiedTokens(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            if (tokens.enabled() && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken jwt) {
                TokenCredential credential = identity.getCredential(TokenCredential.class);
                if (credential != null) {
                    tokens.remember(credential.getToken(), jwt, identity.getRoles());
                }
            }
            return Uni.createFrom().item(identity);
        }
    }
}
