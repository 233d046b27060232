package org.wsis.prizes.edition;

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
import org.wsis.localstack.testing.TestTopics;
import org.wsis.prizes.contest.TestTokens;
import org.wsis.prizes.contest.VotingEditions;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 20: prize administrators' decisions on editions and special prizes each leave exactly one audit entry
 * (before/after, reason) and its event on prizes.audit; platform admins read them at /api/v1/audit, prize admins do not.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "prizes"))
@QuarkusTestResource(TestTokens.class)
class EditionAuditTest {
    private static final String PRIZE_ADMIN = TestTokens.token("prize-admin-7", "wsis-frontend", "prize-admin");
    private static final String PLATFORM_ADMIN = TestTokens.token("platform-admin-1", "wsis-frontend", "platform-admin");

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void editionAndSpecialPrizeDecisionsAreAuditedOnceEach() {
        int year = VotingEditions.freeYear(entityManager, 2100, 3000);
        OffsetDateTime submission = OffsetDateTime.now(ZoneOffset.UTC).plusDays(10).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> dates = new HashMap<>(Map.of("submissionOpens", submission.toString(),
                "reviewOpens", submission.plusDays(10).toString(), "nominationOpens", submission.plusDays(20).toString(),
                "votingOpens", submission.plusDays(30).toString(), "resultsOpen", submission.plusDays(40).toString(),
                "championsPerCategory", 2));
        Response created = as(PRIZE_ADMIN).body(dates).put("/api/v1/editions/" + year);
        created.then().statusCode(201);
        assertEquals(1, rows("edition", String.valueOf(year)));

        dates.put("championsPerCategory", 3);
        as(PRIZE_ADMIN).header("If-Match", created.header("ETag")).body(dates).put("/api/v1/editions/" + year).then().statusCode(200);
        // refused (stale ETag): nothing recorded
        as(PRIZE_ADMIN).header("If-Match", created.header("ETag")).body(dates).put("/api/v1/editions/" + year).then().statusCode(412);
        assertEquals(2, rows("edition", String.valueOf(year)));
        as(PLATFORM_ADMIN).queryParam("targetType", "edition").queryParam("targetId", String.valueOf(year)).get("/api/v1/audit")
                .then().statusCode(200).header("X-Total-Count", "2")
                .body("items.action", contains("edition.updated", "edition.created"))
                .body("items[0].actor.subject", equalTo("prize-admin-7"))
                .body("items[0].actor.roles", hasItem("prize-admin"))
                .body("items[0].before.championsPerCategory", equalTo(2))
                .body("items[0].after.championsPerCategory", equalTo(3))
                .body("items[0].after.votingOpens", equalTo(submission.plusDays(30).toInstant().toString()))
                .body("items[1].before", nullValue());

        String prize = "/api/v1/editions/" + year + "/categories/SP.AUDITED-PRIZE";
        as(PRIZE_ADMIN).body(Map.of("name", "Audited prize")).put(prize).then().statusCode(201);
        as(PRIZE_ADMIN).body(Map.of("name", "Audited prize, renamed")).put(prize).then().statusCode(200);
        as(PRIZE_ADMIN).delete(prize).then().statusCode(204);
        assertEquals(3, rows("special-prize", year + "/SP.AUDITED-PRIZE"));
        as(PLATFORM_ADMIN).queryParam("targetId", year + "/SP.AUDITED-PRIZE").get("/api/v1/audit").then().statusCode(200)
                .body("items.action", contains("special-prize.removed", "special-prize.changed", "special-prize.added"))
                .body("items[0].after", nullValue())
                .body("items[1].before.name", equalTo("Audited prize"))
                .body("items[1].after.name", equalTo("Audited prize, renamed"));

        JsonNode event = TestTopics.of(bootstrapServers).awaitEvent("prizes.audit", "special-prize:" + year + "/SP.AUDITED-PRIZE",
                AuditLog.EVENT_TYPE, Duration.ofSeconds(30));
        EventContracts.assertValidCloudEvent("service-commons", "audit-entry-recorded.v1", event.toString());
        assertEquals("prizes-service", event.path("data").path("service").asText());
        assertEquals("/wsis/prizes-service", event.path("source").asText());

        // the audit log is for platform admins: a prize admin reads the edition's own trail, not the service's log
        as(PRIZE_ADMIN).get("/api/v1/audit").then().statusCode(403).contentType("application/problem+json");
    }

    private long rows(String targetType, String targetId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM audit_entry WHERE target_type = ?1 AND target_id = ?2")
                .setParameter(1, targetType).setParameter(2, targetId).getSingleResult()).longValue());
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
