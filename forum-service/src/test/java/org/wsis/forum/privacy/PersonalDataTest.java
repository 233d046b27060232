package org.wsis.forum.privacy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestClock;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.EventContracts;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class PersonalDataTest {
    private static final int YEAR = 2038;
    /** A recent edition of the retention case (not YEAR + 1: PrizeResultsEventsTest's). */
    private static final int RETENTION_YEAR = 2076;

    @Inject
    EntityManager entityManager;

    @Test
    void aParticipantDownloadsTheirDataAndErasesItWhileCountsStay() {
        Fixtures.edition(YEAR, true);
        String sessionId = Fixtures.session(YEAR, "INTERACTIVE", "Digital inclusion", YEAR + "-07-07T09:00:00Z", YEAR + "-07-07T10:00:00Z", 10, "[]");
        String jo = TestTokens.participant("jo");
        String registrationId = Fixtures.register(YEAR, jo, "Jo Private", "CIVIL_SOCIETY", "MEX");
        Fixtures.register(YEAR, TestTokens.participant("kim"), "Kim Other", "CIVIL_SOCIETY", "MEX");
        given().auth().oauth2(jo).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201);
        given().auth().oauth2(jo).contentType(ContentType.JSON).body("""
                {"kind": "INTERACTIVE", "title": "Jo's idea", "description": "Run by Jo Private (jo.private@example.org) with Kim Other",
                 "speakers": ["Jo Private", "Kim Other"], "translations": {"es": {"title": "La idea de Jo Private",
                 "description": "Dirigido por Jo Private (jo.private@example.org) con Kim Other"}}}""")
                .post("/api/v1/editions/" + YEAR + "/proposals").then().statusCode(201);
        // a second proposal becomes a session, which the organizers translate into French, naming Jo again
        String accepted = given().auth().oauth2(jo).contentType(ContentType.JSON).body("""
                {"kind": "INTERACTIVE", "title": "Jo's workshop", "description": "With Jo Private", "speakers": ["Jo Private"],
                 "translations": {"es": {"title": "El taller de Jo Private", "description": "Con Jo Private"}}}""")
                .post("/api/v1/editions/" + YEAR + "/proposals").then().statusCode(201).extract().path("id");
        String madeSession = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON)
                .body(Map.of("room", "Room J", "startsAt", YEAR + "-07-08T09:00:00Z", "endsAt", YEAR + "-07-08T10:00:00Z", "capacity", 20))
                .post("/api/v1/proposals/" + accepted + "/accept").then().statusCode(200).extract().path("sessionId");
        String etag = given().get("/api/v1/sessions/" + madeSession).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("title", "L'atelier de Jo Private", "description", "Animé par Jo Private", "origin", "HUMAN"))
                .put("/api/v1/sessions/" + madeSession + "/translations/fr").then().statusCode(200);

        given().auth().oauth2(jo).get("/api/v1/me/personal-data").then().statusCode(200)
                .body("service", equalTo("forum-service")).body("subject", equalTo("jo")).body("data.registrations.size()", equalTo(1))
                .body("data.registrations[0].fullName", equalTo("Jo Private")).body("data.sessionSignups.size()", equalTo(1))
                .body("data.sessionSignups[0].sessionTitle", equalTo("Digital inclusion")).body("data.proposals.size()", equalTo(2))
                .body("data.proposals.find { it.title == 'Jo\\'s idea' }.translations.es.origin", equalTo("OWNER"))
                // consent, with the version of the notice agreed to (service-commons privacy/Consents)
                .body("consents.purpose", hasItem("forum.registration")).body("consents[0].version", equalTo("2026-01"));
        // nobody else's data in my download
        given().auth().oauth2(TestTokens.participant("kim")).get("/api/v1/me/personal-data").then()
                .body("data.registrations.size()", equalTo(1)).body("data.registrations[0].fullName", equalTo("Kim Other"))
                .body("data.proposals.size()", equalTo(0));

        String countsPath = "/api/v1/editions/" + YEAR + "/registrations/counts";
        String before = given().auth().oauth2(Fixtures.ORGANIZER).get(countsPath).then().statusCode(200).extract().asString();
        String sessionCountsBefore = given().auth().oauth2(Fixtures.ORGANIZER).get("/api/v1/sessions/" + sessionId + "/attendees/counts").asString();

        // the platform-wide erasure: recorded, sent as an event, applied by this service's consumer and confirmed
        String erasureId = given().auth().oauth2(jo).post("/api/v1/me/erasure").then().statusCode(202)
                .body("complete", equalTo(false)).body("pending", hasItem("forum-service")).extract().path("id");
        Map<String, Object> confirmation = await("forum-service confirming the erasure").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(jo).get("/api/v1/me/erasure").then().statusCode(200)
                        .extract().<Map<String, Object>>path("find { it.id == '" + erasureId + "' }.confirmations.find { it.service == 'forum-service' }"),
                        c -> c != null);
        assertEquals(Map.of("registrations", 1, "proposalsPseudonymised", 2, "sessionsPseudonymised", 1, "consents", 1,
                "idempotentResponses", 0), without((Map<?, ?>) confirmation.get("erased"), "outboxEvents"));
        // both events of the erasure, as published, hold their schema (service-commons events/) and no subject
        @SuppressWarnings("unchecked")
        List<Object[]> events = entityManager.createNativeQuery("""
                SELECT event_type, payload FROM outbox_event WHERE topic = 'forum.privacy' AND message_key = ?1 ORDER BY seq""")
                .setParameter(1, erasureId).getResultList();
        assertEquals(List.of("org.wsis.privacy.erasure.requested.v1", "org.wsis.privacy.erasure.confirmed.v1"),
                events.stream().map(e -> e[0]).toList());
        for (Object[] event : events) {
            EventContracts.assertValidCloudEvent("service-commons", ((String) event[0]).replace("org.wsis.privacy.", "privacy-")
                    .replace(".requested.", "-requested.").replace(".confirmed.", "-confirmed."), (String) event[1]);
            assertFalse(((String) event[1]).contains("\"jo\""), "the event names the subject: " + event[1]);
        }
        given().auth().oauth2(jo).get("/api/v1/me/erasure").then().body("[0].pending", hasItem("prizes-service"))
                .body("[0].pending", not(hasItem("forum-service")));

        assertEquals(before, given().auth().oauth2(Fixtures.ORGANIZER).get(countsPath).asString());
        assertEquals(sessionCountsBefore, given().auth().oauth2(Fixtures.ORGANIZER).get("/api/v1/sessions/" + sessionId + "/attendees/counts").asString());
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                        SELECT subject_id, full_name, organisation, country, status, stakeholder_type, region, erased_at IS NOT NULL
                        FROM registration WHERE id = CAST(?1 AS uuid)""").setParameter(1, registrationId).getSingleResult();
        assertEquals(null, row[0]);
        assertEquals(null, row[1]);
        assertEquals(null, row[2]);
        assertEquals(null, row[3]);
        assertEquals("APPROVED", row[4]);
        assertEquals("CIVIL_SOCIETY", row[5]);
        assertEquals("AMS", row[6]);
        assertEquals(Boolean.TRUE, row[7]);

        given().auth().oauth2(jo).get("/api/v1/me/personal-data").then().statusCode(200)
                .body("data.registrations.size()", equalTo(0)).body("data.sessionSignups.size()", equalTo(0))
                .body("data.proposals.size()", equalTo(0)).body("consents.size()", equalTo(0));
        // what Jo wrote in the proposal names them no more; Kim, named there too, erased nothing
        Object[] proposal = (Object[]) entityManager.createNativeQuery("""
                        SELECT proposer_id, description, array_to_string(speakers, '|') FROM session_proposal
                        WHERE edition_year = ?1 AND title = 'Jo''s idea'""").setParameter(1, YEAR).getSingleResult();
        assertEquals(null, proposal[0]);
        assertEquals("Run by [erased] ([erased]) with Kim Other", proposal[1]);
        assertEquals("[erased]|Kim Other", proposal[2]);
        // and in the translation they wrote themselves, which no longer names them as its translator either
        Object[] spanish = (Object[]) entityManager.createNativeQuery("""
                        SELECT translations -> 'es' ->> 'description', translations -> 'es' ->> 'translatorId', translations -> 'es' ->> 'origin'
                        FROM session_proposal WHERE edition_year = ?1 AND title = 'Jo''s idea'""").setParameter(1, YEAR).getSingleResult();
        assertEquals("Dirigido por [erased] ([erased]) con Kim Other", spanish[0]);
        assertEquals("[erased]", spanish[1]);
        assertEquals("OWNER", spanish[2]);
        // the session made of Jo's other proposal, in French too
        given().header("Accept-Language", "fr").get("/api/v1/sessions/" + madeSession).then().statusCode(200)
                .body("title", equalTo("L'atelier de [erased]")).body("description", equalTo("Animé par [erased]"))
                .body("speakers", equalTo(List.of("[erased]")));
        given().header("Accept-Language", "es").get("/api/v1/sessions/" + madeSession).then().statusCode(200)
                .body("title", equalTo("El taller de [erased]")).body("translations.es.origin", equalTo("OWNER"));
        assertEquals(0L, ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM forum_session WHERE strpos(CAST(translations AS text), 'Jo Private') > 0").getSingleResult()).longValue());
        assertEquals(0L, ((Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM session_proposal WHERE edition_year = ?1 AND strpos(CAST(translations AS text), 'Jo Private') > 0""")
                .setParameter(1, YEAR).getSingleResult()).longValue());
        assertEquals(0L, ((Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM (SELECT translations FROM forum_session UNION ALL SELECT translations FROM session_proposal) AS t,
                       jsonb_each(t.translations) AS e WHERE e.value ->> 'translatorId' = 'jo'""").getSingleResult()).longValue());
        assertEquals(0L, ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE strpos(payload, 'Jo Private') > 0").getSingleResult()).longValue());
        // Kim, registered for the same edition, keeps everything
        given().auth().oauth2(TestTokens.participant("kim")).get("/api/v1/me/personal-data").then()
                .body("data.registrations[0].fullName", equalTo("Kim Other"));
        given().auth().oauth2(Fixtures.ORGANIZER).queryParam("status", "CONFIRMED").get("/api/v1/sessions/" + sessionId + "/attendees")
                .then().statusCode(200).body("items[0].fullName", nullValue());
        given().get("/api/v1/me/personal-data").then().statusCode(401);
        given().post("/api/v1/me/erasure").then().statusCode(401);
    }

    @Inject
    Retention retention;

    /** forum.retention.registration-days after an edition ends, its registrations keep only what the counts need. */
    @Test
    void registrationsOfALongPastEditionLoseTheirPersonalFields() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Fixtures.edition(RETENTION_YEAR, true);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    INSERT INTO forum_edition (year, title, starts_on, ends_on, venue, hybrid, format, created_by)
                    VALUES (2011, 'WSIS Forum 2011', '2011-05-16', '2011-05-20', 'Geneva', false, 'IN_PERSON', 'seed') ON CONFLICT DO NOTHING""").executeUpdate();
            for (UUID id : List.of(old, recent)) {
                entityManager.createNativeQuery("""
                        INSERT INTO registration (id, edition_year, subject_id, attendance, full_name, stakeholder_type, status)
                        VALUES (?1, ?2, 'retained-' || ?1, 'IN_PERSON', 'Retained Person', 'CIVIL_SOCIETY', 'APPROVED')""")
                        .setParameter(1, id).setParameter(2, id == old ? 2011 : RETENTION_YEAR).executeUpdate();
            }
        });
        assertTrue(retention.purgeExpiredRegistrations() >= 1);
        Object[] purged = (Object[]) entityManager.createNativeQuery(
                "SELECT subject_id, full_name, status, erased_at IS NOT NULL FROM registration WHERE id = ?1").setParameter(1, old).getSingleResult();
        assertEquals(Arrays.asList(null, null, "APPROVED", true), Arrays.asList(purged));
        assertEquals("Retained Person", entityManager.createNativeQuery("SELECT full_name FROM registration WHERE id = ?1")
                .setParameter(1, recent).getSingleResult());
    }

    @Inject
    org.wsis.commons.privacy.SharedStoreRetention sharedRetention;

    /**
     * The shared stores of every service (service-commons privacy/SharedStoreRetention) keep each kind for its
     * wsis.retention.* period on the service's clock: a stored idempotent response a day, a published outbox row a
     * week, a withdrawn consent three years; a standing consent stays.
     */
    @Test
    void theSharedStoresForgetEachKindAfterItsRetention() {
        String who = "retained-" + UUID.randomUUID();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    INSERT INTO idempotency_key (scope, caller, idempotency_key, request_hash, created_at) VALUES ('test', ?1, ?1, 'h', now())""")
                    .setParameter(1, who).executeUpdate();
            // published already (an unpublished row would go to Kafka; it is never purged, only relayed)
            entityManager.createNativeQuery("""
                    INSERT INTO outbox_event (id, topic, message_key, event_type, payload, published_at)
                    VALUES (gen_random_uuid(), 'forum.test', ?1, 'test', ?1, now())""").setParameter(1, who).executeUpdate();
            entityManager.createNativeQuery("""
                    INSERT INTO consent_record (subject_id, purpose, version, given_at, withdrawn_at)
                    VALUES (?1, 'forum.withdrawn', '2026-01', now(), now()), (?1, 'forum.standing', '2026-01', now(), NULL)""")
                    .setParameter(1, who).executeUpdate();
        });
        try {
            assertEquals(List.of(1L, 1L, 2L), held(who), "nothing is past its retention yet");
            sharedRetention.purgeExpired();
            assertEquals(List.of(1L, 1L, 2L), held(who), "a purge now keeps everything");
            TestClock.advance(Duration.ofHours(25));
            sharedRetention.purgeExpired();
            assertEquals(List.of(0L, 1L, 2L), held(who), "a day on: the stored response is gone");
            TestClock.advance(Duration.ofDays(7));
            sharedRetention.purgeExpired();
            assertEquals(List.of(0L, 0L, 2L), held(who), "a week on: the published row is gone");
            TestClock.advance(Duration.ofDays(1095));
            assertEquals(1, sharedRetention.purgeExpired().get("withdrawnConsents"), "three years on: the withdrawn consent");
            assertEquals(List.of(0L, 0L, 1L), held(who), "the standing consent stays");
        } finally {
            TestClock.reset();
        }
    }

    /** Rows naming {@code who}: stored responses, outbox rows, consent records. */
    private List<Long> held(String who) {
        return java.util.stream.Stream.of("idempotency_key WHERE caller = ?1", "outbox_event WHERE message_key = ?1", "consent_record WHERE subject_id = ?1")
                .map(from -> ((Number) entityManager.createNativeQuery("SELECT count(*) FROM " + from).setParameter(1, who)
                        .getSingleResult()).longValue()).toList();
    }

    private static Map<Object, Object> without(Map<?, ?> map, String key) {
        Map<Object, Object> copy = new TreeMap<>(map);
        copy.remove(key);
        return copy;
    }
}
