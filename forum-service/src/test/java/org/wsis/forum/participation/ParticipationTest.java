package org.wsis.forum.participation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.forum.testing.Fixtures;
import org.wsis.forum.testing.TestTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A country's participation: public counts of confirmed registrations per edition, small ones withheld, no person. */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "forum"))
class ParticipationTest {
    private static final int COUNTED = 2061;
    private static final int WITHHELD = 2062;

    @Test
    void confirmedRegistrationsAreCountedPerEditionAndSmallCountsWithheld() {
        Fixtures.edition(COUNTED, true);
        Fixtures.edition(WITHHELD, true);
        // Nauru, given in each form forum accepts; one of the six cancels, so five are counted (the minimum shown)
        String[] codes = {"NRU", "NR", "520", "nru", "NRU", "NR"};
        for (int i = 0; i < codes.length; i++) {
            Fixtures.register(COUNTED, TestTokens.participant("nauru-" + i), "Delegate Number" + i, "GOVERNMENT", codes[i]);
        }
        given().auth().oauth2(TestTokens.participant("nauru-5")).delete("/api/v1/editions/" + COUNTED + "/registrations/me")
                .then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            Fixtures.register(WITHHELD, TestTokens.participant("nauru-small-" + i), "Small Delegate" + i, "CIVIL_SOCIETY", "NRU");
        }

        Response answer = given().get("/api/v1/countries/NR/participation"); // anonymous: public aggregate
        answer.then().statusCode(200).contentType("application/json")
                .body("country", equalTo("NRU"))
                .body("minimumCount", equalTo(5))
                .body("editions.find { it.edition == " + COUNTED + " }.participants", equalTo(5))
                .body("editions.find { it.edition == " + COUNTED + " }.suppressed", equalTo(false))
                .body("editions.find { it.edition == " + WITHHELD + " }.participants", nullValue())
                .body("editions.find { it.edition == " + WITHHELD + " }.suppressed", equalTo(true));
        assertFalse(answer.asString().contains("Delegate"), "no person in the answer: " + answer.asString());
        given().get("/api/v1/countries/520/participation").then().statusCode(200).body("editions", equalTo(answer.jsonPath().getList("editions")));
    }

    @Test
    void aCodeNoCountryHasIs422AndAMalformedOneIs400() {
        given().get("/api/v1/countries/XYZ/participation").then().statusCode(422).contentType("application/problem+json");
        given().get("/api/v1/countries/K3N/participation").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/countries/TUV/participation").then().statusCode(200).body("editions.size()", equalTo(0));
    }
}
