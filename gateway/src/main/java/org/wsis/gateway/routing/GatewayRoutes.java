package org.wsis.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.wsis.gateway.problem.Problem;
import org.wsis.gateway.problem.ProblemResponses;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;

/**
 * The routing table: one streaming reverse proxy per service under {@code /api/{service}/**}, and a
 * problem+json 404 for every path nobody else (Quarkus' {@code /q/*} included) has answered.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);

    /** Routing-context key of the URI to request upstream, set by the route, read by the interceptor. */
    static final String TARGET_URI = "wsis.gateway.target-uri";

    private final Vertx vertx;
    private final GatewayConfig config;
    private final List<Upstream> upstreams = new ArrayList<>();
    private HttpClient client;

    GatewayRoutes(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void init(@Observes Router router) {
        client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        // Bodies pass through as they are, compressed or not.
                        .setDecompressionSupported(false)
                        .setName("wsis-gateway"),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerUpstream()));

        for (Service service : Service.values()) {
            Upstream upstream = Upstream.of(service, service.configuredUrl(config));
            upstreams.add(upstream);
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .origin(new UpstreamOrigin(upstream, config.upstreamTimeout(), config.connectTimeout()))
                    .addInterceptor(new ForwardingInterceptor(upstream, config.upstreamTimeout()));
            // "/api/x/*" matches /api/x and /api/x/..., never /api/xy.
            router.route(service.routePrefix() + "/*")
                    .handler(rc -> forward(rc, upstream, proxy))
                    .failureHandler(ProblemResponses::unexpectedFailure);
            LOG.infof("Routing %s/** to %s", service.routePrefix(), upstream.url());
        }

        router.route().last()
                .handler(rc -> ProblemResponses.send(rc, Problem.routeNotFound(rc.request().path())));
    }

    private static void forward(RoutingContext rc, Upstream upstream, HttpProxy proxy) {
        // The normalized path is the one the route matched: dot segments cannot climb out of it.
        rc.put(TARGET_URI, upstream.targetUri(rc.normalizedPath(), rc.request().query()));
        proxy.handle(rc.request());
    }

    /** The upstreams as configured, in route order (for the readiness report). */
    public List<Upstream> upstreams() {
        return List.copyOf(upstreams);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
