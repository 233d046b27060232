package org.wsis.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The composite country profile's failure modes only, against stub services: one service failing,
 * one too slow, stocktaking's country table out of reach, a malformed code. That the profile works
 * (codes the services accept, answers mapped right) is proven against the real services by
 * e2e-tests' CountryProfileEndToEndTest; a stub here could only repeat our own assumptions.
 */
@Tag("integration")
@QuarkusTest
@WithTestResource(ServiceDocsStub.class)
class CountryProfileTest {

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

    /** The stub has no country table: alpha-3 still works (every service takes it), alpha-2 and M49 cannot be read. */
    @Test
    void withoutTheCountryTableOnlyAlpha3Works() {
        given().get("/api/profiles/countries/ken").then().statusCode(200)
                .body("country", equalTo("KEN"))
                .body("indicators.status", equalTo("ok"));
        given().get("/api/profiles/countries/KE").then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("alpha-3"));
        given().get("/api/profiles/countries/404").then().statusCode(503)
                .contentType("application/problem+json");
    }

    @Test
    void invalidCountryCodeIsA400Problem() {
        for (String code : new String[] {"KE1", "K", "KENY", "1000"}) {
            given().get("/api/profiles/countries/" + code).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("alpha-3"));
        }
    }
}
