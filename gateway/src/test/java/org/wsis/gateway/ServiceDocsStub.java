package org.wsis.gateway;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Four "services" on one stub server, each under its own base path ({@code /stocktaking},
 * {@code /prizes}, ...), each publishing a small OpenAPI document at {@code /q/openapi} with one
 * operation, a {@code Problem} schema of its own (the merge must keep them apart) and a $ref to it.
 */
public class ServiceDocsStub implements QuarkusTestResourceLifecycleManager {

    /** The summary of the one operation each service documents. */
    static final Map<String, String> SUMMARIES = Map.of(
            "stocktaking", "Search stocktaking entries",
            "prizes", "List prize categories",
            "forum", "Forum agenda of an edition",
            "indicators", "List ICT indicators");

    static final Map<String, String> PATHS = Map.of(
            "stocktaking", "/api/v1/entries",
            "prizes", "/api/v1/editions/{year}/categories",
            "forum", "/api/v1/editions/{year}/sessions",
            "indicators", "/api/v1/indicators");

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server;
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(ServiceDocsStub::handle)
                    .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("docs stub did not start", e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of(
                "wsis.gateway.upstream.stocktaking.url", url + "/stocktaking",
                "wsis.gateway.upstream.prizes.url", url + "/prizes",
                "wsis.gateway.upstream.forum.url", url + "/forum",
                "wsis.gateway.upstream.indicators.url", url + "/indicators",
                "wsis.gateway.docs.realm-url", "http://127.0.0.1:1/realms/wsis");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static void handle(HttpServerRequest request) {
        String[] parts = request.path().split("/", 3);
        String service = parts.length > 1 ? parts[1] : "";
        if (SUMMARIES.containsKey(service) && request.path().equals("/" + service + "/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(document(service).toBuffer());
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    static JsonObject document(String service) {
        JsonObject operation = new JsonObject()
                .put("summary", SUMMARIES.get(service))
                .put("operationId", "list")
                .put("tags", new JsonArray().add("Things"))
                .put("responses", new JsonObject()
                        .put("200", new JsonObject().put("description", "OK"))
                        .put("400", new JsonObject().put("description", "Bad input").put("content",
                                new JsonObject().put("application/problem+json", new JsonObject().put("schema",
                                        new JsonObject().put("$ref", "#/components/schemas/Problem"))))));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service).put("version", "1"))
                .put("paths", new JsonObject()
                        .put(PATHS.get(service), new JsonObject().put("get", operation))
                        .put("/q/health", new JsonObject().put("get", new JsonObject().put("summary", "health"))))
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject().put("Problem", new JsonObject().put("type", "object")
                                .put("description", service + " problem")))
                        .put("securitySchemes", new JsonObject().put("SecurityScheme",
                                new JsonObject().put("type", "http").put("scheme", "bearer"))));
    }
}
