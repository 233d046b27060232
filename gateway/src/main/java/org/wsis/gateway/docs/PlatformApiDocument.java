package org.wsis.gateway.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.wsis.gateway.routing.GatewayConfig;
import org.wsis.gateway.routing.GatewayRoutes;
import org.wsis.gateway.routing.Service;
import org.wsis.gateway.routing.Upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/openapi.json}: one OpenAPI document for the whole platform, merged from each
 * service's {@code /q/openapi} at request time and cached briefly (so a redeployed service shows up
 * within {@value #CACHE_MILLIS} ms). Swagger UI at {@code /q/swagger-ui} (alias {@code /docs}) shows it.
 */
@ApplicationScoped
public class PlatformApiDocument {

    private static final Logger LOG = Logger.getLogger(PlatformApiDocument.class);

    public static final String PATH = "/api/openapi.json";
    static final long CACHE_MILLIS = 30_000;
    private static final long FETCH_TIMEOUT_MILLIS = 3_000;

    private record Cached(JsonObject document, long fetchedAt, boolean complete) {
    }

    private final Vertx vertx;
    private final GatewayRoutes routes;
    private final String realmUrl;
    private HttpClient client;
    private volatile Cached cached;

    PlatformApiDocument(Vertx vertx, GatewayRoutes routes, GatewayConfig config) {
        this.vertx = vertx;
        this.routes = routes;
        this.realmUrl = config.docs().realmUrl().orElse(null);
    }

    void register(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions().setName("wsis-gateway-docs")
                .setConnectTimeout((int) FETCH_TIMEOUT_MILLIS));
        router.get(PATH).handler(this::serve);
        router.get("/docs").handler(rc -> rc.redirect("/q/swagger-ui/"));
    }

    private void serve(RoutingContext rc) {
        document().onComplete(result -> {
            if (result.failed()) {
                rc.fail(result.cause());
                return;
            }
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .end(result.result().toBuffer());
        });
    }

    /** The merged document, from the cache when fresh (a document missing a service is kept 5 s only). */
    public Future<JsonObject> document() {
        Cached current = cached;
        long now = System.currentTimeMillis();
        if (current != null && now - current.fetchedAt() < (current.complete() ? CACHE_MILLIS : 5_000)) {
            return Future.succeededFuture(current.document());
        }
        Map<Service, Future<JsonObject>> fetches = new LinkedHashMap<>();
        for (Upstream upstream : routes.upstreams()) {
            fetches.put(upstream.service(), fetch(upstream));
        }
        return Future.join(new ArrayList<>(fetches.values())).transform(ignored -> {
            Map<Service, JsonObject> documents = new LinkedHashMap<>();
            List<Service> unavailable = new ArrayList<>();
            fetches.forEach((service, fetch) -> {
                if (fetch.succeeded()) {
                    documents.put(service, fetch.result());
                } else {
                    LOG.warnf("OpenAPI document of %s unavailable: %s", service.id(), fetch.cause().toString());
                    unavailable.add(service);
                }
            });
            JsonObject merged = OpenApiMerger.merge(documents, unavailable, realmUrl);
            cached = new Cached(merged, System.currentTimeMillis(), unavailable.isEmpty());
            return Future.succeededFuture(merged);
        });
    }

    private Future<JsonObject> fetch(Upstream upstream) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setHost(upstream.host()).setPort(upstream.port()).setSsl(upstream.ssl())
                .setURI(upstream.basePath() + upstream.service().docsPath())
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .setTimeout(FETCH_TIMEOUT_MILLIS);
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("status " + response.statusCode());
                    }
                    return response.body();
                })
                .map(Buffer::toJsonObject);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
