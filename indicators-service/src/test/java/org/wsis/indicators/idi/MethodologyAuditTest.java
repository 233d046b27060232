package org.wsis.indicators.idi;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wsis.commons.audit.AuditLog;
import org.wsis.localstack.testing.EventContracts;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.localstack.testing.TestTopics;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 20: publishing an IDI methodology version is an admin decision: one audit entry per new version (none for
 * a replay or a refused change), committed with the version, and its event on indicators.audit.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class MethodologyAuditTest {
    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    @TestSecurity(user = "itu-staff", roles = "platform-admin")
    void eachPublishedVersionIsAuditedOnce() {
        String id = "AUDIT-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body(methodology(id, 100)).post("/api/v1/idi/methodologies").then().statusCode(201);
        // a retry of version 1 with the same content changes nothing; other content for it is refused
        given().contentType("application/json").body(methodology(id, 100)).put("/api/v1/idi/methodologies/" + id + "/versions/1")
                .then().statusCode(200);
        given().contentType("application/json").body(methodology(id, 90)).put("/api/v1/idi/methodologies/" + id + "/versions/1")
                .then().statusCode(409);
        given().contentType("application/json").body(methodology(id, 80)).put("/api/v1/idi/methodologies/" + id + "/versions/2")
                .then().statusCode(201);

        assertEquals(1, rows(id + "/1"));
        assertEquals(1, rows(id + "/2"));
        given().queryParam("action", "methodology.published").queryParam("targetId", id + "/2").get("/api/v1/audit").then()
                .statusCode(200).header("X-Total-Count", "1")
                .body("items[0].actor.subject", equalTo("itu-staff"))
                .body("items[0].actor.roles", contains("platform-admin"))
                .body("items[0].before", nullValue())
                .body("items[0].after.version", equalTo(2))
                .body("items[0].after.name", equalTo("Audited index"));

        JsonNode event = TestTopics.of(bootstrapServers).awaitEvent("indicators.audit", "methodology:" + id + "/1", AuditLog.EVENT_TYPE,
                Duration.ofSeconds(30));
        EventContracts.assertValidCloudEvent("service-commons", "audit-entry-recorded.v1", event.toString());
        assertEquals("indicators-service", event.path("data").path("service").asText());
    }

    @Test
    @TestSecurity(user = "svc-itu", roles = "indicator-publisher")
    void anAgencyDoesNotReadTheAuditLog() {
        given().get("/api/v1/audit").then().statusCode(403).contentType("application/problem+json");
    }

    private static String methodology(String id, double reference) {
        return """
                {"id": "%s", "name": "Audited index", "official": false, "scale": 100,
                 "pillars": [{"code": "USE", "name": "Use", "weight": 1, "components": [
                   {"indicator": "IT_USE_ii99", "weight": 1, "transform": "LINEAR", "referenceValue": %s}]}]}""".formatted(id, reference);
    }

    private long rows(String targetId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM audit_entry WHERE target_type = 'methodology' AND target_id = ?1")
                .setParameter(1, targetId).getSingleResult()).longValue());
    }
}
