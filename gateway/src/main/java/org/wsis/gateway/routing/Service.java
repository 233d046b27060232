package org.wsis.gateway.routing;

import java.net.URI;

/** The services behind the gateway; each is published under {@code /api/{id}/**}. */
public enum Service {
    STOCKTAKING("stocktaking"),
    PRIZES("prizes"),
    FORUM("forum"),
    INDICATORS("indicators");

    private final String id;

    Service(String id) {
        this.id = id;
    }

    /** The name used in paths, config keys and messages, e.g. {@code stocktaking}. */
    public String id() {
        return id;
    }

    /** The public path prefix, e.g. {@code /api/stocktaking}. */
    public String routePrefix() {
        return "/api/" + id;
    }

    URI configuredUrl(GatewayConfig config) {
        GatewayConfig.Upstreams upstreams = config.upstream();
        return switch (this) {
            case STOCKTAKING -> upstreams.stocktaking().url();
            case PRIZES -> upstreams.prizes().url();
            case FORUM -> upstreams.forum().url();
            case INDICATORS -> upstreams.indicators().url();
        };
    }
}
