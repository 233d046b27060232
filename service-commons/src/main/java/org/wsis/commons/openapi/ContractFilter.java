package org.wsis.commons.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.wsis.commons.idempotency.Idempotency;
import org.wsis.commons.problem.Problem;

/**
 * The generic part of every service's OpenAPI document, so a resource declares only what is its own:
 * <ul>
 * <li>one {@code Problem} schema (RFC 9457) and every 4xx/5xx response of every operation answering it as
 * {@code application/problem+json}; the statuses any operation can meet (400 for input, 401/403 when it
 * needs a user, 404 with a path id, 406, 500/503 as {@code default}) are added where missing;</li>
 * <li>response headers: {@code X-Total-Count} and {@code Link} on paged lists, {@code Location} on 201,
 * {@code ETag} where a write needs {@code If-Match} (and on the GET of the same resource), the
 * idempotent-replay marker where an {@code Idempotency-Key} is taken, {@code Retry-After} on 429/503;</li>
 * <li>an operation whose errors also come in another format (SDMX answers SDMX error messages) names its
 * media types in the extension {@value #ERROR_MEDIA_TYPES} (comma-separated); its error responses then offer
 * them besides the problem (which the gateway's own refusals still use);</li>
 * <li>a GET that answers 200 and is not personal data ({@code wsis.http.cache.personal-paths}) carries an ETag
 * and answers 304 to a matching {@code If-None-Match} (service-commons {@code http/HttpCaching}): both are
 * declared;</li>
 * <li>a description naming the roles an operation needs (the security requirement itself comes from
 * {@code @RolesAllowed});</li>
 * <li>every property of a schema that only responses use is {@code required}: Jackson writes every record
 * component, null or not (a component that can be null says so with {@code @Schema(nullable = true)}).
 * Schemas a request body uses keep their own rules, since a client may leave optional fields out.</li>
 * </ul>
 * Registered for every service by {@code mp.openapi.filter} in service-commons' defaults.
 */
public class ContractFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "ProblemFieldError";
    /** Operation extension: more media types its error responses come in, comma-separated. */
    public static final String ERROR_MEDIA_TYPES = "x-wsis-error-media-types";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        this.components = components;
        components.addSchema(FIELD_ERROR, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One offending field of a request that failed validation")
                .addProperty("field", string("The field, query or path parameter, e.g. actionLines[0]"))
                .addProperty("message", string("What is wrong with it"))
                .required(List.of("field", "message")));
        components.addSchema(PROBLEM, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 9457 problem detail: the body of every error response")
                .addProperty("type", string("A URI naming the kind of problem, e.g. urn:wsis:problem:validation"))
                .addProperty("title", string("Short, human-readable summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .format("int32").description("The HTTP status code"))
                .addProperty("detail", string("What went wrong with this request"))
                .addProperty("instance", string("The path of the request that failed"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .description("The offending fields, for validation problems")
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR)))
                .required(List.of("type", "title", "status")));

        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = openAPI.getPaths().getPathItems();
        requireResponseProperties(items.values());
        List<java.util.regex.Pattern> personal = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValues("wsis.http.cache.personal-paths", String.class).orElse(List.of()).stream()
                .map(org.wsis.commons.http.HttpCaching::glob).toList();
        for (Map.Entry<String, PathItem> path : items.entrySet()) {
            PathItem item = path.getValue();
            boolean conditionalWrites = false;
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() != null
                        && operation.getResponses().getAPIResponse("412") != null) {
                    conditionalWrites = true;
                }
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                shape(path.getKey(), entry.getKey(), entry.getValue(), conditionalWrites);
            }
            Operation get = item.getGET();
            if (get != null && get.getResponses() != null && get.getResponses().getAPIResponse("200") != null
                    && personal.stream().noneMatch(p -> p.matcher(path.getKey()).matches())) {
                revalidated(get.getResponses());
            }
        }
    }

    private Components components;

    private void requireResponseProperties(java.util.Collection<PathItem> items) {
        Map<String, Schema> schemas = components.getSchemas() == null ? Map.of() : components.getSchemas();
        java.util.Set<String> inRequests = new java.util.HashSet<>();
        for (PathItem item : items) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values()
                            .forEach(media -> collectRefs(media.getSchema(), schemas, inRequests));
                }
            }
        }
        schemas.forEach((name, schema) -> {
            if (!name.startsWith(PROBLEM) && !inRequests.contains(name) && schema.getProperties() != null
                    && !schema.getProperties().isEmpty()) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        });
    }

    private static void collectRefs(Schema schema, Map<String, Schema> schemas, java.util.Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (names.add(name)) {
                collectRefs(schemas.get(name), schemas, names);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> collectRefs(property, schemas, names));
        }
        collectRefs(schema.getItems(), schemas, names);
        if (schema.getAdditionalPropertiesSchema() != null) {
            collectRefs(schema.getAdditionalPropertiesSchema(), schemas, names);
        }
        for (List<Schema> group : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (group != null) {
                group.forEach(member -> collectRefs(member, schemas, names));
            }
        }
    }

    /**
     * A paged list's body is {@link org.wsis.commons.paging.Page}: a resource declares its items as an array
     * (Java generics cannot be named in an annotation) and this wraps them into {@code <Item>Page}.
     */
    private void wrapInPage(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaType("application/json") == null) {
            return;
        }
        org.eclipse.microprofile.openapi.models.media.MediaType json = response.getContent().getMediaType("application/json");
        Schema schema = json.getSchema();
        if (schema == null || schema.getType() == null || !schema.getType().contains(Schema.SchemaType.ARRAY)
                || schema.getItems() == null || schema.getItems().getRef() == null) {
            return;
        }
        String item = schema.getItems().getRef().substring(schema.getItems().getRef().lastIndexOf('/') + 1);
        String name = item + "Page";
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            components.addSchema(name, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                    .description("One page of " + item + " (page from 0; size 1-100; total over all pages)")
                    .addProperty("items", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                            .items(OASFactory.createSchema().ref(schema.getItems().getRef())))
                    .addProperty("page", integer("int32"))
                    .addProperty("size", integer("int32"))
                    .addProperty("total", integer("int64"))
                    .required(List.of("items", "page", "size", "total")));
        }
        json.setSchema(OASFactory.createSchema().ref("#/components/schemas/" + name));
    }

    private static Schema integer(String format) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format(format);
    }

    private void shape(String path, PathItem.HttpMethod method, Operation operation, boolean conditionalWrites) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        List<String> roles = roles(operation);
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean takesInput = operation.getRequestBody() != null || !parameters.isEmpty() || path.contains("{");
        boolean paged = parameters.stream().anyMatch(p -> "page".equals(p.getName()))
                && parameters.stream().anyMatch(p -> "size".equals(p.getName()));
        boolean idempotencyKey = parameters.stream()
                .anyMatch(p -> Idempotency.HEADER.equalsIgnoreCase(p.getName()));

        if (takesInput) {
            addError(responses, "400", "Malformed request: a parameter or the body is not what the operation takes");
        }
        if (secured) {
            addError(responses, "401", "No valid bearer token");
            addError(responses, "403", roles.isEmpty() ? "Not allowed for this caller"
                    : "The caller lacks the role this operation needs (" + String.join(", ", roles) + ")");
        }
        if (path.contains("{")) {
            addError(responses, "404", "No such resource");
        }
        addError(responses, "406", "None of the accepted media types can be produced");
        if (responses.getDefaultValue() == null) {
            responses.setDefaultValue(problemResponse("Unexpected error (500) or service unavailable (503, "
                    + "with Retry-After), as a problem"));
        }

        List<String> otherErrorTypes = otherErrorMediaTypes(operation);
        if (!otherErrorTypes.isEmpty()) {
            responses.getDefaultValue().setContent(errorContent(otherErrorTypes));
        }
        Map<String, APIResponse> all = responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses();
        for (Map.Entry<String, APIResponse> response : new LinkedHashMap<>(all).entrySet()) {
            String status = response.getKey();
            APIResponse value = response.getValue();
            if (status.startsWith("4") || status.startsWith("5")) {
                value.setContent(errorContent(otherErrorTypes));
                if (status.equals("429") || status.equals("503")) {
                    putHeader(value, "Retry-After", "Seconds to wait before trying again", "integer");
                }
            } else if (status.startsWith("2")) {
                if (status.equals("201")) {
                    putHeader(value, "Location", "The URL of the created resource", "string");
                }
                if (paged && status.equals("200")) {
                    wrapInPage(value);
                    putHeader(value, "X-Total-Count", "How many items all pages hold together", "integer");
                    putHeader(value, "Link", "RFC 8288 links to the first, prev, next and last pages", "string");
                }
                if (conditionalWrites && (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.PUT)
                        && !status.equals("204")) {
                    putHeader(value, "ETag", "The representation's version; send it back in If-Match", "string");
                }
                if (idempotencyKey) {
                    putHeader(value, Idempotency.REPLAYED_HEADER,
                            "\"true\" when this is the stored answer to an earlier request with the same key",
                            "string");
                }
            }
        }
        if (operation.getDescription() == null || operation.getDescription().isBlank()) {
            StringBuilder description = new StringBuilder(operation.getSummary() == null ? "" : operation.getSummary())
                    .append('.');
            if (secured) {
                description.append(roles.isEmpty() ? " Needs a signed-in user."
                        : " Needs the role " + String.join(" or ", roles) + ".");
            } else {
                description.append(" Public: no sign-in needed.");
            }
            if (paged) {
                description.append(" Paged with page (from 0) and size (1-100); the total is in X-Total-Count,"
                        + " the other pages in Link.");
            }
            operation.setDescription(description.toString());
        }
    }

    /** What HttpCaching does to a public read: an ETag on 200, and 304 with no body when If-None-Match matches it. */
    private static void revalidated(APIResponses responses) {
        putHeader(responses.getAPIResponse("200"), "ETag",
                "The representation's version (weak when computed from the body); send it in If-None-Match", "string");
        if (!responses.hasAPIResponse("304")) {
            APIResponse notModified = OASFactory.createAPIResponse()
                    .description("Not Modified: the representation still has the ETag sent in If-None-Match");
            putHeader(notModified, "ETag", "The representation's current version", "string");
            responses.addAPIResponse("304", notModified);
        }
    }

    /** The media types named by {@link #ERROR_MEDIA_TYPES} (the extension itself is dropped from the document). */
    private static List<String> otherErrorMediaTypes(Operation operation) {
        if (operation.getExtensions() == null || !operation.getExtensions().containsKey(ERROR_MEDIA_TYPES)) {
            return List.of();
        }
        Object value = operation.getExtensions().get(ERROR_MEDIA_TYPES);
        operation.removeExtension(ERROR_MEDIA_TYPES);
        return java.util.Arrays.stream(String.valueOf(value).split(","))
                .map(String::trim).filter(type -> !type.isEmpty()).toList();
    }

    /** The problem, and the operation's own error formats (described as text: XML or JSON of their standard). */
    private static Content errorContent(List<String> otherTypes) {
        Content content = problemContent();
        for (String type : otherTypes) {
            content.addMediaType(type, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))));
        }
        return content;
    }

    private static List<String> roles(Operation operation) {
        TreeSet<String> roles = new TreeSet<>();
        if (operation.getSecurity() != null) {
            for (SecurityRequirement requirement : operation.getSecurity()) {
                if (requirement.getSchemes() != null) {
                    requirement.getSchemes().values().forEach(roles::addAll);
                }
            }
        }
        return new ArrayList<>(roles);
    }

    private static void addError(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, problemResponse(description));
        }
    }

    private static APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static void putHeader(APIResponse response, String name, String description, String type) {
        if (response.getHeaders() != null && response.getHeaders().containsKey(name)) {
            return;
        }
        Header header = OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().type(List.of(type.equals("integer")
                        ? Schema.SchemaType.INTEGER : Schema.SchemaType.STRING)));
        response.addHeader(name, header);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
