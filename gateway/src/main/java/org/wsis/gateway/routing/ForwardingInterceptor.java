package org.wsis.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;
import org.wsis.gateway.policy.CircuitBreaker;
import org.wsis.gateway.policy.RoutePolicy;
import org.wsis.gateway.problem.Problem;
import org.wsis.gateway.problem.ProblemResponses;
import org.wsis.gateway.requestid.RequestIds;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Shapes each proxied exchange for one service: rewrites the URI, sets the request id and the
 * {@code X-Forwarded-*} headers, and turns a failed upstream exchange into a problem response.
 * <p>
 * The forwarded headers tell the service the public URL the caller used, so that every link it returns
 * (Location, Link, problem instance) is the gateway's, never its own address: {@code X-Forwarded-Proto}
 * and {@code X-Forwarded-Host} are the caller's scheme and authority (or those of
 * {@code wsis.gateway.public-url}), {@code X-Forwarded-Prefix} the public path of the service's
 * {@code /api} tree ({@code /api/stocktaking}). All three are set, never appended, so a caller cannot
 * pass their own through the gateway; services read them only from trusted proxies (service-commons
 * {@code PublicUrls}).
 * Everything else (the other headers, {@code Authorization} included, and the streamed bodies) is
 * left to vertx-http-proxy, which drops only hop-by-hop headers and {@code Host}.
 */
final class ForwardingInterceptor implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(ForwardingInterceptor.class);

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    static final String X_FORWARDED_PREFIX = "X-Forwarded-Prefix";
    static final String FORWARDED = "Forwarded";

    /** Routing-context flag: the streamed body outgrew the limit and the client got its 413. */
    private static final String BODY_TOO_LARGE = "wsis.gateway.body-too-large";

    /** Routing-context flag: the client was too slow with its body and got its 408 from the gateway. */
    private static final String CLIENT_TOO_SLOW = "wsis.gateway.client-too-slow";

    private final Upstream upstream;
    private final CircuitBreaker breaker;
    private final PublicUrl publicUrl;
    private final Duration bodyReadTimeout;
    private final long bufferedBodyLimit;

    ForwardingInterceptor(Upstream upstream, CircuitBreaker breaker, PublicUrl publicUrl, Duration bodyReadTimeout,
                          long bufferedBodyLimit) {
        this.upstream = upstream;
        this.breaker = breaker;
        this.publicUrl = publicUrl;
        this.bodyReadTimeout = bodyReadTimeout;
        this.bufferedBodyLimit = bufferedBodyLimit;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest client = request.proxiedRequest();
        RoutingContext rc = ((WebServerRequest) client).routingContext();

        request.setURI(rc.get(GatewayRoutes.TARGET_URI));
        MultiMap headers = request.headers();
        headers.set(RequestIds.HEADER, RequestIds.of(rc));
        setForwardedHeaders(client, headers, publicUrl, upstream.service());
        // The gateway already told the client to go on (handle-100-continue-automatically).
        headers.remove(HttpHeaders.EXPECT);

        // A small body is read whole first (within body-read-timeout): a slow client never holds a
        // service connection, nor counts against the service (issue 17).
        Body body = request.getBody();
        if (body != null && body.length() > 0 && body.length() <= bufferedBodyLimit) {
            return BufferedBody.read(rc.vertx(), body.stream(), body.length(), bodyReadTimeout.toMillis())
                    .compose(buffer -> {
                        request.setBody(Body.body(buffer));
                        return send(context, rc);
                    }, failure -> Future.succeededFuture(clientTooSlow(context, rc)));
        }
        limitStreamedBody(request, rc);
        return send(context, rc);
    }

    private Future<ProxyResponse> send(ProxyContext context, RoutingContext rc) {
        return context.sendRequest()
                .onSuccess(response -> breaker.recordSuccess())
                .recover(failure -> Future.succeededFuture(problemResponse(context, rc, failure)));
    }

    /**
     * The client did not send its body in time (or left): 408 from the gateway, connection closed,
     * and the service's circuit breaker hears nothing of it.
     */
    private ProxyResponse clientTooSlow(ProxyContext context, RoutingContext rc) {
        rc.put(CLIENT_TOO_SLOW, Boolean.TRUE);
        if (!rc.response().closed() && !rc.response().ended()) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            ProblemResponses.send(rc, Problem.requestTimeout(Durations.format(bodyReadTimeout), rc.request().path()));
        }
        return context.request().release().response().setStatusCode(408);
    }

    /** A body without Content-Length is counted as it streams (one with it was checked already). */
    private static void limitStreamedBody(ProxyRequest request, RoutingContext rc) {
        Body body = request.getBody();
        if (body == null || body.length() >= 0) {
            return;
        }
        RoutePolicy policy = rc.get(GatewayRoutes.POLICY);
        long max = policy.maxBodySize();
        request.setBody(Body.body(new BodySizeLimit(body.stream(), max, () -> {
            rc.put(BODY_TOO_LARGE, Boolean.TRUE);
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            ProblemResponses.send(rc, Problem.payloadTooLarge(max, rc.request().path()));
        }), -1));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        RoutingContext rc = ((WebServerRequest) context.request().proxiedRequest()).routingContext();
        if (rc.get(BODY_TOO_LARGE) != null || rc.get(CLIENT_TOO_SLOW) != null) {
            // The client already has its 413 (or 408); whatever the service said is dropped.
            return Future.succeededFuture();
        }
        // The client gets the gateway's id, already on the response; don't add the upstream's copy.
        context.response().headers().remove(RequestIds.HEADER);
        return context.sendResponse();
    }

    static void setForwardedHeaders(HttpServerRequest client, MultiMap headers, PublicUrl publicUrl, Service service) {
        SocketAddress remote = client.remoteAddress();
        String clientIp = remote == null ? null : remote.hostAddress();
        if (clientIp != null) {
            List<String> earlier = headers.getAll(X_FORWARDED_FOR);
            String chain = earlier.isEmpty() ? clientIp : String.join(", ", earlier) + ", " + clientIp;
            headers.set(X_FORWARDED_FOR, chain);
        }
        // RFC 7239's header would be a second, unchecked account of the same facts: only ours go on.
        headers.remove(FORWARDED);
        if (publicUrl.configured()) {
            headers.set(X_FORWARDED_PROTO, publicUrl.scheme());
            headers.set(X_FORWARDED_HOST, publicUrl.authority());
        } else {
            headers.set(X_FORWARDED_PROTO, client.scheme());
            HostAndPort authority = client.authority();
            if (authority != null) {
                headers.set(X_FORWARDED_HOST, authority.toString());
            } else {
                headers.remove(X_FORWARDED_HOST);
            }
        }
        headers.set(X_FORWARDED_PREFIX, publicUrl.path() + service.routePrefix());
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure instanceof UpstreamUnreachableException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private ProxyResponse problemResponse(ProxyContext context, RoutingContext rc, Throwable failure) {
        String path = context.request().proxiedRequest().path();
        String service = upstream.service().id();
        Problem problem;
        if (rc.get(BODY_TOO_LARGE) != null) {
            // Already answered; this response is never sent (see handleProxyResponse).
            return context.request().release().response().setStatusCode(413);
        }
        if (rc.response().closed()) {
            // The client hung up first, and the proxy reset the service's exchange (a StreamResetException
            // here). Nothing is wrong with the service: counting it would let a crowd of closed browser tabs
            // open the circuit and refuse everyone else. Nobody is left to answer either.
            LOG.debugf("%s %s: the client left before %s answered [request id %s]", rc.request().method(), path,
                    service, RequestIds.of(rc));
            return context.request().release().response().setStatusCode(499);
        }
        if (!(failure instanceof UpstreamUnreachableException) && !context.request().proxiedRequest().isEnded()) {
            // The client has not finished its (streamed) body: the service was waiting for the client.
            // A slow client is no service failure: counting it let five unfinished uploads open the circuit.
            LOG.debugf("%s %s: the client's body was unfinished when %s failed (%s) [request id %s]",
                    rc.request().method(), path, service, rootCause(failure), RequestIds.of(rc));
            return clientTooSlow(context, rc);
        }
        if (failure instanceof UpstreamUnreachableException unreachable) {
            breaker.recordFailure(unreachable.reason());
            problem = Problem.serviceUnavailable(service, unreachable.reason(), path);
        } else if (failure instanceof TimeoutException) {
            RoutePolicy policy = rc.get(GatewayRoutes.POLICY);
            breaker.recordFailure("it did not answer within " + Durations.format(policy.timeout()));
            problem = Problem.gatewayTimeout(service, Durations.format(policy.timeout()), path);
        } else {
            // e.g. the connection was reset mid-answer (a crashed service): a failure like the others
            breaker.recordFailure("it broke the connection");
            problem = Problem.badGateway(service, path);
        }
        LOG.warnf("%s %s -> %s: %d (%s) [request id %s]", rc.request().method(), path, upstream.url(),
                problem.status(), rootCause(failure), RequestIds.of(rc));

        // release() lets the unread request body drain; the response starts from scratch.
        ProxyResponse response = context.request().release().response();
        return response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .setBody(Body.body(problem.toBuffer()));
    }
}
