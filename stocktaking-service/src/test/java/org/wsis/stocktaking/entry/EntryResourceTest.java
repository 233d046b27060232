package org.wsis.stocktaking.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.localstack.testing.TestTopics;
import org.wsis.stocktaking.testing.TestTokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.wsis.commons.http.EditableRepresentation.MERGE_PATCH;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "stocktaking"))
class EntryResourceTest {
    private static final String VALID = """
            {"title": "Rural broadband for schools", "description": "Connects 300 schools.",
             "organisation": "Ministry of ICT", "actionLines": ["C2", "C7.E-LEARN"]}""";

    @Inject
    EntityManager entityManager;

    @Test
    @TestSecurity(user = "alice", roles = "stocktaking-editor")
    void ownerCreatesADraft() {
        String id = given().contentType(ContentType.JSON).body(VALID)
                .when().post("/api/v1/entries")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/entries/"))
                .header("ETag", notNullValue())
                .body("status", equalTo("DRAFT"))
                .body("ownerId", equalTo("alice"))
                .body("actionLines", hasItem("C7.E-LEARN"))
                .extract().path("id");

        given().when().get("/api/v1/entries/" + id).then().statusCode(200).body("title", equalTo("Rural broadband for schools"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "stocktaking-editor")
    void invalidFieldsGiveProblemJsonAndChangeNothing() {
        long before = entryCount();
        given().contentType(ContentType.JSON)
                .body("""
                        {"title": " ", "description": "d", "organisation": "o", "actionLines": ["X9"]}""")
                .when().post("/api/v1/entries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("urn:wsis:problem:validation"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("actionLines[0]"));
        assertEquals(before, entryCount());
    }

    @Test
    @TestSecurity(user = "alice", roles = "stocktaking-editor")
    void unknownActionLineIs422NamingTheField() {
        long before = entryCount();
        given().contentType(ContentType.JSON)
                .body(VALID.replace("\"C2\"", "\"C99\""))
                .when().post("/api/v1/entries")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("actionLines[0]"));
        assertEquals(before, entryCount());
    }

    @Test
    @TestSecurity(user = "alice", roles = "stocktaking-editor")
    void malformedJsonAndUnknownFieldsAre400() {
        given().contentType(ContentType.JSON).body("{\"title\": ")
                .when().post("/api/v1/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:wsis:problem:malformed-json"));
        given().contentType(ContentType.JSON).body(VALID.replace("{", "{\"status\": \"PUBLISHED\", "))
                .when().post("/api/v1/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "stocktaking-editor")
    void retriesWithTheSameIdempotencyKeyCreateOnce() {
        long before = entryCount();
        String key = "retry-" + UUID.randomUUID();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(VALID)
                .post("/api/v1/entries").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(VALID)
                .post("/api/v1/entries").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", containsString(first))
                .body("id", equalTo(first));
        assertEquals(before + 1, entryCount());
        // the same key with another body is a client error, and creates nothing
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(VALID.replace("Rural", "Urban"))
                .post("/api/v1/entries").then().statusCode(422).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Idempotency-Key", "bad key!").body(VALID)
                .post("/api/v1/entries").then().statusCode(400).contentType("application/problem+json");
        assertEquals(before + 1, entryCount());
    }

    /** Commons PlainText: no control character (C0, DEL, C1) in text; line breaks only where there may be several lines. */
    @Test
    @TestSecurity(user = "plain-text-writer", roles = "stocktaking-editor")
    void controlCharactersAre400NamingTheFieldAndStoreNothing() {
        Map<String, String> refused = Map.of("title", "Rural\u0000broadband", "organisation", "Ministry\u0007of ICT",
                "partners[1]", "ITU\u0085UNESCO", "description", "Connects\tschools");
        refused.forEach((field, value) -> {
            Map<String, Object> body = entry("Rural broadband", "Connects schools.");
            if (field.startsWith("partners")) {
                body.put("partners", List.of("UNICEF", value));
            } else {
                body.put(field, value);
            }
            given().contentType(ContentType.JSON).body(body).post("/api/v1/entries")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains(field))
                    .body("errors[0].message", equalTo("must not contain control characters"));
        });
        // a link is no text but holds no control character either (commons PlainText.LINK_REST): not PostgreSQL's refusal
        for (String link : List.of("https://example.org/\u0000x", "https://example.org/\u0007", "https://example.org/\u0085")) {
            Map<String, Object> body = entry("Rural broadband", "Connects schools.");
            body.put("links", List.of(link));
            given().contentType(ContentType.JSON).body(body).post("/api/v1/entries")
                    .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("links[0]"));
        }
        assertEquals(0, entriesOf("plain-text-writer"));

        // several lines in the description, and Persian/Arabic with a zero-width non-joiner (U+200C), are text
        String id = given().contentType(ContentType.JSON)
                .body(entry("مدارس\u200Cروستایی متصل", "First line.\r\nSecond line.\n\nThird."))
                .post("/api/v1/entries").then().statusCode(201).extract().path("id");
        given().get("/api/v1/entries/" + id).then().statusCode(200)
                .body("title", equalTo("مدارس\u200Cروستایی متصل"))
                .body("description", equalTo("First line.\r\nSecond line.\n\nThird."));

        // an edit is held to the same rule: refused, and the entry unchanged
        String etag = given().get("/api/v1/entries/" + id).then().extract().header("ETag");
        given().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"title\": \"Escape \\u001b[31m\"}")
                .patch("/api/v1/entries/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("title"));
        given().get("/api/v1/entries/" + id).then().statusCode(200).header("ETag", equalTo(etag))
                .body("title", equalTo("مدارس\u200Cروستایی متصل"));
        assertEquals(1, entriesOf("plain-text-writer"));
    }

    private static Map<String, Object> entry(String title, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", description);
        body.put("organisation", "Ministry of ICT");
        body.put("actionLines", List.of("C2"));
        return body;
    }

    private long entriesOf(String owner) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM entry WHERE owner_id = ?1")
                .setParameter(1, owner).getSingleResult()).longValue();
    }

    @Test
    void anonymousCannotCreate() {
        given().contentType(ContentType.JSON).body(VALID)
                .when().post("/api/v1/entries")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "stocktaking-editor")
    void editorsCannotPublish() {
        String id = createDraft();
        given().when().post("/api/v1/entries/" + id + "/publish")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "bob", roles = "stocktaking-editor")
    void othersDraftsAreInvisible() {
        UUID aliceDraft = insertDraftOwnedBy("alice");
        given().when().get("/api/v1/entries/" + aliceDraft).then().statusCode(404).contentType("application/problem+json");
        given().when().post("/api/v1/entries/" + aliceDraft + "/submit").then().statusCode(404);
    }

    @Test
    void publishingWritesTheEventThroughTheOutboxToKafka() throws Exception {
        String owner = TestTokens.editor("ama");
        String moderator = TestTokens.moderator("mo");
        String id = given().auth().oauth2(owner).contentType(ContentType.JSON).body(VALID).post("/api/v1/entries")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(moderator).post("/api/v1/entries/" + id + "/publish").then().statusCode(409); // not submitted yet
        given().auth().oauth2(owner).post("/api/v1/entries/" + id + "/submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        given().auth().oauth2(moderator).post("/api/v1/entries/" + id + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));

        JsonNode event = TestTopics.ofConfiguredBroker().awaitEvent("stocktaking.entries", id, null, Duration.ofSeconds(30));
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals("org.wsis.stocktaking.entry.published.v2", event.get("type").asText());
        assertEquals(id, event.get("data").get("entryId").asText());
        assertEquals("ama", event.get("data").get("ownerId").asText());

        given().when().get("/api/v1/entries?size=100").then().statusCode(200)
                .header("X-Total-Count", notNullValue())
                .header("Link", containsString("rel=\"first\""))
                .body("items.id", hasItem(id));
    }

    @Test
    void pageSizeIsBounded() {
        given().when().get("/api/v1/entries?size=1000")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void actionLinesAreServedFromTheMigration() {
        given().when().get("/api/v1/reference/action-lines").then().statusCode(200)
                .body("size()", equalTo(19))
                .body("find { it.code == 'C7.E-HEALTH' }.leadAgencies", equalTo("WHO"));
    }

    private String createDraft() {
        return given().contentType(ContentType.JSON).body(VALID).when().post("/api/v1/entries")
                .then().statusCode(201).extract().path("id");
    }

    @jakarta.transaction.Transactional
    UUID insertDraftOwnedBy(String owner) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                INSERT INTO entry (id, owner_id, title, description, organisation, action_lines, status, created_at, updated_at)
                VALUES (?1, ?2, 't', 'd', 'o', ARRAY['C1'], 'DRAFT', now(), now())""")
                .setParameter(1, id).setParameter(2, owner).executeUpdate();
        return id;
    }

    /** Issue 15: a query parameter the operation does not take is refused, never silently ignored. */
    @Test
    void anUndeclaredQueryParameterIs400NamingIt() {
        given().get("/api/v1/search?q=x&contry=KE").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'contry'")).body("detail", containsString("country"));
        given().get("/api/v1/entries?page=0&size=5&sort=title").then().statusCode(400)
                .body("detail", containsString("'sort'")).body("detail", containsString("page, size"));
        given().get("/api/v1/reference/action-lines?lang=fr").then().statusCode(400)
                .body("detail", containsString("takes none"));
        given().get("/api/v1/entries?page=0&size=5").then().statusCode(200);
        given().get("/api/v1/search?q=x&country=KE&country=SN").then().statusCode(200);
        // one value where one is taken: a second one would silently lose
        given().get("/api/v1/search?q=x&q=y").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'q' takes one value"));
    }

    /** Issue 17: the service's own write limit holds on its port, not only at the gateway. */
    @Test
    @TestSecurity(user = "burst-writer", roles = "stocktaking-editor")
    void entryWritesPastTheBurstAre429WithRetryAfterAndStoreNothing() {
        int created = 0;
        io.restassured.response.Response refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            io.restassured.response.Response response = given().contentType(ContentType.JSON).body(VALID).post("/api/v1/entries");
            if (response.statusCode() == 201) {
                created++;
            } else {
                refused = response;
            }
        }
        assertNotNull(refused, "200 creates in a row were all accepted");
        assertEquals(429, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertNotNull(refused.header("Retry-After"));
        // the burst (60) plus what refilled while sending, never the 200 asked for
        org.junit.jupiter.api.Assertions.assertTrue(created >= 60 && created < 100, "created " + created);
        assertEquals(created, ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM entry WHERE owner_id = 'burst-writer'").getSingleResult()).longValue());
    }

    private long entryCount() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM entry").getSingleResult()).longValue();
    }
}
