package org.wsis.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wsis.e2e.SharedPlatform.as;

/**
 * The ICT Development Index through the gateway with real tokens: an agency publishes the components, ITU staff
 * (realm role platform-admin) publish a methodology version, anyone reads the values with their vintages. Every
 * response is validated against the merged OpenAPI document by {@link SharedPlatform#gateway()}.
 */
@Tag("integration")
class IdiEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void staffLoadAMethodologyAndTheIndexIsComputedFromThePublishedVintages() throws Exception {
        String agency = SharedPlatform.tokens().agencyToken("agency-itu");
        String admin = SharedPlatform.tokens().userToken("admin");
        // period 1987: no other test publishes it; the same values again on a rerun create no new vintage
        as(agency).contentType("text/csv").body("""
                indicator,economy,period,value
                IT_MLT_MAIN,ISL,1987,30
                IT_CEL_SETS,ISL,1987,150
                IT_INT_BWPU,ISL,1987,10000
                IT_HH_COMP,ISL,1987,80
                IT_HH_NET,ISL,1987,70
                IT_USE_ii99,ISL,1987,60
                IT_NET_BBND,ISL,1987,30
                IT_MBB_SUBS,ISL,1987,90
                SE_MYS,ISL,1987,12
                SE_SEC_GER,ISL,1987,100
                SE_TER_GER,ISL,1987,50
                """).post("/api/indicators/v1/batches").then().statusCode(201);

        // the shipped 2009-2017 methodology: 0.4 x access + 0.4 x use + 0.2 x skills, by hand
        double access = 10 * (0.5 + 1 + 4 / Math.log10(2158212) + 0.8 + 0.7) / 5;
        double expected = 0.4 * access + 0.4 * 10 * (0.6 + 0.5 + 0.9) / 3 + 0.2 * 10 * (0.8 + 1 + 0.5) / 3;
        JsonNode seed = JSON.readTree(SharedPlatform.gateway().get("/api/indicators/v1/idi/explain?methodology=IDI2017&economy=ISL&period=1987")
                .then().statusCode(200).extract().asString());
        assertEquals(expected, seed.get("score").asDouble(), 1e-9);
        assertFalse(seed.get("official").asBoolean());
        for (JsonNode component : seed.get("components")) {
            assertTrue(component.get("observationId").asLong() > 0, "each component names its vintage: " + component);
        }

        // ITU staff load a methodology version; agencies and anonymous callers may not
        String id = "E2E-" + RUN;
        String methodology = """
                {"id": "%s", "name": "End-to-end index", "official": false, "scale": 100,
                 "pillars": [{"code": "USE", "name": "Use", "weight": 1, "components": [
                   {"indicator": "IT_USE_ii99", "weight": 1, "transform": "LINEAR", "referenceValue": 100},
                   {"indicator": "IT_INT_BWPU", "weight": 1, "transform": "LOG10", "referenceValue": 1000000}]}]}""".formatted(id);
        SharedPlatform.gateway().contentType("application/json").body(methodology).post("/api/indicators/v1/idi/methodologies")
                .then().statusCode(401);
        as(agency).contentType("application/json").body(methodology).post("/api/indicators/v1/idi/methodologies")
                .then().statusCode(403).contentType("application/problem+json");
        as(admin).contentType("application/json").body(methodology).post("/api/indicators/v1/idi/methodologies")
                .then().statusCode(201).header("Location", containsString("/api/indicators/v1/idi/methodologies/" + id + "/versions/1"))
                .body("version", equalTo(1)).body("computable", equalTo(true));
        as(admin).contentType("application/json").body(methodology.replace("1000000", "100000"))
                .put("/api/indicators/v1/idi/methodologies/" + id + "/versions/1")
                .then().statusCode(409).contentType("application/problem+json");
        SharedPlatform.gateway().get("/api/indicators/v1/idi/methodologies/" + id + "/versions/1").then().statusCode(200)
                .body("pillars[0].components[1].referenceValue", equalTo(1000000.0f));

        // 100 x (0.6 + log10(10000)/log10(1000000)) / 2
        JsonNode mine = JSON.readTree(SharedPlatform.gateway().get("/api/indicators/v1/idi?methodology=" + id + "&economy=ISL&period=1987")
                .then().statusCode(200).extract().asString()).get("items").get(0);
        assertEquals(100 * (0.6 + 4.0 / 6) / 2, mine.get("score").asDouble(), 1e-9);
        assertEquals(1, mine.get("methodologyVersion").asInt());

        // the 2023 structure ships without goalposts: no values until they are loaded
        SharedPlatform.gateway().get("/api/indicators/v1/idi?methodology=IDI2023&version=1").then().statusCode(409)
                .contentType("application/problem+json");
        SharedPlatform.gateway().get("/api/indicators/v1/idi/components?methodology=IDI2023&version=1").then().statusCode(200);
        SharedPlatform.gateway().get("/api/indicators/v1/idi/methodologies?size=5").then().statusCode(200);
        SharedPlatform.gateway().get("/api/indicators/v1/idi/methodologies/IDI2010").then().statusCode(200).body("official", equalTo(true));
    }
}
