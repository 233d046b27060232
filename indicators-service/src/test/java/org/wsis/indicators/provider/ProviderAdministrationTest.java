package org.wsis.indicators.provider;

import org.junit.jupiter.api.Tag;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.wsis.indicators.testing.AgencyTokens;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 20 item 4 (first part): ITU staff onboard an agency for an indicator through the API, with no migration;
 * its next upload of that indicator publishes; each grant and revocation is audited once.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class ProviderAdministrationTest {
    private static final String CSV = "indicator,economy,period,value\nIT_USE_ii99,CHE,2097,91.5\n";

    @Inject
    EntityManager entityManager;

    /** ITU staff who also hold WIPO's publisher role: one identity, so that the grant and the upload meet in one test. */
    @Test
    void anAgencyIsOnboardedForAnIndicatorAndPublishesWithoutAMigration() {
        staff().contentType("text/csv").body(CSV).post("/api/v1/batches").then().statusCode(403)
                .body("errors[0].message", containsString("WIPO does not provide indicator 'IT_USE_ii99'"));

        staff().put("/api/v1/providers/WIPO/indicators/IT_USE_ii99").then().statusCode(201)
                .body("agency", equalTo("WIPO")).body("indicators", contains("IT_USE_ii99"));
        staff().put("/api/v1/providers/WIPO/indicators/IT_USE_ii99").then().statusCode(200); // already: nothing changes
        staff().get("/api/v1/providers/me").then().statusCode(200).body("indicators", contains("IT_USE_ii99"));
        staff().get("/api/v1/providers").then().statusCode(200).body("agency", hasItem("WIPO")).body("agency", hasItem("ITU"));
        staff().contentType("text/csv").body(CSV).post("/api/v1/batches").then().statusCode(201).body("status", equalTo("PUBLISHED"));

        staff().delete("/api/v1/providers/WIPO/indicators/IT_USE_ii99").then().statusCode(204);
        staff().delete("/api/v1/providers/WIPO/indicators/IT_USE_ii99").then().statusCode(404).contentType("application/problem+json");
        staff().contentType("text/csv").body(CSV.replace("2097", "2096")).post("/api/v1/batches").then().statusCode(403);

        assertEquals(2, auditRows());
        staff().queryParam("targetType", "provider").queryParam("targetId", "WIPO").get("/api/v1/audit").then().statusCode(200)
                .body("items.action", contains("provider.indicator-revoked", "provider.indicator-granted"))
                .body("items[1].before.indicators.size()", equalTo(0))
                .body("items[1].after.indicators", contains("IT_USE_ii99"))
                .body("items[0].after.indicators.size()", equalTo(0));
    }

    private static io.restassured.specification.RequestSpecification staff() {
        return AgencyTokens.as("itu-staff", "WIPO", "platform-admin", AgencyTokens.PUBLISHER);
    }

    @Test
    @TestSecurity(user = "itu-staff", roles = "platform-admin")
    void unknownIndicatorsAndMalformedCodesAreRefused() {
        given().put("/api/v1/providers/WIPO/indicators/NOPE").then().statusCode(404).contentType("application/problem+json");
        given().put("/api/v1/providers/wipo/indicators/IT_USE_ii99").then().statusCode(400).contentType("application/problem+json");
        given().put("/api/v1/providers/WIPO/indicators/IT%00USE").then().statusCode(400).contentType("application/problem+json");
        given().delete("/api/v1/providers/UNDESA/indicators/IT_USE_ii99").then().statusCode(404);
    }

    @Test
    void anAgencyCannotGrantItselfIndicators() {
        AgencyTokens.asItu().put("/api/v1/providers/ITU/indicators/SE_ACS_INTNT").then().statusCode(403).contentType("application/problem+json");
        AgencyTokens.asItu().get("/api/v1/providers").then().statusCode(403);
    }

    private long auditRows() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM audit_entry WHERE target_type = 'provider' AND target_id = 'WIPO'").getSingleResult()).longValue());
    }
}
