package org.wsis.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.quarkus.runtime.configuration.MemorySize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's own settings, all under {@code wsis.gateway}. The services and their default upstream URLs live
 * in {@code application.properties} so the whole routing table can be read in one place.
 */
@ConfigMapping(prefix = "wsis.gateway")
public interface GatewayConfig {

    /**
     * {@code wsis.gateway.services}: the services behind the gateway, by name, in the order of the platform API
     * document; each needs {@code wsis.gateway.upstream.<name>.url} ({@link Services}).
     */
    List<String> services();

    /** {@code wsis.gateway.upstream.<name>.*}: where each service lives and what it publishes. */
    Map<String, UpstreamSettings> upstream();

    /**
     * {@code wsis.gateway.upstream-timeout}: how long an upstream may stay silent (no response
     * headers, or no body data) before the gateway answers 504.
     */
    @WithDefault("10s")
    Duration upstreamTimeout();

    /** {@code wsis.gateway.connect-timeout}: how long to wait for a connection to an upstream. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** {@code wsis.gateway.max-connections-per-upstream}: HTTP/1.1 connection pool size per service. */
    @WithDefault("50")
    int maxConnectionsPerUpstream();

    /**
     * {@code wsis.gateway.max-body-size}: the largest request body any route accepts (413 beyond).
     * Enforced on the proxied routes themselves, by Content-Length and by counting streamed bytes.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * {@code wsis.gateway.public-url}: the platform's public base URL as callers know it (e.g.
     * {@code https://api.wsis.example}). When set, the services build every link they return from it;
     * when absent, from the scheme and Host of each request as the gateway received it.
     */
    Optional<URI> publicUrl();

    /**
     * {@code wsis.gateway.body-read-timeout}: a request body up to {@link #bufferedBodyLimit()} is
     * read whole before anything is sent upstream, and must arrive within this time (408 after it).
     * A slow or stalled client then never holds a service connection, and never counts as the
     * service's failure in the circuit breaker.
     */
    @WithDefault("10s")
    Duration bodyReadTimeout();

    /** {@code wsis.gateway.buffered-body-limit}: bodies with a Content-Length up to this are read whole first. */
    @WithDefault("64K")
    MemorySize bufferedBodyLimit();

    /** {@code wsis.gateway.rate-limit.*}: the default limits every route gets. */
    RateLimit rateLimit();

    /** {@code wsis.gateway.circuit-breaker.*}: when to stop sending requests to a failing service. */
    CircuitBreakerSettings circuitBreaker();

    /**
     * {@code wsis.gateway.routes.<name>.*}: stricter (or looser) settings for some paths, e.g.
     * voting and registration. A request gets the most specific route whose path matches.
     */
    Map<String, RouteSettings> routes();

    /** {@code wsis.gateway.docs.*}: the platform API document and its Swagger UI. */
    Docs docs();

    /** {@code wsis.gateway.profiles.*}: the composite country profile. */
    Profiles profiles();

    interface Profiles {
        /** How long each part may take before it is reported unavailable. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** {@code wsis.gateway.personal-data.*}: the personal data archive (privacy/PersonalDataArchive, issue 20). */
    PersonalData personalData();

    interface PersonalData {
        /** How long each service's export may take; a whole export reads every table of the person's data. */
        @WithDefault("15s")
        Duration timeout();
    }

    interface Docs {
        /**
         * The realm as a browser reaches it, for the Authorize button's authorize and token URLs. Absent
         * when tokens are checked against a fixed key with no realm (quarkus.oidc.auth-server-url empty):
         * the button then takes a pasted bearer token.
         */
        Optional<String> realmUrl();
    }

    interface RateLimit {
        /** {@code enabled}: false turns rate limiting off everywhere (e.g. for a benchmark). */
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second per user (token subject, else remote IP) on one route. */
        @WithDefault("100")
        double requestsPerSecond();

        /** How many requests a user may make at once above the sustained rate. */
        @WithDefault("200")
        int burst();

        /** Sustained requests per second per OAuth client (token {@code azp}) on one route. */
        @WithDefault("2000")
        double clientRequestsPerSecond();

        @WithDefault("4000")
        int clientBurst();
    }

    interface CircuitBreakerSettings {
        /** Consecutive connection failures or timeouts that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before one trial request is let through. */
        @WithDefault("10s")
        Duration openDuration();
    }

    interface RouteSettings {
        /**
         * The public path, {@code *} matching one segment and {@code **} any number, e.g.
         * {@code /api/prizes/v1/editions/*&#47;entries/*&#47;votes}.
         */
        String path();

        /** Only these methods (all when absent), e.g. {@code POST,PUT}. */
        Optional<List<String>> methods();

        OptionalDouble requestsPerSecond();

        OptionalInt burst();

        OptionalDouble clientRequestsPerSecond();

        OptionalInt clientBurst();

        /** Overrides {@code wsis.gateway.upstream-timeout} for this route. */
        Optional<Duration> timeout();

        /** Overrides {@code wsis.gateway.max-body-size} for this route. */
        Optional<MemorySize> maxBodySize();
    }

    interface UpstreamSettings {
        /** The service's base URL (required; optional here only so a missing one is reported by name). */
        Optional<URI> url();

        /** The public path prefix; default {@code /api/<name>}. */
        Optional<String> routePrefix();

        /** Where the service serves its OpenAPI document (JSON); default {@code /q/openapi?format=json}. */
        Optional<String> docsPath();
    }
}
