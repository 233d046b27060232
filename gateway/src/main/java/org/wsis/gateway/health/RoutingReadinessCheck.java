package org.wsis.gateway.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.wsis.gateway.routing.GatewayRoutes;
import org.wsis.gateway.routing.Upstream;

/**
 * Ready once the routing table is installed. It reports where each service is routed but never
 * calls the services: a service that is down makes its own routes answer 503, not the gateway
 * unready.
 */
@Readiness
@ApplicationScoped
public class RoutingReadinessCheck implements HealthCheck {

    private final GatewayRoutes routes;

    RoutingReadinessCheck(GatewayRoutes routes) {
        this.routes = routes;
    }

    @Override
    public HealthCheckResponse call() {
        List<Upstream> upstreams = routes.upstreams();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("gateway-routes").status(!upstreams.isEmpty());
        for (Upstream upstream : upstreams) {
            builder.withData(upstream.service().id(), upstream.url().toString());
        }
        return builder.build();
    }
}
