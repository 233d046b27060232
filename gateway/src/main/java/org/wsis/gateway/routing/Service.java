package org.wsis.gateway.routing;

import java.net.URI;

/**
 * One service behind the gateway, as configured ({@link Services}): its name, the public path prefix it is
 * published under (default {@code /api/<name>}), where it serves its OpenAPI document, and its base URL.
 * Adding a service is configuration ({@code wsis.gateway.services} and {@code wsis.gateway.upstream.<name>.*}),
 * not gateway code.
 *
 * @param id          the name used in paths, config keys, metrics and messages, e.g. {@code stocktaking}
 * @param routePrefix the public path prefix, e.g. {@code /api/stocktaking}; {@code <prefix>/<rest>} is sent to
 *                    {@code <url>/api/<rest>}
 * @param docsPath    the service's OpenAPI document (JSON), relative to its URL, merged into the platform's
 * @param url         the service's base URL
 */
public record Service(String id, String routePrefix, String docsPath, URI url) {
}
