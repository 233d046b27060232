package org.wsis.indicators.statistics;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
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
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WSIS:DF_PRIZES from prizes' statistics-published.v1, fed prizes' own example (EventContracts) for editions no
 * other test uses: nothing before the event (prizes sends it at the ceremony), the example's figures in every
 * format after it, a redelivery changing nothing, and the results event on the same topic skipped.
 */
@Tag("integration")
@QuarkusTest
@QuarkusTestResource(value = PostgresKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "indicators"))
class PrizeStatisticsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestTopics topics = TestTopics.ofConfiguredBroker();

    @Test
    void theExampleEditionInEveryFormat() throws Exception {
        int edition = 2101;
        given().get(url(edition, "all") + "&format=csvdata").then().statusCode(404); // nothing before the ceremony's event
        // the results themselves come first on the topic: skipped, not dead-lettered, the stream flows
        send(edition, "org.wsis.prizes.results.published.v1", UUID.randomUUID().toString(),
                EventContracts.example("prizes-service", "results-published.v1").put("edition", edition));
        send(edition, "org.wsis.prizes.statistics.published.v1", UUID.randomUUID().toString(), example(edition));
        String csv = awaitCsv(edition);
        Map<String, Long> figures = new HashMap<>();
        String[] lines = csv.split("\r\n");
        assertEquals("DATAFLOW,FREQ,CATEGORY,REGION,STAKEHOLDER_TYPE,MEASURE,TIME_PERIOD,OBS_VALUE", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            figures.put(String.join(".", f[2], f[3], f[4], f[5]), Long.parseLong(f[7]));
        }
        // every row of the example, as entries, nominees and valid votes (action-line categories as SDMX ids)
        JsonNode rows = example(edition).get("statistics");
        assertEquals(rows.size() * 3, figures.size(), csv);
        for (JsonNode r : rows) {
            String key = r.get("category").asText().replace('.', '_') + "." + r.get("region").asText() + "." + r.get("stakeholderType").asText();
            assertEquals(r.get("entries").asLong(), figures.get(key + ".ENTRIES"), key);
            assertEquals(r.get("nominees").asLong(), figures.get(key + ".NOMINEES"), key);
            assertEquals(r.get("validVotes").asLong(), figures.get(key + ".VALID_VOTES"), key);
        }

        JsonNode json = JSON.readTree(given().accept("application/vnd.sdmx.data+json;version=1.0.0")
                .get(url(edition, "A._T._T._T.VALID_VOTES")).then().statusCode(200).extract().asString());
        assertEquals(120, json.get("dataSets").get(0).get("series").get("0:0:0:0:0").get("observations").get("0").get(0).asInt());
        XmlPath xml = new XmlPath(given().accept("application/vnd.sdmx.structurespecificdata+xml;version=2.1")
                .get(url(edition, "A.C7_E-HEALTH.AFR+INT._T.ENTRIES")).then().statusCode(200).extract().asString());
        assertEquals(List.of("AFR", "INT"), xml.getList("StructureSpecificData.DataSet.Series.@REGION", String.class));
        assertEquals(List.of("2", "1"), xml.getList("StructureSpecificData.DataSet.Series.Obs.@OBS_VALUE", String.class));
        given().get(url(edition, "A.C7_E-HEALTH._T._T.NOMINEES")).then().statusCode(200)
                .body(containsString("<generic:ObsDimension value=\"" + edition + "\"/><generic:ObsValue value=\"1\"/>"));
    }

    @Test
    void redeliveryChangesNothingAndStructuresAreServed() {
        int edition = 2102;
        String eventId = UUID.randomUUID().toString();
        send(edition, "org.wsis.prizes.statistics.published.v1", eventId, example(edition));
        ObjectNode altered = example(edition);
        ((ObjectNode) altered.get("statistics").get(altered.get("statistics").size() - 1)).put("validVotes", 999);
        send(edition, "org.wsis.prizes.statistics.published.v1", eventId, altered);   // the same event id again
        int marker = 2103;
        send(marker, "org.wsis.prizes.statistics.published.v1", UUID.randomUUID().toString(), example(marker));
        awaitCsv(marker); // everything before the marker was consumed
        given().get(url(edition, "A._T._T._T.VALID_VOTES") + "&format=csvdata").then().statusCode(200)
                .body(containsString("," + edition + ",120"));

        given().get("/api/sdmx/dataflow/WSIS/DF_PRIZES/1.0?references=all").then().statusCode(200)
                .body("Structure.Structures.Codelists.Codelist.@id", hasItems("CL_PRIZE_CATEGORY", "CL_REGION", "CL_PRIZE_MEASURE"))
                .body(containsString("<str:Code id=\"VALID_VOTES\">"));
        given().get("/api/sdmx/availableconstraint/DF_PRIZES/A....VALID_VOTES?startPeriod=" + edition + "&endPeriod=" + edition)
                .then().statusCode(200).body(containsString("<com:KeyValue id=\"CATEGORY\"><com:Value>C7_E-HEALTH</com:Value><com:Value>_T</com:Value>"));
    }

    private static String url(int edition, String key) {
        return "/api/sdmx/data/DF_PRIZES/" + key + "?startPeriod=" + edition + "&endPeriod=" + edition;
    }

    private static String awaitCsv(int edition) {
        String[] csv = {null};
        await("the statistics of " + edition).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var response = given().get(url(edition, "all") + "&format=csvdata");
            csv[0] = response.asString();
            return response.statusCode() == 200;
        });
        assertTrue(csv[0].startsWith("DATAFLOW,"), csv[0]);
        return csv[0];
    }

    /** prizes' own example (never a payload written here), for this edition. */
    private static ObjectNode example(int edition) {
        return EventContracts.example("prizes-service", "statistics-published.v1").put("edition", edition);
    }

    private void send(int edition, String type, String eventId, ObjectNode data) {
        topics.sendEvent("prizes.results", Integer.toString(edition),
                EventContracts.cloudEvent("/wsis/prizes-service", type, eventId, Integer.toString(edition), data));
    }
}
