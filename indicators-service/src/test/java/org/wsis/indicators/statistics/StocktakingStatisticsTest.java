package org.wsis.indicators.statistics;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wsis.localstack.testing.EventContracts;
import org.wsis.localstack.testing.PostgresKafkaTestResource;
import org.wsis.localstack.testing.TestTopics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WSIS:DF_STOCKTAKING from stocktaking's entry events: the consumer is fed stocktaking's own examples of
 * entry.published.v2 / entry.updated.v2 / entry.withdrawn.v1 (EventContracts), and the counts are read back in
 * every SDMX format. Entries are published in stocktaking years no other test uses (1990-1992), so the counts
 * are exact whatever else the database holds.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class StocktakingStatisticsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestTopics topics = TestTopics.ofConfiguredBroker();
    private static boolean published;

    @Inject
    EntityManager entityManager;

    /**
     * 1990: A (C2+C7.E-HEALTH, SDG 3+9, AFR, GOVERNMENT), B (C2, SDG 9, AFR+INT, OTHER), C (C3, no SDG, EUR, no type).
     * 1991: D, published then withdrawn. 1992: E, published (C4) then updated to C5.
     */
    /** Once for the class (in @BeforeEach: the HTTP port is known only once the application runs). */
    @BeforeEach
    void publishEntries() {
        if (published) {
            return;
        }
        published = true;
        published(UUID.randomUUID(), "1990-03-04T09:15:30Z", List.of("C7.E-HEALTH", "C2"), List.of("3.8", "9.c"), List.of("AFR"), "GOVERNMENT");
        published(UUID.randomUUID(), "1990-06-01T00:00:00Z", List.of("C2"), List.of("9.1"), List.of("AFR", "INT"), "OTHER");
        published(UUID.randomUUID(), "1990-12-31T23:59:59Z", List.of("C3"), List.of(), List.of("EUR"), null);
        UUID d = UUID.randomUUID();
        published(d, "1991-01-01T00:00:00Z", List.of("C1"), List.of("1.1"), List.of("ASP"), "ACADEMIA");
        send(d, envelope("org.wsis.stocktaking.entry.withdrawn.v1", d,
                EventContracts.example("stocktaking-service", "entry-withdrawn.v1").put("entryId", d.toString())));
        UUID e = UUID.randomUUID();
        published(e, "1992-02-02T00:00:00Z", List.of("C4"), List.of("4.4"), List.of("ARB"), "ACADEMIA");
        ObjectNode updated = classified(EventContracts.example("stocktaking-service", "entry-updated.v2"), e, "1992-02-02T00:00:00Z",
                List.of("C5"), List.of("4.4"), List.of("ARB"), "ACADEMIA");
        send(e, envelope("org.wsis.stocktaking.entry.updated.v2", e, updated));
        await("the withdrawal and the update applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> csv("A.C5._T._T._T", "1992").contains(",1992,1") && given().get("/api/sdmx/data/DF_STOCKTAKING/A._T._T._T._T"
                        + "?startPeriod=1991&endPeriod=1991&format=csvdata").statusCode() == 404);
        await("1990's three entries").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> csv("A._T._T._T._T", "1990").contains(",1990,3"));
    }

    /** Every count of 1990 as SDMX-CSV: key -> count. */
    private static Map<String, Long> counts1990() {
        Map<String, Long> counts = new HashMap<>();
        String[] lines = csv("all", "1990").split("\r\n");
        assertEquals("DATAFLOW,FREQ,ACTION_LINE,SDG,REGION,STAKEHOLDER_TYPE,TIME_PERIOD,OBS_VALUE", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            assertEquals("WSIS:DF_STOCKTAKING(1.0)", f[0]);
            counts.put(String.join(".", f[1], f[2], f[3], f[4], f[5]), Long.parseLong(f[7]));
        }
        return counts;
    }

    @Test
    void totalsAreDistinctEntriesNeverADoubleCount() {
        Map<String, Long> c = counts1990();
        assertEquals(3L, c.get("A._T._T._T._T"), c.toString());                  // three entries, though A has 2 lines x 2 SDGs
        assertEquals(2L, c.get("A.C2._T._T._T"));                               // A and B
        assertEquals(1L, c.get("A.C7_E-HEALTH._T._T._T"));
        assertEquals(1L, c.get("A.C3._T._T._T"));
        assertEquals(2L, c.get("A._T.9._T._T"));
        assertEquals(1L, c.get("A._T._Z._T._T"));                               // C has no SDG target: still counted
        assertEquals(2L, c.get("A._T._T.AFR._T"));
        assertEquals(1L, c.get("A._T._T.INT._T"));
        assertEquals(1L, c.get("A._T._T._T._Z"));
        assertEquals(1L, c.get("A.C2.9.AFR.OTHER"));
        assertEquals(1L, c.get("A.C2._T.AFR.GOVERNMENT"));
        // every total equals the number of distinct entries behind its cells, checked against the facts in SQL
        for (Map.Entry<String, Long> e : c.entrySet()) {
            String[] k = e.getKey().split("\\.");
            assertEquals(distinctEntries(k[1], k[2], k[3], k[4]), e.getValue(), e.getKey());
        }
    }

    private long distinctEntries(String actionLine, String sdg, String region, String type) {
        String sql = "SELECT count(DISTINCT entry_id) FROM stocktaking_entry WHERE stocktaking_year = 1990"
                + (actionLine.equals("_T") ? "" : " AND '" + actionLine + "' = ANY(action_lines)")
                + (sdg.equals("_T") ? "" : " AND '" + sdg + "' = ANY(sdgs)")
                + (region.equals("_T") ? "" : " AND '" + region + "' = ANY(regions)")
                + (type.equals("_T") ? "" : " AND stakeholder_type = '" + type + "'");
        return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
    }

    @Test
    void updatedReclassifiesAndWithdrawnRemoves() {
        assertTrue(csv("A.C5._T._T._T", "1992").contains("WSIS:DF_STOCKTAKING(1.0),A,C5,_T,_T,_T,1992,1"));
        given().get("/api/sdmx/data/DF_STOCKTAKING/A.C4._T._T._T?startPeriod=1992&endPeriod=1992").then().statusCode(404);
        given().get("/api/sdmx/data/DF_STOCKTAKING/A._T._T._T._T?startPeriod=1991&endPeriod=1991").then().statusCode(404);
    }

    @Test
    void redeliveryChangesNothing() {
        UUID entry = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        ObjectNode data = classified(EventContracts.example("stocktaking-service", "entry-published.v2"), entry,
                "1993-05-05T00:00:00Z", List.of("C6"), List.of("16.10"), List.of("CIS"), "CIVIL_SOCIETY");
        String event = EventContracts.cloudEvent("/wsis/stocktaking-service", "org.wsis.stocktaking.entry.published.v2", eventId,
                entry.toString(), data);
        send(entry, event);
        // the same event again, its content altered: a redelivery must change nothing
        data.putArray("actionLines").add("C11");
        send(entry, EventContracts.cloudEvent("/wsis/stocktaking-service", "org.wsis.stocktaking.entry.published.v2", eventId,
                entry.toString(), data));
        UUID marker = UUID.randomUUID();
        published(marker, "1993-06-06T00:00:00Z", List.of("C6"), List.of("16.1"), List.of("CIS"), "CIVIL_SOCIETY");
        await("both entries counted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> csv("A.C6._T._T._T", "1993").contains(",1993,2"));
        given().get("/api/sdmx/data/DF_STOCKTAKING/A.C11._T._T._T?startPeriod=1993&endPeriod=1993").then().statusCode(404);
        assertEquals(1L, ((Number) entityManager.createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue());
    }

    @Test
    void genericAndStructureSpecificSdmxMl() {
        String generic = given().get("/api/sdmx/data/WSIS,DF_STOCKTAKING,1.0/A.C2+C3._T._T._T?startPeriod=1990&endPeriod=1990")
                .then().statusCode(200).contentType(startsWith("application/vnd.sdmx.genericdata+xml")).extract().asString();
        assertTrue(generic.contains("<generic:Value id=\"ACTION_LINE\" value=\"C2\"/>"), generic);
        assertTrue(generic.contains("<generic:ObsDimension value=\"1990\"/><generic:ObsValue value=\"2\"/>"), generic);
        assertTrue(generic.contains("<Ref agencyID=\"WSIS\" id=\"DSD_STOCKTAKING\" version=\"1.0\"/>"), generic);
        String specific = given().accept("application/vnd.sdmx.structurespecificdata+xml;version=2.1")
                .get("/api/sdmx/data/DF_STOCKTAKING/A._T._T.AFR+INT._T?startPeriod=1990&endPeriod=1990")
                .then().statusCode(200).extract().asString();
        XmlPath xml = new XmlPath(specific);
        assertEquals(List.of("AFR", "INT"), xml.getList("StructureSpecificData.DataSet.Series.@REGION", String.class));
        assertEquals(List.of("2", "1"), xml.getList("StructureSpecificData.DataSet.Series.Obs.@OBS_VALUE", String.class));
    }

    @Test
    void sdmxJsonWithTheCodeNames() throws Exception {
        JsonNode message = JSON.readTree(given().accept("application/vnd.sdmx.data+json;version=1.0.0")
                .get("/api/sdmx/data/DF_STOCKTAKING/A._T._T._T._T+GOVERNMENT?startPeriod=1990&endPeriod=1990")
                .then().statusCode(200).extract().asString());
        JsonNode types = message.get("structure").get("dimensions").get("series").get(4);
        assertEquals("STAKEHOLDER_TYPE", types.get("id").asText());
        assertEquals("Government", types.get("values").get(0).get("name").asText());
        assertEquals("_T", types.get("values").get(1).get("id").asText());
        assertEquals(1, message.get("dataSets").get(0).get("series").get("0:0:0:0:0").get("observations").get("0").get(0).asInt());
        assertEquals(3, message.get("dataSets").get(0).get("series").get("0:0:0:0:1").get("observations").get("0").get(0).asInt());
    }

    @Test
    void structuresAndAvailability() {
        given().get("/api/sdmx/dataflow/WSIS/all/latest").then().statusCode(200)
                .body("Structure.Structures.Dataflows.Dataflow.@id", hasItems("DF_ICT", "DF_STOCKTAKING"));
        XmlPath dsd = given().get("/api/sdmx/datastructure/WSIS/DSD_STOCKTAKING/1.0").then().statusCode(200).extract().xmlPath();
        assertEquals(List.of("FREQ", "ACTION_LINE", "SDG", "REGION", "STAKEHOLDER_TYPE"),
                dsd.getList("Structure.Structures.DataStructures.DataStructure.DataStructureComponents.DimensionList.Dimension.@id", String.class));
        List<String> regions = dsd.getList("Structure.Structures.Codelists.Codelist.find { it.@id == 'CL_REGION' }.Code.@id", String.class);
        assertEquals(List.of("_T", "AFR", "AMS", "ARB", "ASP", "CIS", "EUR", "INT", "_Z"), regions);
        given().get("/api/sdmx/codelist/WSIS/CL_ACTION_LINE/1.0").then().statusCode(200)
                .body(containsString("<str:Code id=\"C7_E-HEALTH\">"));
        given().get("/api/sdmx/conceptscheme/WSIS/CS_STOCKTAKING/1.0").then().statusCode(200).body(containsString("STAKEHOLDER_TYPE"));
        given().get("/api/sdmx/availableconstraint/DF_STOCKTAKING/A.C7_E-HEALTH..._T?startPeriod=1990&endPeriod=1990")
                .then().statusCode(200).body(containsString("<com:KeyValue id=\"SDG\"><com:Value>3</com:Value><com:Value>9</com:Value><com:Value>_T</com:Value></com:KeyValue>"))
                .body(containsString("<com:StartPeriod isInclusive=\"true\">1990</com:StartPeriod>"));
    }

    @Test
    void refusalsAreSdmxErrors() {
        given().get("/api/sdmx/data/DF_STOCKTAKING/A.C2._T._T").then().statusCode(400);                 // 4 of 5 dimensions
        given().get("/api/sdmx/data/DF_STOCKTAKING/A.C99._T._T._T").then().statusCode(404);             // unknown code
        given().get("/api/sdmx/data/DF_STOCKTAKING/all?updatedAfter=2020-01-01T00:00:00Z").then().statusCode(501);
        given().get("/api/sdmx/data/DF_STOCKTAKING/all?includeHistory=true").then().statusCode(501);
        given().get("/api/sdmx/data/DF_STOCKTAKING/all?junk=1").then().statusCode(400);
        given().accept("application/vnd.sdmx.data+json;version=3.0.0").get("/api/sdmx/data/DF_STOCKTAKING/all").then().statusCode(406);
        given().get("/api/sdmx/data/DF_NOPE/all").then().statusCode(404);
        given().get("/api/sdmx/data/DF_STOCKTAKING/all/OTHER_AGENCY").then().statusCode(404);
    }

    @Test
    void dimensionAtObservationAndLastN() {
        given().get("/api/sdmx/data/DF_STOCKTAKING/A.C2._T._T._T?dimensionAtObservation=AllDimensions&startPeriod=1990&endPeriod=1990")
                .then().statusCode(200).body(containsString("<generic:Value id=\"TIME_PERIOD\" value=\"1990\"/>"));
        String csv = given().get("/api/sdmx/data/DF_STOCKTAKING/A._T._T._T._T?lastNObservations=1&format=csvdata&endPeriod=1992")
                .then().statusCode(200).extract().asString();
        assertEquals(2, csv.split("\r\n").length, csv);
        assertTrue(csv.contains(",_T,_T,_T,_T,1992,1"), csv);
    }

    private static String csv(String key, String year) {
        var response = given().get("/api/sdmx/data/DF_STOCKTAKING/" + key + "?format=csvdata&startPeriod=" + year + "&endPeriod=" + year);
        return response.statusCode() == 200 ? response.asString() : "";
    }

    private void published(UUID entry, String publishedAt, List<String> actionLines, List<String> targets, List<String> regions,
                           String type) {
        ObjectNode data = classified(EventContracts.example("stocktaking-service", "entry-published.v2"), entry, publishedAt,
                actionLines, targets, regions, type);
        send(entry, envelope("org.wsis.stocktaking.entry.published.v2", entry, data));
    }

    /** stocktaking's own example, with this entry's classification (issue 19: never a payload written here). */
    private static ObjectNode classified(ObjectNode example, UUID entry, String publishedAt, List<String> actionLines,
                                         List<String> targets, List<String> regions, String type) {
        example.put("entryId", entry.toString()).put("publishedAt", publishedAt);
        actionLines.forEach(example.putArray("actionLines")::add);
        targets.forEach(example.putArray("sdgTargets")::add);
        regions.forEach(example.putArray("regions")::add);
        if (type == null) {
            example.remove("stakeholderType");
        } else {
            example.put("stakeholderType", type);
        }
        return example;
    }

    private static String envelope(String type, UUID entry, ObjectNode data) {
        return EventContracts.cloudEvent("/wsis/stocktaking-service", type, UUID.randomUUID().toString(), entry.toString(), data);
    }

    private void send(UUID key, String value) {
        topics.sendEvent("stocktaking.entries", key.toString(), value);
    }
}
