package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The composite country profile, with every part ok, one service failing, one too slow. */
@QuarkusTest
@WithTestResource(ServiceDocsStub.class)
class CountryProfileTest {

    @Test
    void assemblesEntriesPrizesAndLatestIndicators() {
        given().get("/api/profiles/countries/ken").then().statusCode(200)
                .contentType("application/json")
                .body("country", equalTo("KEN"))
                .body("stocktaking.status", equalTo("ok"))
                .body("stocktaking.total", equalTo(2))
                .body("stocktaking.byActionLine.C1", equalTo(2))
                .body("stocktaking.byActionLine.C7", equalTo(1))
                .body("stocktaking.latestEntries", hasSize(2))
                .body("prizes.status", equalTo("ok"))
                .body("prizes.winnersAndChampions[0].title", equalTo("Winning project of KEN"))
                .body("indicators.status", equalTo("ok"))
                // Latest period per indicator: 2024 for HH_INTERNET (not 2023), 2022 for MOBILE_SUBS.
                .body("indicators.latest", hasSize(2))
                .body("indicators.latest.find { it.indicator == 'HH_INTERNET' }.period", equalTo(2024))
                .body("indicators.latest.find { it.indicator == 'MOBILE_SUBS' }.value", equalTo(110.0f));
    }

    @Test
    void aFailingServiceLeavesTheRestIntact() {
        given().get("/api/profiles/countries/FRA").then().statusCode(200)
                .body("indicators.status", equalTo("unavailable"))
                .body("stocktaking.status", equalTo("ok"))
                .body("stocktaking.total", equalTo(2))
                .body("prizes.status", equalTo("ok"));
    }

    @Test
    void aSlowServiceIsCutOffAtTheProfileTimeout() {
        long start = System.nanoTime();
        var response = given().get("/api/profiles/countries/SLO");
        long millis = (System.nanoTime() - start) / 1_000_000;
        response.then().statusCode(200)
                .body("stocktaking.status", equalTo("unavailable"))
                .body("indicators.status", equalTo("ok"));
        assertTrue(millis < 6000, "answered after " + millis + " ms; the parts run in parallel with a 2 s timeout");
    }

    @Test
    void invalidCountryCodeIsA400Problem() {
        given().get("/api/profiles/countries/KE1").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("iso3"));
    }
}
