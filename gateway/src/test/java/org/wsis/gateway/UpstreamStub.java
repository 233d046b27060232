package org.wsis.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP server on 127.0.0.1 standing in for the services. It echoes what it received as JSON
 * (method, uri, headers, body), answers {@code /api/v1/slow} after 3 s, drops the connection on
 * {@code /api/v1/drop} and answers {@code /api/v1/status/{code}} with that status.
 * Stocktaking, prizes and indicators point at it; forum points at a port nothing listens on.
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    /** Sent by the stub on every answer; the gateway must replace it with its own id. */
    public static final String STUB_REQUEST_ID = "id-from-upstream";

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(this::handle)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("upstream stub did not start", e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of(
                "wsis.gateway.upstream.stocktaking.url", url,
                // A trailing slash on the base URL must not double the slash upstream.
                "wsis.gateway.upstream.prizes.url", url + "/",
                "wsis.gateway.upstream.forum.url", "http://127.0.0.1:" + unusedPort(),
                "wsis.gateway.upstream.indicators.url", url,
                "wsis.gateway.upstream-timeout", "1s",
                "wsis.gateway.connect-timeout", "1s");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/api/v1/slow")) {
            vertx.setTimer(3000, t -> {
                if (!request.response().closed()) {
                    request.response().end("too late");
                }
            });
        } else if (path.equals("/api/v1/drop")) {
            request.connection().close();
        } else if (path.startsWith("/api/v1/status/")) {
            request.response()
                    .setStatusCode(Integer.parseInt(path.substring("/api/v1/status/".length())))
                    .putHeader("X-Upstream", "stub")
                    .putHeader("X-Request-Id", STUB_REQUEST_ID)
                    .end("status page");
        } else {
            request.body().onSuccess(body -> request.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Request-Id", STUB_REQUEST_ID)
                    .end(echo(request, body).toBuffer()));
        }
    }

    private static JsonObject echo(HttpServerRequest request, Buffer body) {
        JsonObject headers = new JsonObject();
        for (String name : request.headers().names()) {
            headers.put(name.toLowerCase(), String.join(", ", request.headers().getAll(name)));
        }
        return new JsonObject()
                .put("method", request.method().name())
                .put("uri", request.uri())
                .put("headers", headers)
                .put("body", body.toString())
                .put("bodyLength", body.length())
                .put("bodySha256", sha256(body.getBytes()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
