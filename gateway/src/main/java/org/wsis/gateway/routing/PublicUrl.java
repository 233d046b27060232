package org.wsis.gateway.routing;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code wsis.gateway.public-url}, parsed once: the scheme, authority and path prefix under which callers
 * reach the gateway. Not configured, the services' links follow each request's own scheme and Host.
 *
 * @param path without trailing slash; "" at the root
 */
record PublicUrl(boolean configured, String scheme, String authority, String path) {

    static PublicUrl of(Optional<URI> configuredUrl) {
        if (configuredUrl.isEmpty()) {
            return new PublicUrl(false, null, null, "");
        }
        URI url = configuredUrl.get();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || url.getRawAuthority() == null
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "wsis.gateway.public-url must be an http(s) URL without query or fragment, got: " + url);
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new PublicUrl(true, scheme, url.getRawAuthority(), path);
    }
}
