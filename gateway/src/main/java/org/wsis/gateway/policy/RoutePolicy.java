package org.wsis.gateway.policy;

import java.time.Duration;

/**
 * What applies to one request: the limits and timeout of the most specific configured route, or
 * the defaults (then {@code name} is the service id).
 */
public record RoutePolicy(String name, double requestsPerSecond, int burst, double clientRequestsPerSecond,
        int clientBurst, Duration timeout, long maxBodySize) {
}
