package org.wsis.gateway.docs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 3.1 to 3.0.3 conversion of the schema forms the services produce (no Quarkus needed). */
class OpenApi30Test {

    private static JsonObject document(JsonObject properties, JsonObject extraSchemas) {
        JsonObject schemas = new JsonObject()
                .put("View", new JsonObject().put("type", "object").put("properties", properties))
                .put("OffsetDateTime", new JsonObject().put("type", "string").put("format", "date-time"))
                .put("Status", new JsonObject().put("type", "string").put("enum", new JsonArray().add("ACTIVE").add("DONE")));
        extraSchemas.forEach(e -> schemas.put(e.getKey(), e.getValue()));
        return new JsonObject().put("openapi", "3.1.0").put("paths", new JsonObject())
                .put("components", new JsonObject().put("schemas", schemas));
    }

    private static JsonObject anyOfNull(String ref) {
        return new JsonObject().put("anyOf", new JsonArray()
                .add(new JsonObject().put("$ref", "#/components/schemas/" + ref))
                .add(new JsonObject().put("type", "null")));
    }

    @Test
    void aNullableReferenceToAScalarIsInlinedSoNullableApplies() {
        JsonObject doc = OpenApi30.downgrade(document(new JsonObject()
                .put("publishedAt", anyOfNull("OffsetDateTime"))
                .put("status", anyOfNull("Status")), new JsonObject()));
        JsonObject props = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("View").getJsonObject("properties");
        JsonObject publishedAt = props.getJsonObject("publishedAt");
        assertEquals("3.0.3", doc.getString("openapi"));
        assertFalse(publishedAt.containsKey("allOf"), publishedAt.encode());
        assertEquals("string", publishedAt.getString("type"));
        assertEquals("date-time", publishedAt.getString("format"));
        assertEquals(true, publishedAt.getBoolean("nullable"));
        JsonArray statusEnum = props.getJsonObject("status").getJsonArray("enum");
        assertTrue(statusEnum.contains(null) && statusEnum.contains("ACTIVE"), statusEnum.encode());
        // the component itself is untouched: a non-null use of it still refuses null
        assertFalse(doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Status").getJsonArray("enum").contains(null));
    }

    @Test
    void aNullableReferenceToAnObjectStaysAReference() {
        JsonObject doc = OpenApi30.downgrade(document(new JsonObject().put("prize", anyOfNull("Prize")),
                new JsonObject().put("Prize", new JsonObject().put("type", "object")
                        .put("properties", new JsonObject().put("year", new JsonObject().put("type", "integer"))))));
        JsonObject prize = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("View")
                .getJsonObject("properties").getJsonObject("prize");
        assertEquals("#/components/schemas/Prize", prize.getJsonArray("allOf").getJsonObject(0).getString("$ref"));
        assertEquals(true, prize.getBoolean("nullable"));
    }
}
