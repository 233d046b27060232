package org.wsis.gateway.routing;

import io.vertx.core.MultiMap;

/**
 * Response headers that keep browsers from misusing our answers (OWASP API8, security
 * misconfiguration): no content sniffing, no framing, no referrer leaks, HTTPS only once seen
 * over HTTPS. Added to every answer of the gateway, its own and the proxied ones.
 */
final class SecurityHeaders {
    private SecurityHeaders() {
    }

    static void addTo(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        headers.remove("Server");
    }
}
