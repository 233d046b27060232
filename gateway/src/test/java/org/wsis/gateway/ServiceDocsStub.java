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
 * Stocktaking and indicators also answer the searches the country profile makes.
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
                    .requestHandler(this::handle)
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
                "wsis.gateway.docs.realm-url", "http://127.0.0.1:1/realms/wsis",
                "wsis.gateway.profiles.timeout", "2s");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private void handle(HttpServerRequest request) {
        String[] parts = request.path().split("/", 3);
        String service = parts.length > 1 ? parts[1] : "";
        if (SUMMARIES.containsKey(service) && request.path().equals("/" + service + "/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(document(service).toBuffer());
        } else if (request.path().equals("/stocktaking/api/v1/search")) {
            stocktakingSearch(request);
        } else if (request.path().equals("/indicators/api/v1/observations")) {
            observations(request);
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    /**
     * Search for the country profile: SLO is too slow (past the profile timeout), any other country
     * gets two entries in C1/C7 and, when prize winners are asked for, one winner.
     */
    private void stocktakingSearch(HttpServerRequest request) {
        String country = request.getParam("country");
        if ("SLO".equals(country)) {
            vertx.setTimer(8000, t -> request.response().end("{}"));
            return;
        }
        JsonObject body;
        if (!request.params().getAll("prize").isEmpty()) {
            body = new JsonObject().put("items", new JsonArray().add(new JsonObject()
                    .put("id", "e-won").put("title", "Winning project of " + country).put("prize", "WINNER")))
                    .put("total", 1);
        } else {
            body = new JsonObject()
                    .put("items", new JsonArray().add(new JsonObject().put("id", "e1").put("title", "Telecentres"))
                            .add(new JsonObject().put("id", "e2").put("title", "E-health")))
                    .put("total", 2)
                    .put("facets", new JsonObject().put("actionLine", new JsonArray()
                            .add(new JsonObject().put("value", "C1").put("count", 2))
                            .add(new JsonObject().put("value", "C7").put("count", 1))));
        }
        request.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
    }

    /** Observations as the indicators service pages them (a bare array); FRA makes it fail. */
    private static void observations(HttpServerRequest request) {
        String economy = request.getParam("economy");
        if ("FRA".equals(economy)) {
            request.response().setStatusCode(500).end("{}");
            return;
        }
        JsonArray body = new JsonArray()
                .add(observation("HH_INTERNET", economy, 2023, 40.5))
                .add(observation("HH_INTERNET", economy, 2024, 44.0))
                .add(observation("MOBILE_SUBS", economy, 2022, 110.0));
        request.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
    }

    private static JsonObject observation(String indicator, String economy, int period, double value) {
        return new JsonObject().put("indicator", indicator).put("economy", economy).put("period", period)
                .put("value", value);
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
        JsonObject pathItem = new JsonObject().put("get", operation);
        if (service.equals("forum")) {
            // a write that needs a role, as Quarkus writes @RolesAllowed
            pathItem.put("post", new JsonObject().put("summary", "Create a thing").put("operationId", "createThing")
                    .put("responses", new JsonObject().put("201", new JsonObject().put("description", "Created")))
                    .put("security", new JsonArray().add(new JsonObject().put("SecurityScheme",
                            new JsonArray().add("forum-organizer")))));
        }
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service).put("version", "1"))
                .put("paths", new JsonObject()
                        .put(PATHS.get(service), pathItem)
                        .put("/q/health", new JsonObject().put("get", new JsonObject().put("summary", "health"))))
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject().put("Problem", new JsonObject().put("type", "object")
                                .put("description", service + " problem"))
                                // 3.1 nullable forms, which the merged 3.0.3 document writes as nullable: true
                                .put("Owner", new JsonObject().put("type", "object"))
                                .put("Thing", new JsonObject().put("type", "object").put("properties", new JsonObject()
                                        .put("note", new JsonObject().put("type", new JsonArray().add("string").add("null")))
                                        .put("owner", new JsonObject().put("anyOf", new JsonArray()
                                                .add(new JsonObject().put("$ref", "#/components/schemas/Owner"))
                                                .add(new JsonObject().put("type", "null")))))))
                        .put("securitySchemes", new JsonObject().put("SecurityScheme",
                                new JsonObject().put("type", "http").put("scheme", "bearer"))));
    }
}
