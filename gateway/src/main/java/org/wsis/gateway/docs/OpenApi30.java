package org.wsis.gateway.docs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Writes a service's OpenAPI 3.1 document (what Quarkus produces) as OpenAPI 3.0.3, the version response
 * validators, linters and client generators handle fully. Only schemas differ in what the services use:
 * {@code type: [T, "null"]} and {@code anyOf: [..., {type: "null"}]} become {@code nullable: true}; a
 * {@code $ref} with sibling keywords goes into {@code allOf} (3.0 ignores siblings of {@code $ref});
 * {@code examples}, {@code const} and numeric {@code exclusiveMinimum/Maximum} take their 3.0 form.
 * Pure function over Vert.x JSON; the document is changed in place.
 */
final class OpenApi30 {

    private OpenApi30() {
    }

    static JsonObject downgrade(JsonObject document) {
        if (!document.getString("openapi", "").startsWith("3.1")) {
            return document;
        }
        document.put("openapi", "3.0.3");
        document.remove("jsonSchemaDialect");
        document.remove("webhooks");
        JsonObject schemas = document.getJsonObject("components", new JsonObject()).getJsonObject("schemas");
        if (schemas != null) {
            for (String name : schemas.fieldNames()) {
                schemas.put(name, schema(schemas.getValue(name)));
            }
        }
        findSchemas(document.getValue("paths"));
        JsonObject components = document.getJsonObject("components");
        if (components != null) {
            for (String section : components.fieldNames()) {
                if (!section.equals("schemas")) {
                    findSchemas(components.getValue(section));
                }
            }
        }
        if (schemas != null) {
            inlineNullableScalarRefs(document, schemas);
        }
        return document;
    }

    /**
     * In 3.0, {@code nullable} does not reach into {@code allOf}: a nullable {@code allOf: [{$ref: OffsetDateTime}]}
     * still refuses null. Where the referenced schema is a scalar (a string with a format, an enum), its keywords
     * are copied in place of the {@code allOf}, so {@code nullable} applies (and an enum lists null too).
     */
    private static void inlineNullableScalarRefs(Object node, JsonObject schemas) {
        if (node instanceof JsonObject object) {
            JsonArray allOf = object.getJsonArray("allOf");
            if (Boolean.TRUE.equals(object.getValue("nullable")) && allOf != null && allOf.size() == 1
                    && allOf.getValue(0) instanceof JsonObject member && member.size() == 1
                    && member.getValue("$ref") instanceof String ref && ref.startsWith("#/components/schemas/")) {
                JsonObject target = schemas.getJsonObject(ref.substring("#/components/schemas/".length()));
                if (target != null && !target.containsKey("properties") && !target.containsKey("allOf")
                        && !target.containsKey("anyOf") && !target.containsKey("oneOf")
                        && target.getValue("type") instanceof String type && !type.equals("object") && !type.equals("array")) {
                    object.remove("allOf");
                    target.forEach(entry -> {
                        if (!object.containsKey(entry.getKey())) {
                            object.put(entry.getKey(), entry.getValue() instanceof JsonArray a ? a.copy() : entry.getValue());
                        }
                    });
                    if (object.getValue("enum") instanceof JsonArray values && !values.contains(null)) {
                        values.addNull();
                    }
                }
            }
            for (String key : object.fieldNames().toArray(String[]::new)) {
                inlineNullableScalarRefs(object.getValue(key), schemas);
            }
        } else if (node instanceof JsonArray array) {
            array.forEach(item -> inlineNullableScalarRefs(item, schemas));
        }
    }

    /** Converts every value under a "schema" key (parameters, media types, headers). */
    private static void findSchemas(Object node) {
        if (node instanceof JsonObject object) {
            for (String key : object.fieldNames().toArray(String[]::new)) {
                if (key.equals("schema")) {
                    object.put(key, schema(object.getValue(key)));
                } else {
                    findSchemas(object.getValue(key));
                }
            }
        } else if (node instanceof JsonArray array) {
            array.forEach(OpenApi30::findSchemas);
        }
    }

    private static Object schema(Object node) {
        if (!(node instanceof JsonObject schema)) {
            return node;
        }
        boolean nullable = false;
        if (schema.getValue("type") instanceof JsonArray types) {
            JsonArray rest = new JsonArray();
            for (Object type : types) {
                if ("null".equals(type)) {
                    nullable = true;
                } else {
                    rest.add(type);
                }
            }
            if (rest.size() == 1) {
                schema.put("type", rest.getValue(0));
            } else if (rest.isEmpty()) {
                schema.remove("type");
            } else {
                schema.remove("type");
                JsonArray anyOf = new JsonArray();
                rest.forEach(type -> anyOf.add(new JsonObject().put("type", type)));
                schema.put("anyOf", anyOf);
            }
        }
        for (String combiner : new String[] {"anyOf", "oneOf"}) {
            JsonArray members = schema.getJsonArray(combiner);
            if (members == null) {
                continue;
            }
            JsonArray rest = new JsonArray();
            for (Object member : members) {
                if (member instanceof JsonObject m && "null".equals(m.getValue("type")) && m.size() == 1) {
                    nullable = true;
                } else {
                    rest.add(member);
                }
            }
            if (rest.size() == 1) {
                schema.remove(combiner);
                schema.put("allOf", rest);
            } else {
                schema.put(combiner, rest);
            }
        }
        if (schema.containsKey("$ref") && (schema.size() > 1 || nullable)) {
            String ref = schema.getString("$ref");
            schema.remove("$ref");
            JsonArray allOf = schema.getJsonArray("allOf", new JsonArray());
            allOf.add(new JsonObject().put("$ref", ref));
            schema.put("allOf", allOf);
        }
        if (nullable) {
            schema.put("nullable", true);
        }
        if (schema.getValue("examples") instanceof JsonArray examples) {
            schema.remove("examples");
            if (!examples.isEmpty()) {
                schema.put("example", examples.getValue(0));
            }
        }
        if (schema.containsKey("const")) {
            schema.put("enum", new JsonArray().add(schema.remove("const")));
        }
        for (String[] bound : new String[][] {{"exclusiveMinimum", "minimum"}, {"exclusiveMaximum", "maximum"}}) {
            if (schema.getValue(bound[0]) instanceof Number limit) {
                schema.put(bound[1], limit);
                schema.put(bound[0], true);
            }
        }
        schema.remove("$schema");
        schema.remove("$id");
        schema.remove("contentMediaType");
        schema.remove("contentEncoding");
        // Recurse into the places a schema holds schemas.
        JsonObject properties = schema.getJsonObject("properties");
        if (properties != null) {
            for (String name : properties.fieldNames()) {
                properties.put(name, schema(properties.getValue(name)));
            }
        }
        for (String key : new String[] {"items", "additionalProperties", "not"}) {
            if (schema.getValue(key) instanceof JsonObject) {
                schema.put(key, schema(schema.getValue(key)));
            }
        }
        for (String combiner : new String[] {"allOf", "anyOf", "oneOf"}) {
            JsonArray members = schema.getJsonArray(combiner);
            if (members != null) {
                for (int i = 0; i < members.size(); i++) {
                    members.set(i, schema(members.getValue(i)));
                }
            }
        }
        return schema;
    }
}
