package org.wsis.forum.events;

import org.wsis.localstack.testing.EventContracts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.localstack.testing.TestTopics;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class PrizeResultsEventsTest {
    private static final int YEAR = 2039;

    private final TestTopics topics = TestTopics.ofConfiguredBroker();

    @Inject
    EntityManager entityManager;

    @Test
    void prizeResultsScheduleOneCeremonyEvenWhenRedelivered() throws Exception {
        Fixtures.edition(YEAR, true);
        String eventId = UUID.randomUUID().toString();
        send(eventId, YEAR, "Telemedicine for islands");
        awaitCeremonies(YEAR, 1);
        given().queryParam("kind", "PRIZE_CEREMONY").get("/api/v1/editions/" + YEAR + "/sessions").then()
                .body("items[0].title", equalTo("WSIS Prizes " + YEAR + " ceremony"))
                .body("items[0].description", containsString("Telemedicine for islands"))
                .body("items[0].startsAt", containsString(YEAR + "-07-06T16:00"));

        send(eventId, YEAR, "Altered by a redelivery"); // the same event again
        send(UUID.randomUUID().toString(), YEAR + 50, "No such edition"); // skipped, the stream flows on
        int marker = 2040;
        Fixtures.edition(marker, true);
        send(UUID.randomUUID().toString(), marker, "Marker");
        awaitCeremonies(marker, 1); // everything before the marker was consumed
        assertEquals(1, ceremonies(YEAR));
        given().queryParam("kind", "PRIZE_CEREMONY").get("/api/v1/editions/" + YEAR + "/sessions").then()
                .body("items[0].description", containsString("Telemedicine for islands"));
        assertEquals(1, ((Number) entityManager.createNativeQuery("""
                        SELECT count(*) FROM outbox_event WHERE event_type = 'org.wsis.forum.session.scheduled.v1'
                        AND payload LIKE ?1""").setParameter(1, "%\"edition\":" + YEAR + "%PRIZE_CEREMONY%").getSingleResult()).intValue());
    }

    private void send(String eventId, int edition, String winner) throws Exception {
        // prizes' own example of results.published (never a payload written here), for this edition and winner
        ObjectNode data = EventContracts.example("prizes-service", "results-published.v1").put("edition", edition).put(EventContracts.FUTURE_FIELD, "tolerated");
        ((ObjectNode) data.withArray("results").get(0)).put("entryId", UUID.randomUUID().toString()).put("title", winner);
        String value = EventContracts.cloudEvent("/wsis/prizes-service", "org.wsis.prizes.results.published.v1", eventId,
                String.valueOf(edition), data);
        topics.sendEvent("prizes.results", String.valueOf(edition), value);
    }

    private long ceremonies(int year) {
        return ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM forum_session WHERE edition_year = ?1 AND kind = 'PRIZE_CEREMONY'")
                .setParameter(1, year).getSingleResult()).longValue();
    }

    private void awaitCeremonies(int year, long expected) {
        await(expected + " prize ceremony of " + year).atMost(Duration.ofSeconds(40)).pollInSameThread().until(() -> ceremonies(year) == expected);
    }
}
