package org.wsis.commons.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The public URL of this service's {@code /api} tree for the current request, so that every URL the
 * service returns (Location, Link, problem {@code instance}, links in bodies) is the one the caller used,
 * never the service's own address. The one place all four services build public URLs from.
 * <ol>
 * <li>{@code wsis.http.public-url}, when set (e.g. {@code https://api.wsis.example/api/stocktaking}): always.</li>
 * <li>Else, when the request comes straight from a trusted proxy ({@code wsis.http.trusted-proxies}, the
 * gateway): its {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Prefix}. The
 * prefix is the public path of the service's {@code /api} (the gateway maps {@code /api/stocktaking/v1/x}
 * to {@code /api/v1/x} and sends {@code X-Forwarded-Prefix: /api/stocktaking}).</li>
 * <li>Else the request's own scheme and Host: a caller who is not a trusted proxy cannot choose the
 * links others would be sent to (a poisoned cache, a phishing Location).</li>
 * </ol>
 * {@link PublicUrlFilter} applies it to the Location, Content-Location and Link headers of every answer,
 * and the problem mappers to {@code instance}, so resources keep building links with {@code UriInfo}.
 */
@ApplicationScoped
public class PublicUrls {
    static final String API = "/api";

    private final CurrentVertxRequest currentRequest;
    private final Optional<String> configuredApiBase;
    private final List<Cidr> trustedProxies;

    PublicUrls(CurrentVertxRequest currentRequest,
            @ConfigProperty(name = "wsis.http.public-url") Optional<URI> publicUrl,
            @ConfigProperty(name = "wsis.http.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.currentRequest = currentRequest;
        this.configuredApiBase = publicUrl.map(PublicUrls::withoutTrailingSlash);
        this.trustedProxies = trustedProxies.orElse(List.of()).stream().map(Cidr::parse).toList();
    }

    /** The public base of this service's {@code /api} for the current request, e.g. {@code http://gw:8080/api/forum}. */
    public String apiBase() {
        if (configuredApiBase.isPresent()) {
            return configuredApiBase.get();
        }
        HttpServerRequest request = request();
        if (request == null) {
            return API;
        }
        if (fromTrustedProxy(request)) {
            String host = first(request.getHeader("X-Forwarded-Host"));
            if (host != null && host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
                String proto = first(request.getHeader("X-Forwarded-Proto"));
                String scheme = "https".equalsIgnoreCase(proto) ? "https" : "http".equalsIgnoreCase(proto) ? "http"
                        : request.scheme();
                String prefix = first(request.getHeader("X-Forwarded-Prefix"));
                String path = prefix != null && prefix.matches("(/[A-Za-z0-9._~-]+)*") ? prefix : API;
                return scheme + "://" + host + path;
            }
        }
        return ownApiBase(request);
    }

    /** {@code /api/v1/entries/7} as the caller knows it, e.g. {@code /api/stocktaking/v1/entries/7}. */
    public String publicPath(String servicePath) {
        if (servicePath == null || !isUnderApi(servicePath, 0)) {
            return servicePath;
        }
        return URI.create(apiBase()).getRawPath() + servicePath.substring(API.length());
    }

    /**
     * A URL this service built from its own address (absolute, or a path under {@code /api}) made public;
     * any other URL (another site's, already public) unchanged.
     */
    public String publicUrl(String url) {
        if (url == null) {
            return null;
        }
        HttpServerRequest request = request();
        if (request == null) {
            return url;
        }
        String own = ownApiBase(request);
        String publicBase = apiBase();
        if (own.equals(publicBase)) {
            return url;
        }
        String ownOrigin = own.substring(0, own.length() - API.length());
        if (url.regionMatches(true, 0, ownOrigin, 0, ownOrigin.length()) && isUnderApi(url, ownOrigin.length())) {
            return publicBase + url.substring(ownOrigin.length() + API.length());
        }
        if (url.startsWith("/") && isUnderApi(url, 0)) {
            return publicBase + url.substring(API.length());
        }
        return url;
    }

    private static boolean isUnderApi(String url, int from) {
        if (!url.startsWith(API, from)) {
            return false;
        }
        int next = from + API.length();
        return next == url.length() || "/?#".indexOf(url.charAt(next)) >= 0;
    }

    private static String ownApiBase(HttpServerRequest request) {
        String host = request.authority() == null ? request.localAddress().toString() : request.authority().toString();
        return request.scheme() + "://" + host + API;
    }

    private boolean fromTrustedProxy(HttpServerRequest request) {
        SocketAddress peer = request.connection() == null ? request.remoteAddress() : request.connection().remoteAddress();
        if (peer == null || peer.hostAddress() == null) {
            return false;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(peer.hostAddress()); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
        return trustedProxies.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private HttpServerRequest request() {
        if (!Arc.container().requestContext().isActive()) {
            return null; // not serving a request (a scheduled job, a consumer): no caller to speak to
        }
        RoutingContext rc = currentRequest.getCurrent();
        return rc == null ? null : rc.request();
    }

    /** The first value of a header a chain of proxies may have extended ("a, b"). */
    private static String first(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        String first = (comma < 0 ? value : value.substring(0, comma)).trim();
        return first.isEmpty() ? null : first;
    }

    private static String withoutTrailingSlash(URI url) {
        String value = url.toString();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }

    /** An address block of {@code wsis.http.trusted-proxies}: an IP literal, or IP/prefix-length. */
    record Cidr(byte[] network, int prefixLength) {
        static Cidr parse(String text) {
            String trimmed = text.trim();
            int slash = trimmed.indexOf('/');
            String ip = slash < 0 ? trimmed : trimmed.substring(0, slash);
            if (!ip.matches("[0-9A-Fa-f.:]+")) {
                throw new IllegalArgumentException("wsis.http.trusted-proxies takes IP addresses or CIDR blocks, got: " + text);
            }
            try {
                byte[] network = InetAddress.getByName(ip).getAddress();
                int length = slash < 0 ? network.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
                if (length < 0 || length > network.length * 8) {
                    throw new IllegalArgumentException("wsis.http.trusted-proxies: bad prefix length in " + text);
                }
                return new Cidr(network, length);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("wsis.http.trusted-proxies: cannot read " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
