package org.wsis.stocktaking.moderation;

import org.wsis.localstack.testing.EventContracts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.stocktaking.testing.KafkaTopics;
import org.wsis.stocktaking.testing.TestTokens;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Entries through their whole life: full content, edits with If-Match, moderation, revisions, events. */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "stocktaking"))
class EntryLifecycleTest {
    static final String FULL = """
            {"title": "Solar classrooms", "description": "Solar-powered classrooms for rural schools.",
             "organisation": "Sun for Schools", "actionLines": ["C4", "C7.E-LEARN"],
             "contactName": "Ama Mensah", "contactEmail": "ama@example.org", "stakeholderType": "CIVIL_SOCIETY",
             "countries": ["KE", "SN"], "regions": ["ARB"], "sdgTargets": ["4.4", "7.1"], "targetGroups": ["YOUTH"],
             "startDate": "2023-01-01", "endDate": "2025-12-31", "projectStatus": "ONGOING",
             "links": ["https://example.org/solar"], "partners": ["Ministry of Education"], "language": "en"}""";

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void fromDraftThroughModerationAndEditsToArchive() throws Exception {
        String owner = TestTokens.editor("ama");
        String moderator = TestTokens.moderator("mo");
        Response created = as(owner).contentType(ContentType.JSON).body(FULL).post("/api/v1/entries");
        created.then().statusCode(201)
                .body("stakeholderType", equalTo("CIVIL_SOCIETY"))
                .body("countries", contains("KEN", "SEN")) // sent as alpha-2, stored and returned as alpha-3
                .body("regions", contains("ARB", "AFR")) // chosen, then derived from KE and SN
                .body("sdgs", contains(4, 7))
                .body("startDate", equalTo("2023-01-01"))
                .body("projectStatus", equalTo("ONGOING"));
        String id = created.path("id");
        String etag = created.header("ETag");

        // edits need the current ETag
        as(owner).contentType(ContentType.JSON).body(FULL).put("/api/v1/entries/" + id)
                .then().statusCode(428).contentType("application/problem+json");
        as(owner).contentType(ContentType.JSON).header("If-Match", "\"" + id + "-99\"").body(FULL).put("/api/v1/entries/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        etag = as(owner).contentType(ContentType.JSON).header("If-Match", etag).body(FULL.replace("Solar classrooms", "Solar classrooms v2"))
                .put("/api/v1/entries/" + id).then().statusCode(200).body("title", equalTo("Solar classrooms v2"))
                .extract().header("ETag");
        // the old ETag is now stale
        as(owner).contentType(ContentType.JSON).header("If-Match", created.header("ETag")).body(FULL).put("/api/v1/entries/" + id)
                .then().statusCode(412);

        post(owner, id, "submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        as(owner).contentType(ContentType.JSON).header("If-Match", "*").body(FULL).put("/api/v1/entries/" + id)
                .then().statusCode(409); // under moderation
        as(moderator).get("/api/v1/moderation/queue?size=100").then().statusCode(200).body("items.id", hasItem(id));
        as(moderator).contentType(ContentType.JSON).body("{\"comment\": \" \"}").post("/api/v1/entries/" + id + "/return")
                .then().statusCode(400).body("errors.field", hasItem("comment"));
        as(moderator).contentType(ContentType.JSON).body("{\"comment\": \"Please add the partners' names\"}")
                .post("/api/v1/entries/" + id + "/return")
                .then().statusCode(200).body("status", equalTo("RETURNED"))
                .body("returnComment", equalTo("Please add the partners' names"));
        post(owner, id, "submit").then().statusCode(200);
        post(moderator, id, "publish").then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("stocktakingYear", notNullValue()).body("returnComment", equalTo(null));
        JsonNode published = KafkaTopics.awaitEvent(bootstrapServers, mapper, "stocktaking.entries", id,
                "org.wsis.stocktaking.entry.published.v2", Duration.ofSeconds(30));
        assertEquals("Solar classrooms v2", published.get("data").get("title").asText());
        EventContracts.assertValidCloudEvent("stocktaking-service", "entry-published.v2", published.toString());
        assertEquals("CIVIL_SOCIETY", published.get("data").get("stakeholderType").asText());
        assertEquals("[\"KEN\",\"SEN\"]", published.get("data").get("countries").toString()); // v2: alpha-3

        // an edit of a published entry waits for moderation; the public keeps the published content
        etag = as(owner).get("/api/v1/entries/" + id).header("ETag");
        as(owner).contentType(ContentType.JSON).header("If-Match", etag).body(FULL.replace("Solar classrooms", "Solar classrooms v3"))
                .put("/api/v1/entries/" + id).then().statusCode(200)
                .body("title", equalTo("Solar classrooms v2")).body("changePending", equalTo(true));
        as(moderator).get("/api/v1/moderation/queue?size=100").then().body("items.id", hasItem(id));
        post(moderator, id, "publish").then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("title", equalTo("Solar classrooms v3")).body("changePending", equalTo(false));
        JsonNode updated = KafkaTopics.awaitEvent(bootstrapServers, mapper, "stocktaking.entries", id,
                "org.wsis.stocktaking.entry.updated.v2", Duration.ofSeconds(30));
        assertEquals("Solar classrooms v3", updated.get("data").get("title").asText());
        EventContracts.assertValidCloudEvent("stocktaking-service", "entry-updated.v2", updated.toString());

        as(moderator).put("/api/v1/entries/" + id + "/success-story").then().statusCode(200).body("successStory", equalTo(true));
        post(moderator, id, "archive").then().statusCode(200).body("status", equalTo("ARCHIVED"));
        JsonNode withdrawn = KafkaTopics.awaitEvent(bootstrapServers, mapper, "stocktaking.entries", id,
                "org.wsis.stocktaking.entry.withdrawn.v1", Duration.ofSeconds(30));
        assertEquals(id, withdrawn.get("data").get("entryId").asText());
        EventContracts.assertValidCloudEvent("stocktaking-service", "entry-withdrawn.v1", withdrawn.toString());
        post(moderator, id, "archive").then().statusCode(409);

        as(moderator).get("/api/v1/entries/" + id + "/revisions").then().statusCode(200)
                .body("action", contains("CREATED", "UPDATED", "SUBMITTED", "RETURNED", "SUBMITTED", "PUBLISHED",
                        "CHANGE_PROPOSED", "CHANGE_PUBLISHED", "SUCCESS_STORY_MARKED", "ARCHIVED"))
                .body("actorId", contains("ama", "ama", "ama", "mo", "ama", "mo", "ama", "mo", "mo", "mo"))
                .body("[3].comment", equalTo("Please add the partners' names"))
                .body("[6].content.title", equalTo("Solar classrooms v3"));
    }

    @Test
    void aTurnedDownEditLeavesThePublishedContent() {
        String owner = TestTokens.editor("ama");
        String moderator = TestTokens.moderator("mo");
        String id = as(owner).contentType(ContentType.JSON).body(FULL).post("/api/v1/entries").then().statusCode(201).extract().path("id");
        post(owner, id, "submit").then().statusCode(200);
        post(moderator, id, "publish").then().statusCode(200);
        String etag = as(owner).get("/api/v1/entries/" + id).header("ETag");
        as(owner).contentType(ContentType.JSON).header("If-Match", etag).body(FULL.replace("Solar classrooms", "Spam"))
                .put("/api/v1/entries/" + id).then().statusCode(200).body("changePending", equalTo(true));
        as(moderator).contentType(ContentType.JSON).body("{\"comment\": \"Not an improvement\"}").post("/api/v1/entries/" + id + "/return")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("title", equalTo("Solar classrooms"))
                .body("changePending", equalTo(false));
    }

    /** Issue 20: an archived entry comes back to its owner (not to the public) and goes public again through moderation. */
    @Test
    void anArchivedEntryIsRestoredToItsOwnerAndRepublishedOnlyThroughModeration() {
        String owner = TestTokens.editor("ama");
        String moderator = TestTokens.moderator("mo");
        String id = as(owner).contentType(ContentType.JSON).body(FULL).post("/api/v1/entries").then().statusCode(201).extract().path("id");
        String restore = "{\"comment\": \"Archived by mistake: please check the links and resubmit\"}";
        post(owner, id, "submit").then().statusCode(200);
        as(moderator).contentType(ContentType.JSON).body(restore).post("/api/v1/entries/" + id + "/restore")
                .then().statusCode(409).contentType("application/problem+json"); // not archived
        post(moderator, id, "publish").then().statusCode(200);
        post(moderator, id, "archive").then().statusCode(200).body("status", equalTo("ARCHIVED"));
        as(owner).contentType(ContentType.JSON).body(restore).post("/api/v1/entries/" + id + "/restore").then().statusCode(403);
        as(moderator).contentType(ContentType.JSON).body("{\"comment\": \" \"}").post("/api/v1/entries/" + id + "/restore")
                .then().statusCode(400).contentType("application/problem+json");

        as(moderator).contentType(ContentType.JSON).body(restore).post("/api/v1/entries/" + id + "/restore")
                .then().statusCode(200).body("status", equalTo("RETURNED"))
                .body("returnComment", equalTo("Archived by mistake: please check the links and resubmit"));
        given().get("/api/v1/entries/" + id).then().statusCode(404); // not public until published again
        as(owner).get("/api/v1/entries/" + id + "/revisions").then().statusCode(200).body("action", hasItem("RESTORED"));
        post(owner, id, "submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        post(moderator, id, "publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        given().get("/api/v1/entries/" + id).then().statusCode(200).body("title", equalTo("Solar classrooms"));
    }

    /** Issue 20: moderators' internal notes are kept apart from what the owner reads. */
    @Test
    void moderatorNotesAreSeenByModeratorsOnly() {
        String owner = TestTokens.editor("ama");
        String moderator = TestTokens.moderator("mo");
        String other = TestTokens.moderator("mia");
        String id = as(owner).contentType(ContentType.JSON).body(FULL).post("/api/v1/entries").then().statusCode(201).extract().path("id");
        String note = "Owner's organisation is under review by the legal office";
        as(moderator).contentType(ContentType.JSON).body("{\"text\": \"" + note + "\"}").post("/api/v1/entries/" + id + "/moderator-notes")
                .then().statusCode(201).body("authorId", notNullValue()).body("text", equalTo(note));
        as(other).get("/api/v1/entries/" + id + "/moderator-notes").then().statusCode(200)
                .body("text", contains(note));
        as(owner).get("/api/v1/entries/" + id + "/moderator-notes").then().statusCode(403).contentType("application/problem+json");
        as(owner).contentType(ContentType.JSON).body("{\"text\": \"mine\"}").post("/api/v1/entries/" + id + "/moderator-notes")
                .then().statusCode(403);
        // nothing the owner reads carries the note
        String ownerView = as(owner).get("/api/v1/entries/" + id).asString() + as(owner).get("/api/v1/entries/" + id + "/revisions").asString();
        org.junit.jupiter.api.Assertions.assertFalse(ownerView.contains("legal office"), ownerView);
        as(moderator).contentType(ContentType.JSON).body("{\"text\": \"\"}").post("/api/v1/entries/" + id + "/moderator-notes")
                .then().statusCode(400).contentType("application/problem+json");
        as(moderator).contentType(ContentType.JSON).body("{\"text\": \"x\"}").post("/api/v1/entries/" + UUID.randomUUID() + "/moderator-notes")
                .then().statusCode(404).contentType("application/problem+json");
        as(moderator).get("/api/v1/entries/" + id + "/moderator-notes").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void moderatorsDoNotModerateTheirOwnEntries() {
        String mo = TestTokens.moderator("mo");
        String mia = TestTokens.moderator("mia");
        String id = as(mo).contentType(ContentType.JSON).body(FULL).post("/api/v1/entries").then().statusCode(201).extract().path("id");
        post(mo, id, "submit").then().statusCode(200);

        post(mo, id, "publish").then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("Entry " + id + " is your own: another moderator must publish it"));
        as(mo).contentType(ContentType.JSON).body("{\"comment\": \"Fine by me\"}").post("/api/v1/entries/" + id + "/return")
                .then().statusCode(403).contentType("application/problem+json");
        as(mo).get("/api/v1/entries/" + id).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        as(mia).get("/api/v1/entries/" + id + "/revisions").then().body("action", contains("CREATED", "SUBMITTED"));

        post(mia, id, "publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        // the same goes for a change to the published entry
        String etag = as(mo).get("/api/v1/entries/" + id).header("ETag");
        as(mo).contentType(ContentType.JSON).header("If-Match", etag).body(FULL.replace("Solar classrooms", "Solar schools"))
                .put("/api/v1/entries/" + id).then().statusCode(200).body("changePending", equalTo(true));
        post(mo, id, "publish").then().statusCode(403);
        as(mo).get("/api/v1/entries/" + id).then().body("title", equalTo("Solar classrooms")).body("changePending", equalTo(true));
        post(mia, id, "publish").then().statusCode(200).body("title", equalTo("Solar schools"));

        // issue 17: marking a success story is a public judgement too: not on one's own entry
        as(mo).put("/api/v1/entries/" + id + "/success-story").then().statusCode(403).contentType("application/problem+json");
        as(mo).get("/api/v1/entries/" + id).then().body("successStory", equalTo(false));
        as(mia).put("/api/v1/entries/" + id + "/success-story").then().statusCode(200).body("successStory", equalTo(true));
    }

    /**
     * Issue 20: the platform-wide erasure reaches stocktaking (the request goes through Kafka and back): the
     * person's entry stays published and counted, without its contact person, owner or revisions naming them,
     * and without the idempotent response or published outbox rows that held their contact details.
     */
    @Test
    void anErasureLeavesTheEntryButNotThePerson() {
        String ezra = TestTokens.editor("ezra-erased");
        String moderator = TestTokens.moderator("mo");
        String entry = FULL.replace("Ama Mensah", "Ezra Quill").replace("ama@example.org", "ezra.quill@example.org")
                .replace("Solar-powered classrooms", "Ezra Quill's solar-powered classrooms")
                .replace("\"language\": \"en\"}", "\"language\": \"en\", \"publicContact\": true}");
        String id = as(ezra).contentType(ContentType.JSON).header("Idempotency-Key", "erase-" + UUID.randomUUID()).body(entry)
                .post("/api/v1/entries").then().statusCode(201).extract().path("id");
        post(ezra, id, "submit").then().statusCode(200);
        post(moderator, id, "publish").then().statusCode(200);
        given().get("/api/v1/entries/" + id).then().body("contactName", equalTo("Ezra Quill"));
        as(ezra).get("/api/v1/me/personal-data").then().statusCode(200).body("service", equalTo("stocktaking-service"))
                .body("data.entries[0].entry.id", equalTo(id)).body("data.entries[0].revisions.size()", equalTo(3))
                .body("consents.purpose", contains("stocktaking.entry-contact"));
        // issue 21: the person's translations (one approved, one pending) name them and carry their subject
        translate(ezra, id, "fr", "Les salles de classe solaires d'Ezra Quill");
        post(moderator, id, "translations/fr/publish").then().statusCode(200);
        translate(ezra, id, "es", "Las aulas solares de Ezra Quill");

        String erasure = as(ezra).post("/api/v1/me/erasure").then().statusCode(202).extract().path("id");
        org.awaitility.Awaitility.await("stocktaking-service confirming the erasure").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> as(ezra).get("/api/v1/me/erasure").then().statusCode(200).extract()
                        .<java.util.List<String>>path("find { it.id == '" + erasure + "' }.confirmations.service"), s -> s.contains("stocktaking-service"));

        given().get("/api/v1/entries/" + id).then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("contactName", equalTo(null)).body("contactEmail", equalTo(null))
                .body("description", equalTo("[erased]'s solar-powered classrooms for rural schools."));
        as(moderator).get("/api/v1/entries/" + id).then().body("ownerId", org.hamcrest.Matchers.startsWith("erased:"));
        for (String personal : new String[]{"Ezra Quill", "ezra.quill@example.org", "ezra-erased"}) {
            for (String table : new String[]{"entry", "entry_revision", "idempotency_key", "outbox_event", "consent_record"}) {
                long found = ((Number) entityManager.createNativeQuery("SELECT count(*) FROM " + table + " t WHERE strpos(CAST(t AS text), ?1) > 0")
                        .setParameter(1, personal).getSingleResult()).longValue();
                assertEquals(0, found, personal + " still in " + table);
            }
        }
        as(ezra).get("/api/v1/me/personal-data").then().body("data.entries.size()", equalTo(0)).body("consents.size()", equalTo(0));
    }

    /**
     * Issue 17: the public sees a published entry without its owner's subject (the key of that
     * person's votes too), without the moderator's comment and without the contact person, unless
     * the owner opted in with publicContact; the owner and moderators still see everything.
     */
    @Test
    void thePublicViewCarriesNoPersonalData() {
        String owner = TestTokens.editor("ama");
        String moderator = TestTokens.moderator("mo");
        String id = as(owner).contentType(ContentType.JSON).body(FULL).post("/api/v1/entries").then().statusCode(201)
                .body("publicContact", equalTo(false)).extract().path("id");
        post(owner, id, "submit").then().statusCode(200);
        as(moderator).contentType(ContentType.JSON).body("{\"comment\": \"Internal: check the e-mail\"}")
                .post("/api/v1/entries/" + id + "/return").then().statusCode(200);
        post(owner, id, "submit").then().statusCode(200);
        post(moderator, id, "publish").then().statusCode(200);

        for (RequestSpecification stranger : new RequestSpecification[]{given(), as(TestTokens.editor("someone-else"))}) {
            String json = stranger.get("/api/v1/entries/" + id).then().statusCode(200)
                    .body("title", equalTo("Solar classrooms")).extract().asString();
            // the fields are present (the contract requires every field) and null; their values appear nowhere
            for (String field : new String[]{"ownerId", "contactName", "contactEmail", "returnComment"}) {
                org.junit.jupiter.api.Assertions.assertNull(io.restassured.path.json.JsonPath.from(json).get(field), field + ": " + json);
            }
            for (String personal : new String[]{"ama@example.org", "Ama Mensah", "\"ama\""}) {
                org.junit.jupiter.api.Assertions.assertFalse(json.contains(personal), personal + " in the public view: " + json);
            }
            String list = stranger.get("/api/v1/entries?size=100").then().statusCode(200).extract().asString();
            org.junit.jupiter.api.Assertions.assertFalse(list.contains("ama@example.org") || list.contains("\"ownerId\":\""), list);
        }
        as(owner).get("/api/v1/entries/" + id).then().statusCode(200).body("ownerId", equalTo("ama"))
                .body("contactEmail", equalTo("ama@example.org"));
        as(moderator).get("/api/v1/entries/" + id).then().statusCode(200).body("ownerId", equalTo("ama"))
                .body("contactName", equalTo("Ama Mensah"));

        // the owner opts in: the contact person (only) becomes public
        String etag = as(owner).get("/api/v1/entries/" + id).header("ETag");
        as(owner).contentType(ContentType.JSON).header("If-Match", etag)
                .body(FULL.replaceFirst("\\{", "{\"publicContact\": true, ")).put("/api/v1/entries/" + id).then().statusCode(200);
        post(moderator, id, "publish").then().statusCode(200).body("publicContact", equalTo(true));
        given().get("/api/v1/entries/" + id).then().statusCode(200).body("contactEmail", equalTo("ama@example.org"))
                .body("contactName", equalTo("Ama Mensah")).body("ownerId", org.hamcrest.Matchers.nullValue());
    }

    @Test
    @TestSecurity(user = "alice", roles = "stocktaking-editor")
    void unknownCodesAreRefusedNamingTheField() {
        long before = entryCount();
        expect422(FULL.replace("\"KE\"", "\"XX\""), "countries[0]");
        expect422(FULL.replace("\"4.4\"", "\"4.9\""), "sdgTargets[0]");
        expect422(FULL.replace("\"YOUTH\"", "\"ROBOTS\""), "targetGroups[0]");
        expect422(FULL.replace("CIVIL_SOCIETY", "CLUB"), "stakeholderType");
        expect422(FULL.replace("\"2025-12-31\"", "\"2022-12-31\""), "endDate");
        given().contentType(ContentType.JSON).body(FULL.replace("ama@example.org", "not-an-email"))
                .post("/api/v1/entries").then().statusCode(400).body("errors.field", hasItem("contactEmail"));
        given().contentType(ContentType.JSON).body(FULL.replace("\"en\"", "\"de\""))
                .post("/api/v1/entries").then().statusCode(400).body("errors.field", hasItem("language"));
        given().contentType(ContentType.JSON).body(FULL.replace("ONGOING", "PAUSED"))
                .post("/api/v1/entries").then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, entryCount());
    }

    @Test
    @TestSecurity(user = "bob", roles = "stocktaking-editor")
    void nobodyEditsSomeoneElsesEntry() {
        UUID draft = insertEntryOwnedBy("alice", "DRAFT");
        given().contentType(ContentType.JSON).header("If-Match", "*").body(FULL).put("/api/v1/entries/" + draft)
                .then().statusCode(404);
        UUID published = insertEntryOwnedBy("alice", "PUBLISHED");
        given().contentType(ContentType.JSON).header("If-Match", "*").body(FULL).put("/api/v1/entries/" + published)
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/entries/" + published + "/revisions").then().statusCode(403);
        given().get("/api/v1/moderation/queue").then().statusCode(403);
        given().post("/api/v1/entries/" + published + "/archive").then().statusCode(403);
        given().get("/api/v1/entries/mine").then().statusCode(200).header("X-Total-Count", "0");
    }

    private static void translate(String owner, String id, String lang, String title) {
        as(owner).contentType(ContentType.JSON).header("If-Match", as(owner).get("/api/v1/entries/" + id).header("ETag"))
                .body(java.util.Map.of("title", title, "description", title, "origin", "OWNER"))
                .put("/api/v1/entries/" + id + "/translations/" + lang).then().statusCode(200);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static Response post(String token, String id, String action) {
        return as(token).post("/api/v1/entries/" + id + "/" + action);
    }

    private void expect422(String body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/entries")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    @jakarta.transaction.Transactional
    UUID insertEntryOwnedBy(String owner, String status) {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                INSERT INTO entry (id, owner_id, title, description, organisation, action_lines, status, created_at, updated_at, published_at)
                VALUES (?1, ?2, 't', 'd', 'o', ARRAY['C1'], ?3, now(), now(), now())""")
                .setParameter(1, id).setParameter(2, owner).setParameter(3, status).executeUpdate();
        return id;
    }

    private long entryCount() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM entry").getSingleResult()).longValue();
    }
}
