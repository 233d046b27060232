package org.wsis.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The list of services is configuration: names, URLs, prefixes and docs paths, and mistakes named by key. */
class ServicesTest {

    private static GatewayConfig.UpstreamSettings settings(String url, String prefix, String docs) {
        return new GatewayConfig.UpstreamSettings() {
            @Override
            public Optional<URI> url() {
                return Optional.ofNullable(url).map(URI::create);
            }

            @Override
            public Optional<String> routePrefix() {
                return Optional.ofNullable(prefix);
            }

            @Override
            public Optional<String> docsPath() {
                return Optional.ofNullable(docs);
            }
        };
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    private static final Config EMPTY = config(Map.of());

    @Test
    void aServiceIsItsConfigurationWithDefaultsForPrefixAndDocs() {
        Map<String, GatewayConfig.UpstreamSettings> upstreams = new LinkedHashMap<>();
        upstreams.put("stocktaking", settings("http://127.0.0.1:8081", null, null));
        upstreams.put("news", settings("https://news.internal/base", "/api/newsroom", "/openapi.json"));
        List<Service> services = Services.resolve(List.of("news", "stocktaking"), upstreams, EMPTY);

        assertEquals(List.of(
                new Service("news", "/api/newsroom", "/openapi.json", URI.create("https://news.internal/base")),
                new Service("stocktaking", "/api/stocktaking", "/q/openapi?format=json", URI.create("http://127.0.0.1:8081"))),
                services, "in the configured order, defaults filled in");
    }

    @Test
    void aListedServiceGivenOnlyByItsFlatKeysIsFound() {
        // as from an environment variable WSIS_GATEWAY_UPSTREAM_NEWS_URL, which cannot say where a map key ends
        Config raw = config(Map.of("wsis.gateway.upstream.news.url", "http://10.0.0.9:9000"));
        List<Service> services = Services.resolve(List.of("news"), Map.of(), raw);
        assertEquals(URI.create("http://10.0.0.9:9000"), services.get(0).url());
        assertEquals("/api/news", services.get(0).routePrefix());
    }

    @Test
    void mistakesStopTheGatewayNamingTheKey() {
        Map<String, GatewayConfig.UpstreamSettings> one = Map.of("forum", settings("http://x", null, null));
        assertMessage("wsis.gateway.upstream.prizes.url is not set",
                () -> Services.resolve(List.of("forum", "prizes"), one, EMPTY));
        assertMessage("wsis.gateway.upstream.forum is configured but 'forum' is not in wsis.gateway.services",
                () -> Services.resolve(List.of("prizes"), Map.of("prizes", settings("http://y", null, null),
                        "forum", settings("http://x", null, null)), EMPTY));
        assertMessage("is already another service's", () -> Services.resolve(List.of("forum", "prizes"),
                Map.of("forum", settings("http://x", null, null), "prizes", settings("http://y", "/api/forum", null)), EMPTY));
        assertMessage("must be a path like /api/forum", () -> Services.resolve(List.of("forum"),
                Map.of("forum", settings("http://x", "api/forum/", null)), EMPTY));
        assertMessage("is not a service name", () -> Services.resolve(List.of("Forum"),
                Map.of("Forum", settings("http://x", null, null)), EMPTY));
        assertMessage("lists no service", () -> Services.resolve(List.of(), Map.of(), EMPTY));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
