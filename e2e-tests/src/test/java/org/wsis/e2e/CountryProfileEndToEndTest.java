package org.wsis.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.RealmTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gateway's composite country profile against the real services: what an editor publishes for a
 * country and what an agency uploads for its economy appear in that country's profile, whichever
 * form of the country code (alpha-3, alpha-2, UN M49) the front-end uses.
 */
@Tag("integration")
class CountryProfileEndToEndTest {
    /** Bhutan: few other tests use it; its codes are BTN, BT and 064. */
    private static final String ALPHA3 = "BTN";

    @Test
    void aPublishedEntryAndUploadedIndicatorsAppearInTheCountryProfile() {
        RealmTokens tokens = SharedPlatform.tokens();
        String editor = tokens.userToken("editor");
        String title = "Village e-health kiosks " + UUID.randomUUID();
        String id = SharedPlatform.gateway().auth().oauth2(editor).contentType(ContentType.JSON)
                .body(Map.of("title", title, "description", "Telemedicine kiosks in remote districts.",
                        "organisation", "Ministry of Health", "actionLines", List.of("C7.E-HEALTH", "C2"),
                        "countries", List.of("BT"), "language", "en"))
                .post("/api/stocktaking/v1/entries").then().statusCode(201).extract().path("id");
        SharedPlatform.gateway().auth().oauth2(editor).post("/api/stocktaking/v1/entries/" + id + "/submit")
                .then().statusCode(200);
        SharedPlatform.gateway().auth().oauth2(tokens.userToken("moderator"))
                .post("/api/stocktaking/v1/entries/" + id + "/publish").then().statusCode(200);
        // a French translation, approved by a moderator: a French reader's profile lists the entry in French
        String etag = SharedPlatform.gateway().auth().oauth2(editor).get("/api/stocktaking/v1/entries/" + id).header("ETag");
        SharedPlatform.gateway().auth().oauth2(editor).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("title", "Bornes de télésanté " + title, "description", "Des bornes de télémédecine.", "origin", "HUMAN"))
                .put("/api/stocktaking/v1/entries/" + id + "/translations/fr").then().statusCode(200);
        SharedPlatform.gateway().auth().oauth2(tokens.userToken("moderator"))
                .post("/api/stocktaking/v1/entries/" + id + "/translations/fr/publish").then().statusCode(200);

        // stocktaking took the country as alpha-2 and keeps the platform's canonical alpha-3 (issue 19)
        SharedPlatform.gateway().get("/api/stocktaking/v1/entries/" + id).then().statusCode(200)
                .body("countries", equalTo(List.of(ALPHA3))).body("regions", hasItem("ASP"));

        // Two periods of one indicator: the profile keeps only the latest. The agency names the economy once by
        // alpha-3 and once by UN M49: indicators stores both under BTN.
        String csv = "indicator,economy,period,value\n"
                + "IT_USE_ii99," + ALPHA3 + ",2098,11.5\n"
                + "IT_USE_ii99,064,2099,12.5\n";
        SharedPlatform.gateway().auth().oauth2(tokens.agencyToken("agency-itu")).contentType("text/csv").body(csv)
                .post("/api/indicators/v1/batches").then().statusCode(201);

        Response profile = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> SharedPlatform.gateway().get("/api/profiles/countries/" + ALPHA3),
                        r -> r.statusCode() == 200 && r.jsonPath().getList("stocktaking.latestEntries.id").contains(id));
        profile.then()
                .body("country", equalTo(ALPHA3))
                .body("alpha2", equalTo("BT"))
                .body("m49", equalTo("064"))
                .body("stocktaking.status", equalTo("ok"))
                .body("prizes.status", equalTo("ok"))
                .body("indicators.status", equalTo("ok"))
                .body("forum.status", equalTo("ok"))
                .body("stocktaking.latestEntries.find { it.id == '" + id + "' }.title", equalTo(title))
                .body("stocktaking.byActionLine.'C7.E-HEALTH'", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("indicators.latest.findAll { it.indicator == 'IT_USE_ii99' }.period", equalTo(List.of(2099)))
                .body("indicators.latest.find { it.indicator == 'IT_USE_ii99' }.value", equalTo(12.5f))
                .body("indicators.latest.period", not(hasItem(2098)));
        int total = profile.jsonPath().getInt("stocktaking.total");
        // the gateway passes the reader's Accept-Language on to the services it assembles the profile from
        SharedPlatform.gateway().header("Accept-Language", "fr").get("/api/profiles/countries/" + ALPHA3).then().statusCode(200)
                .body("stocktaking.latestEntries.find { it.id == '" + id + "' }.title", equalTo("Bornes de télésanté " + title))
                .body("stocktaking.latestEntries.find { it.id == '" + id + "' }.language", equalTo("fr"))
                .body("stocktaking.latestEntries.find { it.id == '" + id + "' }.originalLanguage", equalTo("en"));

        // The same country by alpha-2 (any case) and by UN M49: the same profile, part for part, from the
        // real stocktaking and indicators services (one vocabulary: every service reads any of the three forms).
        Map<String, Object> byAlpha3 = comparable(profile);
        for (String code : new String[] {"BT", "bt", "064", "64", "btn"}) {
            Response other = SharedPlatform.gateway().get("/api/profiles/countries/" + code);
            other.then().statusCode(200).body("country", equalTo(ALPHA3))
                    .body("stocktaking.status", equalTo("ok")).body("indicators.status", equalTo("ok"));
            assertEquals(byAlpha3, comparable(other), "profile by " + code);
        }
        // and each service answers the same for each form of the code
        for (String code : new String[] {"BT", "064"}) {
            assertEquals(total, SharedPlatform.gateway().get("/api/stocktaking/v1/search?country=" + code + "&size=1")
                    .then().statusCode(200).extract().jsonPath().getInt("total"), "stocktaking by " + code);
            SharedPlatform.gateway().get("/api/indicators/v1/observations?economy=" + code + "&indicator=IT_USE_ii99")
                    .then().statusCode(200).body("items.economy", hasItem(ALPHA3));
        }
        // The services answer the same with the alpha-3 code they now accept on input.
        assertEquals(total, SharedPlatform.gateway().get("/api/stocktaking/v1/search?country=" + ALPHA3 + "&size=1")
                .then().statusCode(200).extract().jsonPath().getInt("total"));
    }

    /** The parts of a profile that come from the services (what the country code must not change). */
    private static Map<String, Object> comparable(Response profile) {
        return Map.of("name", String.valueOf(profile.jsonPath().getString("name")),
                "alpha2", String.valueOf(profile.jsonPath().getString("alpha2")),
                "m49", String.valueOf(profile.jsonPath().getString("m49")),
                "stocktaking.total", profile.jsonPath().getInt("stocktaking.total"),
                "stocktaking.latestEntries", profile.jsonPath().getList("stocktaking.latestEntries.id"),
                "stocktaking.byActionLine", profile.jsonPath().getMap("stocktaking.byActionLine"),
                "prizes", profile.jsonPath().getList("prizes.winnersAndChampions.id"),
                "indicators", profile.jsonPath().getList("indicators.latest"),
                "forum", String.valueOf(profile.jsonPath().getList("forum.editions")));
    }

    /**
     * Forum's part, against the real forum service: six participants registered from the country for one edition
     * are counted there; the one registered for another edition is withheld (forum's minimum count is 5), and no
     * part of the profile names a person.
     */
    @Test
    void forumParticipantsAppearAsCountsPerEditionAndSmallCountsAreWithheld() {
        RealmTokens tokens = SharedPlatform.tokens();
        int counted = freeForumYear(2070);
        int withheld = freeForumYear(counted + 1);
        String organizer = tokens.userToken("organizer");
        for (int year : new int[] {counted, withheld}) {
            SharedPlatform.gateway().auth().oauth2(organizer).contentType(ContentType.JSON)
                    .body(Map.of("year", year, "title", "WSIS Forum " + year, "startsOn", year + "-05-05",
                            "endsOn", year + "-05-08", "venue", "Geneva", "hybrid", true))
                    .post("/api/forum/v1/editions").then().statusCode(201);
        }
        // the country given as alpha-2, UN M49 and alpha-3: forum stores BTN for all of them
        String[] codes = {"BT", "064", "BTN", "bt", "64", "BTN"};
        for (int i = 0; i < codes.length; i++) {
            register(tokens.userToken("voter0" + (i + 1)), counted, codes[i]);
        }
        register(tokens.userToken("voter07"), withheld, "BT");

        Response profile = SharedPlatform.gateway().header("Accept-Language", "zh-CN, fr;q=0.8").get("/api/profiles/countries/BT");
        profile.then().statusCode(200)
                // issue 21: the country's UN M49 name in the language asked for, and all six
                .body("label", equalTo("不丹")).body("labels.fr", equalTo("Bhoutan")).body("labels.ar", equalTo("بوتان"))
                .body("forum.status", equalTo("ok"))
                .body("forum.minimumCount", equalTo(5))
                .body("forum.editions.find { it.edition == " + counted + " }.participants", equalTo(6))
                .body("forum.editions.find { it.edition == " + counted + " }.suppressed", equalTo(false))
                .body("forum.editions.find { it.edition == " + withheld + " }.participants", nullValue())
                .body("forum.editions.find { it.edition == " + withheld + " }.suppressed", equalTo(true));
        String body = profile.asString();
        assertFalse(body.contains("Participant from Bhutan"), "the profile names no person: " + body);
        // forum answers the same for each form of the code, and refuses what is no country
        assertEquals(profile.jsonPath().getList("forum.editions").toString(),
                SharedPlatform.gateway().get("/api/forum/v1/countries/064/participation").then().statusCode(200)
                        .body("country", equalTo(ALPHA3)).extract().jsonPath().getList("editions").toString());
        SharedPlatform.gateway().get("/api/forum/v1/countries/XYZ/participation").then().statusCode(422)
                .contentType("application/problem+json");
        SharedPlatform.gateway().get("/api/forum/v1/countries/K3N/participation").then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** Registers and, as the forum counts only accredited participants (issue 20), the organizer approves. */
    private static void register(String token, int year, String country) {
        String id = SharedPlatform.gateway().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("attendance", "REMOTE", "fullName", "Participant from Bhutan", "stakeholderType", "GOVERNMENT",
                        "country", country, "consent", true))
                .post("/api/forum/v1/editions/" + year + "/registrations/me").then().statusCode(201).extract().path("id");
        SharedPlatform.gateway().auth().oauth2(SharedPlatform.tokens().userToken("organizer")).contentType(ContentType.JSON)
                .body("{}").post("/api/forum/v1/registrations/" + id + "/approval").then().statusCode(200);
    }

    /** A Forum edition year nobody has created yet (the database outlives test runs). */
    private static int freeForumYear(int from) {
        int year = from;
        while (SharedPlatform.gateway().get("/api/forum/v1/editions/" + year).statusCode() == 200) {
            year++;
        }
        return year;
    }

    @Test
    void aCodeNoCountryHasIs404AndAMalformedOneIs400() {
        SharedPlatform.gateway().get("/api/profiles/countries/XYZ").then().statusCode(404)
                .contentType("application/problem+json");
        SharedPlatform.gateway().get("/api/profiles/countries/999").then().statusCode(404)
                .contentType("application/problem+json");
        SharedPlatform.gateway().get("/api/profiles/countries/K3N").then().statusCode(400)
                .contentType("application/problem+json");
        SharedPlatform.gateway().get("/api/stocktaking/v1/search?country=XYZ").then().statusCode(422)
                .contentType("application/problem+json");
    }
}
