package org.wsis.stocktaking.moderation;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wsis.commons.audit.AuditLog;
import org.wsis.localstack.testing.EventContracts;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.localstack.testing.TestJwt;
import org.wsis.localstack.testing.TestTopics;
import org.wsis.stocktaking.testing.TestTokens;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 20: every moderation decision leaves exactly one append-only audit row, with its before/after and an
 * {@code org.wsis.audit.entry.recorded.v1} event, in the decision's transaction; platform admins read it at
 * {@code GET /api/v1/audit}, nobody else does.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "stocktaking"))
class ModerationAuditTest {
    private static final String ADMIN = TestJwt.trusted().token("admin-1", "wsis-frontend", "platform-admin");

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void eachDecisionLeavesOneAuditEntryWithBeforeAfterAndItsEvent() {
        String owner = TestTokens.editor("ama");
        String moderator = TestTokens.moderator("mo");
        String id = as(owner).contentType(ContentType.JSON).body(EntryLifecycleTest.FULL).post("/api/v1/entries")
                .then().statusCode(201).extract().path("id");
        post(owner, id, "submit").then().statusCode(200);
        assertEquals(0, auditRows(id), "an owner's submission is not a moderation decision");

        post(moderator, id, "publish").then().statusCode(200);
        assertEquals(1, auditRows(id));
        Response page = as(ADMIN).queryParam("targetType", "entry").queryParam("targetId", id).get("/api/v1/audit");
        page.then().statusCode(200).header("X-Total-Count", "1").header("Cache-Control", "no-store")
                .body("items[0].action", equalTo("entry.published"))
                .body("items[0].service", equalTo("stocktaking-service"))
                .body("items[0].actor.subject", equalTo("mo"))
                .body("items[0].actor.roles", hasItem("stocktaking-moderator"))
                .body("items[0].before.status", equalTo("SUBMITTED"))
                .body("items[0].after.status", equalTo("PUBLISHED"))
                .body("items[0].reason", nullValue());
        String auditId = page.path("items[0].id");
        // personal data: the snapshot holds the moderation state, not the entry's contact person
        assertEquals(false, page.asString().contains("ama@example.org"), page.asString());

        JsonNode event = TestTopics.of(bootstrapServers).awaitEvent("stocktaking.audit", "entry:" + id, AuditLog.EVENT_TYPE,
                Duration.ofSeconds(30));
        EventContracts.assertValidCloudEvent("service-commons", "audit-entry-recorded.v1", event.toString());
        assertEquals(auditId, event.path("data").path("id").asText());
        assertEquals("entry.published", event.path("data").path("action").asText());

        // a refused decision (restore of an entry that is not archived) records nothing
        as(moderator).contentType(ContentType.JSON).body("{\"comment\": \"why not\"}").post("/api/v1/entries/" + id + "/restore")
                .then().statusCode(409);
        assertEquals(1, auditRows(id));

        as(moderator).queryParam("comment", "Duplicate of another entry").post("/api/v1/entries/" + id + "/archive")
                .then().statusCode(200);
        as(moderator).contentType(ContentType.JSON).body("{\"comment\": \"Archived by mistake\"}")
                .post("/api/v1/entries/" + id + "/restore").then().statusCode(200);
        assertEquals(3, auditRows(id));
        as(ADMIN).queryParam("targetId", id).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", contains("entry.restored", "entry.archived", "entry.published"))
                .body("items[0].before.status", equalTo("ARCHIVED"))
                .body("items[0].after.status", equalTo("RETURNED"))
                .body("items[0].reason", equalTo("Archived by mistake"))
                .body("items[1].reason", equalTo("Duplicate of another entry"));
        as(ADMIN).queryParam("targetId", id).queryParam("action", "entry.archived").get("/api/v1/audit").then()
                .statusCode(200).header("X-Total-Count", "1").body("items[0].after.status", equalTo("ARCHIVED"));
        as(ADMIN).queryParam("targetId", id).queryParam("actor", "someone-else").get("/api/v1/audit").then()
                .statusCode(200).header("X-Total-Count", "0");
        as(ADMIN).queryParam("targetId", id).queryParam("to", "2000-01-01T00:00:00Z").get("/api/v1/audit").then()
                .statusCode(200).header("X-Total-Count", "0");
        as(ADMIN).queryParam("targetId", id).queryParam("from", "2000-01-01T00:00:00Z").queryParam("size", "1")
                .get("/api/v1/audit").then().statusCode(200).header("X-Total-Count", "3").body("items.size()", equalTo(1));
    }

    @Test
    void aModeratorNoteIsAuditedWithoutItsText() {
        String owner = TestTokens.editor("ama");
        String moderator = TestTokens.moderator("mo");
        String id = as(owner).contentType(ContentType.JSON).body(EntryLifecycleTest.FULL).post("/api/v1/entries")
                .then().statusCode(201).extract().path("id");
        String noteId = as(moderator).contentType(ContentType.JSON).body("{\"text\": \"Legal office reviews the partner\"}")
                .post("/api/v1/entries/" + id + "/moderator-notes").then().statusCode(201).extract().path("id");
        Response page = as(ADMIN).queryParam("targetId", id).get("/api/v1/audit");
        page.then().statusCode(200).header("X-Total-Count", "1")
                .body("items[0].action", equalTo("entry.note-added"))
                .body("items[0].after.noteId", equalTo(noteId));
        assertEquals(false, page.asString().contains("Legal office"), page.asString());
    }

    @Test
    void onlyPlatformAdminsReadTheAuditLogAndBadFiltersAreRefused() {
        as(TestTokens.moderator("mo")).get("/api/v1/audit").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/audit").then().statusCode(401);
        as(ADMIN).queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("from"));
        as(ADMIN).queryParam("from", "2026-12-02T00:00:00Z").queryParam("to", "2026-12-01T00:00:00Z").get("/api/v1/audit")
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", contains("to"));
        as(ADMIN).queryParam("action", "DROP TABLE").get("/api/v1/audit").then().statusCode(400).contentType("application/problem+json");
        as(ADMIN).queryParam("acter", "mo").get("/api/v1/audit").then().statusCode(400).contentType("application/problem+json");
        // what PostgreSQL could not take is a 400 here, never a 500 there
        as(ADMIN).queryParam("actor", "mo\u0000").get("/api/v1/audit").then().statusCode(400).contentType("application/problem+json");
        as(ADMIN).queryParam("from", "+100000-01-01T00:00:00Z").get("/api/v1/audit").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("from"));
        as(ADMIN).queryParam("size", "1000").get("/api/v1/audit").then().statusCode(400).contentType("application/problem+json");
    }

    /** The service's own database role cannot rewrite history either: the trigger refuses it. */
    @Test
    void theServiceCannotUpdateOrDeleteAuditRows() {
        String owner = TestTokens.editor("ama");
        String id = as(owner).contentType(ContentType.JSON).body(EntryLifecycleTest.FULL).post("/api/v1/entries")
                .then().statusCode(201).extract().path("id");
        as(TestTokens.moderator("mo")).queryParam("comment", "spam").post("/api/v1/entries/" + id + "/archive").then().statusCode(200);
        for (String change : List.of("UPDATE audit_entry SET reason = 'nothing happened' WHERE target_id = ?1",
                "DELETE FROM audit_entry WHERE target_id = ?1")) {
            assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                    entityManager.createNativeQuery(change).setParameter(1, id).executeUpdate()), change);
        }
        assertEquals(1, auditRows(id));
        as(ADMIN).queryParam("targetId", id).get("/api/v1/audit").then().statusCode(200).body("items[0].reason", equalTo("spam"));
    }

    private long auditRows(String targetId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM audit_entry WHERE target_type = 'entry' AND target_id = ?1")
                .setParameter(1, targetId).getSingleResult()).longValue());
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static Response post(String token, String id, String action) {
        return as(token).post("/api/v1/entries/" + id + "/" + action);
    }
}
