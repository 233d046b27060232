package org.wsis.prizes.voting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.prizes.contest.TestTokens;
import org.wsis.prizes.contest.VotingEditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Votes arriving all at once are cast in batches (VoteBatcher): the one-vote rule, Idempotency-Key
 * replays and the tallies must hold exactly as for votes one at a time, whoever shares a batch.
 * The edition in its voting phase is written as SQL (how an edition gets there is ContestFlowTest's).
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "prizes"))
@QuarkusTestResource(TestTokens.class)
class ConcurrentVotingTest {
    static final int VOTERS = 60;

    @Inject
    EntityManager entityManager;

    /** A request sent by one of the voters, and its response to come. */
    private record Sent(int voter, String kind, Future<Response> response) {
        Response await() {
            try {
                return response.get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Per voter, at once: the same keyed vote twice, a rival vote in that category, and a vote in another. */
    @Test
    void votesSentAtOnceCountOncePerVoterAndCategoryAndRetriesReplay() throws Exception {
        int year = VotingEditions.freeYear(entityManager, 3000, 9000);
        VotingEditions.votingEdition(entityManager, year, List.of("C7.E-HEALTH", "C4"), 3, null, null);
        List<UUID> health = nominees(year, "C7.E-HEALTH");
        List<UUID> capacity = nominees(year, "C4");

        List<Sent> sent = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try {
            for (int v = 0; v < VOTERS; v++) {
                String token = TestTokens.voter("concurrent-voter-" + v, v % 2 == 0 ? "wsis-frontend" : "wsis-mobile");
                UUID first = health.get(v % health.size());
                UUID rival = health.get((v + 1) % health.size());
                String key = "concurrent-" + year + "-" + v;
                sent.add(new Sent(v, "keyed", clients.submit(post(year, token, first, key))));
                sent.add(new Sent(v, "keyed", clients.submit(post(year, token, first, key))));
                sent.add(new Sent(v, "rival", clients.submit(post(year, token, rival, null))));
                sent.add(new Sent(v, "other", clients.submit(post(year, token, capacity.get(v % capacity.size()), null))));
            }
            String stranger = TestTokens.voter("concurrent-stranger");
            Future<Response> notANominee = clients.submit(post(year, stranger, UUID.randomUUID(), null));
            assertEquals(422, notANominee.get().statusCode());
        } finally {
            clients.shutdown();
        }

        int counted = 0;
        int keyedCast = 0;
        for (int v = 0; v < VOTERS; v++) {
            int voter = v;
            List<Response> keyed = sent.stream().filter(s -> s.voter() == voter && s.kind().equals("keyed")).map(Sent::await).toList();
            Response rival = sent.stream().filter(s -> s.voter() == voter && s.kind().equals("rival")).map(Sent::await).findFirst().orElseThrow();
            Response other = sent.stream().filter(s -> s.voter() == voter && s.kind().equals("other")).map(Sent::await).findFirst().orElseThrow();
            // The keyed vote and its retry answer alike: both 201 (the second a replay of the first) or both 409.
            assertEquals(keyed.get(0).statusCode(), keyed.get(1).statusCode(), "voter " + v);
            int keyedStatus = keyed.get(0).statusCode();
            assertTrue(keyedStatus == 201 || keyedStatus == 409, "voter " + v + ": " + keyedStatus);
            if (keyedStatus == 201) {
                long replays = keyed.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed"))).count();
                assertEquals(1, replays, "voter " + v + ": one of the two is the replay");
                assertEquals(keyed.get(0).jsonPath().getString("castAt"), keyed.get(1).jsonPath().getString("castAt"));
                keyedCast++;
            }
            // Exactly one of the keyed vote and the rival vote in the same category won.
            assertEquals(keyedStatus == 201 ? 409 : 201, rival.statusCode(), "voter " + v);
            if (rival.statusCode() == 409) {
                assertEquals("application/problem+json", rival.contentType());
                assertEquals("urn:wsis:problem:already-voted", rival.jsonPath().getString("type"));
            }
            assertEquals(201, other.statusCode(), "voter " + v);
            counted += 2;
        }

        assertEquals((long) counted, count("SELECT count(*) FROM vote WHERE edition_year = " + year));
        assertEquals(0L, count("SELECT count(*) FROM (SELECT 1 FROM vote WHERE edition_year = " + year
                + " GROUP BY category, voter_id HAVING count(*) > 1) d"));
        assertEquals((long) counted, count("SELECT sum(votes) FROM vote_tally WHERE edition_year = " + year));
        assertEquals(0L, count("""
                SELECT count(*) FROM vote_tally t WHERE t.edition_year = %d
                AND t.votes <> (SELECT count(*) FROM vote v WHERE v.submission_id = t.submission_id)""".formatted(year)));
        // A key kept only for votes that were cast: a refused keyed vote left none behind.
        assertEquals((long) keyedCast, count("SELECT count(*) FROM idempotency_key WHERE scope = 'votes." + year + "'"));
        assertEquals(0L, count("SELECT count(*) FROM idempotency_key WHERE scope = 'votes." + year + "' AND response_status IS NULL"));
    }

    @Test
    void aKeyReusedForAnotherVoteIsRefusedAndChangesNothing() {
        int year = VotingEditions.freeYear(entityManager, 3000, 9000);
        VotingEditions.votingEdition(entityManager, year, List.of("C7.E-HEALTH", "C4"), 3, null, null);
        List<UUID> health = nominees(year, "C7.E-HEALTH");
        String token = TestTokens.voter("key-reuser");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "reused-key-0001")
                .body(Map.of("submissionId", health.get(0))).post(votes(year)).then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "reused-key-0001")
                .body(Map.of("submissionId", health.get(1))).post(votes(year)).then().statusCode(422)
                .contentType("application/problem+json");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "bad key!")
                .body(Map.of("submissionId", health.get(1))).post(votes(year)).then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(1L, count("SELECT count(*) FROM vote WHERE edition_year = " + year));
        assertEquals(1L, count("SELECT sum(votes) FROM vote_tally WHERE edition_year = " + year));
    }

    private static Callable<Response> post(int year, String token, UUID submission, String key) {
        return () -> {
            var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("submissionId", submission));
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            return request.post(votes(year)).andReturn();
        };
    }

    private static String votes(int year) {
        return "/api/v1/editions/" + year + "/votes";
    }

    @SuppressWarnings("unchecked")
    private List<UUID> nominees(int year, String category) {
        return entityManager.createNativeQuery("SELECT id FROM submission WHERE edition_year = ?1 AND category = ?2 ORDER BY id")
                .setParameter(1, year).setParameter(2, category).getResultList();
    }

    private long count(String sql) {
        return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
