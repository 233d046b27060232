package org.wsis.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Every response received through the gateway from one of the four services is validated against the
 * platform's merged OpenAPI document ({@code /api/openapi.json}, as a generated client would read it) with
 * Atlassian's swagger-request-validator. A mismatch fails the test that received it (an AssertionError from
 * the RestAssured filter); {@code -Dwsis.contract.enforce=false} only records mismatches.
 * Each (method, path template) seen is recorded, so {@link ApiContractTest} can tell which operations no
 * test has exercised.
 */
final class ContractValidation implements Filter {
    /** The services' API under the gateway; the gateway's own routes (/api/profiles, /q, /docs) are not services'. */
    private static final Pattern SERVICE_API = Pattern.compile("^/api/(stocktaking|prizes|forum|indicators)/.*");
    private static final boolean ENFORCE = Boolean.parseBoolean(System.getProperty("wsis.contract.enforce", "true"));

    private static ContractValidation instance;

    private final String documentJson;
    private final OpenAPI document;
    private final OpenApiInteractionValidator validator;
    private final ApiOperationResolver resolver;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger validated = new AtomicInteger();
    /** Every matched call in order, as "METHOD /template status" (the audit walk reads which operations a step answered). */
    private final List<String> answered = java.util.Collections.synchronizedList(new ArrayList<>());

    private ContractValidation(String documentJson) {
        this.documentJson = documentJson;
        this.document = new OpenAPIV3Parser().readContents(documentJson).getOpenAPI();
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(documentJson).build();
        this.resolver = new ApiOperationResolver(document, null, true);
    }

    /** The filter for the gateway at {@code gatewayUrl}, reading its merged document once all services are in it. */
    static synchronized ContractValidation forGateway(String gatewayUrl) {
        if (instance == null) {
            instance = new ContractValidation(fetchCompleteDocument(gatewayUrl));
        }
        return instance;
    }

    private static String fetchCompleteDocument(String gatewayUrl) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            return org.awaitility.Awaitility.await("the gateway's merged document listing every service")
                    .atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        try {
                            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/openapi.json"))
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                            last.set(response.body());
                            JsonNode unavailable = json.readTree(response.body()).path("x-wsis-unavailable-services");
                            return response.statusCode() == 200 && unavailable.isEmpty() ? response.body() : null;
                        } catch (java.io.IOException e) {
                            last.set(e.toString());
                            return null;
                        }
                    }, java.util.Objects::nonNull);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("the gateway's merged document never listed every service: " + last.get(), e);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        if (!SERVICE_API.matcher(path).matches()) {
            return response;
        }
        Request.Method method = Request.Method.valueOf(request.getMethod().toUpperCase());
        ApiOperationMatch match = resolver.findApiOperation(path, method);
        String call = method + " " + path + " -> " + response.statusCode();
        if (!match.isPathFound() || !match.isOperationAllowed()) {
            // a path or method the document does not have must be refused as a problem (404, or 405 for a method)
            int refusal = match.isPathFound() ? 405 : 404;
            String type = response.getContentType() == null ? "" : response.getContentType();
            if (response.statusCode() != refusal || !type.startsWith("application/problem+json")) {
                fail(call + ": no such operation in the merged document, yet not a " + refusal + " problem (" + type + ")");
            }
            return response;
        }
        seen.add(method + " " + match.getApiOperation().getApiPath().original());
        answered.add(method + " " + match.getApiOperation().getApiPath().original() + " " + response.statusCode());
        SimpleResponse.Builder actual = SimpleResponse.Builder.status(response.statusCode());
        response.getHeaders().forEach(header -> actual.withHeader(header.getName(), header.getValue()));
        String body = response.asString();
        if (body != null && !body.isEmpty()) {
            actual.withBody(body);
        }
        ValidationReport report = validator.validateResponse(path, method, actual.build());
        validated.incrementAndGet();
        if (report.hasErrors()) {
            StringBuilder message = new StringBuilder(call).append(" does not match the contract:");
            report.getMessages().forEach(m -> message.append("\n  ").append(m.getKey()).append(": ")
                    .append(m.getMessage()));
            message.append("\n  body: ").append(body == null ? "" : body.substring(0, Math.min(800, body.length())));
            fail(message.toString());
        }
        return response;
    }

    private void fail(String message) {
        mismatches.add(message);
        if (ENFORCE) {
            throw new AssertionError(message);
        }
    }

    /** Every operation of the merged document as "METHOD /path/template", with its operationId. */
    java.util.Map<String, String> operations() {
        java.util.Map<String, String> operations = new java.util.TreeMap<>();
        document.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.put(method.name() + " " + template, operation.getOperationId())));
        return operations;
    }

    /** The calls answered since the {@code from}-th, as "METHOD /template status". */
    List<String> answeredSince(int from) {
        synchronized (answered) {
            return List.copyOf(answered.subList(from, answered.size()));
        }
    }

    int answeredCount() {
        return answered.size();
    }

    /** The merged document, parsed. */
    OpenAPI document() {
        return document;
    }

    Set<String> seen() {
        return new TreeSet<>(seen);
    }

    List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    int validated() {
        return validated.get();
    }

    String documentJson() {
        return documentJson;
    }
}
