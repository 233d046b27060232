package org.wsis.stocktaking.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.wsis.commons.http.EditableRepresentation.MERGE_PATCH;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 15: what GET gives can be edited and PUT back, and a JSON Merge Patch (RFC 7396) changes a part. */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "stocktaking"))
@TestSecurity(user = "editing-owner", roles = "stocktaking-editor")
class EntryEditingTest {
    private static final String DRAFT = """
            {"title": "Community networks in the Andes", "description": "Villages run their own networks.",
             "organisation": "Rural Connect", "actionLines": ["C2"], "contactName": "Ana Quispe",
             "contactEmail": "ana@example.org", "countries": ["PE", "BO"]}""";

    @Inject
    ObjectMapper mapper;

    @Test
    void theRepresentationReadWithGetGoesBackWithPutWithOneFieldChanged() throws Exception {
        ExtractableResponse<Response> read = read(create());
        ObjectNode entry = (ObjectNode) mapper.readTree(read.asString());
        entry.put("title", "Community networks in the Andes and the Amazon");

        given().contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body(entry.toString())
                .put("/api/v1/entries/" + entry.get("id").asText()).then().statusCode(200)
                .body("title", equalTo("Community networks in the Andes and the Amazon"))
                .body("countries", contains("PER", "BOL")) // sent as alpha-2, stored as alpha-3
                .body("version", equalTo(entry.get("version").asInt() + 1));
    }

    @Test
    void aReadOnlyFieldSentWithAnotherValueIs422NamingItAndChangesNothing() throws Exception {
        ExtractableResponse<Response> read = read(create());
        ObjectNode entry = (ObjectNode) mapper.readTree(read.asString());
        entry.put("title", "Should not be stored");
        entry.put("status", "PUBLISHED");
        entry.put("ownerId", "someone-else");

        given().contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body(entry.toString())
                .put("/api/v1/entries/" + entry.get("id").asText()).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:wsis:problem:read-only"))
                .body("errors.field", containsInAnyOrder("ownerId", "status"));
        assertEquals("Community networks in the Andes", read(entry.get("id").asText()).path("title"));
        assertEquals(read.header("ETag"), read(entry.get("id").asText()).header("ETag"));
    }

    @Test
    void aFieldTheRepresentationDoesNotHaveIsStillAnUnknownField400() throws Exception {
        ExtractableResponse<Response> read = read(create());
        ObjectNode entry = (ObjectNode) mapper.readTree(read.asString());
        entry.put("colour", "red");
        given().contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body(entry.toString())
                .put("/api/v1/entries/" + entry.get("id").asText()).then().statusCode(400)
                .body("errors.field", contains("colour"));
        given().contentType(ContentType.JSON).header("If-Match", read.header("ETag")).body("[1]")
                .put("/api/v1/entries/" + entry.get("id").asText()).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aStaleETagIsStill412NotA422OnVersion() throws Exception {
        String id = create();
        ExtractableResponse<Response> first = read(id);
        ObjectNode entry = (ObjectNode) mapper.readTree(first.asString());
        given().contentType(MERGE_PATCH).header("If-Match", first.header("ETag"))
                .body("{\"title\": \"Changed meanwhile\"}").patch("/api/v1/entries/" + id).then().statusCode(200);

        given().contentType(ContentType.JSON).header("If-Match", first.header("ETag")).body(entry.toString())
                .put("/api/v1/entries/" + id).then().statusCode(412);
        given().contentType(MERGE_PATCH).body("{\"title\": \"x\"}")
                .patch("/api/v1/entries/" + id).then().statusCode(428);
    }

    @Test
    void aMergePatchChangesWhatItNamesRemovesWhatItNullsAndKeepsTheRest() {
        String id = create();
        ExtractableResponse<Response> read = read(id);
        given().contentType(MERGE_PATCH).header("If-Match", read.header("ETag"))
                .body("{\"description\": \"Villages run and own their networks.\", \"contactName\": null, \"countries\": [\"PE\"]}")
                .patch("/api/v1/entries/" + id).then().statusCode(200)
                .header("ETag", containsString(id))
                .body("description", equalTo("Villages run and own their networks."))
                .body("contactName", nullValue())
                .body("contactEmail", equalTo("ana@example.org"))
                .body("countries", contains("PER"))
                .body("title", equalTo("Community networks in the Andes"));
    }

    @Test
    void aMergePatchIsJudgedLikeAPut() {
        String id = create();
        String etag = read(id).header("ETag");
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"title\": \" \"}")
                .patch("/api/v1/entries/" + id).then().statusCode(400).body("errors.field", contains("title"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"actionLines\": [\"C99\"]}")
                .patch("/api/v1/entries/" + id).then().statusCode(422).body("errors.field", contains("actionLines[0]"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"version\": 99}")
                .patch("/api/v1/entries/" + id).then().statusCode(422).body("errors.field", contains("version"));
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"title\": ")
                .patch("/api/v1/entries/" + id).then().statusCode(400).body("type", equalTo("urn:wsis:problem:malformed-json"));
        given().contentType(ContentType.JSON).header("If-Match", etag).body("{\"title\": \"x\"}")
                .patch("/api/v1/entries/" + id).then().statusCode(415);
        assertEquals(etag, read(id).header("ETag"), "no refused patch changed the entry");
    }

    private String create() {
        return given().contentType(ContentType.JSON).body(DRAFT).post("/api/v1/entries").then().statusCode(201)
                .extract().path("id");
    }

    private static ExtractableResponse<Response> read(String id) {
        return given().get("/api/v1/entries/" + id).then().statusCode(200).extract();
    }
}
