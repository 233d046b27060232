package org.wsis.gateway.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.wsis.gateway.routing.GatewayConfig;
import org.wsis.gateway.routing.GatewayConfig.RouteSettings;
import org.wsis.gateway.routing.Service;
import org.wsis.gateway.routing.Services;

/** Resolves {@code wsis.gateway.routes.*} once, and finds the policy of each request. */
@ApplicationScoped
public class RoutePolicies {

    private record ConfiguredRoute(PathPattern path, Set<String> methods, RoutePolicy policy) {
        boolean matches(String method, String path) {
            return (methods.isEmpty() || methods.contains(method)) && this.path.matches(path);
        }
    }

    private final List<ConfiguredRoute> routes = new ArrayList<>();
    private final Map<String, RoutePolicy> defaults = new HashMap<>();

    RoutePolicies(GatewayConfig config, Services services) {
        GatewayConfig.RateLimit limit = config.rateLimit();
        Duration timeout = config.upstreamTimeout();
        long maxBody = config.maxBodySize().asLongValue();
        for (Service service : services.all()) {
            defaults.put(service.id(), new RoutePolicy(service.id(), limit.requestsPerSecond(), limit.burst(),
                    limit.clientRequestsPerSecond(), limit.clientBurst(), timeout, maxBody));
        }
        config.routes().forEach((name, route) -> routes.add(configured(name, route, limit, timeout, maxBody)));
        // Most specific first, so the first match wins.
        routes.sort(Comparator.comparingInt((ConfiguredRoute r) -> r.path().specificity()).reversed());
    }

    private static ConfiguredRoute configured(String name, RouteSettings route, GatewayConfig.RateLimit limit,
            Duration timeout, long maxBody) {
        Set<String> methods = route.methods().orElse(List.of()).stream()
                .map(m -> m.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        RoutePolicy policy = new RoutePolicy(name,
                route.requestsPerSecond().orElse(limit.requestsPerSecond()),
                route.burst().orElse(limit.burst()),
                route.clientRequestsPerSecond().orElse(limit.clientRequestsPerSecond()),
                route.clientBurst().orElse(limit.clientBurst()),
                route.timeout().orElse(timeout),
                route.maxBodySize().map(size -> size.asLongValue()).orElse(maxBody));
        return new ConfiguredRoute(PathPattern.of(route.path()), methods, policy);
    }

    /** The policy for this request on this service's route. */
    public RoutePolicy resolve(Service service, String method, String path) {
        for (ConfiguredRoute route : routes) {
            if (route.matches(method, path)) {
                return route.policy();
            }
        }
        return defaults.get(service.id());
    }

    /** A configured route by name (tests and diagnostics). */
    public Optional<RoutePolicy> named(String name) {
        return routes.stream().map(ConfiguredRoute::policy).filter(p -> p.name().equals(name)).findFirst();
    }
}
