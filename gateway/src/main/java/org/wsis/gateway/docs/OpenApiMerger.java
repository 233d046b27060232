package org.wsis.gateway.docs;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.wsis.gateway.routing.Service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Merges the services' OpenAPI documents into one, as the gateway publishes them:
 * <ul>
 * <li>OpenAPI 3.0.3 (the services' 3.1 is converted by {@link OpenApi30});</li>
 * <li>paths {@code /api/v1/...} become {@code /api/<service>/v1/...} (other paths, e.g. /q/*, are dropped);</li>
 * <li>components get the service as prefix ({@code EntryView} of stocktaking becomes
 * {@code stocktaking_EntryView}) and every {@code $ref} follows, except the schemas every service shares from
 * service-commons ({@code Problem}, {@code ProblemFieldError}), which stay one;</li>
 * <li>tags get the service too, so Swagger UI groups operations by service; operation ids are kept (they
 * are platform-unique), and only one two services share is prefixed with the service;</li>
 * <li>the services' own security schemes are replaced by one OAuth2 scheme (authorization code with PKCE
 * against the realm). An operation that needs a user keeps its requirement with the realm roles it needs
 * (from {@code @RolesAllowed}); a public one has sign-in optional.</li>
 * </ul>
 * Pure functions over Vert.x JSON, no I/O.
 */
public final class OpenApiMerger {

    public static final String SECURITY_SCHEME = "wsis";

    /** Schemas of service-commons: the same in every service, so the merged document holds them once. */
    static final Set<String> SHARED_SCHEMAS = Set.of("Problem", "ProblemFieldError");

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiMerger() {
    }

    /**
     * @param documents   each available service's own document, in the order of the merged document
     * @param unavailable services whose document could not be fetched (named in the description)
     * @param realmUrl    the realm's public URL, e.g. https://auth.example.org/realms/wsis; null when there is no
     *                    realm to sign in with (a pasted bearer token is asked for instead)
     */
    public static JsonObject merge(Map<Service, JsonObject> documents, List<Service> unavailable, String realmUrl) {
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        JsonArray tags = new JsonArray();
        String version = "3.0.3";
        Set<String> roles = new java.util.TreeSet<>();
        Map<String, Integer> operationIds = countOperationIds(documents);
        for (Map.Entry<Service, JsonObject> entry : documents.entrySet()) {
            Service service = entry.getKey();
            JsonObject document = entry.getValue();
            // Quarkus writes 3.1; the platform document is 3.0.3, which every validator and generator reads.
            JsonObject rewritten = (JsonObject) rewriteRefs(OpenApi30.downgrade(document.copy()), service);
            addPaths(service, rewritten.getJsonObject("paths", new JsonObject()), paths, operationIds, roles);
            addComponents(service, rewritten.getJsonObject("components", new JsonObject()), components);
            for (Object tag : rewritten.getJsonArray("tags", new JsonArray())) {
                if (tag instanceof JsonObject t) {
                    tags.add(t.copy().put("name", tagName(service, t.getString("name"))));
                }
            }
        }
        if (realmUrl == null) {
            // A bearer scheme's requirement must list nothing in OpenAPI 3.0: the roles stay in x-wsis-roles.
            paths.forEach(path -> ((JsonObject) path.getValue()).forEach(method -> {
                if (method.getValue() instanceof JsonObject operation && operation.getJsonArray("security") != null) {
                    operation.getJsonArray("security").forEach(requirement -> {
                        JsonObject schemes = (JsonObject) requirement;
                        if (schemes.containsKey(SECURITY_SCHEME)) {
                            schemes.put(SECURITY_SCHEME, new JsonArray());
                        }
                    });
                }
            }));
        }
        components.put("securitySchemes", new JsonObject().put(SECURITY_SCHEME,
                realmUrl == null ? bearerToken() : oauth2(realmUrl, roles)));

        StringBuilder description = new StringBuilder(
                "All WSIS services through the gateway. Sign in with **Authorize** (client `wsis-frontend`, "
                        + "PKCE) to call endpoints that need a user; public endpoints work without.");
        if (!unavailable.isEmpty()) {
            description.append("\n\n**Not listed right now** (service unreachable): ")
                    .append(String.join(", ", unavailable.stream().map(Service::id).toList())).append('.');
        }
        return new JsonObject()
                .put("openapi", version)
                .put("info", new JsonObject().put("title", "WSIS platform API").put("version", "1.0.0")
                        .put("description", description.toString()))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("tags", tags)
                .put("paths", paths)
                .put("components", components)
                .put("x-wsis-unavailable-services", new JsonArray(unavailable.stream().map(Service::id).toList()));
    }

    private static Map<String, Integer> countOperationIds(Map<Service, JsonObject> documents) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        documents.values().forEach(document -> document.getJsonObject("paths", new JsonObject()).forEach(path -> {
            if (path.getValue() instanceof JsonObject item) {
                item.forEach(method -> {
                    if (OPERATIONS.contains(method.getKey()) && method.getValue() instanceof JsonObject operation
                            && operation.getString("operationId") != null) {
                        counts.merge(operation.getString("operationId"), 1, Integer::sum);
                    }
                });
            }
        }));
        return counts;
    }

    private static void addPaths(Service service, JsonObject source, JsonObject target,
                                 Map<String, Integer> operationIds, Set<String> roles) {
        for (String path : source.fieldNames()) {
            if (!path.equals("/api") && !path.startsWith("/api/")) {
                continue;
            }
            JsonObject item = source.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (OPERATIONS.contains(method) && item.getValue(method) instanceof JsonObject operation) {
                    shapeOperation(service, operation, operationIds, roles);
                }
            }
            target.put(service.routePrefix() + path.substring("/api".length()), item);
        }
    }

    private static void shapeOperation(Service service, JsonObject operation, Map<String, Integer> operationIds,
                                       Set<String> roles) {
        JsonArray tags = operation.getJsonArray("tags");
        JsonArray prefixed = new JsonArray();
        if (tags == null || tags.isEmpty()) {
            prefixed.add(tagName(service, null));
        } else {
            tags.forEach(tag -> prefixed.add(tagName(service, String.valueOf(tag))));
        }
        operation.put("tags", prefixed);
        String operationId = operation.getString("operationId");
        if (operationId != null && operationIds.getOrDefault(operationId, 0) > 1) {
            operation.put("operationId", service.id() + Character.toUpperCase(operationId.charAt(0))
                    + operationId.substring(1));
        }
        JsonArray required = operation.getJsonArray("security");
        if (required == null || required.isEmpty()) {
            // Public: signed in or not, as the user chooses (some show more to a signed-in caller).
            operation.put("security", new JsonArray().add(new JsonObject().put(SECURITY_SCHEME, new JsonArray()))
                    .add(new JsonObject()));
            return;
        }
        // Needs a user: one requirement of the platform scheme, listing the realm roles any of which will do.
        JsonArray needed = new JsonArray();
        for (Object requirement : required) {
            if (requirement instanceof JsonObject schemes) {
                for (String scheme : schemes.fieldNames()) {
                    if (schemes.getValue(scheme) instanceof JsonArray names) {
                        names.forEach(name -> {
                            if (!needed.contains(name)) {
                                needed.add(name);
                            }
                        });
                    }
                }
            }
        }
        needed.forEach(role -> roles.add(String.valueOf(role)));
        operation.put("security", new JsonArray().add(new JsonObject().put(SECURITY_SCHEME, needed)));
        if (!needed.isEmpty()) {
            operation.put("x-wsis-roles", needed.copy());
        }
    }

    private static void addComponents(Service service, JsonObject source, JsonObject target) {
        for (String section : source.fieldNames()) {
            if (section.equals("securitySchemes") || !(source.getValue(section) instanceof JsonObject entries)) {
                continue;
            }
            JsonObject merged = target.getJsonObject(section);
            if (merged == null) {
                merged = new JsonObject();
                target.put(section, merged);
            }
            for (String name : entries.fieldNames()) {
                merged.put(componentName(service, name), entries.getValue(name));
            }
        }
    }

    /** Rewrites every {@code $ref} to a local component so it names the prefixed component. */
    private static Object rewriteRefs(Object node, Service service) {
        if (node instanceof JsonObject object) {
            for (String key : object.fieldNames().toArray(String[]::new)) {
                Object value = object.getValue(key);
                if (key.equals("$ref") && value instanceof String ref && ref.startsWith("#/components/")) {
                    String[] parts = ref.split("/", 4);
                    if (parts.length == 4) {
                        object.put(key, "#/components/" + parts[2] + "/" + componentName(service, parts[3]));
                    }
                } else {
                    rewriteRefs(value, service);
                }
            }
        } else if (node instanceof JsonArray array) {
            array.forEach(element -> rewriteRefs(element, service));
        }
        return node;
    }

    static String componentName(Service service, String name) {
        return SHARED_SCHEMAS.contains(name) ? name : service.id() + "_" + name;
    }

    static String tagName(Service service, String tag) {
        String label = Character.toUpperCase(service.id().charAt(0)) + service.id().substring(1);
        return tag == null || tag.isBlank() ? label : label + ": " + tag;
    }

    private static JsonObject bearerToken() {
        return new JsonObject()
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "No realm is configured for sign-in here: paste an access token.");
    }

    private static JsonObject oauth2(String realmUrl, Set<String> roles) {
        // Realm roles are listed as scopes so that requirements may name them (OpenAPI 3.0 allows names
        // only for OAuth2/OpenID schemes); they come in the token's realm_access, and need not be requested.
        JsonObject scopes = new JsonObject().put("openid", "OpenID Connect sign-in");
        roles.forEach(role -> scopes.put(role, "Realm role " + role + " (granted by the realm, not requested)"));
        String base = realmUrl.endsWith("/") ? realmUrl.substring(0, realmUrl.length() - 1) : realmUrl;
        return new JsonObject()
                .put("type", "oauth2")
                .put("description", "Keycloak realm wsis; use client wsis-frontend (public, PKCE).")
                .put("flows", new JsonObject().put("authorizationCode", new JsonObject()
                        .put("authorizationUrl", base + "/protocol/openid-connect/auth")
                        .put("tokenUrl", base + "/protocol/openid-connect/token")
                        .put("scopes", scopes)));
    }
}
