package org.wsis.forum.proposal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class ProposalTest {
    private static final int YEAR = 2045;
    private static final String PROPOSER = TestTokens.participant("proposer-1");
    private static final String OTHER = TestTokens.participant("proposer-2");
    private static final String PROPOSAL = """
            {"kind": "THEMATIC_WORKSHOP", "title": "%s", "description": "Community networks in rural areas",
             "track": "Infrastructure", "actionLines": ["C2", "C4"], "speakers": ["Dr. A", "Ms. B"]}""";
    private static final String ACCEPTANCE = """
            {"room": "Room K", "startsAt": "%d-07-08T12:00:00Z", "endsAt": "%d-07-08T13:00:00Z", "capacity": 120}"""
            .formatted(YEAR, YEAR);

    @Test
    void aProposalIsAcceptedIntoTheAgendaOnce() {
        Fixtures.edition(YEAR, true);
        String id = propose(PROPOSER, "Community networks");
        given().auth().oauth2(PROPOSER).get("/api/v1/proposals/" + id).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        given().auth().oauth2(OTHER).get("/api/v1/proposals/" + id).then().statusCode(404);
        given().auth().oauth2(OTHER).get("/api/v1/editions/" + YEAR + "/proposals").then().statusCode(200).header("X-Total-Count", "0");
        given().auth().oauth2(Fixtures.ORGANIZER).queryParam("status", "SUBMITTED").get("/api/v1/editions/" + YEAR + "/proposals")
                .then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(PROPOSER).contentType(ContentType.JSON).body(ACCEPTANCE).post("/api/v1/proposals/" + id + "/accept")
                .then().statusCode(403);

        String sessionId = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(ACCEPTANCE)
                .post("/api/v1/proposals/" + id + "/accept").then().statusCode(200).body("status", equalTo("ACCEPTED"))
                .body("sessionId", notNullValue()).extract().path("sessionId");
        given().get("/api/v1/sessions/" + sessionId).then().statusCode(200).body("title", equalTo("Community networks"))
                .body("kind", equalTo("THEMATIC_WORKSHOP")).body("room", equalTo("Room K")).body("capacity", equalTo(120))
                .body("speakers", hasItem("Dr. A")).body("actionLines", hasItem("C4"));
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(ACCEPTANCE)
                .post("/api/v1/proposals/" + id + "/accept").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"late\"}")
                .post("/api/v1/proposals/" + id + "/decline").then().statusCode(409);
    }

    @Test
    void aDeclinedProposalTellsItsProposerWhy() {
        Fixtures.edition(YEAR + 1, false);
        String id = given().auth().oauth2(OTHER).contentType(ContentType.JSON).body(PROPOSAL.formatted("Metaverse and AI"))
                .post("/api/v1/editions/" + (YEAR + 1) + "/proposals").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"  \"}")
                .post("/api/v1/proposals/" + id + "/decline").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body("{\"reason\": \"Overlaps with the high-level track\"}")
                .post("/api/v1/proposals/" + id + "/decline").then().statusCode(200).body("status", equalTo("DECLINED"));
        given().auth().oauth2(OTHER).get("/api/v1/proposals/" + id).then().statusCode(200)
                .body("declineReason", equalTo("Overlaps with the high-level track"));
        given().get("/api/v1/editions/" + (YEAR + 1) + "/sessions").then().statusCode(200).header("X-Total-Count", "0");
    }

    @Test
    void proposalsNeedASignedInProposerAndAValidBody() {
        Fixtures.edition(YEAR + 2, false);
        given().contentType(ContentType.JSON).body(PROPOSAL.formatted("Anonymous"))
                .post("/api/v1/editions/" + (YEAR + 2) + "/proposals").then().statusCode(401);
        given().auth().oauth2(PROPOSER).contentType(ContentType.JSON).body(PROPOSAL.formatted("Ceremony").replace("THEMATIC_WORKSHOP", "PRIZE_CEREMONY"))
                .post("/api/v1/editions/" + (YEAR + 2) + "/proposals").then().statusCode(422).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(PROPOSER).contentType(ContentType.JSON).body(PROPOSAL.formatted(""))
                .post("/api/v1/editions/" + (YEAR + 2) + "/proposals").then().statusCode(400).body("errors[0].field", org.hamcrest.Matchers.containsString("title"));
        given().auth().oauth2(PROPOSER).contentType(ContentType.JSON).body(PROPOSAL.formatted("x"))
                .post("/api/v1/editions/2097/proposals").then().statusCode(404);
    }

    /** Issue 21: the year of the language cases (no other forum test uses it). */
    private static final int LANGUAGES_YEAR = 2057;

    @Test
    void aProposalInSpanishWithItsProposersFrenchBecomesASessionInBoth() {
        Fixtures.edition(LANGUAGES_YEAR, true);
        String proposer = TestTokens.participant("proponente-1");
        String id = given().auth().oauth2(proposer).contentType(ContentType.JSON).body(Map.of("kind", "THEMATIC_WORKSHOP",
                        "title", "Redes comunitarias", "description", "Redes comunitarias en zonas rurales", "language", "es",
                        "translations", Map.of("fr", Map.of("title", "Réseaux communautaires", "description", "Réseaux communautaires en zone rurale"))))
                .post("/api/v1/editions/" + LANGUAGES_YEAR + "/proposals").then().statusCode(201)
                .body("language", equalTo("es")).body("originalLanguage", equalTo("es")).body("title", equalTo("Redes comunitarias"))
                .body("translations.fr.origin", equalTo("OWNER")).body("translations.fr.translatorId", equalTo("proponente-1"))
                .extract().path("id");
        // the proposer reads it in the language they ask for; without a preference, in the original (no English here)
        given().auth().oauth2(proposer).header("Accept-Language", "fr-CH, es;q=0.5").get("/api/v1/proposals/" + id).then().statusCode(200)
                .header("Content-Language", "fr").header("Vary", containsString("Accept-Language"))
                .body("language", equalTo("fr")).body("title", equalTo("Réseaux communautaires"))
                .body("description", equalTo("Réseaux communautaires en zone rurale")).body("originalLanguage", equalTo("es"));
        given().auth().oauth2(proposer).get("/api/v1/proposals/" + id).then().statusCode(200)
                .header("Content-Language", "es").body("title", equalTo("Redes comunitarias"));
        // reviewers see every language at once
        given().auth().oauth2(Fixtures.ORGANIZER).header("Accept-Language", "ru").get("/api/v1/editions/" + LANGUAGES_YEAR + "/proposals")
                .then().statusCode(200).header("Vary", containsString("Accept-Language"))
                .body("items[0].language", equalTo("es")).body("items[0].translations.fr.title", equalTo("Réseaux communautaires"));

        String sessionId = given().auth().oauth2(Fixtures.ORGANIZER).contentType(ContentType.JSON).body(ACCEPTANCE.replace(String.valueOf(YEAR), String.valueOf(LANGUAGES_YEAR)))
                .post("/api/v1/proposals/" + id + "/accept").then().statusCode(200).extract().path("sessionId");
        given().get("/api/v1/sessions/" + sessionId).then().statusCode(200)
                .header("Content-Language", "es").body("originalLanguage", equalTo("es")).body("title", equalTo("Redes comunitarias"))
                .body("translations.fr.origin", equalTo("OWNER")).body("translations.fr.title", equalTo("Réseaux communautaires"))
                .body("translations.fr.translatorId", nullValue()).body("translations.keySet()", equalTo(java.util.Set.of("fr")));
        given().header("Accept-Language", "fr").get("/api/v1/sessions/" + sessionId).then().statusCode(200)
                .header("Content-Language", "fr").body("title", equalTo("Réseaux communautaires"))
                .body("description", equalTo("Réseaux communautaires en zone rurale"));
    }

    @Test
    void aProposalInNoUnLanguageOrTranslatedIntoItsOwnIsRefusedAndNothingStored() {
        Fixtures.edition(LANGUAGES_YEAR + 1, false);
        String proposer = TestTokens.participant("proponente-2");
        String path = "/api/v1/editions/" + (LANGUAGES_YEAR + 1) + "/proposals";
        Map<String, String> french = Map.of("title", "Réseaux", "description", "Réseaux ruraux");
        java.util.function.Function<Map<String, Object>, Map<String, Object>> proposal = extra -> {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", "THEMATIC_WORKSHOP", "title", "Redes", "description", "Redes rurales"));
            body.putAll(extra);
            return body;
        };
        given().auth().oauth2(proposer).contentType(ContentType.JSON).body(proposal.apply(Map.of("language", "de")))
                .post(path).then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("language"));
        given().auth().oauth2(proposer).contentType(ContentType.JSON).body(proposal.apply(Map.of("language", "es", "translations", Map.of("de", french))))
                .post(path).then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("translations[de]"));
        given().auth().oauth2(proposer).contentType(ContentType.JSON).body(proposal.apply(Map.of("language", "es", "translations", Map.of("es", french))))
                .post(path).then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("translations[es]"));
        // no language is English, the default: an English translation of it is the proposal itself
        given().auth().oauth2(proposer).contentType(ContentType.JSON).body(proposal.apply(Map.of("translations", Map.of("en", french))))
                .post(path).then().statusCode(422).body("errors[0].field", equalTo("translations[en]"));
        // a translation within the original's limits, written by the proposer: no origin to claim, no blank description
        given().auth().oauth2(proposer).contentType(ContentType.JSON).body(proposal.apply(Map.of("language", "es",
                        "translations", Map.of("fr", Map.of("title", "x".repeat(301), "description", "Réseaux")))))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("translations[fr].title"));
        given().auth().oauth2(proposer).contentType(ContentType.JSON).body(proposal.apply(Map.of("language", "es",
                        "translations", Map.of("fr", Map.of("title", "Réseaux", "description", " ")))))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("translations[fr].description"));
        given().auth().oauth2(proposer).contentType(ContentType.JSON).body(proposal.apply(Map.of("language", "es",
                        "translations", Map.of("fr", Map.of("title", "Réseaux", "description", "Réseaux", "origin", "MACHINE")))))
                .post(path).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(proposer).get(path).then().statusCode(200).header("X-Total-Count", "0");
        assertEquals(0L, ((Number) entityManager.createNativeQuery("SELECT count(*) FROM session_proposal WHERE edition_year = ?1")
                .setParameter(1, LANGUAGES_YEAR + 1).getSingleResult()).longValue());
    }

    /** Its own edition year: no other forum test uses 2086. */
    private static final int SCRIPT_YEAR = 2086;

    /** A proposal that names no language is in the one its script implies (as an entry is), else English. */
    @Test
    void aProposalWithoutItsLanguageIsInTheLanguageOfItsScript() {
        Fixtures.edition(SCRIPT_YEAR, false);
        String proposer = TestTokens.participant("proposer-script");
        String path = "/api/v1/editions/" + SCRIPT_YEAR + "/proposals";
        Map<String, String[]> written = Map.of("ru", new String[] {"Цифровые навыки", "Семинар для учителей"},
                "zh", new String[] {"数字技能", "面向教师的讲习班"}, "ar", new String[] {"المهارات الرقمية", "ورشة عمل للمعلمين"},
                "en", new String[] {"Digital skills", "A workshop for teachers"});
        written.forEach((language, text) -> given().auth().oauth2(proposer).contentType(ContentType.JSON)
                .body(Map.of("kind", "THEMATIC_WORKSHOP", "title", text[0], "description", text[1])).post(path)
                .then().statusCode(201).body("language", equalTo(language)).body("originalLanguage", equalTo(language)));
    }

    /** A control character in a translation's title or description is a 400 naming the field, as for sessions; nothing stored. */
    @Test
    void aControlCharacterInATranslationIsRefusedNamingTheFieldAndNothingStored() {
        int year = 2067;
        Fixtures.edition(year, false);
        String proposer = TestTokens.participant("proponente-3");
        String path = "/api/v1/editions/" + year + "/proposals";
        for (String[] bad : new String[][]{{"title", "Ré\u0000seaux", "Réseaux ruraux"}, {"description", "Réseaux", "Réseaux\u0007ruraux"}}) {
            var answer = given().auth().oauth2(proposer).contentType(ContentType.JSON).body(Map.of("kind", "THEMATIC_WORKSHOP",
                            "title", "Redes", "description", "Redes rurales", "language", "es",
                            "translations", Map.of("fr", Map.of("title", bad[1], "description", bad[2]))))
                    .post(path);
            answer.then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("translations[fr]." + bad[0]))
                    .body("errors[0].message", equalTo("must not contain control characters"));
        }
        assertEquals(0L, ((Number) entityManager.createNativeQuery("SELECT count(*) FROM session_proposal WHERE edition_year = ?1")
                .setParameter(1, year).getSingleResult()).longValue());
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager entityManager;

    private static String propose(String token, String title) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(PROPOSAL.formatted(title))
                .post("/api/v1/editions/" + YEAR + "/proposals").then().statusCode(201).extract().path("id");
    }
}
