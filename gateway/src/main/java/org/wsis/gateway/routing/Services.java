package org.wsis.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * The services behind the gateway, read from configuration once at start-up: the names in
 * {@code wsis.gateway.services} (their order is the platform API document's order), each with
 * {@code wsis.gateway.upstream.<name>.url} (required), {@code .route-prefix} (default {@code /api/<name>}) and
 * {@code .docs-path} (default {@code /q/openapi?format=json}). A mistake (a listed service without a URL, a URL
 * for an unlisted one, two services on one prefix) stops the gateway at start, naming the key.
 */
@ApplicationScoped
public class Services {
    static final String DEFAULT_DOCS_PATH = "/q/openapi?format=json";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Pattern PREFIX = Pattern.compile("(/[a-z0-9][a-z0-9-]*)+");

    private final List<Service> all;

    Services(GatewayConfig config, Config raw) {
        this.all = List.copyOf(resolve(config.services(), config.upstream(), raw));
    }

    /**
     * The services as configured. The per-service keys come from the mapping; a key given only as an environment
     * variable of a listed service (e.g. {@code WSIS_GATEWAY_UPSTREAM_NEWS_URL} for {@code news}) is looked up by
     * its name, since an environment variable alone cannot say where a map key ends.
     */
    static List<Service> resolve(List<String> names, Map<String, GatewayConfig.UpstreamSettings> upstreams, Config raw) {
        List<Service> services = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("wsis.gateway.services: '" + name
                        + "' is not a service name (lower-case letters, digits and '-', starting with a letter)");
            }
            String key = "wsis.gateway.upstream." + name;
            GatewayConfig.UpstreamSettings settings = upstreams.get(name);
            URI url = Optional.ofNullable(settings).flatMap(GatewayConfig.UpstreamSettings::url)
                    .or(() -> raw.getOptionalValue(key + ".url", URI.class))
                    .orElseThrow(() -> new IllegalArgumentException(key + ".url is not set: every service listed in "
                            + "wsis.gateway.services needs its base URL"));
            String prefix = Optional.ofNullable(settings).flatMap(GatewayConfig.UpstreamSettings::routePrefix)
                    .or(() -> raw.getOptionalValue(key + ".route-prefix", String.class))
                    .orElse("/api/" + name);
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException(key + ".route-prefix must be a path like /api/" + name + ", got: " + prefix);
            }
            if (!prefixes.add(prefix)) {
                throw new IllegalArgumentException(key + ".route-prefix " + prefix + " is already another service's");
            }
            String docs = Optional.ofNullable(settings).flatMap(GatewayConfig.UpstreamSettings::docsPath)
                    .or(() -> raw.getOptionalValue(key + ".docs-path", String.class))
                    .orElse(DEFAULT_DOCS_PATH);
            if (!docs.startsWith("/")) {
                throw new IllegalArgumentException(key + ".docs-path must start with '/', got: " + docs);
            }
            services.add(new Service(name, prefix, docs, url));
        }
        for (String configured : upstreams.keySet()) {
            if (!names.contains(configured)) {
                throw new IllegalArgumentException("wsis.gateway.upstream." + configured + " is configured but '"
                        + configured + "' is not in wsis.gateway.services " + names);
            }
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("wsis.gateway.services lists no service");
        }
        return services;
    }

    /** Every service, in the configured order. */
    public List<Service> all() {
        return all;
    }

    /** The service of this name, if configured (a part of the country profile may name one that is not). */
    public Optional<Service> byId(String id) {
        return all.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The service of this name; a programming error when it is not configured. */
    public Service require(String id) {
        return byId(id).orElseThrow(() -> new IllegalStateException("no service '" + id + "' in wsis.gateway.services"));
    }
}
