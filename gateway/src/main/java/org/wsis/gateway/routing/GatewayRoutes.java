package org.wsis.gateway.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.wsis.gateway.edge.EdgeAuthentication;
import org.wsis.gateway.policy.CircuitBreaker;
import org.wsis.gateway.policy.RateLimiter;
import org.wsis.gateway.policy.RoutePolicies;
import org.wsis.gateway.policy.RoutePolicy;
import org.wsis.gateway.problem.Problem;
import org.wsis.gateway.problem.ProblemResponses;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;

/**
 * The routing table: one streaming reverse proxy per configured service ({@link Services}) under its prefix
 * ({@code /api/{service}/**} by default), and a
 * problem+json 404 for every path nobody else (Quarkus' {@code /q/*} included) has answered.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);

    /** Routing-context key of the URI to request upstream, set by the route, read by the interceptor. */
    static final String TARGET_URI = "wsis.gateway.target-uri";
    static final String RATE_LIMIT = "RateLimit";
    static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

    /** Routing-context key of the {@link RoutePolicy} that applies to the request. */
    static final String POLICY = "wsis.gateway.policy";

    private final Vertx vertx;
    private final GatewayConfig config;
    private final RoutePolicies policies;
    private final Services services;
    private final RateLimiter rateLimiter;
    private final MeterRegistry metrics;
    private final List<Upstream> upstreams = new ArrayList<>();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private HttpClient client;

    GatewayRoutes(Vertx vertx, GatewayConfig config, RoutePolicies policies, Services services, RateLimiter rateLimiter,
            MeterRegistry metrics) {
        this.vertx = vertx;
        this.config = config;
        this.policies = policies;
        this.services = services;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
    }

    /** Longer URIs get a 414 problem here; the services accept at most Vert.x's default 4096-character request line. */
    static final int MAX_URI_CHARS = 4000;

    void init(@Observes Router router) {
        client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        // Bodies pass through as they are, compressed or not.
                        .setDecompressionSupported(false)
                        .setName("wsis-gateway"),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerUpstream()));

        // Before anything else: headers every answer carries, and over-long URIs refused as a problem
        // (Vert.x lets up to quarkus.http.limits.max-initial-line-length through to here).
        router.route().order(-1000).handler(rc -> {
            rc.addHeadersEndHandler(ignored -> {
                SecurityHeaders.addTo(rc.response().headers());
                varyOnOrigin(rc.response().headers());
            });
            if (rc.request().uri().length() > MAX_URI_CHARS) {
                ProblemResponses.send(rc, Problem.uriTooLong(MAX_URI_CHARS));
                return;
            }
            rc.next();
        });

        PublicUrl publicUrl = PublicUrl.of(config.publicUrl());
        for (Service service : services.all()) {
            Upstream upstream = Upstream.of(service);
            upstreams.add(upstream);
            CircuitBreaker breaker = new CircuitBreaker(config.circuitBreaker().failureThreshold(),
                    config.circuitBreaker().openDuration());
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .origin(new UpstreamOrigin(upstream, config.connectTimeout()))
                    .addInterceptor(new ForwardingInterceptor(upstream, breaker, publicUrl, config.bodyReadTimeout(),
                            config.bufferedBodyLimit().asLongValue()));
            // "/api/x/*" matches /api/x and /api/x/..., never /api/xy.
            router.route(service.routePrefix() + "/*")
                    .handler(rc -> forward(rc, upstream, breaker, proxy))
                    .failureHandler(ProblemResponses::unexpectedFailure);
            LOG.infof("Routing %s/** to %s", service.routePrefix(), upstream.url());
        }

        router.route().last()
                .handler(rc -> ProblemResponses.send(rc, Problem.routeNotFound(rc.request().path())));
    }

    /**
     * The edge checks, cheapest first, then the proxy: rate limit (429), body size (413), circuit
     * breaker (503). The token was already verified by quarkus-oidc before this route ran.
     */
    private void forward(RoutingContext rc, Upstream upstream, CircuitBreaker breaker, HttpProxy proxy) {
        HttpServerRequest request = rc.request();
        // The normalized path is the one the route matched: dot segments cannot climb out of it.
        String path = rc.normalizedPath();
        // Policies match the path as the service will route it (no "/votes/" or "/votes;x=1" around the
        // vote route's limits); a path whose reading is ambiguous is refused (issue 17).
        java.util.Optional<String> routed = org.wsis.gateway.policy.PathPattern.canonical(path);
        if (routed.isEmpty()) {
            ProblemResponses.send(rc, Problem.ambiguousPath(request.path()));
            return;
        }
        RoutePolicy policy = policies.resolve(upstream.service(), request.method().name(), routed.get());
        rc.put(POLICY, policy);
        recordMetrics(rc, upstream.service(), policy);

        EdgeAuthentication.Caller caller = EdgeAuthentication.caller(rc);
        RateLimiter.Decision limit = rateLimiter.decide(policy, caller.user(), caller.client());
        if (limit.policyHeader() != null) {
            // draft-ietf-httpapi-ratelimit-headers: clients can slow down before they get a 429.
            rc.response().putHeader(RATE_LIMIT_POLICY, limit.policyHeader());
            rc.response().putHeader(RATE_LIMIT, limit.rateLimitHeader());
        }
        long retryAfter = limit.retryAfterSeconds();
        if (retryAfter > 0) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            ProblemResponses.send(rc, Problem.tooManyRequests(policy.name(), retryAfter, request.path()));
            return;
        }
        if (declaredBodyTooLarge(request, policy.maxBodySize())) {
            // The body is not read; closing the connection is cheaper than draining it.
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            ProblemResponses.send(rc, Problem.payloadTooLarge(policy.maxBodySize(), request.path()));
            return;
        }
        if (!breaker.allowRequest()) {
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(breaker.retryAfterSeconds()));
            ProblemResponses.send(rc, Problem.circuitOpen(upstream.service().id(), breaker.lastFailure(), request.path()));
            return;
        }
        rc.put(TARGET_URI, upstream.targetUri(path, request.query()));
        proxy.handle(request);
    }

    /**
     * The CORS grant (Access-Control-Allow-Origin) depends on the request's Origin, so every answer says
     * so: a shared cache must never hand one origin's answer to another. Quarkus' CORS filter does not.
     */
    static void varyOnOrigin(MultiMap headers) {
        List<String> vary = headers.getAll(HttpHeaders.VARY);
        boolean present = vary.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .anyMatch(token -> token.trim().equalsIgnoreCase("Origin") || token.trim().equals("*"));
        if (!present) {
            headers.add(HttpHeaders.VARY, "Origin");
        }
    }

    private static boolean declaredBodyTooLarge(HttpServerRequest request, long maxBytes) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return false;
        }
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }

    /** The tags of one request timer; few distinct values, so one timer each is kept. */
    private record TimerKey(Service service, String route, String method, int status) {
    }

    /**
     * {@code wsis_gateway_requests_seconds{service,route,method,status}} on /q/metrics. The timers are
     * looked up in a map of our own: building and registering one per request was a measurable part
     * of the gateway's own cost per request.
     */
    private void recordMetrics(RoutingContext rc, Service service, RoutePolicy policy) {
        long start = System.nanoTime();
        String method = rc.request().method().name();
        rc.addEndHandler(done -> timers.computeIfAbsent(
                        new TimerKey(service, policy.name(), method, rc.response().getStatusCode()), this::timer)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("wsis.gateway.requests")
                .description("Requests through the gateway, by service and configured route")
                .tag("service", key.service().id())
                .tag("route", key.route())
                .tag("method", key.method())
                .tag("status", Integer.toString(key.status()))
                .register(metrics);
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
