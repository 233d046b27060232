package org.wsis.indicators.idi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.PostgresKafkaTestResource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.wsis.indicators.testing.AgencyTokens.as;
import static org.wsis.indicators.testing.AgencyTokens.asItu;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class IdiResourceTest {

    private static final double EXACT = 1e-9;

    @Inject
    ObjectMapper mapper;
    @Inject
    AgroalDataSource dataSource;

    /** The eleven components of the 2009-2017 IDI for one economy-year; every value chosen to be easy to normalise by hand. */
    private static String elevenComponents(String economy, int period, double internetUsers) {
        return "indicator,economy,period,value\n"
                + "IT_MLT_MAIN," + economy + "," + period + ",30\n"      // 30/60 = 0.5
                + "IT_CEL_SETS," + economy + "," + period + ",150\n"     // over the reference 120: capped at 1
                + "IT_INT_BWPU," + economy + "," + period + ",10000\n"   // log10(10000)/log10(2158212) = 4/6.33408...
                + "IT_HH_COMP," + economy + "," + period + ",80\n"       // 0.8
                + "IT_HH_NET," + economy + "," + period + ",70\n"        // 0.7
                + "IT_USE_ii99," + economy + "," + period + "," + internetUsers + "\n"
                + "IT_NET_BBND," + economy + "," + period + ",30\n"      // 30/60 = 0.5
                + "IT_MBB_SUBS," + economy + "," + period + ",90\n"      // 0.9
                + "SE_MYS," + economy + "," + period + ",12\n"           // 12/15 = 0.8
                + "SE_SEC_GER," + economy + "," + period + ",100\n"      // 1
                + "SE_TER_GER," + economy + "," + period + ",50\n";      // 0.5
    }

    /** By hand: access 10 x (0.5 + 1 + 4/log10(2158212) + 0.8 + 0.7) / 5, use 10 x (u + 0.5 + 0.9) / 3, skills 10 x 2.3 / 3. */
    private static double handCalculated(double internetUsers) {
        double access = 10 * (0.5 + 1 + 4 / Math.log10(2158212) + 0.8 + 0.7) / 5;
        double use = 10 * (internetUsers / 100 + 0.5 + 0.9) / 3;
        double skills = 10 * (0.8 + 1 + 0.5) / 3;
        return 0.4 * access + 0.4 * use + 0.2 * skills;
    }

    /** An upload by ITU's publishing client. */
    private static void upload(String csv) {
        asItu().contentType("text/csv").body(csv).post("/api/v1/batches").then().statusCode(201);
    }

    private JsonNode json(String path) throws Exception {
        String body = given().get(path).then().statusCode(200).extract().asString();
        return mapper.readTree(body);
    }

    @Test
    void seedMethodologyComputesTheHandCalculatedScoreAndExplainSumsToIt() throws Exception {
        upload(elevenComponents("NOR", 2016, 60));
        assertEquals(7.105202472206278, handCalculated(60), EXACT);

        JsonNode explained = json("/api/v1/idi/explain?methodology=IDI2017&economy=NOR&period=2016");
        assertEquals(7.105202472206278, explained.get("score").asDouble(), EXACT);
        assertEquals("IDI2017", explained.get("methodology").asText());
        assertEquals(1, explained.get("methodologyVersion").asInt());
        assertFalse(explained.get("official").asBoolean(), "the IDI2017 seed is not marked official, so neither are its values");
        assertTrue(explained.get("label").asText().startsWith("Unofficial"));
        assertTrue(explained.get("complete").asBoolean());
        assertEquals(7.263006180515694, pillar(explained, "ACCESS").get("score").asDouble(), EXACT);
        assertEquals(6.666666666666667, pillar(explained, "USE").get("score").asDouble(), EXACT);
        assertEquals(7.666666666666667, pillar(explained, "SKILLS").get("score").asDouble(), EXACT);

        JsonNode bandwidth = component(explained, "IT_INT_BWPU");
        assertEquals(10000, bandwidth.get("value").asDouble(), EXACT);
        assertEquals(0.6315030902578468, bandwidth.get("normalised").asDouble(), EXACT);
        assertEquals(0.4 * 0.2, bandwidth.get("effectiveWeight").asDouble(), EXACT);
        assertEquals(1.0, component(explained, "IT_CEL_SETS").get("normalised").asDouble(), EXACT, "above the reference: capped");
        assertEquals(0.2 / 3, component(explained, "SE_MYS").get("effectiveWeight").asDouble(), EXACT, "ITU's 0.33 x 3 is a third each");

        double sum = 0;
        double weights = 0;
        for (JsonNode c : explained.get("components")) {
            assertTrue(c.get("observationId").asLong() > 0, "every component names the vintage it used");
            assertEquals(10 * c.get("effectiveWeight").asDouble() * c.get("normalised").asDouble(), c.get("contribution").asDouble(), EXACT);
            sum += c.get("contribution").asDouble();
            weights += c.get("effectiveWeight").asDouble();
        }
        assertEquals(11, explained.get("components").size());
        assertEquals(explained.get("score").asDouble(), sum, EXACT, "the contributions sum to the score");
        assertEquals(1.0, weights, EXACT);

        // the list says the same, and the economy may be named by its UN M49 code (578 = Norway)
        JsonNode listed = json("/api/v1/idi?methodology=IDI2017&economy=578&period=2016");
        assertEquals(1, listed.get("items").size());
        assertEquals(7.105202472206278, listed.get("items").get(0).get("score").asDouble(), EXACT);
        assertEquals(11, listed.get("items").get(0).get("components").size());
        // the default methodology is IDI2017
        assertEquals(7.105202472206278, json("/api/v1/idi?economy=NOR&period=2016").get("items").get(0).get("score").asDouble(), EXACT);
    }

    @Test
    void aMissingComponentIsNeverAZero() throws Exception {
        String all = elevenComponents("SWE", 2016, 60);
        upload(all.replace("SE_TER_GER,SWE,2016,50\n", ""));
        JsonNode explained = json("/api/v1/idi/explain?methodology=IDI2017&economy=SWE&period=2016");
        assertTrue(explained.get("score").isNull());
        assertFalse(explained.get("complete").asBoolean());
        assertEquals("SE_TER_GER", explained.get("missingComponents").get(0).asText());
        assertTrue(pillar(explained, "SKILLS").get("score").isNull());
        assertEquals(7.263006180515694, pillar(explained, "ACCESS").get("score").asDouble(), EXACT);
        asItu().get("/api/v1/idi?methodology=IDI2017&economy=SWE&period=2016").then().statusCode(200).body("items", hasSize(0));

        // a component published as missing (status M) is missing too
        upload("indicator,economy,period,value,status\nSE_TER_GER,SWE,2016,,M\n");
        assertTrue(json("/api/v1/idi/explain?methodology=IDI2017&economy=SWE&period=2016").get("score").isNull());
    }

    @Test
    void asOfGivesTheIndexAsComputedFromTheDataKnownThen() throws Exception {
        upload(elevenComponents("DNK", 2016, 60));
        JsonNode before = json("/api/v1/idi/explain?methodology=IDI2017&economy=DNK&period=2016");
        Thread.sleep(20); // published_at has microsecond precision; keep the instants apart
        Instant between = Instant.now();
        Thread.sleep(20);
        upload("indicator,economy,period,value\nIT_USE_ii99,DNK,2016,30\n"); // a revision: 60 -> 30

        JsonNode now = json("/api/v1/idi/explain?methodology=IDI2017&economy=DNK&period=2016");
        assertEquals(handCalculated(30), now.get("score").asDouble(), EXACT);
        assertEquals(6.7052024722062775, now.get("score").asDouble(), EXACT);
        JsonNode then = json("/api/v1/idi/explain?methodology=IDI2017&economy=DNK&period=2016&asOf=" + between);
        assertEquals(7.105202472206278, then.get("score").asDouble(), EXACT);
        assertEquals(between.toString().substring(0, 19), then.get("asOf").asText().substring(0, 19));
        assertEquals(component(before, "IT_USE_ii99").get("observationId").asLong(),
                component(then, "IT_USE_ii99").get("observationId").asLong(), "asOf uses the vintage published then");
        assertNotEquals(component(before, "IT_USE_ii99").get("observationId").asLong(),
                component(now, "IT_USE_ii99").get("observationId").asLong());
        JsonNode listedThen = json("/api/v1/idi?methodology=IDI2017&economy=DNK&period=2016&asOf=" + between);
        assertEquals(7.105202472206278, listedThen.get("items").get(0).get("score").asDouble(), EXACT);
        // before anything was published for DNK 2016 there is no index value at all
        asItu().get("/api/v1/idi?methodology=IDI2017&economy=DNK&period=2016&asOf=2001-01-01").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void theOfficialFlagFollowsTheMethodology() {
        given().get("/api/v1/idi/methodologies/IDI2010").then().statusCode(200)
                .body("official", equalTo(true)).body("computable", equalTo(true)).body("scale", equalTo(10.0f))
                .body("source", containsString("itu.int"));
        given().get("/api/v1/idi/methodologies/IDI2017/versions/1").then().statusCode(200)
                .body("official", equalTo(false)).body("pillars.code", equalTo(List.of("ACCESS", "USE", "SKILLS")))
                .body("pillars[0].components.referenceValue", equalTo(List.of(60.0f, 120.0f, 2158212.0f, 100.0f, 100.0f)))
                .body("pillars[0].components[2].transform", equalTo("LOG10"));
        given().get("/api/v1/idi/components?methodology=IDI2017").then().statusCode(200).body("$", hasSize(11))
                .body("indicator", hasItems("SE_MYS", "IT_INT_BWPU"));
    }

    @Test
    void the2023StructureIsShippedWithoutGoalpostsAndCannotCompute() {
        given().get("/api/v1/idi/methodologies/IDI2023/versions/1").then().statusCode(200)
                .body("computable", equalTo(false)).body("pillars.name", equalTo(List.of("Universal connectivity", "Meaningful connectivity")))
                .body("pillars[0].components", hasSize(3)).body("pillars[1].components", hasSize(7))
                .body("pillars[1].components.referenceValue", everyItemNull())
                .body("notComputableBecause", hasItem(containsString("IT_MOB_BSKT: goalposts")));
        given().get("/api/v1/idi?methodology=IDI2023&version=1").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("goalposts"));
        given().get("/api/v1/idi/explain?methodology=IDI2023&version=1&economy=KEN&period=2023").then().statusCode(409)
                .contentType("application/problem+json");
    }

    private static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemNull() {
        return org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue());
    }

    @Test
    void badQueriesAreProblems() {
        given().get("/api/v1/idi?methodology=NOPE").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/idi?methodology=IDI2017&version=99").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/idi?period=1800").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/idi?from=2020&to=2010").then().statusCode(422).contentType("application/problem+json");
        given().get("/api/v1/idi?asOf=yesterday").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/idi/explain?economy=NOR").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/idi/explain?economy=XXX&period=2016").then().statusCode(422).contentType("application/problem+json");
        given().get("/api/v1/idi/methodologies/IDI2017/versions/x").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("economy", "K'EN").get("/api/v1/idi").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("economy", "K\u0000EN").queryParam("period", "2016").get("/api/v1/idi/explain").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static String methodology(String id, double reference) {
        return """
                {"id": "%s", "name": "Test index", "official": false, "scale": 100, "source": "test",
                 "pillars": [
                  {"code": "ONE", "name": "One", "weight": 1, "components": [
                    {"indicator": "IT_USE_ii99", "weight": 1, "transform": "LINEAR", "referenceValue": %s},
                    {"indicator": "IT_MOB_BSKT", "weight": 1, "transform": "LINEAR", "zeroValue": 25, "referenceValue": 2}]},
                  {"code": "TWO", "name": "Two", "weight": 1, "components": [
                    {"indicator": "IT_MBB_TRAF", "weight": 2, "transform": "LOG10", "referenceValue": 1000}]}
                 ]}""".formatted(id == null ? "" : id, reference).replace("\"id\": \"\", ", "");
    }

    @Test
    @TestSecurity(user = "itu-staff", roles = "platform-admin")
    void staffPublishNewVersionsAndAPublishedVersionNeverChanges() throws Exception {
        String id = "TEST-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body(methodology(id, 100)).post("/api/v1/idi/methodologies").then().statusCode(201)
                .header("Location", containsString("/api/v1/idi/methodologies/" + id + "/versions/1"))
                .body("version", equalTo(1)).body("computable", equalTo(true)).body("publishedBy", equalTo("itu-staff"))
                .body("pillars[0].components[0].zeroValue", equalTo(0.0f))   // LINEAR default
                .body("pillars[1].components[0].zeroValue", equalTo(1.0f));  // LOG10 default: log10(1) = 0
        // a change is a new version
        given().contentType("application/json").body(methodology(id, 80)).post("/api/v1/idi/methodologies").then().statusCode(201)
                .body("version", equalTo(2));
        given().get("/api/v1/idi/methodologies/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("pillars[0].components[0].referenceValue", equalTo(80.0f));
        given().get("/api/v1/idi/methodologies/" + id + "/versions/1").then().statusCode(200)
                .body("pillars[0].components[0].referenceValue", equalTo(100.0f));

        // version 1 is immutable: other content is a 409, the same content a harmless retry
        String v1 = methodology(null, 100);
        given().contentType("application/json").body(methodology(null, 50)).put("/api/v1/idi/methodologies/" + id + "/versions/1")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("immutable"));
        given().contentType("application/json").body(v1).put("/api/v1/idi/methodologies/" + id + "/versions/1").then().statusCode(200)
                .body("version", equalTo(1));
        given().contentType("application/json").body(v1).put("/api/v1/idi/methodologies/" + id + "/versions/7").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("next version"));
        given().contentType("application/json").body(methodology(null, 60)).put("/api/v1/idi/methodologies/" + id + "/versions/3")
                .then().statusCode(201).body("version", equalTo(3));
        given().get("/api/v1/idi/methodologies/" + id + "/versions/1").then().statusCode(200)
                .body("pillars[0].components[0].referenceValue", equalTo(100.0f));
        // and not even SQL changes it
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("UPDATE idi_methodology SET official = true WHERE id = '" + id + "'"));
            assertTrue(refused.getMessage().contains("immutable"), refused.getMessage());
            assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM idi_methodology WHERE id = '" + id + "'"));
        }
        given().get("/api/v1/idi/methodologies?size=100").then().statusCode(200)
                .body("items.findAll { it.id == '" + id + "' }.version", equalTo(List.of(1, 2, 3)));
    }

    @Test
    void aLoadedMethodologyComputesWithInvertedAndLogGoalpostsAndOnlyAnOfficialVersionGivesOfficialValues() throws Exception {
        String id = "TEST-" + UUID.randomUUID().toString().substring(0, 8);
        as("itu-staff", "ITU", "platform-admin", "indicator-publisher").contentType("application/json").body(methodology(id, 100)).post("/api/v1/idi/methodologies").then().statusCode(201);
        upload("indicator,economy,period,value\nIT_USE_ii99,MNG,2019,40\nIT_MOB_BSKT,MNG,2019,13.5\nIT_MBB_TRAF,MNG,2019,10\n");
        // by hand: pillar ONE = (40/100 + (13.5-25)/(2-25)) / 2 = (0.4 + 0.5) / 2; pillar TWO = log10(10)/log10(1000) = 1/3
        double expected = 100 * (0.5 * (0.4 + 0.5) / 2 + 0.5 / 3);
        assertEquals(39.166666666666664, expected, EXACT);
        JsonNode v1 = json("/api/v1/idi/explain?methodology=" + id + "&economy=MNG&period=2019");
        assertEquals(expected, v1.get("score").asDouble(), EXACT);
        assertEquals(0.5, component(v1, "IT_MOB_BSKT").get("normalised").asDouble(), EXACT, "lower is better: 25 scores 0, 2 scores 1");
        assertEquals(1.0 / 3, component(v1, "IT_MBB_TRAF").get("normalised").asDouble(), EXACT);
        assertFalse(v1.get("official").asBoolean());

        String official = methodology(null, 100).replace("\"official\": false", "\"official\": true");
        as("itu-staff", "ITU", "platform-admin", "indicator-publisher").contentType("application/json").body(official).put("/api/v1/idi/methodologies/" + id + "/versions/2").then().statusCode(201);
        JsonNode v2 = json("/api/v1/idi/explain?methodology=" + id + "&economy=MNG&period=2019");
        assertEquals(2, v2.get("methodologyVersion").asInt());
        assertTrue(v2.get("official").asBoolean());
        assertTrue(v2.get("label").asText().startsWith("Computed with ITU's official methodology"), v2.get("label").asText());
        JsonNode again = json("/api/v1/idi/explain?methodology=" + id + "&version=1&economy=MNG&period=2019");
        assertFalse(again.get("official").asBoolean(), "values of version 1 stay unofficial");
        assertEquals(expected, again.get("score").asDouble(), EXACT);
    }

    @Test
    @TestSecurity(user = "itu-staff", roles = "platform-admin")
    void invalidMethodologiesAreRefusedWithEveryBadFieldAndChangeNothing() {
        int before = Integer.parseInt(given().get("/api/v1/idi/methodologies?size=1").then().statusCode(200).extract().header("X-Total-Count"));
        String bad = """
                {"id": "BAD-ONE", "name": "", "scale": -1,
                 "pillars": [
                  {"code": "one", "name": "One", "weight": -2, "components": [
                    {"indicator": "NO_SUCH", "weight": 0, "transform": "SQRT", "referenceValue": 1},
                    {"indicator": "IT_MBB_TRAF", "weight": 1, "transform": "LOG10", "zeroValue": 0, "referenceValue": 100},
                    {"indicator": "IT_USE_ii99", "weight": 1, "transform": "LINEAR", "zeroValue": 5, "referenceValue": 5}]}
                 ]}""";
        List<String> fields = new ArrayList<>(given().contentType("application/json").body(bad).post("/api/v1/idi/methodologies")
                .then().statusCode(422).contentType("application/problem+json").extract().path("errors.field"));
        assertTrue(fields.containsAll(List.of("name", "scale", "pillars[0].code", "pillars[0].weight",
                "pillars[0].components[0].indicator", "pillars[0].components[0].weight", "pillars[0].components[0].transform",
                "pillars[0].components[1].zeroValue",
                "pillars[0].components[2].referenceValue")), fields.toString());
        given().contentType("application/json").body("{\"id\": \"BAD-TWO\", \"name\": \"x\", \"scale\": 10}").post("/api/v1/idi/methodologies")
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("pillars"));
        given().contentType("application/json").body("{\"name\": \"x\", \"scale\": 10, \"pillars\": []}").post("/api/v1/idi/methodologies")
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("id"));
        given().contentType("application/json").body("{\"id\": \"BAD-3\", \"name\": ").post("/api/v1/idi/methodologies")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body("{\"id\": \"BAD-4\", \"colour\": \"red\"}").post("/api/v1/idi/methodologies")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body(methodology("OTHER", 100)).put("/api/v1/idi/methodologies/BAD-5/versions/1")
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("id"));
        for (String control : List.of("\\u0000", "\\u0007", "\\u0085")) { // commons PlainText: C0 and C1 alike
            given().contentType("application/json").body(methodology("BAD-6", 100).replace("Test index", "Test" + control + "index"))
                    .post("/api/v1/idi/methodologies").then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("name"));
        }
        given().get("/api/v1/idi/methodologies/BAD-ONE").then().statusCode(404);
        given().get("/api/v1/idi/methodologies/BAD-5").then().statusCode(404);
        int after = Integer.parseInt(given().get("/api/v1/idi/methodologies?size=1").then().extract().header("X-Total-Count"));
        assertEquals(before, after, "nothing was published");
    }

    @Test
    void onlyPlatformAdministratorsPublishMethodologies() {
        asItu().contentType("application/json").body(methodology("NOT-ADMIN", 100)).post("/api/v1/idi/methodologies")
                .then().statusCode(403).contentType("application/problem+json");
        asItu().contentType("application/json").body(methodology(null, 100)).put("/api/v1/idi/methodologies/NOT-ADMIN/versions/1")
                .then().statusCode(403).contentType("application/problem+json");
        asItu().get("/api/v1/idi/methodologies/NOT-ADMIN").then().statusCode(404);
    }

    @Test
    void anonymousCallersReadButCannotPublish() {
        given().contentType("application/json").body(methodology("ANON", 100)).post("/api/v1/idi/methodologies").then().statusCode(401);
        given().get("/api/v1/idi/methodologies").then().statusCode(200).body("items.id", hasItems("IDI2010", "IDI2017", "IDI2023"));
    }

    private static JsonNode pillar(JsonNode score, String code) {
        for (JsonNode p : score.get("pillars")) {
            if (p.get("code").asText().equals(code)) {
                return p;
            }
        }
        throw new AssertionError("no pillar " + code + " in " + score);
    }

    private static JsonNode component(JsonNode score, String indicator) {
        for (JsonNode c : score.get("components")) {
            if (c.get("indicator").asText().equals(indicator)) {
                return c;
            }
        }
        throw new AssertionError("no component " + indicator + " in " + score);
    }
}
