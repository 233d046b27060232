package org.wsis.forum.session;

import org.wsis.localstack.testing.EventContracts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class AgendaTest {
    private static final int YEAR = 2031;
    private static final String LONG_TITLE = "High-level policy session: Bridging the digital divide, connecting the "
            + "unconnected; ensuring meaningful connectivity für alle (Geneva) — WSIS+20";
    private static boolean scheduled;

    @Inject
    EntityManager entityManager;

    private void scheduleOnce() {
        if (scheduled) {
            return;
        }
        Fixtures.edition(YEAR, true);
        Fixtures.session(YEAR, "HIGH_LEVEL_POLICY", LONG_TITLE, YEAR + "-07-06T08:00:00Z", YEAR + "-07-06T09:30:00Z", 800, "[\"C1\",\"C2\"]");
        Fixtures.session(YEAR, "THEMATIC_WORKSHOP", "E-health, AI; and ethics", YEAR + "-07-07T13:00:00Z", YEAR + "-07-07T14:00:00Z", 80, "[\"C7\",\"C10\"]");
        Fixtures.session(YEAR, "ACTION_LINE_FACILITATION", "C5 facilitation meeting", YEAR + "-07-07T09:00:00Z", YEAR + "-07-07T10:00:00Z", 60, "[\"C5\"]");
        scheduled = true;
    }

    @Test
    void theAgendaIsPublicAndFiltersByDayKindAndActionLine() {
        scheduleOnce();
        given().get("/api/v1/editions/" + YEAR + "/sessions").then().statusCode(200).header("X-Total-Count", "3")
                .body("items.kind", contains("HIGH_LEVEL_POLICY", "ACTION_LINE_FACILITATION", "THEMATIC_WORKSHOP"));
        given().queryParam("day", YEAR + "-07-07").get("/api/v1/editions/" + YEAR + "/sessions").then().statusCode(200)
                .body("items.title", contains("C5 facilitation meeting", "E-health, AI; and ethics"));
        given().queryParam("kind", "THEMATIC_WORKSHOP").get("/api/v1/editions/" + YEAR + "/sessions").then()
                .body("items.size()", is(1)).body("items[0].capacity", equalTo(80)).body("items[0].seatsTaken", equalTo(0));
        given().queryParam("actionLine", "C2").get("/api/v1/editions/" + YEAR + "/sessions").then()
                .body("items.size()", is(1)).body("items[0].kind", equalTo("HIGH_LEVEL_POLICY"));
        given().queryParam("kind", "PARTY").get("/api/v1/editions/" + YEAR + "/sessions").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("kind"));
        given().queryParam("day", "tomorrow").get("/api/v1/editions/" + YEAR + "/sessions").then().statusCode(400)
                .body("errors[0].field", equalTo("day"));
        given().get("/api/v1/editions/2098/sessions").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void schedulingAnnouncesTheSessionThroughTheOutbox() {
        int year = 2041; // its own edition, so the agenda counts above stay fixed
        Fixtures.edition(year, true);
        String id = Fixtures.session(year, "HACKATHON", "Healthy ageing hackathon", year + "-07-08T07:00:00Z", year + "-07-08T16:00:00Z", 40, "[]");
        given().get("/api/v1/sessions/" + id).then().statusCode(200).body("kind", equalTo("HACKATHON")).body("edition", equalTo(year));
        List<?> payloads = entityManager.createNativeQuery("""
                        SELECT payload FROM outbox_event WHERE topic = 'forum.sessions'
                        AND event_type = 'org.wsis.forum.session.scheduled.v1' AND message_key = ?1""")
                .setParameter(1, id).getResultList();
        assertEquals(1, payloads.size());
        EventContracts.assertValidCloudEvent("forum-service", "session-scheduled.v1", payloads.get(0).toString());
    }

    @Test
    void badSessionsAreRefusedAndOnlyOrganizersSchedule() {
        scheduleOnce();
        String valid = """
                {"kind": "INTERACTIVE", "title": "Youth", "room": "Room A", "startsAt": "%s", "endsAt": "%s", "capacity": 10}""";
        given().auth().oauth2(TestTokens.participant("p-agenda")).contentType(ContentType.JSON)
                .body(valid.formatted(YEAR + "-07-07T09:00:00Z", YEAR + "-07-07T10:00:00Z"))
                .post("/api/v1/editions/" + YEAR + "/sessions").then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(valid.formatted(YEAR + "-07-07T09:00:00Z", YEAR + "-07-07T10:00:00Z"))
                .post("/api/v1/editions/" + YEAR + "/sessions").then().statusCode(401);
        organizerPost(valid.formatted(YEAR + "-08-01T09:00:00Z", YEAR + "-08-01T10:00:00Z")).then().statusCode(422)
                .body("errors[0].field", equalTo("startsAt"));
        organizerPost(valid.formatted(YEAR + "-07-07T10:00:00Z", YEAR + "-07-07T09:00:00Z")).then().statusCode(422)
                .body("errors[0].field", equalTo("endsAt"));
        organizerPost(valid.replace("\"room\": \"Room A\", ", "").formatted(YEAR + "-07-07T09:00:00Z", YEAR + "-07-07T10:00:00Z"))
                .then().statusCode(422).body("errors[0].field", equalTo("room"));
        organizerPost(valid.replace("\"capacity\": 10", "\"capacity\": 0, \"actionLines\": [\"C12\"]")
                .formatted(YEAR + "-07-07T09:00:00Z", YEAR + "-07-07T10:00:00Z"))
                .then().statusCode(anyOf(is(400), is(422))).contentType("application/problem+json");
        given().get("/api/v1/editions/" + YEAR + "/sessions").then().body("items.title", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Youth")));
    }

    @Test
    void theAgendaExportsAsStructurallyValidICalendar() {
        scheduleOnce();
        Response response = given().queryParam("kind", "HIGH_LEVEL_POLICY").get("/api/v1/editions/" + YEAR + "/agenda.ics");
        response.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/calendar"));
        String body = response.asString();
        assertTrue(body.endsWith("\r\n"));
        assertTrue(body.replace("\r\n", "").indexOf('\n') < 0, "only CRLF line ends");
        List<String> physical = List.of(body.split("\r\n"));
        for (String line : physical) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "folded at 75 octets: " + line);
        }
        // unfold (RFC 5545 3.1): a line starting with a space continues the previous one
        List<String> lines = new ArrayList<>();
        for (String line : physical) {
            if (line.startsWith(" ")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line.substring(1));
            } else {
                lines.add(line);
            }
        }
        assertEquals("BEGIN:VCALENDAR", lines.get(0));
        assertEquals("END:VCALENDAR", lines.get(lines.size() - 1));
        assertTrue(lines.contains("VERSION:2.0"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("PRODID:")));
        assertEquals(1, lines.stream().filter("BEGIN:VEVENT"::equals).count());
        assertEquals(1, lines.stream().filter("END:VEVENT"::equals).count());
        for (String property : List.of("UID:", "DTSTAMP:", "DTSTART:", "DTEND:", "SUMMARY:", "LOCATION:")) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith(property)).count(), property);
        }
        assertTrue(lines.contains("DTSTART:" + YEAR + "0706T080000Z"));
        assertTrue(lines.contains("DTEND:" + YEAR + "0706T093000Z"));
        assertTrue(lines.stream().anyMatch(l -> l.matches("DTSTAMP:\\d{8}T\\d{6}Z")));
        assertTrue(lines.contains("SUMMARY:" + LONG_TITLE.replace(",", "\\,").replace(";", "\\;")), "summary unfolds to the escaped title");
        assertTrue(lines.contains("LOCATION:Room 2"));
    }

    /**
     * Issue 21 item 2: organizers write a session in French and give its English title and description; the public
     * reads the language it asks for (Accept-Language), with the origin and the original language, and all of them at
     * once in translations. A bad language code is a 400 problem, the original language a 422.
     */
    @Test
    void aSessionCarriesItsTitleInSeveralLanguagesChosenByAcceptLanguage() {
        int year = 2049; // its own edition (not 2047: ProposalTest's YEAR + 2), so the agenda counts above stay fixed
        Fixtures.edition(year, true);
        String id = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("""
                {"kind": "THEMATIC_WORKSHOP", "title": "Les femmes dans le numérique", "description": "Atelier",
                 "room": "Room 1", "startsAt": "%d-07-08T09:00:00Z", "endsAt": "%d-07-08T10:00:00Z", "capacity": 50,
                 "language": "fr"}""".formatted(year, year)).post("/api/v1/editions/" + year + "/sessions")
                .then().statusCode(201).body("originalLanguage", equalTo("fr")).extract().path("id");
        String etag = given().get("/api/v1/sessions/" + id).header("ETag");
        String english = "{\"title\": \"Women in digital\", \"description\": \"Workshop\", \"origin\": \"HUMAN\"}";
        translateSession(id, "xx", etag, english).then().statusCode(400).contentType("application/problem+json");
        translateSession(id, "fr", etag, english).then().statusCode(422).contentType("application/problem+json");
        translateSession(id, "en", null, english).then().statusCode(428);
        translateSession(id, "en", etag, english).then().statusCode(200)
                .body("title", equalTo("Les femmes dans le numérique")).body("translations.en.origin", equalTo("HUMAN"));

        given().header("Accept-Language", "en").get("/api/v1/sessions/" + id).then().statusCode(200)
                .header("Content-Language", "en").body("language", equalTo("en")).body("originalLanguage", equalTo("fr"))
                .body("title", equalTo("Women in digital")).body("translations.en.translatorId", equalTo(null));
        given().header("Accept-Language", "fr, en;q=0.8").get("/api/v1/sessions/" + id).then()
                .header("Content-Language", "fr").body("title", equalTo("Les femmes dans le numérique"));
        given().header("Accept-Language", "es").queryParam("kind", "THEMATIC_WORKSHOP").get("/api/v1/editions/" + year + "/sessions")
                .then().statusCode(200).body("items[0].title", equalTo("Women in digital")) // no Spanish: English, then the original
                .body("items[0].translations.en.title", equalTo("Women in digital"));
    }

    /**
     * A control character in a translation's title or description (PostgreSQL refuses NUL in text and jsonb) is a 400
     * problem naming the field, the rule of every service's translations (commons NewTranslation); nothing changes.
     */
    @Test
    void aControlCharacterInATranslationIsRefusedNamingTheFieldAndChangesNothing() {
        int year = 2066; // its own edition, so the agenda counts above stay fixed
        Fixtures.edition(year, true);
        String id = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("""
                {"kind": "THEMATIC_WORKSHOP", "title": "Réseaux communautaires", "description": "Atelier",
                 "room": "Room 2", "startsAt": "%d-07-08T09:00:00Z", "endsAt": "%d-07-08T10:00:00Z", "capacity": 50,
                 "language": "fr"}""".formatted(year, year)).post("/api/v1/editions/" + year + "/sessions")
                .then().statusCode(201).extract().path("id");
        Response before = given().get("/api/v1/sessions/" + id);
        for (String[] bad : new String[][]{{"title", "Community\u0000networks", "Workshop"}, {"title", "Community\u0007networks", "Workshop"},
                {"description", "Community networks", "Work\u0000shop"}, {"description", "Community networks", "Work\u001bshop"}}) {
            Response answer = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).header("If-Match", before.header("ETag"))
                    .body(java.util.Map.of("title", bad[1], "description", bad[2], "origin", "HUMAN")).put("/api/v1/sessions/" + id + "/translations/en");
            answer.then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(bad[0]))
                    .body("errors[0].message", equalTo("must not contain control characters"));
        }
        Response after = given().get("/api/v1/sessions/" + id);
        assertEquals(before.header("ETag"), after.header("ETag"));
        assertEquals(before.asString(), after.asString());
    }

    /**
     * Commons PlainText, the rule of every free-text field: a NUL, BEL or C1 control (U+0085) in a session's title, a
     * speaker or its room is a 400 naming the field and schedules nothing; line breaks in the description and an Arabic
     * title with a zero-width non-joiner (U+200C) are text.
     */
    @Test
    void controlCharactersInASessionAreRefusedNamingTheFieldAndScheduleNothing() {
        int year = 2068; // its own edition, so the agenda counts above stay fixed
        Fixtures.edition(year, true);
        String sessions = "/api/v1/editions/" + year + "/sessions";
        for (String[] bad : new String[][]{{"title", "Community\u0000networks"}, {"speakers[1]", "B.\u0007Speaker"},
                {"room", "Room\u00852"}, {"description", "Work\tshop"}}) {
            java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of("kind", "THEMATIC_WORKSHOP",
                    "title", "Community networks", "room", "Room 2", "startsAt", year + "-07-08T09:00:00Z",
                    "endsAt", year + "-07-08T10:00:00Z", "capacity", 50));
            body.put(bad[0].startsWith("speakers") ? "speakers" : bad[0],
                    bad[0].startsWith("speakers") ? List.of("A. Speaker", bad[1]) : bad[1]);
            given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(body).post(sessions)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains(bad[0]))
                    .body("errors[0].message", equalTo("must not contain control characters"));
        }
        // the online link holds no control character either (commons PlainText.LINK_REST)
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(java.util.Map.of("kind", "THEMATIC_WORKSHOP",
                        "title", "Community networks", "onlineLink", "https://meet.example.org/\u0007live", "startsAt", year + "-07-08T09:00:00Z",
                        "endsAt", year + "-07-08T10:00:00Z", "capacity", 50))
                .post(sessions).then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("onlineLink"));
        given().get(sessions).then().statusCode(200).header("X-Total-Count", "0");

        String id = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(java.util.Map.of(
                        "kind", "THEMATIC_WORKSHOP", "title", "الشبكات\u200Cالمجتمعية", "description", "الجزء الأول\nالجزء الثاني",
                        "room", "Room 2", "startsAt", year + "-07-08T09:00:00Z", "endsAt", year + "-07-08T10:00:00Z",
                        "capacity", 50, "language", "ar"))
                .post(sessions).then().statusCode(201).extract().path("id");
        given().get("/api/v1/sessions/" + id).then().statusCode(200).body("title", equalTo("الشبكات\u200Cالمجتمعية"))
                .body("description", equalTo("الجزء الأول\nالجزء الثاني"));
    }

    private static Response translateSession(String id, String lang, String etag, String body) {
        var request = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(body);
        return (etag == null ? request : request.header("If-Match", etag)).put("/api/v1/sessions/" + id + "/translations/" + lang);
    }

    private Response organizerPost(String body) {
        return given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/editions/" + YEAR + "/sessions");
    }
}
