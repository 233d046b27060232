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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

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

    /**
     * Issue 20 item 4, the whole of it in the service: a new agency, a new indicator it is custodian of, a new age group
     * in CL_AGE, the grant, an upload using all three, SDMX showing each structure's new version, a change of the
     * definition (version 2) that the next SDMX answer shows at once (no stale rendered message), codes in use kept,
     * and every change audited once.
     */
    @Test
    void aNewAgencyIndicatorAndCodeAreDefinedVersionedAuditedAndUsedWithoutAMigration() {
        var staff = AgencyTokens.as("itu-staff", "ZZSTATS", "platform-admin", AgencyTokens.PUBLISHER);
        staff.put("/api/v1/providers/ZZSTATS/indicators/IT_USE_ii99").then().statusCode(404).contentType("application/problem+json");
        staff().contentType("application/json").body(Map.of("code", "ZZSTATS", "name", "Statistics office of a new UNGIS member"))
                .post("/api/v1/agencies").then().statusCode(201).body("indicators.size()", equalTo(0));
        staff().contentType("application/json").body(Map.of("code", "ZZSTATS", "name", "Again")).post("/api/v1/agencies")
                .then().statusCode(409).contentType("application/problem+json");

        String indicatorVersion = staff().get("/api/v1/codelists/CL_INDICATOR").then().statusCode(200).extract().path("version");
        Map<String, Object> definition = new java.util.HashMap<>(Map.of("code", "ZZ_DIGITAL_SKILLS", "name", "Youth with basic digital skills",
                "unit", "percent", "custodian", "ZZSTATS", "methodology", "Share of people aged 16-24 with basic skills, from surveys."));
        staff().contentType("application/json").body(definition).post("/api/v1/indicators").then().statusCode(201)
                .header("Location", containsString("/api/v1/indicators/ZZ_DIGITAL_SKILLS")).body("version", equalTo(1));
        staff().contentType("application/json").body(definition).post("/api/v1/indicators").then().statusCode(409);
        String newIndicatorVersion = staff().get("/api/v1/codelists/CL_INDICATOR").then().statusCode(200).extract().path("version");
        assertNotEquals(indicatorVersion, newIndicatorVersion);

        staff().contentType("application/json").body(Map.of("name", "16 to 24 years (survey age group)"))
                .put("/api/v1/codelists/CL_AGE/codes/Y16T24").then().statusCode(201).body("codes.code", hasItem("Y16T24"));
        String ageVersion = staff().get("/api/v1/codelists/CL_AGE").then().extract().path("version");
        staff().contentType("application/json").body(Map.of("name", "16 to 24 years (survey age group)"))
                .put("/api/v1/codelists/CL_AGE/codes/Y16T24").then().statusCode(200).body("version", equalTo(ageVersion)); // a retry
        given().get("/api/sdmx/codelist/WSIS/CL_AGE/" + ageVersion).then().statusCode(200)
                .body(containsString("<str:Codelist id=\"CL_AGE\" agencyID=\"WSIS\" version=\"" + ageVersion + "\""))
                .body(containsString("<str:Code id=\"Y16T24\">"));
        given().get("/api/sdmx/codelist/WSIS/CL_AGE/1.0").then().statusCode(404);
        given().get("/api/sdmx/datastructure/WSIS/DSD_ICT/1.0").then().statusCode(200)
                .body(containsString("<Ref id=\"CL_AGE\" version=\"" + ageVersion + "\""))
                .body(containsString("<Ref id=\"CL_INDICATOR\" version=\"" + newIndicatorVersion + "\""))
                .body(containsString("<str:Code id=\"ZZ_DIGITAL_SKILLS\">"));

        staff.put("/api/v1/providers/ZZSTATS/indicators/ZZ_DIGITAL_SKILLS").then().statusCode(201);
        staff.contentType("text/csv").body("indicator,economy,period,value,sex,age\nZZ_DIGITAL_SKILLS,KEN,2095,41.5,_T,Y16T24\n")
                .post("/api/v1/batches").then().statusCode(201).body("status", equalTo("PUBLISHED"));
        String sdmx = "/api/sdmx/data/DF_ICT/A.KEN.ZZ_DIGITAL_SKILLS..Y16T24.?format=csvdata";
        given().get(sdmx).then().statusCode(200).body(containsString("41.5")).body(containsString("PERCENT"));

        definition.put("unit", "per 100 inhabitants");
        definition.remove("code");
        staff().contentType("application/json").body(definition).put("/api/v1/indicators/ZZ_DIGITAL_SKILLS").then().statusCode(200)
                .body("version", equalTo(2)).body("unit", equalTo("per 100 inhabitants"));
        staff().contentType("application/json").body(definition).put("/api/v1/indicators/ZZ_DIGITAL_SKILLS").then().statusCode(200)
                .body("version", equalTo(2)); // the same definition again: no new version
        given().get(sdmx).then().statusCode(200).body(containsString("41.5")).body(containsString("PER_100_INHABITANTS"))
                .body(not(containsString("PERCENT")));
        given().get("/api/v1/indicators/ZZ_DIGITAL_SKILLS/versions").then().statusCode(200)
                .body("version", contains(1, 2)).body("definition.unit", contains("percent", "per 100 inhabitants"));

        staff().delete("/api/v1/codelists/CL_AGE/codes/Y16T24").then().statusCode(409).contentType("application/problem+json");
        staff().contentType("application/json").body(Map.of("name", "Unused")).put("/api/v1/codelists/CL_AGE/codes/Y_ZZUNUSED").then().statusCode(201);
        staff().delete("/api/v1/codelists/CL_AGE/codes/Y_ZZUNUSED").then().statusCode(204);
        staff().delete("/api/v1/codelists/CL_AGE/codes/Y_ZZUNUSED").then().statusCode(404);

        staff().queryParam("targetId", "ZZ_DIGITAL_SKILLS").get("/api/v1/audit").then().statusCode(200)
                .body("items.action", contains("indicator.changed", "indicator.defined"))
                .body("items[0].before.unit", equalTo("percent")).body("items[0].after.version", equalTo(2));
        staff().queryParam("targetType", "agency").queryParam("targetId", "ZZSTATS").get("/api/v1/audit").then().statusCode(200)
                .body("items.action", contains("agency.created"));
        staff().queryParam("targetType", "codelist").queryParam("targetId", "CL_AGE").get("/api/v1/audit").then().statusCode(200)
                .body("items.action", contains("codelist.code-deleted", "codelist.code-added", "codelist.code-added"));
    }

    @Test
    void codeListsAndDefinitionsRefuseBadChanges() {
        staff().contentType("application/json").body(Map.of("id", "CL_ZZ_SKILL", "name", "Type of ICT skill",
                        "codes", List.of(Map.of("code", "BASIC", "name", "Basic"), Map.of("code", "ADV", "name", "Advanced"))))
                .post("/api/v1/codelists").then().statusCode(201).body("version", equalTo("1.0")).body("codes.code", contains("ADV", "BASIC"));
        given().get("/api/sdmx/codelist/WSIS/CL_ZZ_SKILL").then().statusCode(200).body(containsString("<str:Code id=\"BASIC\">"));
        staff().contentType("application/json").body(Map.of("id", "CL_ZZ_SKILL", "name", "Again")).post("/api/v1/codelists").then().statusCode(409);
        staff().contentType("application/json").body(Map.of("id", "CL_AREA", "name", "Mine")).post("/api/v1/codelists").then().statusCode(409);
        staff().contentType("application/json").body(Map.of("id", "CL_ACTION_LINE", "name", "Mine")).post("/api/v1/codelists").then().statusCode(409);
        staff().contentType("application/json").body(Map.of("id", "CL_ZZ_TWICE", "name", "Twice",
                "codes", List.of(Map.of("code", "A", "name", "A"), Map.of("code", "A", "name", "B")))).post("/api/v1/codelists").then().statusCode(422);
        staff().contentType("application/json").body(Map.of("id", "cl_lower", "name", "x")).post("/api/v1/codelists").then().statusCode(400);
        staff().contentType("application/json").body(Map.of("name", "Kenya")).put("/api/v1/codelists/CL_AREA/codes/KEN").then().statusCode(409);
        staff().contentType("application/json").body(Map.of("name", "x")).put("/api/v1/codelists/CL_NOPE/codes/X").then().statusCode(404);
        staff().delete("/api/v1/codelists/CL_SEX/codes/_T").then().statusCode(409);
        staff().contentType("application/json").body(Map.of("name", "x\u0000y")).put("/api/v1/codelists/CL_SEX/codes/X").then().statusCode(400);

        staff().contentType("application/json").body(Map.of("code", "ZZ_BAD", "name", "n", "unit", "u", "custodian", "NOBODY"))
                .post("/api/v1/indicators").then().statusCode(422).contentType("application/problem+json");
        staff().contentType("application/json").body(Map.of("code", "ZZ BAD", "name", "", "unit", "u", "custodian", "ITU"))
                .post("/api/v1/indicators").then().statusCode(400).contentType("application/problem+json");
        staff().contentType("application/json").body(Map.of("name", "n", "unit", "u", "custodian", "ITU"))
                .put("/api/v1/indicators/ZZ_NOPE").then().statusCode(404);
        staff().contentType("application/json").body(Map.of("code", "OTHER", "name", "n", "unit", "u", "custodian", "ITU"))
                .put("/api/v1/indicators/IT_USE_ii99").then().statusCode(422);
        AgencyTokens.asItu().contentType("application/json").body(Map.of("code", "ZZ_NOT_ADMIN", "name", "n", "unit", "u", "custodian", "ITU"))
                .post("/api/v1/indicators").then().statusCode(403);
        given().contentType("application/json").body(Map.of("code", "ZZNEW", "name", "n")).post("/api/v1/agencies").then().statusCode(401);
        given().get("/api/v1/agencies").then().statusCode(200).body("code", hasItem("UNDESA"));
    }

    /**
     * Commons PlainText, the rule of every free-text field: a NUL, BEL or C1 control (U+0085) in an indicator's name or
     * unit, a code's name or an agency's name is a 400 naming the field and defines nothing; line breaks in the
     * methodology and an Arabic name with a zero-width non-joiner (U+200C) are text.
     */
    @Test
    void controlCharactersAreRefusedNamingTheFieldAndDefineNothing() {
        for (String[] bad : new String[][]{{"name", "Internet\u0000users"}, {"unit", "per\u0007cent"},
                {"name", "Internet\u0085users"}, {"methodology", "Survey\tdata"}}) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("code", "ZZ_PLAIN_TEXT", "name", "Internet users",
                    "unit", "Percent", "custodian", "ITU"));
            body.put(bad[0], bad[1]);
            staff().contentType("application/json").body(body).post("/api/v1/indicators").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains(bad[0]))
                    .body("errors[0].message", equalTo("must not contain control characters"));
        }
        given().get("/api/v1/indicators/ZZ_PLAIN_TEXT").then().statusCode(404);
        staff().contentType("application/json").body(Map.of("id", "CL_ZZ_PLAIN", "name", "Plain",
                        "codes", List.of(Map.of("code", "A", "name", "A\u0085B")))).post("/api/v1/codelists")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("codes[0].name"));
        given().get("/api/v1/codelists/CL_ZZ_PLAIN").then().statusCode(404);
        staff().contentType("application/json").body(Map.of("code", "ZZPLAIN", "name", "Plain\u001bAgency"))
                .post("/api/v1/agencies").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("name"));
        given().get("/api/v1/agencies").then().statusCode(200).body("code", not(hasItem("ZZPLAIN")));

        staff().contentType("application/json").body(Map.of("code", "ZZ_PLAIN_AR", "name", "مستخدمو\u200Cالإنترنت",
                        "unit", "نسبة مئوية", "custodian", "ITU", "methodology", "Household survey.\r\nModelled where missing."))
                .post("/api/v1/indicators").then().statusCode(201);
        given().get("/api/v1/indicators/ZZ_PLAIN_AR").then().statusCode(200)
                .body("name", equalTo("مستخدمو\u200Cالإنترنت"))
                .body("methodology", equalTo("Household survey.\r\nModelled where missing."));
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
