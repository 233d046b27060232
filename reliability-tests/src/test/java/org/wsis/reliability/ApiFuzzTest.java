package org.wsis.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.PlatformService;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, bad input: every operation in every service's OpenAPI document is sent malformed,
 * mistyped, oversized, unknown-field and injection-laden requests through the gateway, as a caller
 * whose roles allow the operation. Nothing may answer 5xx, every 4xx must be problem+json, and a
 * batch of requests that were all refused must leave the service's database unchanged.
 */
@Tag("integration")
class ApiFuzzTest extends PlatformSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> HOSTILE_STRINGS = List.of(
            "' OR '1'='1'; DROP TABLE entry; --",
            "<script>alert(document.cookie)</script>",
            "../../../../etc/passwd",
            "\u0000\u202e\uFFFF",
            "%s%n%x{{7*7}}${jndi:ldap://127.0.0.1/x}",
            "x".repeat(100_000),
            // issue 17: full-text operators (33+ NOTs overflowed PostgreSQL's tsquery stack) and
            // Unicode that changes under normalisation (ligature, combining marks, width, zero-width, dotted I)
            "-".repeat(40), "-!".repeat(40) + "x",
            "\uFB01le e\u0301te\u0301 \uFF21\uFF22\uFF23 zero\u200Bwidth \u0130stanbul",
            "a" + "\u0308".repeat(2000));
    private static final List<String> HOSTILE_PATH_VALUES = List.of(
            "'%20OR%20'1'='1", "..%2F..%2F..%2Fetc%2Fpasswd", "%00", "-1", "99999999999999999999999",
            "x".repeat(3000), "%3Cscript%3E",
            // issue 17: int overflow, a forged log line, normalisation-sensitive Unicode
            "2147483648", "-2147483649", "X%0D%0A2026-01-01%20ERROR%20forged%00", "%EF%AC%81%CC%81%E2%80%8B");
    private static final List<String> HOSTILE_QUERY_VALUES = List.of(
            "-1", "abc", "99999999999", "' OR 1=1 --", "", "%00", "x".repeat(5000),
            // issue 17: int overflow and its edges, floats that are no numbers, tsquery operators, Unicode
            "2147483647", "2147483648", "-2147483649", "21474837", "1e309", "NaN", "0x10",
            "-".repeat(40), "- ".repeat(40) + "x", "-(".repeat(40) + "x", "!".repeat(40),
            "\uFB01 e\u0301 \uFF21 \u200B \u0130 \u202E", "a" + "\u0308".repeat(150));

    /** Who calls each service: a user (or agency client) whose roles allow its operations. */
    private static final Map<PlatformService, String> CALLER = Map.of(
            PlatformService.STOCKTAKING, "moderator",
            PlatformService.PRIZES, "prize-admin",
            PlatformService.FORUM, "organizer",
            PlatformService.INDICATORS, "agency-itu");

    /**
     * Each service's callers: the one above and, for users, a few more with the same roles. The services pace
     * writes per caller (forum proposals 10 at once, then one every 5 s); a refused fuzz request spends a token
     * like any other, and waiting out the pace made a third of this class's time. What the pace answers is
     * tested in OwaspApiTop10Test; here a 429 moves on to the next caller, and only when all are paced waits.
     */
    private static final int EXTRA_CALLERS = 4;
    private static final Map<PlatformService, List<String>> tokens = new LinkedHashMap<>();
    private static final Map<PlatformService, Integer> nextCaller = new LinkedHashMap<>();
    /**
     * The last snapshot of each service's tables, still true while every request since was refused: it is the
     * next write operation's "before" (an accepted request anywhere may change any service, through events).
     */
    private static final Map<PlatformService, String> unchangedSince = new LinkedHashMap<>();
    private static final List<String> failures = new ArrayList<>();
    private static int requests;
    // where the run's time goes, printed with the totals (issue 19: the suite's slowest class)
    private static long pacedMillis, snapshotMillis;

    @BeforeAll
    static void start() {
        useSharedPlatform();
        CALLER.forEach((service, caller) -> {
            List<String> callers = new ArrayList<>();
            if (caller.startsWith("agency-")) {
                callers.add(platform.tokens.agencyToken(caller));
            } else {
                callers.add(platform.tokens.userToken(caller));
                for (int i = 1; i <= EXTRA_CALLERS; i++) {
                    callers.add(platform.userLike(caller, "fuzz-" + caller + "-" + i));
                }
            }
            tokens.put(service, callers);
            nextCaller.put(service, 0);
        });
    }

    @Test
    void everyOperationRefusesBadInputWithProblemJsonAndChangesNothing() throws Exception {
        // issue 17: a connection whose headers never finish was kept open for ever. Opened now,
        // checked after the fuzzing (which outlasts the gateway's 75 s idle timeout on its own).
        UnfinishedHeaders unfinished = UnfinishedHeaders.open(platform.stack.gateway().url());
        for (PlatformService service : PlatformService.values()) {
            JsonNode openApi = JSON.readTree(given().baseUri(platform.stack.service(service).url())
                    .get("/q/openapi?format=json").then().statusCode(200).extract().asString());
            Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
                while (operations.hasNext()) {
                    Map.Entry<String, JsonNode> operation = operations.next();
                    String method = operation.getKey().toUpperCase();
                    if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        fuzz(service, openApi, path.getKey(), method, operation.getValue());
                    }
                }
            }
        }
        System.out.printf("[fuzz] %d requests against the OpenAPI operations of %d services, %d failures%n",
                requests, PlatformService.values().length, failures.size());
        System.out.printf("[fuzz] %d s waiting on the gateway's pace (429), %d s taking database snapshots%n",
                pacedMillis / 1000, snapshotMillis / 1000);
        long closedAfter = unfinished.secondsUntilClosed(Duration.ofSeconds(100));
        System.out.printf("[fuzz] a connection with unfinished headers was closed by the gateway after %d s%n", closedAfter);
        assertTrue(closedAfter >= 0, "a connection with unfinished headers is still open after 100 s");
        assertTrue(failures.isEmpty(), failures.size() + " bad answers, first ones:\n"
                + String.join("\n", failures.subList(0, Math.min(200, failures.size()))));
    }

    private void fuzz(PlatformService service, JsonNode openApi, String path, String method, JsonNode operation) {
        String gatewayPath = "/api/" + service.key() + path.replaceFirst("^/api", "");
        List<Attempt> attempts = new ArrayList<>();
        String validPath = fillPath(gatewayPath, operation, null);

        JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
        if (!bodySchema.isMissingNode()) {
            JsonNode valid = example(openApi, bodySchema, 0);
            attempts.add(new Attempt("malformed JSON", validPath, "{\"title\": \"unterminated", Map.of()));
            attempts.add(new Attempt("JSON of the wrong shape", validPath, valid.isArray() ? "{}" : "[1,2,3]", Map.of()));
            attempts.add(new Attempt("empty body", validPath, "", Map.of()));
            attempts.add(new Attempt("huge body", validPath, "{\"title\": \"" + "x".repeat(3_000_000) + "\"}", Map.of()));
            if (valid instanceof ObjectNode object) {
                ObjectNode unknown = object.deepCopy();
                unknown.put("ownerId", "someone-else").put("__proto__", "polluted");
                attempts.add(new Attempt("unknown and protected fields", validPath, unknown.toString(), Map.of()));
                object.fieldNames().forEachRemaining(field -> {
                    ObjectNode wrongType = object.deepCopy();
                    wrongType.set(field, wrongTypeFor(object.get(field)));
                    attempts.add(new Attempt("wrong type of " + field, validPath, wrongType.toString(), Map.of()));
                    if (object.get(field).isTextual() || object.get(field).isArray()) {
                        for (String hostile : HOSTILE_STRINGS) {
                            ObjectNode injected = object.deepCopy();
                            injected.set(field, object.get(field).isArray()
                                    ? NODES.arrayNode().add(hostile) : NODES.textNode(hostile));
                            attempts.add(new Attempt("hostile " + field, validPath, injected.toString(), Map.of()));
                        }
                    }
                });
            }
        }
        List<String> queryNames = parameters(openApi, operation).stream()
                .filter(p -> "query".equals(p.path("in").asText())).map(p -> p.path("name").asText()).toList();
        if (queryNames.contains("page") && queryNames.contains("size")) {
            // issue 17: each valid alone, their product past an int (a negative offset, a 500)
            for (Map<String, String> overflow : List.of(Map.of("page", "21474837", "size", "100"),
                    Map.of("page", "2147483647", "size", "2"), Map.of("page", "1000000", "size", "100"))) {
                attempts.add(new Attempt("page x size overflow " + overflow, validPath,
                        bodySchema.isMissingNode() ? null : example(openApi, bodySchema, 0).toString(), overflow));
            }
        }
        for (JsonNode parameter : parameters(openApi, operation)) {
            String name = parameter.path("name").asText();
            if ("path".equals(parameter.path("in").asText())) {
                for (String hostile : HOSTILE_PATH_VALUES) {
                    attempts.add(new Attempt("path " + name, fillPath(gatewayPath, operation, Map.of(name, hostile)),
                            bodySchema.isMissingNode() ? null : example(openApi, bodySchema, 0).toString(), Map.of()));
                }
            } else if ("query".equals(parameter.path("in").asText())) {
                for (String hostile : HOSTILE_QUERY_VALUES) {
                    attempts.add(new Attempt("query " + name, validPath,
                            bodySchema.isMissingNode() ? null : example(openApi, bodySchema, 0).toString(), Map.of(name, hostile)));
                }
            }
        }
        if (attempts.isEmpty()) {
            return;
        }
        String before = isReadOnly(method) ? null : unchangedSince.computeIfAbsent(service, this::rowCounts);
        boolean allRefused = true;
        for (Attempt attempt : attempts) {
            allRefused &= send(service, method, attempt);
        }
        if (allRefused && !isReadOnly(method)) {
            String after = rowCounts(service);
            if (!before.equals(after)) {
                failures.add(method + " " + gatewayPath + ": refused requests changed the database\n  before " + before + "\n  after  " + after);
            }
            unchangedSince.put(service, after);
        }
    }

    /** @return whether the request was refused (4xx) */
    private boolean send(PlatformService service, String method, Attempt attempt) {
        requests++;
        String what = method + " " + shorten(attempt.path()) + " (" + attempt.what() + ")";
        List<String> callers = tokens.get(service);
        Response response;
        try {
            response = request(service, attempt).request(method, attempt.path());
            // a pace (429: the gateway's per address, a service's per caller) would hide what the service says:
            // ask as the next caller; when every caller was paced, wait as told, then ask again
            for (int retry = 0, paced = 1; response.statusCode() == 429 && retry < 5; paced++) {
                if (paced % callers.size() == 0) {
                    long wait = 1000L * Math.min(5, Math.max(1, parseSeconds(response.header("Retry-After"))));
                    pacedMillis += wait;
                    sleep(wait);
                    retry++;
                }
                nextCaller.merge(service, 1, (current, one) -> (current + one) % callers.size());
                response = request(service, attempt).request(method, attempt.path());
            }
        } catch (RuntimeException e) {
            failures.add(what + ": no answer: " + e.getMessage());
            unchangedSince.clear();
            return false;
        }
        int status = response.statusCode();
        // SDMX REST answers errors in its own format (SDMX-ML error messages), and 501 for what it does not
        // implement; what the edge refuses before any SDMX resource sees it (a URI too long, an encoded slash
        // or control character in the path, the rate limit) is problem+json like every other edge refusal
        boolean sdmx = attempt.path().contains("/sdmx/");
        String contentType = String.valueOf(response.contentType());
        boolean errorFormat = contentType.startsWith("application/problem+json")
                || sdmx && contentType.startsWith("application/vnd.sdmx.error+xml");
        if (status >= 500 && !(sdmx && status == 501)) {
            failures.add(what + ": " + status + " " + shorten(response.asString()));
        } else if (status >= 400 && !errorFormat) {
            failures.add(what + ": " + status + " with content type " + response.contentType());
        }
        String text = response.asString();
        if (text.contains("Exception") && text.contains("\tat ") || text.contains("at org.wsis.")) {
            failures.add(what + ": a stack trace in the response");
        }
        boolean refused = status >= 400 && status < 500 || sdmx && status == 501;
        if (!refused && !isReadOnly(method)) {
            unchangedSince.clear();
        }
        return refused;
    }

    private RequestSpecification request(PlatformService service, Attempt attempt) {
        RequestSpecification request = platform.gateway()
                .config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 30_000).setParam("http.connection.timeout", 5_000)))
                .urlEncodingEnabled(false)
                .auth().oauth2(tokens.get(service).get(nextCaller.get(service)));
        // paths carry pre-encoded hostile values, so encoding is off: encode query values here
        attempt.query().forEach((name, value) -> request.queryParam(name, URLEncoder.encode(value, StandardCharsets.UTF_8)));
        if (attempt.body() != null) {
            request.contentType("application/json").body(attempt.body());
        }
        return request;
    }

    /**
     * Row count and content hash of every table of the service, as one comparable string. Taken
     * once no event is in flight anywhere, so only this batch's requests could change it.
     */
    private String rowCounts(PlatformService service) {
        long started = System.nanoTime();
        try {
            return snapshot(service);
        } finally {
            snapshotMillis += (System.nanoTime() - started) / 1_000_000;
        }
    }

    private String snapshot(PlatformService service) {
        Platform.awaitUntil(Duration.ofSeconds(30), () -> Arrays.stream(PlatformService.values())
                        .allMatch(s -> platform.count(s, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0),
                "no event waiting in any outbox");
        sleep(300); // consumers apply what was just sent
        String union = platform.stack.postgres().psql(service.database(), """
                SELECT string_agg(format('SELECT %L AS t, count(*) AS n, md5(coalesce(string_agg(x::text, %L ORDER BY x::text), %L)) AS h FROM %I x',
                                         tablename, ',', '', tablename), ' UNION ALL ')
                FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'flyway%'""").trim();
        return platform.stack.postgres().psql(service.database(),
                "SELECT string_agg(t || '=' || n || ':' || left(h, 8), ' ' ORDER BY t) FROM (" + union + ") counts").trim();
    }

    private static long parseSeconds(String retryAfter) {
        try {
            return retryAfter == null ? 1 : Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isReadOnly(String method) {
        return method.equals("GET");
    }

    private static List<JsonNode> parameters(JsonNode openApi, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(p -> parameters.add(resolve(openApi, p)));
        return parameters;
    }

    /** Path parameters get a plausible value (a random UUID, a code) unless overridden. */
    private static String fillPath(String path, JsonNode operation, Map<String, String> overrides) {
        String filled = path;
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asText();
            if (!"path".equals(parameter.path("in").asText())) {
                continue;
            }
            String value = overrides != null && overrides.containsKey(name) ? overrides.get(name)
                    : "uuid".equals(parameter.path("schema").path("format").asText()) ? "7c9e6679-7425-40de-944b-e07fc1f90ae7"
                    : "integer".equals(parameter.path("schema").path("type").asText()) ? "2027" : "C2";
            filled = filled.replace("{" + name + "}", value);
        }
        return filled.replaceAll("\\{[^}]+}", "x");
    }

    /** A value that fits the schema well enough to pass parsing, so mutations test one thing at a time. */
    private static JsonNode example(JsonNode openApi, JsonNode schema, int depth) {
        JsonNode s = resolve(openApi, schema);
        if (depth > 5) {
            return NODES.nullNode();
        }
        if (s.has("enum") && s.get("enum").size() > 0) {
            return s.get("enum").get(0);
        }
        if (s.has("allOf") && s.get("allOf").size() > 0) {
            return example(openApi, s.get("allOf").get(0), depth + 1);
        }
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                s.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), example(openApi, p.getValue(), depth + 1)));
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                array.add(example(openApi, s.path("items"), depth + 1));
                return array;
            }
            case "integer":
                return NODES.numberNode(1);
            case "number":
                return NODES.numberNode(1.5);
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return switch (s.path("format").asText()) {
                    case "uuid" -> NODES.textNode("7c9e6679-7425-40de-944b-e07fc1f90ae7");
                    case "date" -> NODES.textNode("2027-05-01");
                    case "date-time" -> NODES.textNode("2027-05-01T09:00:00Z");
                    case "uri", "url" -> NODES.textNode("https://example.org/project");
                    case "email" -> NODES.textNode("someone@example.org");
                    default -> NODES.textNode("Fuzz value");
                };
        }
    }

    private static JsonNode wrongTypeFor(JsonNode value) {
        if (value.isTextual()) {
            return NODES.objectNode().put("nested", 1);
        }
        if (value.isNumber()) {
            return NODES.textNode("not a number");
        }
        if (value.isArray()) {
            return NODES.textNode("not an array");
        }
        if (value.isBoolean()) {
            return NODES.textNode("maybe");
        }
        return NODES.arrayNode().add(1);
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String[] parts = current.get("$ref").asText().replaceFirst("^#/", "").split("/");
            JsonNode target = openApi;
            for (String part : parts) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private record Attempt(String what, String path, String body, Map<String, String> query) {
    }

    /** A connection to the gateway that sent half a request line and then nothing (slowloris). */
    private record UnfinishedHeaders(java.net.Socket socket, long openedAt) {
        static UnfinishedHeaders open(String url) throws java.io.IOException {
            java.net.URI uri = java.net.URI.create(url);
            java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.getOutputStream().write("GET /api/stocktaking/v1/reference/action-lines HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new UnfinishedHeaders(socket, System.nanoTime());
        }

        /** Seconds from opening until the gateway closed it, or -1 if it is still open at the deadline (from opening). */
        long secondsUntilClosed(Duration deadline) throws java.io.IOException {
            try (socket) {
                long left = deadline.toMillis() - (System.nanoTime() - openedAt) / 1_000_000;
                socket.setSoTimeout((int) Math.max(1, left));
                try {
                    while (socket.getInputStream().read() >= 0) {
                        // whatever the gateway says before closing (nothing is expected)
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    return -1;
                } catch (java.net.SocketException reset) {
                    // closed with a reset: closed all the same
                }
                return (System.nanoTime() - openedAt) / 1_000_000_000;
            }
        }
    }
}
