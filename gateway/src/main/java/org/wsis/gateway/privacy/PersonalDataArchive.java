package org.wsis.gateway.privacy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.wsis.gateway.problem.Problem;
import org.wsis.gateway.problem.ProblemResponses;
import org.wsis.gateway.requestid.RequestIds;
import org.wsis.gateway.routing.GatewayConfig;
import org.wsis.gateway.routing.GatewayRoutes;
import org.wsis.gateway.routing.Upstream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/me/personal-data}: a person's data from every service in one archive (issue 20). Each service
 * answers {@code GET /api/v1/me/personal-data} in one shape (service-commons {@code privacy/}); the gateway asks them
 * all in parallel with the caller's own token and puts each answer under its service's name. The archive is whole
 * or not given: a service that fails or is slower than {@code wsis.gateway.personal-data.timeout} (15 s) makes it a 503 naming
 * it (a partial download would look complete), a refused token a 401.
 */
@ApplicationScoped
public class PersonalDataArchive {
    private static final Logger LOG = Logger.getLogger(PersonalDataArchive.class);
    static final String PATH = "/api/me/personal-data";
    static final String SOURCE = "/api/v1/me/personal-data";

    private final Vertx vertx;
    private final GatewayRoutes routes;
    private final long timeoutMillis;
    private HttpClient client;

    PersonalDataArchive(Vertx vertx, GatewayRoutes routes, GatewayConfig config) {
        this.vertx = vertx;
        this.routes = routes;
        this.timeoutMillis = config.personalData().timeout().toMillis();
    }

    void register(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions().setName("wsis-gateway-personal-data")
                .setConnectTimeout((int) timeoutMillis).setKeepAlive(true));
        router.get(PATH).handler(this::archive);
    }

    /** One service's answer: its status and body. */
    private record Part(Upstream upstream, int status, JsonObject body) {
    }

    private void archive(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ProblemResponses.send(rc, new Problem("urn:wsis:problem:unauthorized", "Unauthorized", 401,
                    "Sign in: the archive holds the caller's own data, fetched with their token.", PATH));
            return;
        }
        String requestId = RequestIds.of(rc);
        List<Future<Part>> parts = new ArrayList<>();
        for (Upstream upstream : routes.upstreams()) {
            parts.add(get(upstream, authorization, requestId));
        }
        Future.join(parts).onComplete(done -> {
            List<String> failed = new ArrayList<>();
            JsonObject services = new JsonObject();
            String subject = null;
            for (Future<Part> future : parts) {
                if (future.failed()) {
                    failed.add(future.cause().getMessage());
                    continue;
                }
                Part part = future.result();
                if (part.status() == 401) {
                    ProblemResponses.send(rc, Problem.invalidToken(PATH));
                    return;
                }
                if (part.status() != 200 || part.body() == null) {
                    failed.add(part.upstream().service().id() + " answered " + part.status());
                    continue;
                }
                subject = part.body().getString("subject");
                services.put(part.upstream().service().id(), part.body());
            }
            if (!failed.isEmpty()) {
                ProblemResponses.send(rc, Problem.serviceUnavailable(String.join(", ", failed.stream()
                        .map(f -> f.split(" ")[0]).toList()), "the archive needs every service (" + String.join("; ", failed) + ")", PATH));
                return;
            }
            JsonObject archive = new JsonObject().put("subject", subject).put("exportedAt", Instant.now().toString())
                    .put("services", services);
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader("Content-Disposition", "attachment; filename=\"my-wsis-data.json\"")
                    .end(archive.toBuffer());
        });
    }

    private Future<Part> get(Upstream upstream, String authorization, String requestId) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setHost(upstream.host()).setPort(upstream.port()).setSsl(upstream.ssl())
                .setURI(upstream.basePath() + SOURCE)
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .putHeader(HttpHeaders.AUTHORIZATION, authorization)
                .putHeader(RequestIds.HEADER, requestId)
                .setTimeout(timeoutMillis);
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Part(upstream, response.statusCode(),
                        response.statusCode() == 200 ? body.toJsonObject() : null)))
                .recover(e -> {
                    LOG.warnf("Personal data archive: %s%s failed: %s [request id %s]", upstream.url(), SOURCE, e.toString(), requestId);
                    return Future.failedFuture(upstream.service().id() + " (" + e.getMessage() + ")");
                });
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
