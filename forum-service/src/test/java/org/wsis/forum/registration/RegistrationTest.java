package org.wsis.forum.registration;

import org.wsis.localstack.testing.EventContracts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class RegistrationTest {
    private static final int YEAR = 2033;
    private static final int IN_PERSON_ONLY_YEAR = 2042;

    @Inject
    EntityManager entityManager;

    @Test
    void aParticipantRegistersUpdatesAndCancelsWithEvents() {
        Fixtures.edition(YEAR, true);
        String alice = TestTokens.participant("alice");
        String path = "/api/v1/editions/" + YEAR + "/registrations/me";
        String id = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("REMOTE", "Alice Example", "ACADEMIA", "CHE"))
                .post(path).then().statusCode(201).body("status", equalTo("REQUESTED")).body("region", equalTo("EUR"))
                .body("consentGivenAt", notNullValue()).body("decidedAt", equalTo(null)).extract().path("id");
        String requested = payloadOf(id, "org.wsis.forum.registration.requested.v1");
        EventContracts.assertValidCloudEvent("forum-service", "registration-requested.v1", requested);
        assertFalse(requested.contains("Alice"), "events carry no personal data: " + requested);
        assertEquals(0, countOf(id, "org.wsis.forum.registration.confirmed.v2"), "issue 20: registering confirms nobody");
        Fixtures.approve(id);
        String confirmed = payloadOf(id, "org.wsis.forum.registration.confirmed.v2");
        EventContracts.assertValidCloudEvent("forum-service", "registration-confirmed.v2", confirmed);
        assertTrue(confirmed.contains("\"region\":\"EUR\""), confirmed); // v2: the region code
        assertFalse(confirmed.contains("Alice"), "events carry no personal data: " + confirmed);

        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("REMOTE", "Alice Example", "ACADEMIA", "CHE"))
                .post(path).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("IN_PERSON", "Alice Example", "ACADEMIA", "EG").replace("null", "\"wheelchair access\""))
                .put(path).then().statusCode(200).body("attendance", equalTo("IN_PERSON")).body("region", equalTo("ARB"))
                .body("accessibilityNeeds", equalTo("wheelchair access"));
        // what the approval was decided on changed (now in person): a new decision is needed
        given().auth().oauth2(alice).get(path).then().statusCode(200).body("id", equalTo(id)).body("country", equalTo("EGY")) // sent as alpha-2
                .body("status", equalTo("REQUESTED"));
        assertEquals(2, countOf(id, "org.wsis.forum.registration.requested.v1"));
        // issue 15: what GET gives goes back with PUT; a read-only field with another value is a 422 and changes nothing
        java.util.Map<String, Object> read = new java.util.HashMap<>(given().auth().oauth2(alice).get(path).then().extract().jsonPath().getMap(""));
        read.put("fullName", "Alice B. Example");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(read).put(path).then().statusCode(200)
                .body("fullName", equalTo("Alice B. Example")).body("country", equalTo("EGY"));
        read = new java.util.HashMap<>(given().auth().oauth2(alice).get(path).then().extract().jsonPath().getMap(""));
        read.put("status", "CANCELLED");
        read.put("fullName", "Not stored");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(read).put(path).then().statusCode(422)
                .body("type", equalTo("urn:wsis:problem:read-only")).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(alice).get(path).then().body("fullName", equalTo("Alice B. Example")).body("status", equalTo("REQUESTED"));
        given().auth().oauth2(TestTokens.participant("bob")).get(path).then().statusCode(404);

        given().auth().oauth2(alice).delete(path).then().statusCode(200).body("status", equalTo("CANCELLED"));
        EventContracts.assertValidCloudEvent("forum-service", "registration-cancelled.v1", payloadOf(id, "org.wsis.forum.registration.cancelled.v1"));
        given().auth().oauth2(alice).get(path).then().statusCode(404);
        // a cancelled registration may be followed by a new one
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("REMOTE", "Alice Example", "ACADEMIA", "CHE")).post(path).then().statusCode(201);
    }

    @Test
    void invalidRegistrationsAreRefusedAndStoreNothing() {
        Fixtures.edition(IN_PERSON_ONLY_YEAR, false);
        String carol = TestTokens.participant("carol");
        String path = "/api/v1/editions/" + IN_PERSON_ONLY_YEAR + "/registrations/me";
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "GOVERNMENT", "XYZ"))
                .post(path).then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("country"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "GOVERNMENT", "K3"))
                .post(path).then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("country"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "GOVERNMENT", "FRA").replace("true", "false"))
                .post(path).then().statusCode(422).body("errors[0].field", equalTo("consent"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("REMOTE", "Carol", "GOVERNMENT", "FRA"))
                .post(path).then().statusCode(422).body("errors[0].field", equalTo("attendance"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "YOUTH", "FRA"))
                .post(path).then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Carol", "GOVERNMENT", "FRA"))
                .post(path).then().statusCode(401);
        assertEquals(0, ((Number) entityManager.createNativeQuery("SELECT count(*) FROM registration WHERE edition_year = ?1")
                .setParameter(1, IN_PERSON_ONLY_YEAR).getSingleResult()).intValue());
    }

    @Test
    void cancellingARegistrationFreesItsSeatForTheWaitlist() {
        int year = 2043;
        Fixtures.edition(year, true);
        String sessionId = Fixtures.session(year, "INTERACTIVE", "Small room", year + "-07-07T09:00:00Z", year + "-07-07T10:00:00Z", 1, "[]");
        String first = TestTokens.participant("seat-1");
        String second = TestTokens.participant("seat-2");
        Fixtures.register(year, first, "First", "PRIVATE_SECTOR", "BRA");
        Fixtures.register(year, second, "Second", "PRIVATE_SECTOR", "BRA");
        given().auth().oauth2(first).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201).body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(second).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201)
                .body("status", equalTo("WAITLISTED")).body("waitlistPosition", equalTo(1));
        given().auth().oauth2(first).delete("/api/v1/editions/" + year + "/registrations/me").then().statusCode(200);
        // issue 20: the freed seat is offered (held) until the first in line accepts it
        given().auth().oauth2(second).get("/api/v1/sessions/" + sessionId + "/signups/me").then().statusCode(200)
                .body("status", equalTo("OFFERED")).body("promotedAt", notNullValue()).body("offerExpiresAt", notNullValue());
        given().get("/api/v1/sessions/" + sessionId).then().body("seatsTaken", equalTo(1));
        given().auth().oauth2(second).post("/api/v1/sessions/" + sessionId + "/signups/me/acceptance").then().statusCode(200)
                .body("status", equalTo("CONFIRMED")).body("offerExpiresAt", equalTo(null));
    }

    @Test
    void organizersSeeCountsAndExportsOthersDoNot() {
        int year = 2044;
        Fixtures.edition(year, true);
        Fixtures.register(year, TestTokens.participant("count-1"), "Dana, \\\"the\\\" Analyst", "GOVERNMENT", "JPN");
        Fixtures.register(year, TestTokens.participant("count-2"), "=Eve", "GOVERNMENT", "686"); // Senegal by UN M49
        Fixtures.register(year, TestTokens.participant("count-3"), "Fay", "OTHER", "SN"); // and by alpha-2
        String base = "/api/v1/editions/" + year + "/registrations";
        given().auth().oauth2(Fixtures.ORGANIZER).get(base + "/counts").then().statusCode(200)
                .body("confirmed", equalTo(3)).body("confirmedByStakeholderType.GOVERNMENT", equalTo(2))
                .body("confirmedByStakeholderType.OTHER", equalTo(1))
                .body("confirmedByRegion.AFR", equalTo(2)).body("confirmedByRegion.ASP", equalTo(1));
        given().auth().oauth2(Fixtures.ORGANIZER).queryParam("size", 2).get(base).then().statusCode(200)
                .header("X-Total-Count", "3").body("items.size()", equalTo(2));
        String csv = given().auth().oauth2(Fixtures.ORGANIZER).get(base + "/export.csv").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertEquals(4, csv.split("\r\n").length);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("\"Dana, \"\"the\"\" Analyst\""), csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains(",'=Eve,"), "formula cells neutralised: " + csv);
        given().auth().oauth2(TestTokens.participant("count-1")).get(base).then().statusCode(403);
        given().auth().oauth2(TestTokens.participant("count-1")).get(base + "/export.csv").then().statusCode(403);
        given().auth().oauth2(TestTokens.participant("count-1")).get(base + "/counts").then().statusCode(403);
    }

    @Test
    void organizersApproveOrRejectAccreditationOnceWithAReason() {
        int year = 2063;
        Fixtures.edition(year, true);
        String sessionId = Fixtures.session(year, "INTERACTIVE", "One seat", year + "-07-07T09:00:00Z", year + "-07-07T10:00:00Z", 1, "[]");
        String rejectedOne = TestTokens.participant("accredit-1");
        String waiting = TestTokens.participant("accredit-2");
        String rejectedId = Fixtures.request(year, rejectedOne, "Rex Jected", "PRIVATE_SECTOR", "BRA");
        String waitingId = Fixtures.request(year, waiting, "Wai Ting", "ACADEMIA", "BRA");
        // a request may take a seat before the decision; the badge only follows an approval
        given().auth().oauth2(rejectedOne).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201).body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(waiting).post("/api/v1/sessions/" + sessionId + "/signups").then().statusCode(201).body("status", equalTo("WAITLISTED"));
        given().auth().oauth2(rejectedOne).get("/api/v1/editions/" + year + "/registrations/me/badge").then().statusCode(409)
                .contentType("application/problem+json");
        String registrations = "/api/v1/editions/" + year + "/registrations";
        given().auth().oauth2(Fixtures.ORGANIZER).queryParam("status", "REQUESTED").get(registrations).then().statusCode(200)
                .header("X-Total-Count", "2").body("items.stakeholderType", org.hamcrest.Matchers.contains("PRIVATE_SECTOR", "ACADEMIA"));
        given().auth().oauth2(Fixtures.ORGANIZER).queryParam("status", "CONFIRMED").get(registrations).then().statusCode(400)
                .contentType("application/problem+json");

        given().auth().oauth2(rejectedOne).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/registrations/" + rejectedId + "/approval").then().statusCode(403);
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \" \"}")
                .post("/api/v1/registrations/" + rejectedId + "/rejection").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/registrations/" + java.util.UUID.randomUUID() + "/approval").then().statusCode(404);
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"Not a recognised organisation\"}")
                .post("/api/v1/registrations/" + rejectedId + "/rejection").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("decisionReason", equalTo("Not a recognised organisation"));
        // decided once: a second decision changes nothing
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/registrations/" + rejectedId + "/approval").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(rejectedOne).get("/api/v1/editions/" + year + "/registrations/me").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("decisionReason", equalTo("Not a recognised organisation"))
                .body("decidedAt", notNullValue());
        given().auth().oauth2(rejectedOne).get("/api/v1/editions/" + year + "/registrations/me/badge").then().statusCode(409);
        // the rejected request's seat went to the waitlist
        given().auth().oauth2(waiting).get("/api/v1/sessions/" + sessionId + "/signups/me").then().body("status", equalTo("OFFERED"));
        EventContracts.assertValidCloudEvent("forum-service", "registration-rejected.v1",
                payloadOf(rejectedId, "org.wsis.forum.registration.rejected.v1"));
        assertEquals(1L, ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM audit_entry WHERE action = 'registration.rejected' AND target_id = ?1 AND reason = ?2")
                .setParameter(1, rejectedId).setParameter(2, "Not a recognised organisation").getSingleResult()).longValue());

        Fixtures.approve(waitingId);
        given().auth().oauth2(waiting).get("/api/v1/editions/" + year + "/registrations/me/badge").then().statusCode(200)
                .body("code", notNullValue());
        given().auth().oauth2(Fixtures.ORGANIZER).get(registrations + "/counts").then().statusCode(200)
                .body("confirmed", equalTo(1)).body("requested", equalTo(0)).body("rejected", equalTo(1));
        // the rejected person may ask again: a new request
        given().auth().oauth2(rejectedOne).contentType(ContentType.JSON)
                .body(Fixtures.registrationBody("REMOTE", "Rex Jected", "PRIVATE_SECTOR", "BRA"))
                .post("/api/v1/editions/" + year + "/registrations/me").then().statusCode(201).body("status", equalTo("REQUESTED"));
    }

    @Test
    void registrationClosesAtItsDeadlineAndWhenTheInPersonPlacesAreTaken() throws Exception {
        int year = 2064;
        String editions = "/api/v1/editions";
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("""
                        {"year": %d, "title": "Small forum", "startsOn": "%d-07-06", "endsOn": "%d-07-07", "venue": "Geneva",
                         "hybrid": true, "capacity": 3, "registrationDeadline": "%d-06-01T00:00:00Z"}""".formatted(year, year, year, year))
                .post(editions).then().statusCode(201).body("capacity", equalTo(3))
                .body("registrationDeadline", equalTo(year + "-06-01T00:00:00Z"));
        // six people race for three in-person places: exactly three get one, the others a 409 problem
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        java.util.List<java.util.concurrent.Future<io.restassured.response.Response>> racing = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String token = TestTokens.participant("place-" + i);
            racing.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Fixtures.registrationBody("IN_PERSON", "Placed Person", "ACADEMIA", "KEN"))
                    .post(editions + "/" + year + "/registrations/me")));
        }
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var response : racing) {
            io.restassured.response.Response r = response.get();
            statuses.add(r.statusCode());
            if (r.statusCode() == 409) {
                assertTrue(r.contentType().startsWith("application/problem+json") && r.asString().contains("full"), r.asString());
            }
        }
        pool.shutdown();
        java.util.Collections.sort(statuses);
        assertEquals(java.util.List.of(201, 201, 201, 409, 409, 409), statuses);
        assertEquals(3L, ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM registration WHERE edition_year = ?1 AND attendance = 'IN_PERSON'").setParameter(1, year)
                .getSingleResult()).longValue());
        // remote participation is not limited; a place freed by a cancellation can be taken by switching to in person
        String late = TestTokens.participant("place-late");
        String mine = editions + "/" + year + "/registrations/me";
        given().auth().oauth2(late).contentType(ContentType.JSON).body(Fixtures.registrationBody("REMOTE", "Late", "ACADEMIA", "KEN"))
                .post(mine).then().statusCode(201);
        given().auth().oauth2(late).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Late", "ACADEMIA", "KEN"))
                .put(mine).then().statusCode(409).contentType("application/problem+json");
        String placed = null;
        for (int i = 0; i < 6 && placed == null; i++) {
            if (given().auth().oauth2(TestTokens.participant("place-" + i)).get(mine).statusCode() == 200) {
                placed = TestTokens.participant("place-" + i);
            }
        }
        given().auth().oauth2(placed).delete(mine).then().statusCode(200);
        given().auth().oauth2(late).contentType(ContentType.JSON).body(Fixtures.registrationBody("IN_PERSON", "Late", "ACADEMIA", "KEN"))
                .put(mine).then().statusCode(200).body("attendance", equalTo("IN_PERSON"));

        // the capacity cannot drop below the places taken; the deadline passed: registration closed, until it moves
        String etag = given().get(editions + "/" + year).then().extract().header("ETag");
        String change = """
                {"title": "Small forum", "startsOn": "%d-07-06", "endsOn": "%d-07-07", "venue": "Geneva", "format": "HYBRID",
                 "capacity": %d, "registrationDeadline": "%s"}""";
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", etag)
                .body(change.formatted(year, year, 2, year + "-06-01T00:00:00Z")).put(editions + "/" + year).then().statusCode(409)
                .contentType("application/problem+json");
        etag = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", etag)
                .body(change.formatted(year, year, 4, "2020-01-01T00:00:00Z")).put(editions + "/" + year).then().statusCode(200)
                .extract().header("ETag");
        String closed = TestTokens.participant("place-closed");
        given().auth().oauth2(closed).contentType(ContentType.JSON).body(Fixtures.registrationBody("REMOTE", "Closed", "ACADEMIA", "KEN"))
                .post(mine).then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("closed"));
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", etag)
                .body(change.formatted(year, year, 4, year + "-06-01T00:00:00Z")).put(editions + "/" + year).then().statusCode(200);
        given().auth().oauth2(closed).contentType(ContentType.JSON).body(Fixtures.registrationBody("REMOTE", "Closed", "ACADEMIA", "KEN"))
                .post(mine).then().statusCode(201);
    }

    /**
     * Commons PlainText, the rule of every free-text field: a NUL, BEL or C1 control (U+0085) in a name or organisation
     * is a 400 naming the field and registers nobody; line breaks in the accessibility needs and an Arabic name with a
     * zero-width non-joiner (U+200C) are text.
     */
    @Test
    void controlCharactersAreRefusedNamingTheFieldAndRegisterNobody() {
        int year = 2069;
        Fixtures.edition(year, true);
        String nadia = TestTokens.participant("nadia-plain-text");
        String path = "/api/v1/editions/" + year + "/registrations/me";
        for (String[] bad : new String[][]{{"fullName", "Nadia\u0000Haddad"}, {"organisation", "Digital\u0007Rights"},
                {"fullName", "Nadia\u0085Haddad"}, {"accessibilityNeeds", "wheelchair\taccess"}}) {
            java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of("attendance", "REMOTE",
                    "fullName", "Nadia Haddad", "stakeholderType", "CIVIL_SOCIETY", "country", "TN", "consent", true));
            body.put(bad[0], bad[1]);
            given().auth().oauth2(nadia).contentType(ContentType.JSON).body(body).post(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", equalTo(java.util.List.of(bad[0])))
                    .body("errors[0].message", equalTo("must not contain control characters"));
        }
        given().auth().oauth2(nadia).get(path).then().statusCode(404);
        assertEquals(0L, ((Number) entityManager.createNativeQuery("SELECT count(*) FROM registration WHERE edition_year = ?1")
                .setParameter(1, year).getSingleResult()).longValue());

        given().auth().oauth2(nadia).contentType(ContentType.JSON).body(java.util.Map.of("attendance", "REMOTE",
                        "fullName", "نادیه\u200Cحداد", "stakeholderType", "CIVIL_SOCIETY", "country", "TN",
                        "accessibilityNeeds", "captions\r\nsign language", "consent", true))
                .post(path).then().statusCode(201);
        given().auth().oauth2(nadia).get(path).then().statusCode(200).body("fullName", equalTo("نادیه\u200Cحداد"))
                .body("accessibilityNeeds", equalTo("captions\r\nsign language"));
    }

    private long countOf(String registrationId, String type) {
        return ((Number) entityManager.createNativeQuery("""
                        SELECT count(*) FROM outbox_event WHERE topic = 'forum.registrations' AND message_key = ?1 AND event_type = ?2""")
                .setParameter(1, registrationId).setParameter(2, type).getSingleResult()).longValue();
    }

    private String payloadOf(String registrationId, String type) {
        return entityManager.createNativeQuery("""
                        SELECT payload FROM outbox_event WHERE topic = 'forum.registrations' AND message_key = ?1 AND event_type = ?2""")
                .setParameter(1, registrationId).setParameter(2, type).getSingleResult().toString();
    }
}
