package org.wsis.gateway.routing;

import java.net.URI;
import java.util.Locale;

/**
 * Where one service lives, parsed once at start-up from its configured base URL.
 *
 * @param basePath the URL's path without trailing slash ("" for {@code http://host:8081}); it is
 *                 put in front of the rewritten path, so a service mounted under a sub-path works too
 */
public record Upstream(Service service, URI url, String host, int port, boolean ssl, String basePath) {

    /** Fails fast, naming the config key, when the URL is not an absolute http(s) URL. */
    public static Upstream of(Service service) {
        URI url = service.url();
        String key = "wsis.gateway.upstream." + service.id() + ".url";
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(key + " must be an http or https URL, got: " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException(key + " has no host: " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(key + " must not have a query or fragment: " + url);
        }
        boolean ssl = scheme.equals("https");
        int port = url.getPort() != -1 ? url.getPort() : (ssl ? 443 : 80);
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Upstream(service, url, url.getHost(), port, ssl, path);
    }

    /**
     * The request URI to send upstream: {@code /api/{service}{rest}?query} becomes
     * {@code {basePath}/api{rest}?query}.
     *
     * @param normalizedPath the path the router matched (dot segments already resolved), so it
     *                       always starts with this service's prefix
     * @param rawQuery       the query string as the client sent it, or null
     */
    public String targetUri(String normalizedPath, String rawQuery) {
        String prefix = service.routePrefix();
        if (!normalizedPath.startsWith(prefix)) {
            throw new IllegalArgumentException(normalizedPath + " is not under " + prefix);
        }
        String rest = normalizedPath.substring(prefix.length());
        StringBuilder uri = new StringBuilder(basePath).append("/api").append(rest);
        if (rawQuery != null) {
            uri.append('?').append(rawQuery);
        }
        return uri.toString();
    }

    @Override
    public String toString() {
        return service.id() + " -> " + url;
    }
}
