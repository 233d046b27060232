package org.wsis.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import it.bancaditalia.oss.sdmx.api.BaseObservation;
import it.bancaditalia.oss.sdmx.api.PortableTimeSeries;
import it.bancaditalia.oss.sdmx.client.SdmxClientHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.RealmTokens;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Issue 20 item 4 (first part), through the gateway with the realm's real clients: UN DESA's system (client
 * agency-undesa, which the realm knows but which provides no indicator) is refused an indicator, ITU staff let it
 * provide that indicator through the API, its next upload publishes, and the grant is in the audit log. No
 * migration, no deployment. The grant is taken back at the end, so a rerun starts alike.
 */
@Tag("integration")
class AgencyOnboardingEndToEndTest {
    /** Period 2089: no other test publishes it. */
    private static final String CSV = "indicator,economy,period,value\nIT_MOB_OWN,PER,2089,77.5\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Issue 20 item 4, "an agency is onboarded and publishes data with no migration": ITU staff (the realm's admin)
     * add a new UNGIS member, a new age group to CL_AGE and a new indicator the member is custodian of, and grant it;
     * a statistician of the member (a Keycloak user created here through Keycloak's admin API, carrying the new
     * 'agency' attribute the realm maps to the claim) uploads; the values read back through SDMX by the Bank of
     * Italy's client equal the JSON API's. Codes are unique per run: the platform is shared and never emptied.
     */
    @Test
    void aNewAgencyWithANewIndicatorAndCodeIsOnboardedAndItsStaffPublishWithNoMigration() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase(Locale.ROOT);
        String agency = "ONB" + run;
        String indicator = "ZZ_ONB_" + run;
        String age = "Y16T24_" + run;
        String admin = SharedPlatform.tokens().userToken("admin");

        SharedPlatform.gateway().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", agency, "name", "Statistics office of a new UNGIS member " + run))
                .post("/api/indicators/v1/agencies").then().statusCode(201);
        SharedPlatform.gateway().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "16 to 24 years (survey group " + run + ")"))
                .put("/api/indicators/v1/codelists/CL_AGE/codes/" + age).then().statusCode(201);
        SharedPlatform.gateway().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", indicator, "name", "Youth with basic digital skills " + run, "unit", "percent",
                        "custodian", agency, "methodology", "Share of people with basic digital skills, from the member's survey."))
                .post("/api/indicators/v1/indicators").then().statusCode(201);
        SharedPlatform.gateway().auth().oauth2(admin).put("/api/indicators/v1/providers/" + agency + "/indicators/" + indicator)
                .then().statusCode(201);

        String statistician = agencyStaff(agency, "onboard-" + run.toLowerCase(Locale.ROOT));
        SharedPlatform.gateway().auth().oauth2(statistician).get("/api/indicators/v1/providers/me").then().statusCode(200)
                .body("agency", equalTo(agency)).body("indicators", hasItem(indicator));
        StringBuilder csv = new StringBuilder("indicator,economy,period,value,sex,age\n");
        for (String economy : List.of("KEN", "UGA")) {
            for (int year = 2019; year <= 2021; year++) {
                csv.append(indicator).append(',').append(economy).append(',').append(year).append(',')
                        .append(economy.equals("KEN") ? 30 + year - 2019 + 0.5 : 20 + year - 2019 + 0.25).append(",_T,").append(age).append('\n');
            }
        }
        SharedPlatform.gateway().auth().oauth2(statistician).contentType("text/csv").body(csv.toString())
                .post("/api/indicators/v1/batches").then().statusCode(201).body("status", equalTo("PUBLISHED"));

        Map<String, Double> fromJson = new HashMap<>();
        String body = SharedPlatform.gateway().get("/api/indicators/v1/observations?indicator=" + indicator + "&size=100")
                .then().statusCode(200).extract().asString();
        for (JsonNode o : JSON.readTree(body).get("items")) {
            assertEquals(agency, o.get("provider").asText());
            assertEquals(age, o.get("age").asText());
            fromJson.put(o.get("economy").asText() + "/" + o.get("period").asInt(), o.get("value").asDouble());
        }
        assertEquals(6, fromJson.size(), body);

        // an independent SDMX client, with its own provider entry so no structure it cached earlier is reused
        String provider = "WSIS_ONBOARD_" + run;
        SdmxClientHandler.addProvider(provider, SharedPlatform.stack().gateway().url() + "/api/indicators/sdmx", false, false, true,
                "WSIS platform through the gateway (onboarding)");
        assertTrue(SdmxClientHandler.getCodes(provider, "DF_ICT", "INDICATOR").containsKey(indicator), "CL_INDICATOR has the new indicator");
        assertTrue(SdmxClientHandler.getCodes(provider, "DF_ICT", "AGE").containsKey(age), "CL_AGE has the new code");
        List<PortableTimeSeries<Double>> series = SdmxClientHandler.getTimeSeries(provider,
                "DF_ICT/A.KEN+UGA." + indicator + "._T." + age + "._T", "2019", "2021");
        Map<String, Double> fromSdmx = new HashMap<>();
        for (PortableTimeSeries<Double> s : series) {
            for (BaseObservation<? extends Double> o : s) {
                fromSdmx.put(s.getDimension("REF_AREA") + "/" + o.getTimeslot(), o.getValueAsDouble());
            }
        }
        assertEquals(fromJson, fromSdmx);

        SharedPlatform.gateway().auth().oauth2(admin).queryParam("action", "indicator.defined").queryParam("targetId", indicator)
                .get("/api/indicators/v1/audit").then().statusCode(200).header("X-Total-Count", "1")
                .body("items[0].after.custodian", equalTo(agency));
    }

    /**
     * A statistician of the agency: a realm user with the 'agency' attribute (mapped to the claim by the realm's
     * clients) and the realm role indicator-publisher, created through Keycloak's admin API; their token.
     */
    private static String agencyStaff(String agency, String username) {
        String keycloak = SharedPlatform.stack().keycloak().url();
        String keycloakAdmin = given().formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", "admin", "password", "admin")) // the local Keycloak's admin (KeycloakServer)
                .post(keycloak + "/realms/master/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
        String location = given().auth().oauth2(keycloakAdmin).contentType(ContentType.JSON).body(Map.of(
                        "username", username, "enabled", true, "email", username + "@example.org", "emailVerified", true,
                        "firstName", "Onboarded", "lastName", "Statistician", "attributes", Map.of("agency", List.of(agency)),
                        "credentials", List.of(Map.of("type", "password", "value", username, "temporary", false))))
                .post(keycloak + "/admin/realms/wsis/users").then().statusCode(201).extract().header("Location");
        Map<String, Object> role = given().auth().oauth2(keycloakAdmin).get(keycloak + "/admin/realms/wsis/roles/indicator-publisher")
                .then().statusCode(200).extract().as(Map.class);
        given().auth().oauth2(keycloakAdmin).contentType(ContentType.JSON).body(List.of(role))
                .post(location + "/role-mappings/realm").then().statusCode(204);
        return SharedPlatform.tokens().userToken(username);
    }

    @Test
    void anAgencyIsOnboardedForAnIndicatorAndPublishes() {
        RealmTokens tokens = SharedPlatform.tokens();
        String undesa = tokens.agencyToken("agency-undesa");
        String admin = tokens.userToken("admin");
        SharedPlatform.gateway().auth().oauth2(admin).delete("/api/indicators/v1/providers/UNDESA/indicators/IT_MOB_OWN"); // 204 or 404

        SharedPlatform.gateway().auth().oauth2(undesa).contentType("text/csv").body(CSV).post("/api/indicators/v1/batches")
                .then().statusCode(403).body("errors[0].message", containsString("UNDESA does not provide indicator 'IT_MOB_OWN'"));
        SharedPlatform.gateway().auth().oauth2(undesa).put("/api/indicators/v1/providers/UNDESA/indicators/IT_MOB_OWN")
                .then().statusCode(403); // an agency does not grant itself

        SharedPlatform.gateway().auth().oauth2(admin).put("/api/indicators/v1/providers/UNDESA/indicators/IT_MOB_OWN")
                .then().statusCode(201).body("indicators", hasItem("IT_MOB_OWN"));
        SharedPlatform.gateway().auth().oauth2(undesa).get("/api/indicators/v1/providers/me").then().statusCode(200)
                .body("agency", equalTo("UNDESA")).body("indicators", hasItem("IT_MOB_OWN"));
        SharedPlatform.gateway().auth().oauth2(undesa).contentType("text/csv").body(CSV).post("/api/indicators/v1/batches")
                .then().statusCode(201).body("status", equalTo("PUBLISHED"));
        SharedPlatform.gateway().get("/api/indicators/v1/observations?indicator=IT_MOB_OWN&economy=PER&from=2089&to=2089")
                .then().statusCode(200).body("items.provider", hasItem("UNDESA"));

        SharedPlatform.gateway().auth().oauth2(admin).queryParam("action", "provider.indicator-granted").queryParam("targetId", "UNDESA")
                .get("/api/indicators/v1/audit").then().statusCode(200)
                .body("items[0].actor.roles", hasItem("platform-admin"))
                .body("items[0].after.indicators", hasItem("IT_MOB_OWN"));
        SharedPlatform.gateway().auth().oauth2(admin).delete("/api/indicators/v1/providers/UNDESA/indicators/IT_MOB_OWN")
                .then().statusCode(204);
    }
}
