package org.wsis.indicators.provider;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.wsis.indicators.testing.AgencyTokens.as;
import static org.wsis.indicators.testing.AgencyTokens.asItu;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class ProviderResourceTest {

    @Test
    void agencySeesOnlyTheIndicatorsItProvides() {
        as("svc-unesco", "UNESCO", "indicator-publisher").get("/api/v1/providers/me").then().statusCode(200)
                .body("agency", equalTo("UNESCO"))
                .body("indicators", contains("SE_ACS_INTNT", "SE_ADT_LITR", "SE_MYS", "SE_SEC_GER", "SE_TER_GER"));
    }

    @Test
    void ituProvidesItsSdgIndicators() {
        asItu().get("/api/v1/providers/me").then().statusCode(200)
                .body("indicators", hasItem("IT_USE_ii99"))
                .body("indicators", not(hasItem("SE_ACS_INTNT")));
    }

    @Test
    @TestSecurity(user = "someone", roles = "indicator-publisher")
    void publisherWithoutAgencyClaimIsForbidden() {
        given().get("/api/v1/providers/me").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "voter", roles = "prize-voter")
    void otherRolesAreForbidden() {
        given().get("/api/v1/providers/me").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void definitionsArePublic() {
        given().get("/api/v1/indicators/IT_USE_ii99").then().statusCode(200).body("sdgIndicator", equalTo("17.8.1"));
        given().get("/api/v1/indicators/NOPE").then().statusCode(404).contentType("application/problem+json");
        given().get("/q/health/ready").then().statusCode(200);
    }
}
