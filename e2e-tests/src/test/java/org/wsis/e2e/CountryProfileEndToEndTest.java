package org.wsis.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gateway's composite country profile against the real services: what an editor publishes for a
 * country and what an agency uploads for its economy appear in that country's profile, whichever
 * form of the country code (alpha-3, alpha-2, UN M49) the front-end uses.
 */
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

        // Two periods of one indicator: the profile keeps only the latest.
        String csv = "indicator,economy,period,value\n"
                + "IT_USE_ii99," + ALPHA3 + ",2098,11.5\n"
                + "IT_USE_ii99," + ALPHA3 + ",2099,12.5\n";
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
                .body("stocktaking.latestEntries.find { it.id == '" + id + "' }.title", equalTo(title))
                .body("stocktaking.byActionLine.'C7.E-HEALTH'", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("indicators.latest.findAll { it.indicator == 'IT_USE_ii99' }.period", equalTo(List.of(2099)))
                .body("indicators.latest.find { it.indicator == 'IT_USE_ii99' }.value", equalTo(12.5f))
                .body("indicators.latest.period", not(hasItem(2098)));
        int total = profile.jsonPath().getInt("stocktaking.total");

        // The same country by alpha-2 (any case) and by UN M49: the same profile.
        for (String code : new String[] {"bt", "064", "64"}) {
            SharedPlatform.gateway().get("/api/profiles/countries/" + code).then().statusCode(200)
                    .body("country", equalTo(ALPHA3))
                    .body("stocktaking.status", equalTo("ok"));
        }
        // The services answer the same with the alpha-3 code they now accept on input.
        assertEquals(total, SharedPlatform.gateway().get("/api/stocktaking/v1/search?country=" + ALPHA3 + "&size=1")
                .then().statusCode(200).extract().jsonPath().getInt("total"));
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
