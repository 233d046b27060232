package org.wsis.gateway.routing;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.wsis.gateway.policy.RoutePolicy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.WebServerRequest;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;

/**
 * Opens the request to one service. The per-request idle timeout is what turns a silent upstream
 * into a {@link TimeoutException} (and so a 504); connection failures are wrapped in
 * {@link UpstreamUnreachableException} (a 503), so the interceptor can tell the two apart.
 */
final class UpstreamOrigin implements OriginRequestProvider {

    private final Upstream upstream;
    private final Duration connectTimeout;

    UpstreamOrigin(Upstream upstream, Duration connectTimeout) {
        this.upstream = upstream;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Future<HttpClientRequest> create(ProxyContext proxyContext) {
        // The route's own timeout (wsis.gateway.routes.<name>.timeout) or the default one.
        RoutePolicy policy = ((WebServerRequest) proxyContext.request().proxiedRequest()).routingContext()
                .get(GatewayRoutes.POLICY);
        long idleTimeoutMillis = policy.timeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                // Bounds the wait for a pooled or new connection.
                .setConnectTimeout(connectTimeout.toMillis())
                // No response headers, or no body data, for this long: the request is reset.
                .setIdleTimeout(idleTimeoutMillis);
        return proxyContext.client().request(options).recover(this::classify);
    }

    private Future<HttpClientRequest> classify(Throwable failure) {
        String reason = null;
        if (failure instanceof io.netty.channel.ConnectTimeoutException || failure instanceof TimeoutException) {
            reason = "no connection could be made within " + Durations.format(connectTimeout);
        } else if (failure instanceof ConnectException) {
            reason = "it refused the connection";
        } else if (failure instanceof UnknownHostException) {
            reason = "its host name could not be resolved";
        }
        return Future.failedFuture(reason == null ? failure : new UpstreamUnreachableException(reason, failure));
    }
}
