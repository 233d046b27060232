package org.wsis.stocktaking.events;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.localstack.testing.EventContracts;
import org.wsis.localstack.testing.TestTopics;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** prizes-service's results flag entries; a redelivered event changes nothing; junk goes to the dead-letter topic. */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "stocktaking"))
class PrizeResultsConsumerTest {
    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    private final TestTopics topics = TestTopics.ofConfiguredBroker();

    @Test
    void resultsFlagEntriesOnceEvenWhenRedelivered() throws Exception {
        UUID winner = insertPublishedEntry();
        UUID nominee = insertPublishedEntry();
        String eventId = UUID.randomUUID().toString();
        String event = resultsEvent(eventId, 2027, "C4", winner, "WINNER", nominee, "NOMINEE", UUID.randomUUID(), "CHAMPION");
        topics.send("prizes.results", "2027", "not json at all"); // poison: dead-lettered, flow continues
        UUID forged = insertPublishedEntry();
        // the same event, but from a service that does not own prizes.results: refused (dead-lettered)
        topics.send("prizes.results", "2027", event
                .replace(eventId, UUID.randomUUID().toString()).replace("/wsis/prizes-service", "/wsis/forum-service")
                .replace(winner.toString(), forged.toString()));
        topics.send("prizes.results", "2027", event);
        topics.send("prizes.results", "2027", event); // redelivery
        // then a later event on the same key, so the same partition: once it is applied, the redelivery was handled
        UUID marker = insertPublishedEntry();
        topics.send("prizes.results", "2027", resultsEvent(UUID.randomUUID().toString(), 2027, "C5", marker, "WINNER"));

        awaitFlagged(nominee);
        given().get("/api/v1/entries/" + winner).then().statusCode(200)
                .body("prizes.edition", contains(2027))
                .body("prizes.outcome", contains("WINNER"));
        given().get("/api/v1/search?prize=NOMINEE&facets=false&size=100").then().statusCode(200)
                .body("items.id", contains(nominee.toString()));
        awaitFlagged(marker); // the redelivery came before it: it has been (not) applied
        assertEquals(2L, ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM entry_prize WHERE entry_id IN (?1, ?2)")
                .setParameter(1, winner).setParameter(2, nominee).getSingleResult()).longValue());
        given().get("/api/v1/entries/" + nominee).then().body("prizes.size()", equalTo(1));
        given().get("/api/v1/entries/" + forged).then().body("prizes.size()", equalTo(0));
    }

    @Test
    void aResultArrivingDuringAnOwnersEditWaitsForItInsteadOfFailing() throws Exception {
        UUID entry = insertPublishedEntry();
        try (Connection owner = dataSource.getConnection()) {
            owner.setAutoCommit(false);
            // the owner's edit, not yet committed: it holds the entry's row and bumps its version
            try (PreparedStatement edit = owner.prepareStatement(
                    "UPDATE entry SET title = 'Edited while the results arrived', version = version + 1 WHERE id = ?")) {
                edit.setObject(1, entry);
                assertEquals(1, edit.executeUpdate());
            }
            // (this payload was hand-written with category C7_E_HEALTH, which prizes' schema forbids: issue 19)
            topics.send("prizes.results", "2028",
                    resultsEvent(UUID.randomUUID().toString(), 2028, "C7.E-HEALTH", entry, "CHAMPION"));
            awaitSomeoneWaitingForARowLock(); // the consumer reaches the entry while the edit is open
            owner.commit();
        }
        awaitFlagged(entry);
        given().get("/api/v1/entries/" + entry).then().statusCode(200)
                .body("title", equalTo("Edited while the results arrived"))
                .body("prizes.outcome", contains("CHAMPION"));
    }

    /**
     * prizes' own example of results.published (never a payload written here) for an edition, with these results
     * (entry id and outcome, pairwise) in one category; the example's extra fields stay, as a consumer must bear them.
     */
    private static String resultsEvent(String eventId, int edition, String category, Object... entriesAndOutcomes) {
        ObjectNode data = EventContracts.example("prizes-service", "results-published.v1").put("edition", edition)
                .put(EventContracts.FUTURE_FIELD, 1);
        ObjectNode template = (ObjectNode) data.get("results").get(0);
        ArrayNode results = data.putArray("results");
        for (int i = 0; i < entriesAndOutcomes.length; i += 2) {
            results.add(template.deepCopy().put("category", category).put("entryId", entriesAndOutcomes[i].toString())
                    .put("outcome", entriesAndOutcomes[i + 1].toString()));
        }
        return EventContracts.cloudEvent("/wsis/prizes-service", "org.wsis.prizes.results.published.v1", eventId,
                String.valueOf(edition), data);
    }

    /** Issue 19: the inbox is bounded: ids past the retention (30 days) are purged, recent ones kept. */
    @Test
    void theInboxForgetsEventIdsPastItsRetentionOnly() {
        String old = "inbox-old-" + UUID.randomUUID();
        String recent = "inbox-recent-" + UUID.randomUUID();
        insertProcessed(old, "now() - interval '31 days'");
        insertProcessed(recent, "now() - interval '29 days'");
        org.junit.jupiter.api.Assertions.assertTrue(processedEvents.purgeExpired() >= 1);
        assertEquals(0L, processedCount(old));
        assertEquals(1L, processedCount(recent));
    }

    @Inject
    org.wsis.commons.events.ProcessedEvents processedEvents;

    @jakarta.transaction.Transactional
    void insertProcessed(String eventId, String at) {
        entityManager.createNativeQuery("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('inbox-test', ?1, " + at + ")")
                .setParameter(1, eventId).executeUpdate();
    }

    private long processedCount(String eventId) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue();
    }

    private void awaitFlagged(UUID entryId) {
        await("entry " + entryId + " flagged").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM entry_prize WHERE entry_id = ?1")
                .setParameter(1, entryId).getSingleResult()).longValue() > 0);
    }

    /** Another session of this database blocks on a lock (the consumer, on the entry row the open edit holds). */
    private void awaitSomeoneWaitingForARowLock() {
        await("the consumer waiting for the entry's row lock").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .getSingleResult()).longValue() > 0);
    }

    @jakarta.transaction.Transactional
    UUID insertPublishedEntry() {
        UUID id = UUID.randomUUID();
        entityManager.createNativeQuery("""
                INSERT INTO entry (id, owner_id, title, description, organisation, action_lines, status, created_at, updated_at, published_at)
                VALUES (?1, 'owner', 'Prize entry', 'd', 'o', ARRAY['C4'], 'PUBLISHED', now(), now(), now())""")
                .setParameter(1, id).executeUpdate();
        return id;
    }
}
