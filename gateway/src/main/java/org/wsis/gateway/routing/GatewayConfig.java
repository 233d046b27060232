package org.wsis.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's own settings, all under {@code wsis.gateway}. The default upstream URLs live in
 * {@code application.properties} so the whole routing table can be read in one place.
 */
@ConfigMapping(prefix = "wsis.gateway")
public interface GatewayConfig {

    /** {@code wsis.gateway.upstream.<service>.url}: base URL of each service. */
    Upstreams upstream();

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

    interface Upstreams {
        UpstreamUrl stocktaking();

        UpstreamUrl prizes();

        UpstreamUrl forum();

        UpstreamUrl indicators();
    }

    interface UpstreamUrl {
        URI url();
    }
}
